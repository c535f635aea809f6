"""Sitemaps, the Google News sitemap and robots.txt: valid XML, absolute locations, dates, and only
what a reader may see (never a draft, scheduled, private or unpublished page, never sponsored news)."""

import datetime
import xml.etree.ElementTree as ET

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from articles.models import ArticlePage
from demo import factories
from demo.partner_factories import make_partner
from newsroom.models import SiteIdentity

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SECTIONS = ("articles", "rubriques", "entites", "auteurs", "tags")
TRICKY_TITLE = 'L\'IA "générale" <enfin> & après'


def xml(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own response, in a test


def urls(client, section):
    """{loc: lastmod} of a sitemap part; every url must have both, lastmod as a W3C date and time."""
    root = xml(client, f"/sitemap-{section}.xml")
    assert root.tag == f"{SM}urlset"
    found = {}
    for url in root.findall(f"{SM}url"):
        loc, lastmod = url.findtext(f"{SM}loc"), url.findtext(f"{SM}lastmod")
        assert loc.startswith("http://testserver/"), loc
        assert lastmod, loc
        found[loc] = datetime.datetime.fromisoformat(lastmod)
    return found


@pytest.fixture
def published(section, author):
    entity = factories.make_entity(name="Mistral AI", slug="mistral-ai")
    return factories.make_article(section=section, title=TRICKY_TITLE, authors=[author], tags=["Robotique"], entities=[entity])


def test_index_lists_the_five_parts_with_absolute_locations_and_lastmod(client, published):
    root = xml(client, "/sitemap.xml")

    assert root.tag == f"{SM}sitemapindex"
    entries = {item.findtext(f"{SM}loc"): item.findtext(f"{SM}lastmod") for item in root.findall(f"{SM}sitemap")}
    assert set(entries) == {f"http://testserver/sitemap-{name}.xml" for name in SECTIONS}
    assert all(entries.values())


def test_each_part_lists_its_pages_with_lastmod(client, published, section, author):
    date = published.last_published_at.replace(microsecond=0)

    assert urls(client, "articles") == {f"http://testserver{published.url}": date}
    assert urls(client, "rubriques") == {f"http://testserver{section.url}": date}
    assert urls(client, "entites") == {"http://testserver/entites/mistral-ai/": date}
    assert urls(client, "auteurs") == {f"http://testserver/auteurs/{author.slug}/": date}
    assert urls(client, "tags") == {"http://testserver/tags/robotique/": date}


def test_section_lastmod_follows_its_newest_article(client, section):
    later = timezone.now() + datetime.timedelta(days=3)
    factories.make_article(section=section, published_at=later)

    assert urls(client, "rubriques") == {f"http://testserver{section.url}": later.replace(microsecond=0)}


def test_unknown_part_is_not_found(client, home):
    assert client.get("/sitemap-inconnu.xml").status_code == 404


def hide(section):
    """A draft, a scheduled, a private and an unpublished article, each with its own author and tag."""
    articles = []
    for kind in ("brouillon", "programme", "prive", "retire"):
        author = factories.make_author(slug=f"auteur-{kind}")
        entity = factories.make_entity(slug=f"entite-{kind}", live=False)
        article = factories.make_article(
            section=section,
            title=f"Caché {kind}",
            authors=[author],
            tags=[f"secret-{kind}"],
            entities=[entity],
            publish=kind in ("prive", "retire"),
        )
        if kind == "programme":
            article.go_live_at = timezone.now() + datetime.timedelta(days=1)
            article.save_revision().publish()
        elif kind == "prive":
            PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="secret")
        elif kind == "retire":
            article.unpublish()
        articles.append(article)
    return articles


def test_drafts_scheduled_private_and_unpublished_pages_never_appear(client, published, section):
    hidden = hide(section)
    private_section = factories.make_section(title="Réservée")
    PageViewRestriction.objects.create(page=private_section, restriction_type=PageViewRestriction.PASSWORD, password="secret")

    everything = "".join(client.get(f"/sitemap-{name}.xml").content.decode() for name in SECTIONS)
    everything += client.get("/sitemap-news.xml").content.decode()

    for article in hidden:
        assert f"/{article.slug}/" not in everything
        assert "secret-" not in everything
        assert "auteur-" not in everything
        assert "entite-" not in everything
    assert f"/{private_section.slug}/" not in everything
    assert len(urls(client, "articles")) == 1
    assert len(urls(client, "auteurs")) == 1
    assert len(urls(client, "tags")) == 1


def test_author_and_tag_without_live_article_are_left_out(client, section):
    factories.make_author(slug="sans-article")
    factories.make_article(section=section, tags=["Brouillon"], publish=False)

    assert urls(client, "auteurs") == {}
    assert urls(client, "tags") == {}


# --- Google News -----------------------------------------------------------------------------


def news(client):
    response = client.get("/sitemap-news.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response, in a test
    assert root.tag == f"{SM}urlset"
    return response.content.decode(), root.findall(f"{SM}url")


def test_news_sitemap_has_publication_language_date_and_escaped_title(client, published):
    SiteIdentity.objects.update_or_create(site_id=published.get_site().pk, defaults={"name": "L'Observatoire & Cie"})

    raw, entries = news(client)

    assert 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in raw
    (entry,) = entries
    assert entry.findtext(f"{SM}loc") == f"http://testserver{published.url}"
    block = entry.find(f"{NEWS}news")
    assert block.findtext(f"{NEWS}publication/{NEWS}name") == "L'Observatoire & Cie"
    assert block.findtext(f"{NEWS}publication/{NEWS}language") == "fr"
    assert block.findtext(f"{NEWS}title") == TRICKY_TITLE
    date = datetime.datetime.fromisoformat(block.findtext(f"{NEWS}publication_date"))
    assert date == published.first_published_at.replace(microsecond=0)


def test_news_sitemap_keeps_only_the_last_48_hours_and_never_sponsored(client, section):
    now = timezone.now()
    recent = factories.make_article(section=section, title="Récent", published_at=now - datetime.timedelta(hours=47))
    factories.make_article(section=section, title="Ancien", published_at=now - datetime.timedelta(hours=49))
    factories.make_article(section=section, title="Sponsorisé", sponsor=make_partner(name="Stéréance"))

    raw, entries = news(client)

    assert [entry.find(f"{NEWS}news").findtext(f"{NEWS}title") for entry in entries] == ["Récent"]
    assert recent.url in raw
    assert "Sponsorisé" not in raw and "Ancien" not in raw
    assert ArticlePage.objects.filter(sponsor__isnull=False).live().exists()


# --- robots.txt ------------------------------------------------------------------------------


def test_robots_txt_allows_all_but_admin_and_partner_clicks_and_names_both_sitemaps(client, home):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[:4] == ["User-agent: *", "Allow: /", "Disallow: /admin/", "Disallow: /partenaires/"]
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
