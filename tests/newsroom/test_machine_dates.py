"""Issue 22: every machine-readable date is valid for a real timestamp (microseconds and all).

An article published the way the admin publishes (`revision.publish()` at `timezone.now()`, with
its microseconds), with an update log entry typed at a real time, is read back from every public
surface: `<time datetime>`, `article:` meta tags, JSON-LD, RSS and Atom feeds, the sitemap index,
its parts and the Google News sitemap. Each date there is whole seconds with the Paris offset.
"""

import datetime
import email.utils
import json
import re
import zoneinfo

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from articles.models import ArticleUpdate
from demo import factories
from newsroom.dates import iso_datetime, machine_datetime

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# W3C date or date-time to the second: what <time datetime>, sitemaps and schema.org all accept.
W3C = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")
JSON_LD_DATE_KEYS = re.compile(r"^date|Date$|^(uploadDate|startDate|endDate|foundingDate|birthDate|expires)$")


def assert_machine_date(value: str, where: str):
    """`value` is a W3C date, or a date-time to the second carrying Paris's offset at that instant."""
    assert W3C.match(value), f"{where}: {value!r} is not a date-time to the second"
    if "T" in value:
        moment = datetime.datetime.fromisoformat(value)
        assert moment.utcoffset() == moment.astimezone(PARIS).utcoffset(), f"{where}: {value!r} is not at Paris's offset"


def assert_rfc822_date(value: str, where: str):
    moment = email.utils.parsedate_to_datetime(value)
    assert moment.utcoffset() == moment.astimezone(PARIS).utcoffset(), f"{where}: {value!r} is not at Paris's offset"


def json_ld_dates(node, path="$"):
    """Every (path, value) of a JSON-LD tree whose key names a date."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and JSON_LD_DATE_KEYS.search(key):
                yield f"{path}.{key}", value
            else:
                yield from json_ld_dates(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from json_ld_dates(value, f"{path}[{index}]")


def html_dates(html: str, url: str) -> list[tuple[str, str]]:
    """Every machine-readable date of an HTML page, with where it was found."""
    soup = BeautifulSoup(html, "html.parser")
    found = [(f"{url} <time>", tag["datetime"]) for tag in soup.find_all("time") if tag.has_attr("datetime")]
    for meta in soup.find_all("meta"):
        name = meta.get("property") or meta.get("name") or ""
        if name.endswith(("_time", ":published", ":modified")):
            found.append((f"{url} meta {name}", meta["content"]))
    for script in soup.find_all("script", type="application/ld+json"):
        found += [(f"{url} JSON-LD {path}", value) for path, value in json_ld_dates(json.loads(script.string))]
    return found


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
