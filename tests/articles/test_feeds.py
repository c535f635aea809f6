"""RSS and Atom feeds: valid for feedparser, exact titles and dates, enclosures, sponsored labels,
nothing a reader may not see, and a query count that does not grow with the number of items."""

import datetime
import html

from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import feedparser
import pytest

from articles.feed_body import ENCLOSURE_RENDITION
from articles.feeds import ITEM_COUNT
from articles.models import ArticlePage
from demo import factories
from demo.partner_factories import make_partner

pytestmark = pytest.mark.django_db

TRICKY_TITLE = 'L\'IA "générale" <enfin> & après : l’ère des agents ?'
FORMATS = ("rss", "atom")


@pytest.fixture
def entity(db):
    return factories.make_entity(name="Mistral AI", slug="mistral-ai", kind="entreprise")


@pytest.fixture
def article(section, author, entity):
    """A published article in every feed: section, tag, author and entity, with a hero image."""
    image = factories.make_image()
    body = [
        {
            "type": "paragraph",
            "value": f'<p>Voir la <a linktype="page" id="{section.pk}">rubrique</a> et <a href="/tags/robotique/">ce thème</a>.</p>',
        },
        {"type": "heading", "value": {"text": "Ce qui change", "level": "h2"}},
        {"type": "image", "value": {"image": image.pk, "alt": "Un schéma", "caption": "Légende", "credit": "DR"}},
        {"type": "quote", "value": {"quote": "Une phrase.", "attribution": "Quelqu'un"}},
    ]
    article = factories.make_article(
        section=section,
        title=TRICKY_TITLE,
        chapo="Le chapô : 1 < 2 & « guillemets ».",
        authors=[author, factories.make_author(name="Léa Martin")],
        tags=["Robotique", "Recherche"],
        entities=[entity],
        hero_image=image,
        hero_alt="Une illustration",
        body=body,
    )
    # Corrected two hours after it first went out: the update date must differ from the publication date.
    first = article.first_published_at - datetime.timedelta(hours=3)
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=first, last_published_at=first + datetime.timedelta(hours=2))
    article.refresh_from_db()
    return article


def feed_paths(section, author, entity, fmt):
    return [
        f"/flux/{fmt}/",
        f"/flux/rubrique/{section.slug}/{fmt}/",
        f"/flux/tag/robotique/{fmt}/",
        f"/flux/auteur/{author.slug}/{fmt}/",
        f"/flux/entite/{entity.slug}/{fmt}/",
    ]


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    return response, parsed


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_feed_kind_parses_with_exact_titles_dates_authors_and_tags(client, article, section, author, entity, fmt):
    for path in feed_paths(section, author, entity, fmt):
        response, parsed = parse(client, path)
        expected_type = "application/rss+xml" if fmt == "rss" else "application/atom+xml"
        assert response["Content-Type"].startswith(expected_type)
        assert parsed.feed.get("language", "fr") == "fr"
        assert len(parsed.entries) == 1, path
        entry = parsed.entries[0]
        assert entry.title == TRICKY_TITLE
        assert entry.link == f"http://testserver{article.url}"
        published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
        assert published == article.first_published_at.replace(microsecond=0)
        updated = datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC)
        assert updated == article.last_published_at.replace(microsecond=0)
        assert [a["name"] for a in entry.authors] == ["Claire Dubreuil", "Léa Martin"]
        assert sorted(tag.term for tag in entry.tags) == ["Recherche", "Robotique"]
        assert html.unescape(entry.summary) == article.chapo
        assert entry.id.endswith(f":article-{article.pk}")


def test_rss_declares_french_and_one_guid_per_item(client, article):
    body = client.get("/flux/rss/").content.decode()

    assert "<language>fr</language>" in body
    assert f'<guid isPermaLink="false">tag:testserver,{article.first_published_at:%Y-%m-%d}:article-{article.pk}</guid>' in body


@pytest.mark.parametrize("fmt", FORMATS)
def test_enclosure_is_the_absolute_hero_rendition_with_its_size_and_type(client, article, fmt):
    _, parsed = parse(client, f"/flux/{fmt}/")

    rendition = article.hero_image.get_rendition(ENCLOSURE_RENDITION)
    (enclosure,) = parsed.entries[0].enclosures
    assert enclosure["href"] == f"http://testserver{rendition.url}"
    assert int(enclosure["length"]) == rendition.file.size > 0
    assert enclosure["type"] == "image/jpeg"


@pytest.mark.parametrize("fmt", FORMATS)
def test_full_content_has_the_body_with_absolute_links_and_images(client, article, section, fmt):
    _, parsed = parse(client, f"/flux/{fmt}/")

    content = parsed.entries[0].content[0].value
    assert f'href="http://testserver{section.url}"' in content
    assert 'href="http://testserver/tags/robotique/"' in content
    assert '<h2 id="ce-qui-change">Ce qui change</h2>' in content
    # The quote went through the page's block template (templates/blocks/quote.html).
    assert '<figure class="quote">' in content
    assert 'alt="Un schéma"' in content
    assert 'src="/' not in content and 'href="/' not in content
    assert "http://testserver/media/" in content
    # Characters, never HTML entities: a feed reader shows the body as the page does.
    assert "&nbsp;" not in content and "\u202f" not in content


