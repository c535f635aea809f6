"""Issue 22: every machine-readable date is valid for a real timestamp (microseconds and all).

An article published the way the admin publishes (`revision.publish()` at `timezone.now()`, with
its microseconds), with an update log entry typed at a real time, is read back from every public
surface: `<time datetime>`, `article:` meta tags, JSON-LD, RSS and Atom feeds, the sitemap index,
its parts and the Google News sitemap. Each date there is whole seconds with the Paris offset.
"""

import datetime
import re

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from articles.models import ArticleUpdate
from demo import factories
from newsroom.dates import iso_datetime, machine_datetime
from tests import checkers

pytestmark = pytest.mark.django_db


def assert_machine_date(value: str, where: str):
    problem = checkers.machine_date_problem(value)
    assert problem is None, f"{where}: {problem}"


def assert_rfc822_date(value: str, where: str):
    problem = checkers.rfc822_date_problem(value)
    assert problem is None, f"{where}: {problem}"


def html_dates(html: str, url: str) -> list[tuple[str, str]]:
    """Every machine-readable date of an HTML page, with where it was found."""
    return [(f"{url} {label}", value) for label, value in checkers.html_machine_dates(BeautifulSoup(html, "html.parser"))]


@pytest.fixture
def published_now(section, author):
    """An article published the ordinary way, now: its timestamps carry microseconds."""
    entity = factories.make_entity(name="Mistral AI", slug="mistral-ai")
    article = factories.make_article(section=section, title="Publié à l'instant", authors=[author], tags=["Europe"], entities=[entity])
    ArticleUpdate.objects.create(article=article, kind="correction", date=timezone.now(), note="Un chiffre corrigé.")
    article.save_revision().publish()
    article.refresh_from_db()
    if not article.first_published_at.microsecond:  # one chance in a million: make it real
        type(article).objects.filter(pk=article.pk).update(first_published_at=article.first_published_at.replace(microsecond=201657))
        article.refresh_from_db()
    assert article.first_published_at.microsecond and article.last_published_at.microsecond
    return article, entity


def test_iso_datetime_is_to_the_second_at_paris_offset():
    winter = datetime.datetime(2026, 12, 4, 14, 9, 42, 201657, tzinfo=datetime.UTC)
    summer = datetime.datetime(2025, 7, 2, 7, 30, 0, 999999, tzinfo=datetime.UTC)

    assert iso_datetime(winter) == "2026-12-04T15:09:42+01:00"
    assert iso_datetime(summer) == "2025-07-02T09:30:00+02:00"
    assert iso_datetime(datetime.date(2025, 6, 12)) == "2025-06-12"
    assert iso_datetime(None) == ""
    assert machine_datetime(winter).tzinfo is not None and machine_datetime(winter).microsecond == 0


def test_every_html_surface_has_valid_machine_dates(client, published_now, section, author):
    article, entity = published_now
    urls = [
        "/",
        section.url,
        article.url,
        "/tags/europe/",
        f"/auteurs/{author.slug}/",
        f"/entites/{entity.slug}/",
        "/recherche/?q=instant",
    ]
    seen = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        dates = html_dates(response.content.decode(), url)
        seen[url] = len(dates)
        for where, value in dates:
            assert_machine_date(value, where)
    assert all(seen.values()), f"a page shows the article without a machine-readable date: {seen}"
    article_dates = html_dates(client.get(article.url).content.decode(), article.url)
    kinds = {where.split(" ", 1)[1].split(" ")[0] for where, _ in article_dates}
    assert {"<time>", "meta", "JSON-LD"} <= kinds


def test_every_feed_has_valid_machine_dates(client, published_now, section, author):
    _article, entity = published_now
    kinds = ["", f"rubrique/{section.slug}/", "tag/europe/", f"auteur/{author.slug}/", f"entite/{entity.slug}/"]
    for kind in kinds:
        for flavour in ("rss", "atom"):
            url = f"/flux/{kind}{flavour}/"
            response = client.get(url)
            assert response.status_code == 200, url
            root = ElementTree.fromstring(response.content)
            rfc822 = [element.text for element in root.iter() if element.tag in ("pubDate", "lastBuildDate")]
            w3c = [element.text for element in root.iter() if element.tag.rsplit("}", 1)[-1] in ("updated", "published")]
            assert w3c, url
            if flavour == "rss":
                assert rfc822, url
            for value in rfc822:
                assert_rfc822_date(value, url)
            for value in w3c:
                assert_machine_date(value, url)


def test_every_sitemap_has_valid_machine_dates(client, published_now):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    locations = re.findall(r"<loc>https?://[^/]+(/[^<]+)</loc>", index.content.decode())
    documents = {"/sitemap.xml": index.content} | {path: client.get(path).content for path in locations}
    documents["/sitemap-news.xml"] = client.get("/sitemap-news.xml").content
    dates = []
    for path, content in documents.items():
        root = ElementTree.fromstring(content)
        dates += [(path, element.text) for element in root.iter() if element.tag.rsplit("}", 1)[-1] in ("lastmod", "publication_date")]
    assert {path for path, _ in dates} >= {"/sitemap.xml", "/sitemap-news.xml", "/sitemap-articles.xml"}
    for path, value in dates:
        assert_machine_date(value, path)
