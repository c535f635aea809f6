"""What a reader sees on an article page: every field, block, byline, tag and update."""

import datetime
import html
import json
import re
from zoneinfo import ZoneInfo

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

import pytest

from articles.models import ArticleUpdate
from demo import factories

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
HOSTILE = "De l'achat à l'emploi : Meta et la \"superintelligence\" <script>alert(document.cookie)</script> & « vraiment » ?"


def _text(response):
    return response.content.decode()


def _full_body(image, target):
    return [
        {"type": "paragraph", "value": "<p>Premier paragraphe avec <b>du gras</b>.</p>"},
        {"type": "heading", "value": {"text": "Des acquisitions avortées", "level": "h2"}},
        {"type": "heading", "value": {"text": "Un détail", "level": "h3"}},
        {"type": "quote", "value": {"quote": "Tout se joue sur les talents.", "attribution": "Une chercheuse"}},
        {"type": "image", "value": {"image": image.pk, "alt": "Un graphique des salaires", "caption": "La courbe", "credit": "Newsroom"}},
        {"type": "embed", "value": {"embed": "https://www.youtube.com/watch?v=abc123", "caption": "La vidéo"}},
        {"type": "read_also", "value": {"article": target.pk, "label": ""}},
    ]


@pytest.fixture
def youtube_embed(db):
    # Wagtail looks embeds up in its table before asking the provider: a stored row is the real
    # code path without the network.
    url = "https://www.youtube.com/watch?v=abc123"
    return Embed.objects.create(
        hash=get_embed_hash(url),
        url=url,
        max_width=None,
        type="video",
        html='<iframe title="Vidéo de démonstration" src="https://www.youtube-nocookie.com/embed/abc123"></iframe>',
        title="Vidéo",
        width=640,
        height=360,
        provider_name="YouTube",
    )


def test_article_page_shows_every_field_and_block(client, section, author, youtube_embed):
    image = factories.make_image(title="Graphique")
    target = factories.make_article(section=section, title="Recruter à prix d'or")
    article = factories.make_article(
        section=section,
        title="L'approche de Meta",
        kicker="Intelligence artificielle",
        chapo="Meta change de méthode : il recrute.",
        body=_full_body(image, target),
        authors=[author],
        tags=["IA générative", "Meta"],
        hero_image=factories.make_image(title="Hero"),
        hero_alt="Illustration abstraite bleue",
        hero_caption="Une illustration",
        hero_credit="Illustration Newsroom",
        published_at=datetime.datetime(2025, 7, 2, 9, 30, tzinfo=PARIS),
    )
    ArticleUpdate.objects.create(
        article=article, kind="precision", date=datetime.datetime(2025, 7, 3, 10, 15, tzinfo=PARIS), note="Montant approximatif."
    )

    response = client.get(article.url)
    page = _text(response)

    assert response.status_code == 200
    assert '<p class="kicker">Intelligence artificielle</p>' in page
    assert '<h1 class="article__title">L’approche de Meta</h1>' in page
    assert "Meta change de méthode\u00a0: il recrute." in page
    assert 'Publié le <time datetime="2025-07-02T09:30:00+02:00">mercredi 2 juillet 2025 à 9\u00a0h\u00a030</time>' in page
    assert 'Mis à jour le <time datetime="2025-07-03T10:15:00+02:00">jeudi 3 juillet 2025 à 10\u00a0h\u00a015</time>' in page
    assert "<strong>Précision</strong>" in page and "Montant approximatif." in page
    assert "min de lecture" in page
    # Hero: alt text, caption, credit.
    assert 'alt="Illustration abstraite bleue"' in page
    assert "Une illustration" in page and "Illustration Newsroom" in page
    # Each block type.
    assert "<p>Premier paragraphe avec <b>du gras</b>.</p>" in page
    assert '<h2 id="des-acquisitions-avortees">Des acquisitions avortées</h2>' in page
    assert '<h3 id="un-detail">Un détail</h3>' in page
    assert "<blockquote><p>Tout se joue sur les talents.</p></blockquote>" in page
    assert "<figcaption>Une chercheuse</figcaption>" in page
    assert 'alt="Un graphique des salaires"' in page and "La courbe" in page
    # The embed is a consent facade: the player's address waits in a data attribute, no iframe.
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/abc123?autoplay=1"' in page and "La vidéo" in page
    assert "<iframe" not in page and "Charger la vidéo (YouTube dépose des cookies)" in page
    assert re.search(r'<p class="read-also">.*href="' + re.escape(target.url) + r'">Recruter à prix d’or</a>', page)
    # Byline and tags link to their pages.
    assert f'href="/auteurs/{author.slug}/" rel="author">Claire Dubreuil</a>' in page
    assert 'href="/tags/ia-generative/" rel="tag">IA générative</a>' in page