@pytest.mark.parametrize("fmt", FORMATS)
def test_sponsored_item_is_labelled_in_summary_and_categories(client, section, fmt):
    partner = make_partner(name="Stéréance")
    factories.make_article(section=section, title="Le son de demain", sponsor=partner)

    _, parsed = parse(client, f"/flux/{fmt}/")

    entry = parsed.entries[0]
    assert html.unescape(entry.summary).startswith("[Contenu sponsorisé — En partenariat avec Stéréance] ")
    assert "Contenu sponsorisé" in [tag.term for tag in entry.tags]


def test_unsponsored_item_has_no_sponsored_label(client, article):
    _, parsed = parse(client, "/flux/rss/")

    assert "sponsorisé" not in parsed.entries[0].summary
    assert "Contenu sponsorisé" not in [tag.term for tag in parsed.entries[0].tags]


def test_feed_lists_the_newest_thirty_articles(client, section):
    now = timezone.now()
    for index in range(ITEM_COUNT + 2):
        factories.make_article(section=section, title=f"Article n° {index}", published_at=now - datetime.timedelta(hours=index))

    _, parsed = parse(client, "/flux/rss/")

    assert [entry.title for entry in parsed.entries] == [f"Article n° {index}" for index in range(ITEM_COUNT)]


def hidden_articles(section, author, entity):
    """A draft, a scheduled, a private and an unpublished article, all in every feed's subject."""
    common = {"section": section, "authors": [author], "tags": ["Robotique"], "entities": [entity]}
    factories.make_article(title="Brouillon secret", publish=False, **common)
    scheduled = factories.make_article(title="Sous embargo", publish=False, **common)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision().publish()
    private = factories.make_article(title="Réservé aux abonnés", **common)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    withdrawn = factories.make_article(title="Article retiré", **common)
    withdrawn.unpublish()
    return ["Brouillon secret", "Sous embargo", "Réservé aux abonnés", "Article retiré"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_drafts_scheduled_private_and_unpublished_articles_never_appear(client, article, section, author, entity, fmt):
    hidden = hidden_articles(section, author, entity)

    for path in feed_paths(section, author, entity, fmt):
        response, parsed = parse(client, path)
        assert [entry.title for entry in parsed.entries] == [TRICKY_TITLE], path
        body = response.content.decode()
        assert not any(title in body for title in hidden), path


def test_private_section_and_offline_entity_have_no_feed(client, section):
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    offline = factories.make_entity(slug="hors-ligne", live=False)

    assert client.get(f"/flux/rubrique/{section.slug}/rss/").status_code == 404
    assert client.get(f"/flux/entite/{offline.slug}/atom/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/flux/rubrique/inconnue/rss/", "/flux/tag/inconnu/atom/", "/flux/auteur/inconnu/rss/", "/flux/entite/inconnue/atom/"]
)
def test_unknown_subjects_are_not_found(client, home, path):
    assert client.get(path).status_code == 404


def test_empty_feed_is_still_valid(client, home):
    _, parsed = parse(client, "/flux/atom/")

    assert parsed.entries == []


# --- Query count -----------------------------------------------------------------------------


def build_feed_article(section, author, entity, target):
    """An article with everything an item loads: bylines, tags, hero, body image, links, « Lire aussi »."""
    image = factories.make_image()
    body = [
        {"type": "paragraph", "value": f'<p>Texte et <a linktype="page" id="{target.pk}">un lien</a>.</p>'},
        {"type": "image", "value": {"image": image.pk, "alt": "Illustration", "caption": "", "credit": ""}},
        {"type": "read_also", "value": {"article": target.pk, "label": ""}},
        {"type": "embed", "value": {"embed": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "caption": "Vidéo"}},
    ]
    return factories.make_article(
        section=section,
        authors=[author, factories.make_author()],
        tags=["Robotique", f"Thème {image.pk}"],
        entities=[entity],
        body=body,
        hero_image=image,
        hero_alt="Illustration",
        sponsor=make_partner() if image.pk % 2 else None,
    )


def count_queries(client, path):
    # Renditions are made on the first request; count the steady state, with a cold cache.
    assert client.get(path).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


# Exact queries per feed, with 1 or 20 items, on a cold cache: the site (1), the chrome (home page,
# sections, site identity, footer pages: 4, see articles/chrome.py), articles with privacy decided in the same
# query, bylines, tags, images and their renditions (5), « Lire aussi » targets (1), internal links
# in the text (2: pages then their specific type), the site's root paths (1). The subject adds its
# lookup (1): the rubrique, tag, author or entity.
SITE_FEED_BUDGET = 14
SUBJECT_FEED_BUDGET = {"rubrique": 15, "tag": 15, "auteur": 15, "entite": 15}


