"""Every role against every admin area, with the expected answer per cell; denied POSTs change nothing.

Wagtail denies with a redirect (to the login page, or to the dashboard with a message) or a 403:
both count as « denied ». « allowed » is a 200.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

import pytest

from demo import factories as article_factories
from demo.partner_factories import make_logo, make_partner
from entities.models import Entity
from partners.models import Partner
from tests.security import admin_walk as walk

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]

ROLES = ["anonymous", "journalist", "editor", "sales", "superuser"]
Y, N = "allowed", "denied"

# area: (url template, {role: expected}) — roles in the order of ROLES.
MATRIX = {
    "dashboard": ("/admin/", [N, Y, Y, Y, Y]),
    "pages explorer": ("/admin/pages/{home}/", [N, Y, Y, N, Y]),
    "page edit": ("/admin/pages/{article}/edit/", [N, Y, Y, N, Y]),
    "page add": ("/admin/pages/add/articles/articlepage/{section}/", [N, Y, Y, N, Y]),
    "images": ("/admin/images/", [N, Y, Y, Y, Y]),
    "image add": ("/admin/images/add/", [N, Y, Y, Y, Y]),
    "image edit (root collection)": ("/admin/images/{image}/", [N, N, Y, N, Y]),
    "image edit (Partenaires)": ("/admin/images/{logo}/", [N, N, Y, Y, Y]),
    "documents": ("/admin/documents/", [N, Y, Y, N, Y]),
    "authors": ("/admin/snippets/articles/author/", [N, Y, Y, N, Y]),
    "entities": ("/admin/snippets/entities/entity/", [N, Y, Y, N, Y]),
    "entity add": ("/admin/snippets/entities/entity/add/", [N, Y, Y, N, Y]),
    "partners": ("/admin/snippets/partners/partner/", [N, N, Y, Y, Y]),
    "partner add": ("/admin/snippets/partners/partner/add/", [N, N, N, Y, Y]),
    "partner edit": ("/admin/snippets/partners/partner/edit/{partner}/", [N, N, N, Y, Y]),
    "partner delete": ("/admin/snippets/partners/partner/delete/{partner}/", [N, N, N, N, Y]),
    "partner clicks report": ("/admin/partenaires/statistiques/", [N, N, N, Y, Y]),
    "partner clicks report by month": ("/admin/partenaires/statistiques/mois/", [N, N, N, Y, Y]),
    "locked pages report": ("/admin/reports/locked/", [N, N, Y, N, Y]),
    # Any admin user may open the site history; it lists only what they are allowed to see.
    "site history report": ("/admin/reports/site-history/", [N, Y, Y, Y, Y]),
    "site settings": ("/admin/settings/newsroom/siteidentity/{site}/", [N, N, Y, N, Y]),
    "users": ("/admin/users/", [N, N, N, N, Y]),
    "groups": ("/admin/groups/", [N, N, N, N, Y]),
    "workflows": ("/admin/workflows/list/", [N, N, N, N, Y]),
    "collections": ("/admin/collections/", [N, N, N, N, Y]),
    "redirects": ("/admin/redirects/", [N, N, N, N, Y]),
}


@pytest.fixture(autouse=True)
def _no_n_plus_one_watch():
    """Wagtail's admin listings repeat queries zeal reports as N+1 (image thumbnails); this file is
    about who gets in, and an N+1 error would read as a 500. See tests/security/admin_walk.py."""
    from zeal import zeal_ignore

    with zeal_ignore():
        yield


@pytest.fixture
def world(home, section, author):
    article = article_factories.make_article(section=section, authors=[author])
    image = article_factories.make_image()
    logo = make_logo(text="logo")
    partner = make_partner(name="Partenaire", logo=logo)
    site = Site.objects.get(is_default_site=True)
    return {
        "site": site.pk,
        "home": home.pk,
        "section": section.pk,
        "article": article.pk,
        "image": image.pk,
        "logo": logo.pk,
        "partner": partner.pk,
    }


@pytest.fixture
def users(journalist, editor, sales, superuser):
    return {"anonymous": None, "journalist": journalist, "editor": editor, "sales": sales, "superuser": superuser}


def answer(response) -> str:
    """« allowed » or « denied » as tests/security/admin_walk.py reads a response (a 200 here: these
    are pages to open), else the status."""
    return {walk.ALLOWED: Y, walk.DENIED: N}.get(walk.answer(response), f"unexpected {response.status_code}")


def test_every_role_against_every_admin_area(client, world, users):
    seen, expected = {}, {}
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        for area, (url, answers) in MATRIX.items():
            seen[(area, role)] = answer(client.get(url.format(**world)))
            expected[(area, role)] = answers[ROLES.index(role)]

    wrong = {cell: f"expected {expected[cell]}, got {seen[cell]}" for cell in seen if seen[cell] != expected[cell]}
    assert wrong == {}


def test_sales_see_only_the_partenaires_collection(client, world, sales):
    client.force_login(sales)

    response = client.get("/admin/images/")

    assert response.status_code == 200
    listed = {image.pk for image in response.context["page_obj"].object_list}
    assert listed == {world["logo"]}
    assert set(Collection.objects.filter(group_permissions__group__name="Commercial").values_list("name", flat=True)) == {"Partenaires"}


def test_sales_group_has_no_page_entity_or_user_permission():
    sales = Group.objects.get(name="Commercial")

    assert not sales.page_permissions.exists()
    codenames = set(sales.permissions.values_list("content_type__app_label", "codename"))
    assert codenames == {
        ("wagtailadmin", "access_admin"),
        ("partners", "add_partner"),
        ("partners", "change_partner"),
        ("partners", "view_partner"),
        # Sales see the newsletter editions and the reads of sponsored articles (audience/), read-only.
        ("audience", "view_edition"),
        ("audience", "view_articlereadcount"),
    }
    collection_perms = set(sales.collection_permissions.values_list("collection__name", "permission__codename"))
    assert collection_perms == {("Partenaires", "add_image"), ("Partenaires", "change_image"), ("Partenaires", "choose_image")}


def test_denied_posts_change_nothing(client, world, users):
    article = Page.objects.get(pk=world["article"]).specific
    # auth_user aside: logging in as each role moves last_login; the user count is checked below.
    tables = [table for table in walk.FINGERPRINTED_TABLES if table != "auth_user"]
    before, users_before = walk.fingerprint(tables), get_user_model().objects.count()
    title_before = article.title

    client.force_login(users["sales"])
    client.post(f"/admin/pages/{world['article']}/edit/", {"title": "Piraté", "slug": "pirate", "action-publish": "1"})
    client.post(f"/admin/pages/add/articles/articlepage/{world['section']}/", {"title": "Intrus", "slug": "intrus"})
    client.post(f"/admin/pages/{world['article']}/delete/", {})
    client.post("/admin/snippets/entities/entity/add/", {"name": "Intrus", "kind": "entreprise"})
    client.post("/admin/users/add/", {"username": "intrus", "password1": "x" * 20, "password2": "x" * 20})
    client.post(f"/admin/snippets/partners/partner/delete/{world['partner']}/", {})
    client.post(f"/admin/images/{world['image']}/delete/", {})

    client.force_login(users["journalist"])
    client.post("/admin/snippets/partners/partner/add/", {"name": "Intrus", "url": "https://intrus.example/", "logo_alt": "x"})
    client.post(f"/admin/snippets/partners/partner/edit/{world['partner']}/", {"name": "Piraté", "url": "https://intrus.example/"})

    client.logout()
    client.post("/admin/snippets/partners/partner/add/", {"name": "Anonyme", "url": "https://intrus.example/"})

    # Row counts, highest ids and a checksum of every row of the key tables (tests/security/admin_walk.py).
    assert walk.changed_tables(before, walk.fingerprint(tables)) == []
    assert get_user_model().objects.count() == users_before
    article.refresh_from_db()
    assert article.title == title_before
    assert Partner.objects.get(pk=world["partner"]).name == "Partenaire"
    assert get_user_model().objects.filter(username="intrus").count() == 0
    assert not Entity.objects.filter(name="Intrus").exists()
    assert get_image_model().objects.filter(pk=world["image"]).exists()
