"""Issue 12, flat cost: a listing's queries read a bounded number of rows whatever the archive.

The paginator counts at most a few pages past the one asked for (`CappedPaginator`), and the home
page's rubrique blocks take each rubrique's newest stories with a LIMIT per rubrique instead of a
window over every article. Privacy is still decided inside those queries.
"""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from articles import selectors
from articles.models import ArticlePage
from demo import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.NEWSROOM_PAGE_CACHE = False


def _pagination(response) -> str:
    found = re.search(r'<nav class="pagination".*?</nav>', response.content.decode(), re.DOTALL)
    return re.sub(r"\s+", " ", found.group(0)) if found else ""


def test_past_the_counted_pages_a_listing_shows_a_next_page_without_a_total(client, section, monkeypatch):
    # One page counted past the one asked for: 26 articles are 3 pages of 12, page 1 counts 24 + 1.
    monkeypatch.setattr(selectors, "COUNTED_PAGES_AHEAD", 1)
    for number in range(26):
        factories.make_article(section=section, title=f"Article numéro {number}")

    with CaptureQueriesContext(connection) as captured:
        first = _pagination(client.get(section.url))
    # Read before the next request: Django empties the query log when a request starts.
    counts = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"]]
    second = _pagination(client.get(section.url + "?page=2"))
    beyond = _pagination(client.get(section.url + "?page=40"))
    below = _pagination(client.get(section.url + "?page=-2"))

    assert "Page 1</span>" in first and "sur" not in first and 'href="?page=2" rel="next"' in first
    assert "Page 2 sur 3" in second and 'rel="next"' in second
    assert "Page 3 sur 3" in beyond and 'rel="next"' not in beyond
    assert "Page 1</span>" in below and 'rel="prev"' not in below
    # The count stops after 25 rows and sorts nothing: never a COUNT over the whole listing.
    assert len(counts) == 1 and "LIMIT 25" in counts[0] and "ORDER BY" not in counts[0]


def test_a_short_listing_keeps_its_exact_total(client, section):
    for number in range(14):
        factories.make_article(section=section, title=f"Article numéro {number}")

    assert "Page 1 sur 2" in _pagination(client.get(section.url))
    assert "Page 2 sur 2" in _pagination(client.get(section.url + "?page=2"))


def test_search_results_are_still_counted_whole():
    page = selectors.paginate(list(range(200)), "2")

    assert page.number == 2 and page.paginator.num_pages == 17 and not getattr(page.paginator, "capped", False)


def test_rubrique_blocks_take_the_newest_public_stories_of_each_rubrique(home, section):
    """The LIMIT-per-rubrique query gives the rows of the window query it replaces (kept for
    SQLite), and neither shows a private rubrique's article nor a restricted one."""
    other = factories.make_section(title="Recherche")
    closed = factories.make_section(title="Rubrique fermée")
    start = datetime.datetime(2026, 1, 1, 8, tzinfo=datetime.UTC)
    for day in range(5):
        for rubrique in (section, other, closed):
            factories.make_article(section=rubrique, title=f"{rubrique.title} {day}", published_at=start + datetime.timedelta(days=day))
    restricted = ArticlePage.objects.get(title="Recherche 4")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    articles = selectors.teaser_queryset().descendant_of(home)
    prefix = (home.depth + 1) * home.steplen
    sections = [section, other, closed]

    newest = [article.title for article in selectors._newest_by_section(articles, sections)]
    window = [article.title for article in selectors._newest_by_section_window(articles, prefix)]
    blocks = [
        (rubrique.title, [article.title for article in items]) for rubrique, items in selectors._section_blocks(articles, home, sections)
    ]

    assert newest == window
    assert blocks == [
        (section.title, [f"{section.title} 4", f"{section.title} 3", f"{section.title} 2"]),
        ("Recherche", ["Recherche 3", "Recherche 2", "Recherche 1"]),
    ]
