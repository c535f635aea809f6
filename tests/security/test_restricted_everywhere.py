"""Issue 18, finding 6: nothing restricted appears anywhere public.

For a login-restricted and a group-restricted article, every public surface that could name it —
the deals and article lists of both entity pages, tag and author pages, the rubrique and home
listings, the « À lire aussi » block (chosen picks and body links), every feed, search and the
sitemaps — is read as an anonymous reader: neither its headline nor its address (its slug) shows.
"""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from demo import factories
from entities.models import Deal

pytestmark = pytest.mark.django_db

KINDS = (PageViewRestriction.LOGIN, PageViewRestriction.GROUPS)


@pytest.fixture(params=KINDS)
def world(request, section):
    """A restricted article reporting a deal between two entities, with a tag and an author, chosen
    as « À lire aussi » and linked from the body of a public article."""
    kind = request.param
    buyer = factories.make_entity(name="Acheteur Groupe", slug="acheteur-groupe", kind="entreprise")
    target = factories.make_entity(name="Cible Startup", slug="cible-startup", kind="entreprise")
    author = factories.make_author(name="Plume Secrète", slug="plume-secrete")
    secret = factories.make_article(
        section=section,
        title="Rachat confidentiel de Cible",
        slug=f"rachat-confidentiel-{kind}",
        authors=[author],
        tags=["Rachats"],
        entities=[buyer, target],
    )
    factories.link_deal(secret, source=buyer, target=target, kind=Deal.Kind.ACQUISITION, status=Deal.Status.DONE, amount=1_000_000)
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=kind)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name="Rédaction en chef")])
    public = factories.make_article(
        section=section,
        title="Un article public",
        tags=["Rachats"],
        authors=[author],
        entities=[buyer, target],
        related=[secret],
        body=[
            {"type": "paragraph", "value": "<p>Un paragraphe public.</p>"},
            {"type": "read_also", "value": {"article": secret.pk, "label": ""}},
        ],
    )
    return {"secret": secret, "public": public, "section": section}


def surfaces(world):
    public = world["public"]
    return [
        "/",
        world["section"].url,
        public.url,
        "/entites/acheteur-groupe/",
        "/entites/cible-startup/",
        "/entites/",
        "/tags/rachats/",
        "/auteurs/plume-secrete/",
        "/recherche/?q=rachat",
        "/recherche/?q=confidentiel",
        "/flux/rss/",
        "/flux/atom/",
        f"/flux/rubrique/{world['section'].slug}/rss/",
        "/flux/tag/rachats/rss/",
        "/flux/auteur/plume-secrete/atom/",
        "/flux/entite/acheteur-groupe/rss/",
        "/flux/entite/cible-startup/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
        "/sitemap-tags.xml",
        "/sitemap-auteurs.xml",
        "/sitemap-entites.xml",
    ]


def test_a_restricted_article_appears_on_no_public_surface(client, world):
    secret = world["secret"]
    for url in surfaces(world):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert secret.slug not in content, url
        assert "Rachat confidentiel" not in content, url  # its headline (a search echoes only the query)


def test_the_surfaces_do_show_the_public_article_and_the_deal(client, world):
    # The same pages are not blank: the public article, and the deal without its report, are there.
    entity_page = client.get("/entites/cible-startup/").content.decode()
    assert "Un article public" in entity_page
    assert "Acheteur Groupe" in entity_page
    assert "Un article public" in client.get("/tags/rachats/").content.decode()
    assert "<li>Lire\u00a0: " not in entity_page


def test_a_public_report_of_a_deal_is_linked_from_both_entity_pages(client, section):
    buyer = factories.make_entity(name="Acheteur Groupe", slug="acheteur-groupe", kind="entreprise")
    target = factories.make_entity(name="Cible Startup", slug="cible-startup", kind="entreprise")
    report = factories.make_article(section=section, title="Acheteur rachète Cible")
    factories.link_deal(report, source=buyer, target=target, kind=Deal.Kind.ACQUISITION)

    for url in ("/entites/acheteur-groupe/", "/entites/cible-startup/"):
        assert f'<li>Lire\u00a0: <a href="{report.url}">Acheteur rachète Cible</a>, <time' in client.get(url).content.decode(), url