@pytest.mark.parametrize("size", [1, 20])
def test_feed_query_count_is_flat(client, section, author, entity, size):
    target = factories.make_article(section=section, title="Article cible")
    for _ in range(size):
        build_feed_article(section, author, entity, target)

    counts = {fmt: count_queries(client, f"/flux/{fmt}/") for fmt in FORMATS}
    assert counts == {"rss": SITE_FEED_BUDGET, "atom": SITE_FEED_BUDGET}
    subject_paths = {
        "rubrique": f"/flux/rubrique/{section.slug}/rss/",
        "tag": "/flux/tag/robotique/atom/",
        "auteur": f"/flux/auteur/{author.slug}/rss/",
        "entite": f"/flux/entite/{entity.slug}/rss/",
    }
    assert {kind: count_queries(client, path) for kind, path in subject_paths.items()} == SUBJECT_FEED_BUDGET


# --- Discovery links -------------------------------------------------------------------------


def render_links(**context):
    return Template("{% load feed_tags %}{% feed_links %}").render(Context(context))


def test_feed_links_announce_the_site_feeds_on_every_page(db):
    links = render_links()

    assert '<link rel="alternate" type="application/rss+xml" title="Tous les articles (RSS)" href="/flux/rss/">' in links
    assert '<link rel="alternate" type="application/atom+xml" title="Tous les articles (Atom)" href="/flux/atom/">' in links
    assert links.count("<link") == 2


def test_feed_links_add_the_feeds_of_the_page_subject(section, author, entity):
    from taggit.models import Tag

    tag = Tag.objects.create(name="Robots & co", slug="robots-co")
    with CaptureQueriesContext(connection) as context:
        section_links = render_links(page=section)
        tag_links = render_links(tag=tag)
        author_links = render_links(author=author)
        entity_links = render_links(entity=entity)

    assert len(context.captured_queries) == 0
    assert f'href="/flux/rubrique/{section.slug}/rss/"' in section_links and f'href="/flux/rubrique/{section.slug}/atom/"' in section_links
    assert 'title="Mot-clé Robots &amp; co (Atom)" href="/flux/tag/robots-co/atom/"' in tag_links
    assert f'href="/flux/auteur/{author.slug}/rss/"' in author_links
    assert 'title="Articles sur Mistral AI (RSS)" href="/flux/entite/mistral-ai/rss/"' in entity_links
    assert all(links.count("<link") == 4 for links in (section_links, tag_links, author_links, entity_links))


def test_an_article_page_announces_the_site_feeds_and_its_rubrique_feeds(client, article, section):
    html = client.get(article.url).content.decode()

    assert html.count('<link rel="alternate"') == 4
    assert f'title="Rubrique {section.title} (RSS)" href="/flux/rubrique/{section.slug}/rss/"' in html
    assert f'title="Rubrique {section.title} (Atom)" href="/flux/rubrique/{section.slug}/atom/"' in html
    assert 'href="/flux/rss/"' in html and 'href="/flux/atom/"' in html


def test_article_feed_links_come_from_the_loaded_chrome_without_a_query(rf, article, section):
    from articles.chrome import load_chrome

    request = rf.get(article.url)
    chrome = load_chrome(request)
    with CaptureQueriesContext(connection) as context:
        links = render_links(page=article, chrome=chrome)

    assert len(context.captured_queries) == 0
    assert links.count("<link") == 4 and f"/flux/rubrique/{section.slug}/atom/" in links


def test_content_links_live_read_also_and_embeds_and_leaves_out_withdrawn_targets(client, section):
    live_target = factories.make_article(section=section, title="Cible en ligne")
    withdrawn = factories.make_article(section=section, title="Cible retirée")
    withdrawn.unpublish()
    body = [
        {"type": "read_also", "value": {"article": live_target.pk, "label": ""}},
        {"type": "read_also", "value": {"article": withdrawn.pk, "label": "Ne pas montrer"}},
        {"type": "embed", "value": {"embed": "https://www.youtube.com/watch?v=abc", "caption": "La démonstration"}},
        {"type": "partner_strip", "value": {"heading": "Ils nous font confiance", "mode": "tous", "partners": []}},
    ]
    factories.make_article(section=section, title="Avec des liens", body=body, published_at=timezone.now() + datetime.timedelta(minutes=1))

    _, parsed = parse(client, "/flux/atom/")

    content = parsed.entries[0].content[0].value
    # The page's own « Lire aussi » template, with an absolute link.
    assert f'<span class="read-also__label">Lire aussi</span> <a href="http://testserver{live_target.url}">Cible en ligne</a>' in content
    assert "Ne pas montrer" not in content
    assert '<a href="https://www.youtube.com/watch?v=abc">La démonstration</a>' in content
    assert "<iframe" not in content and "<script" not in content and "data-embed-src" not in content
    assert "Ils nous font confiance" not in content


def test_a_lost_image_file_costs_the_picture_not_the_feed(client, article):
    image = article.hero_image
    image.renditions.all().delete()
    image.file.storage.delete(image.file.name)

    _, parsed = parse(client, "/flux/rss/")

    assert parsed.entries[0].title == TRICKY_TITLE
    assert parsed.entries[0].enclosures == []
