"""A page never takes the address of a fixed route: `/recherche/` is the search page, for good."""

import importlib
import re

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from articles.models import SectionPage
from demo import factories
from newsroom.reserved_paths import check_slug, reserved_slugs_under, site_root_reserved_slugs
from pages.models import SimplePage

pytestmark = pytest.mark.django_db

REFUSAL = "est réservée à une page fixe du site"


def test_every_fixed_route_of_the_site_is_reserved():
    reserved = site_root_reserved_slugs()
    # Read from the URL configuration (and the home page's own routes, checked below), not a list.
    for slug in ("recherche", "flux", "admin", "documents", "health", "partenaires", "sitemap.xml", "robots.txt", "api", "static"):
        assert slug in reserved, slug


@pytest.mark.parametrize("slug", ["recherche", "flux", "entites", "auteurs", "tags", "api", "admin", "Recherche"])
def test_a_rubrique_cannot_take_a_reserved_slug(home, slug):
    section = SectionPage(title="Recherche", slug=slug)
    with pytest.raises(ValidationError) as refused:
        home.add_child(instance=section)
    assert REFUSAL in " ".join(refused.value.message_dict["slug"])
    assert not SectionPage.objects.filter(slug__iexact=slug).exists()


def test_a_simple_page_cannot_take_a_reserved_slug(home):
    with pytest.raises(ValidationError):
        home.add_child(instance=SimplePage(title="Flux", slug="flux"))


def test_a_reserved_word_is_fine_deeper_in_the_tree(section):
    # `/business/recherche/` clashes with nothing: only the site root's children are checked.
    check_slug("recherche", section)
    assert "recherche" not in reserved_slugs_under(section)
    assert {"auteurs", "entites", "tags"} <= reserved_slugs_under(section.get_parent())


def test_the_admin_refuses_a_reserved_slug_with_a_french_form_error(client, superuser, home):
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "Recherche",
            "slug": "recherche",
            "intro": "",
            "seo_title": "",
            "search_description": "",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )
    response = client.post(f"/admin/pages/add/articles/sectionpage/{home.pk}/", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert REFUSAL in html
    assert not SectionPage.objects.filter(slug="recherche").exists()


def test_the_admin_refuses_a_reserved_slug_for_a_simple_page(client, superuser, home):
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "Auteurs",
            "slug": "auteurs",
            "intro": "",
            "body": streamfield([]),
            "last_updated": "2026-12-01",
            "seo_title": "",
            "search_description": "",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )
    response = client.post(f"/admin/pages/add/pages/simplepage/{home.pk}/", data)

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert not SimplePage.objects.exists()


def test_the_migration_moves_an_existing_recherche_rubrique_and_redirects_its_articles(client, home):
    # A database from before the rule: the rubrique holds the search page's address.
    section = factories.make_section(title="Recherche")
    article = factories.make_article(section=section, title="Les hallucinations des modèles")
    old_prefix = section.url_path
    clash_prefix = old_prefix[: -len(section.slug) - 1] + "recherche/"
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailcore_page SET url_path = %s || substr(url_path, %s) WHERE path LIKE %s",
            [clash_prefix, len(old_prefix) + 1, section.path + "%"],
        )
    Page.objects.filter(pk=section.pk).update(slug="recherche")
    cache.clear()
    assert 'class="search-form"' in client.get("/recherche/").content.decode()  # the rubrique was unreachable

    migration = importlib.import_module("pages.migrations.0002_rename_reserved_slugs")
    migration.rename_reserved(apps, None)
    cache.clear()  # as `manage.py purge_cache` after the deployment (README)

    section.refresh_from_db()
    assert section.slug == "recherche-ia"
    assert section.latest_revision.content["slug"] == "recherche-ia"  # republishing keeps it
    response = client.get("/recherche-ia/")
    assert response.status_code == 200
    assert re.search(r"<h1>\s*Recherche\s*</h1>", response.content.decode())
    assert client.get(f"/recherche-ia/{article.slug}/").status_code == 200
    redirect = Redirect.objects.get(old_path=f"/recherche/{article.slug}")
    assert redirect.is_permanent and redirect.redirect_page_id == article.pk
    moved = client.get(f"/recherche/{article.slug}/")
    assert moved.status_code == 301 and moved["Location"].endswith(f"/recherche-ia/{article.slug}/")