def test_read_also_to_an_unpublished_article_is_not_shown(client, section):
    target = factories.make_article(section=section, title="Bientôt retiré")
    body = [{"type": "read_also", "value": {"article": target.pk, "label": "Lien mort"}}]
    article = factories.make_article(section=section, body=body)
    target.unpublish()

    page = _text(client.get(article.url))

    assert "Lien mort" not in page
    assert 'class="read-also"' not in page


def test_hostile_headline_shows_as_typed_everywhere(client, section, author, journalist):
    image = factories.make_image(title="Hero")
    article = factories.make_article(section=section, title=HOSTILE, authors=[author], hero_image=image, hero_alt=HOSTILE, chapo=HOSTILE)
    typographed = "De l’achat à l’emploi\u00a0: Meta et la «\u202fsuperintelligence\u202f» <script>alert(document.cookie)</script> & «\u202fvraiment\u202f»\u202f?"

    article_page = _text(client.get(article.url))
    section_page = _text(client.get(section.url))
    home_page = _text(client.get("/"))

    # No raw markup from the title ever reaches the page, and no backslash-escaped quote outside
    # the JSON-LD block (where \" is the correct JSON encoding of a quote).
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', article_page, re.DOTALL).group(1)
    assert json.loads(json_ld)["headline"] == HOSTILE
    assert "</script>" not in json_ld and "<script" not in json_ld
    for page in (re.sub(r'<script type="application/ld\+json">.*?</script>', "", article_page, flags=re.DOTALL), section_page, home_page):
        assert "<script>alert" not in page
        assert "\\'" not in page and '\\"' not in page
    h1 = re.search(r'<h1 class="article__title">(.*?)</h1>', article_page).group(1)
    assert html.unescape(h1) == typographed
    title = re.search(r"<title>(.*?)</title>", article_page, re.DOTALL).group(1)
    assert html.unescape(title).startswith(typographed)
    for attribute in ('name="description" content="', 'property="og:title" content="', 'property="og:image:alt" content="'):
        value = re.search(re.escape(attribute) + r'([^"]*)"', article_page).group(1)
        assert html.unescape(value) == typographed
    hero_alt = re.search(r'<img src="[^"]*fill-1200x675[^"]*" [^>]*alt="([^"]*)"', article_page).group(1)
    assert html.unescape(hero_alt) == typographed
    teaser = re.search(r'<h2 class="teaser__title"><a [^>]*>(.*?)</a>', section_page).group(1)
    assert html.unescape(teaser) == typographed

    # The admin shows the title as typed, without typography.
    client.force_login(journalist)
    explorer = _text(client.get(f"/admin/pages/{section.pk}/"))
    assert html.escape(HOSTILE) in explorer or html.escape(HOSTILE, quote=False) in explorer
    assert "<script>alert(" not in explorer


def test_stored_text_stays_as_typed(section):
    article = factories.make_article(section=section, title='Le "pari" : l\'IA')
    article.refresh_from_db()
    assert article.title == 'Le "pari" : l\'IA'
    assert article.body.raw_data[0]["value"] == "<p>Un paragraphe.</p>"


def test_author_and_tag_pages_list_their_articles(client, section, author):
    signed = factories.make_article(section=section, title="Signé", authors=[author], tags=["Robotique"])
    factories.make_article(section=section, title="Pas signé", tags=["Autre"])

    author_page = _text(client.get(f"/auteurs/{author.slug}/"))
    tag_page = _text(client.get("/tags/robotique/"))

    assert "<h1>Claire Dubreuil</h1>" in author_page and "Signé" in author_page and "Pas signé" not in author_page
    assert "<h1>Robotique</h1>" in tag_page and signed.title in tag_page and "Pas signé" not in tag_page
    assert client.get("/auteurs/inconnu/").status_code == 404
    assert client.get("/tags/inconnu/").status_code == 404


def test_listings_paginate_and_tolerate_bad_page_numbers(client, section):
    for number in range(14):
        factories.make_article(section=section, title=f"Article numéro {number}")

    first = _text(client.get(section.url))
    second = _text(client.get(section.url + "?page=2"))
    garbage = client.get(section.url + "?page=abc")
    beyond = client.get(section.url + "?page=999")

    assert "Page 1 sur 2" in first and 'rel="next"' in first
    assert "Page 2 sur 2" in second and "Article numéro 0" in second
    assert garbage.status_code == 200 and beyond.status_code == 200


def test_home_shows_the_chosen_lead_story_first(client, home, section):
    older = factories.make_article(section=section, title="La une choisie", published_at=datetime.datetime(2025, 7, 2, 9, 30, tzinfo=PARIS))
    factories.make_article(section=section, title="Plus récent")
    home.lead_article = older
    home.save_revision().publish()

    page = _text(client.get("/"))

    lead = page.index("teaser--lead")
    assert page.index("La une choisie") > lead
    assert page.index("La une choisie") < page.index("Plus récent")


def test_french_error_pages(client, db):
    response = client.get("/cette-page-nexiste-pas/")
    assert response.status_code == 404
    assert "Cette page est introuvable" in _text(response)
    assert '<html lang="fr">' in _text(response)
