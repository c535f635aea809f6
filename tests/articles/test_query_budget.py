"""Exact query counts: a page costs the same with 1 or 20 tags, authors, entities, sources,
related articles or teasers."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from articles import factories

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    # A cold cache, as after a deploy: Wagtail's site root paths cost one query then.
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def build_article(section, size):
    image = factories.make_image()
    authors = [factories.make_author() for _ in range(size)]
    related = [
        factories.make_article(section=section, authors=authors[:1], hero_image=image, hero_alt="Illustration") for _ in range(min(size, 3))
    ]
    body = [
        {"type": "paragraph", "value": "<p>Texte.</p>"},
        {"type": "image", "value": {"image": image.pk, "alt": "Illustration", "caption": "", "credit": ""}},
        {"type": "read_also", "value": {"article": related[0].pk, "label": ""}},
    ]
    entities = [factories.make_entity() for _ in range(size)]
    return factories.make_article(
        section=section,
        authors=authors,
        entities=entities,
        sources=[entity for entity in entities if entity.kind == "media"],
        tags=[f"Mot-clé {index}" for index in range(size)],
        related=related,
        body=body,
        hero_image=image,
        hero_alt="Illustration",
    )


# Exact budgets per page type, whatever the number of tags, authors, related articles or teasers.
# Wagtail's routing alone costs 2 queries per tree level (child lookup, then `.specific`); the
# performance issue brings these down with routing and chrome caches.
ARTICLE_BUDGET = 26
SECTION_BUDGET = 18
HOME_BUDGET = 20
ROUTE_BUDGET = 17  # author and tag pages, served by the home page's routes


@pytest.mark.parametrize("size", [1, 20])
def test_article_page_query_count_is_flat(client, section, size):
    article = build_article(section, size)

    assert count_queries(client, article.url) == ARTICLE_BUDGET


@pytest.mark.parametrize("size", [1, 20])
def test_section_page_query_count_is_flat(client, section, size):
    for _ in range(size):
        build_article(section, 2)

    assert count_queries(client, section.url) == SECTION_BUDGET


@pytest.mark.parametrize("size", [1, 20])
def test_home_page_query_count_is_flat(client, section, size):
    for _ in range(size):
        build_article(section, 2)

    assert count_queries(client, "/") == HOME_BUDGET


@pytest.mark.parametrize("size", [1, 20])
def test_author_and_tag_pages_query_count_is_flat(client, section, size):
    author = factories.make_author(slug="signataire")
    image = factories.make_image()
    for _ in range(size):
        factories.make_article(section=section, authors=[author], tags=["Robotique"], hero_image=image, hero_alt="x")

    assert count_queries(client, "/auteurs/signataire/") == ROUTE_BUDGET
    assert count_queries(client, "/tags/robotique/") == ROUTE_BUDGET
