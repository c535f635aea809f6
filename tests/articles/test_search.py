"""The search page: French matching on PostgreSQL, entity cards, filters, ranking, no leak, odd queries."""

import datetime
import html
import re

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from articles.body_text import plain_text
from articles.models import ArticlePage
from articles.search import MAX_QUERY_LENGTH, Highlighter, clean_query
from demo import factories
from demo.partner_factories import make_partner
from entities.mentions import get_default_index, invalidate_default_index

URL = "/recherche/"

pytestmark = pytest.mark.django_db


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def search(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def result_titles(page):
    return [
        html.unescape(re.sub(r"<[^>]+>", "", title)) for title in re.findall(r'<h3 class="search-result__title"><a [^>]*>(.*?)</a>', page)
    ]


@pytest.fixture(autouse=True)
def _fresh_mentions():
    # The mention index lives in the process: entities of an earlier test must not name anything.
    invalidate_default_index()
    yield
    invalidate_default_index()


# --- Query cleaning and highlighting ------------------------------------------------------


def test_query_is_cleaned_of_control_characters_and_cut_at_the_limit():
    assert clean_query("  sécurité\x00\x07 des\u202e modèles \n").text == "sécurité des modèles"
    assert clean_query("sécurité\x00des").terms == ["sécurité", "des"]
    long = clean_query("intelligence " * 40)
    assert long.truncated and len(long.text) <= MAX_QUERY_LENGTH and not long.text.endswith("intel")
    assert clean_query("'; DROP TABLE x; --").terms == ["DROP", "TABLE", "x"]
    assert clean_query("<script>!!</script>").terms == ["script", "script"]
    assert clean_query("?!…«»").terms == []


def test_highlighter_marks_accented_and_inflected_words_and_escapes_the_rest():
    marker = Highlighter(["securite", "recrutement"])

    marked = marker.mark("La <b>sécurité</b> & le fait de recruter")

    assert str(marked) == "La &lt;b&gt;<mark>sécurité</mark>&lt;/b&gt; &amp; le fait de <mark>recruter</mark>"


def test_highlighter_excerpt_centres_on_the_first_match():
    words = " ".join(f"mot{index}" for index in range(100))
    excerpt = str(Highlighter(["cible"]).excerpt(["rien ici", f"{words} cible {words}"]))

    assert excerpt.startswith("… ") and excerpt.endswith(" …") and "<mark>cible</mark>" in excerpt
    assert Highlighter(["absent"]).excerpt(["rien ici"]) is None


def test_excerpt_reads_the_body_only_up_to_its_first_match():
    read = []

    def paragraphs():
        for text in ["Le chapô", "Un paragraphe sur la cible", "Un autre", "Et un dernier"]:
            read.append(text)
            yield text

    assert "<mark>cible</mark>" in str(Highlighter(["cible"]).excerpt(paragraphs()))
    assert read == ["Le chapô", "Un paragraphe sur la cible"]


def test_plain_text_of_stored_rich_text():
    stored = '<p>L’<b>IA</b> &amp; les <a href="/x/" data-x="a>b">données</a></p><!-- note <b> --><p>Fin&nbsp;: 3 &lt; 4</p>'

    assert re.sub(" +", " ", plain_text(stored)) == "L’IA & les données Fin\xa0: 3 < 4"


# --- Relevance (PostgreSQL, french_unaccent) -----------------------------------------------


def test_search_ignores_accents(client, section):
    factories.make_article(section=section, title="La sécurité des modèles de langage", chapo="Un état des lieux.")

    page = search(client, q="securite")

    assert result_titles(page) == ["La sécurité des modèles de langage"]
    assert "<mark>sécurité</mark>" in page
    assert result_titles(search(client, q="SÉCURITÉ")) == ["La sécurité des modèles de langage"]


def test_search_finds_other_forms_of_a_word(client, section):
    factories.make_article(
        section=section, title="Les laboratoires face aux talents", body=paragraph("Meta veut recruter cent chercheurs.")
    )

    page = search(client, q="recrutement")

    assert result_titles(page) == ["Les laboratoires face aux talents"]
    assert "<mark>recruter</mark>" in page


def test_search_covers_kicker_chapo_body_and_tags(client, section):
    factories.make_article(section=section, title="Un", kicker="Quantique")
    factories.make_article(section=section, title="Deux", chapo="Le chapô parle de photonique.")
    factories.make_article(section=section, title="Trois", body=paragraph("Le corps parle de neuromorphique."))
    factories.make_article(section=section, title="Quatre", tags=["Robotique"])

    assert result_titles(search(client, q="quantique")) == ["Un"]
    assert result_titles(search(client, q="photonique")) == ["Deux"]
    assert result_titles(search(client, q="neuromorphique")) == ["Trois"]
    assert result_titles(search(client, q="robotique")) == ["Quatre"]


def test_tags_set_at_publish_time_are_searchable_at_once(client, section):
    factories.make_article(section=section, title="Quatre", tags=["Robotique"])

    assert result_titles(search(client, q="robotique")) == ["Quatre"]


def test_alias_shows_the_entity_card_and_the_entity_articles(client, section):
    meta = factories.make_entity(name="Meta", slug="meta", kind="entreprise", aliases=["Facebook"], description="Groupe américain.")
    linked = factories.make_article(section=section, title="Le pari de Zuckerberg", entities=[meta])
    factories.make_article(section=section, title="Sans rapport")
    factories.make_entity(name="Brouillon SA", aliases=["Facebook"], live=False)

    page = search(client, q="Facebook")

    assert '<h3 class="entity-card__name"><a href="/entites/meta/">Meta</a></h3>' in page
    assert "Entreprise" in page
    assert "Brouillon SA" not in page
    assert page.index('class="entity-card"') < page.index('class="search-result"')
    assert result_titles(page) == [linked.title]


def test_entity_name_plus_other_words_narrows_the_entity_articles(client, section):
    meta = factories.make_entity(name="Meta", slug="meta", aliases=["Facebook"])
    factories.make_article(section=section, title="Les lunettes connectées", entities=[meta])
    factories.make_article(section=section, title="Le casque", entities=[meta])

    assert result_titles(search(client, q="Facebook lunettes")) == ["Les lunettes connectées"]


def test_sponsored_result_shows_the_sponsored_label(client, section):
    partner = make_partner(name="Stéréance")
    factories.make_article(section=section, title="Le son spatial", sponsor=partner)

    page = search(client, q="spatial")

    assert "En partenariat avec Stéréance" in page


def test_title_match_and_recency_rank_first(client, section):
    old = timezone.now() - datetime.timedelta(days=400)
    factories.make_article(section=section, title="Chronique", body=paragraph("Un mot sur les drones."), published_at=old)
    factories.make_article(section=section, title="Les drones autonomes", published_at=old)
    factories.make_article(section=section, title="Les drones agricoles", published_at=timezone.now() - datetime.timedelta(days=1))

    assert result_titles(search(client, q="drones")) == ["Les drones agricoles", "Les drones autonomes", "Chronique"]


def test_index_follows_edits_and_update_index(client, section):
    article = factories.make_article(section=section, title="Ancien titre")
    article.title = "Titre renouvelé"
    article.save_revision().publish()

    assert result_titles(search(client, q="renouvelé")) == ["Titre renouvelé"]
    assert result_titles(search(client, q="ancien")) == []

    call_command("update_index", verbosity=0)

    assert result_titles(search(client, q="renouvele")) == ["Titre renouvelé"]


def test_index_uses_the_french_unaccent_configuration(section):
    factories.make_article(section=section, title="Sécurité")
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname = 'french_unaccent'")
        assert cursor.fetchone() == ("french_unaccent",)
        cursor.execute("SELECT strip(title)::text FROM wagtailsearch_indexentry WHERE title_text = 'Sécurité'")
        # Unaccented, then stemmed by the French Snowball stemmer: the form « securite » also gives.
        assert cursor.fetchone()[0] == "'securit'"


# --- Filters and pagination ----------------------------------------------------------------


def test_section_filter(client, home, section):
    other = factories.make_section(title="Recherche fondamentale")
    factories.make_article(section=section, title="Batteries au sodium")
    factories.make_article(section=other, title="Batteries solides")

    assert result_titles(search(client, q="batteries", rubrique=other.slug)) == ["Batteries solides"]
    page = search(client, q="batteries", rubrique="inconnue")
    assert len(result_titles(page)) == 2 and "Cette rubrique n’existe pas" in page


def test_date_range_filter(client, section):
    paris = timezone.get_current_timezone()
    factories.make_article(section=section, title="Puces de janvier", published_at=datetime.datetime(2025, 1, 15, 10, tzinfo=paris))
    factories.make_article(section=section, title="Puces de mars", published_at=datetime.datetime(2025, 3, 31, 23, 30, tzinfo=paris))
    factories.make_article(section=section, title="Puces de mai", published_at=datetime.datetime(2025, 5, 1, 0, 30, tzinfo=paris))

    assert result_titles(search(client, q="puces", du="2025-02-01", au="2025-03-31")) == ["Puces de mars"]
    assert result_titles(search(client, q="puces", du="2025-03-31", au="2025-02-01")) == ["Puces de mars"]
    assert result_titles(search(client, q="puces", du="2025-04-01")) == ["Puces de mai"]
    page = search(client, q="puces", du="pas-une-date")
    assert len(result_titles(page)) == 3 and "La date de début n’est pas valide" in page


def test_entity_filter(client, section):
    mistral = factories.make_entity(name="Mistral AI", slug="mistral-ai")
    factories.make_article(section=section, title="Modèles ouverts", entities=[mistral])
    factories.make_article(section=section, title="Modèles fermés")

    page = search(client, q="modèles", entite="mistral-ai")

    assert result_titles(page) == ["Modèles ouverts"]
    assert "Articles liés à <strong>Mistral AI</strong>" in page
    assert len(result_titles(search(client, q="modèles", entite="inconnue"))) == 2


def test_pagination_keeps_the_query_and_filters(client, section):
    for number in range(15):
        factories.make_article(section=section, title=f"Satellite {number}")

    first = search(client, q="satellite", rubrique=section.slug)
    second = search(client, q="satellite", rubrique=section.slug, page="2")

    assert len(result_titles(first)) == 12 and len(result_titles(second)) == 3
    assert "15 résultats" in first
    assert f'href="?q=satellite&amp;rubrique={section.slug}&amp;page=2"' in first
    assert not set(result_titles(first)) & set(result_titles(second))
    assert len(result_titles(search(client, q="satellite", page="999"))) == 3


# --- The no-leak rule ----------------------------------------------------------------------


def test_drafts_scheduled_private_and_unpublished_pages_never_appear(client, section):
    factories.make_article(section=section, title="Zorglub public")
    factories.make_article(section=section, title="Zorglub brouillon", publish=False)
    factories.make_article(section=section, title="Zorglub programmé", go_live_at=timezone.now() + datetime.timedelta(days=2))
    private = factories.make_article(section=section, title="Zorglub privé")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret-de-test")
    gone = factories.make_article(section=section, title="Zorglub dépublié")
    gone.unpublish()
    assert ArticlePage.objects.filter(title="Zorglub programmé", live=False).exists()

    page = search(client, q="zorglub")

    assert result_titles(page) == ["Zorglub public"]
    for hidden in ("brouillon", "programmé", "privé", "dépublié"):
        assert hidden not in page


def test_pages_under_a_private_section_never_appear(client, section):
    factories.make_article(section=section, title="Zorglub caché")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD, password="secret-de-test")

    assert result_titles(search(client, q="zorglub")) == []


# --- Odd queries ---------------------------------------------------------------------------


def test_empty_query_gets_help(client, section):
    page = search(client)

    assert "Tapez un ou plusieurs mots" in page
    assert "<title>Recherche –" in page
    assert "Tapez un ou plusieurs mots" in search(client, q="   ")


@pytest.mark.parametrize(
    "query",
    ["<script>alert(1)</script>", "'; DROP TABLE wagtailcore_page; --", "\x00\x01\x1b[31m", "?!…«»", "%%%", "' OR 1=1 --", "a:* & !b | (c"],
)
def test_garbage_queries_get_a_french_page_and_are_escaped(client, section, query):
    factories.make_article(section=section, title="Article témoin")

    page = search(client, q=query)

    assert "<script>alert" not in page
    assert "\x00" not in page
    assert any(message in page for message in ("ne contient aucun mot", "Aucun résultat", "Tapez un ou plusieurs mots"))


def test_stop_words_only_and_garbage_filters_never_fail(client, section):
    factories.make_article(section=section, title="Les robots")

    assert "Aucun résultat" in search(client, q="le la de")
    page = search(client, q="robots", entite="meta\x00'--", rubrique="\x00", du="9999-12-31", au="0001-01-01", page="\x00")
    assert result_titles(page) == ["Les robots"]
    assert "Cette entité est inconnue" in page and "La date de fin n’est pas valide" in page


def test_script_query_is_escaped_in_title_and_page(client, section):
    page = search(client, q="<script>alert(1)</script>")

    assert "<title>Recherche : « &lt;script&gt;alert(1)&lt;/script&gt; »" in page
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in page


def test_very_long_query_is_cut_and_says_so(client, section):
    factories.make_article(section=section, title="Les robots")

    page = search(client, q="robots " + "x" * 5000)

    assert f"Votre recherche dépassait {MAX_QUERY_LENGTH} caractères" in page
    assert "x" * (MAX_QUERY_LENGTH + 1) not in page


def test_accessibility_landmarks(client, section):
    factories.make_article(section=section, title="Les robots")

    page = search(client, q="robots")

    assert '<form class="search-form" role="search" action="/recherche/" method="get" aria-label="Recherche détaillée">' in page
    assert '<label for="recherche-page-q">' in page and 'id="recherche-page-q" name="q"' in page
    assert re.search(r'<p class="visually-hidden" role="status" aria-live="polite">1 résultat pour « robots »</p>', page)
    assert '<ol class="search-result-list"' in page and "<mark>robots</mark>" in page


# --- Query budget --------------------------------------------------------------------------

# Site, chrome (home page, sections, site identity, footer pages: articles/chrome.py), mention stamp, search
# (view restrictions checked inside it, between a SET and a RESET that keep the planner on the
# indexes: articles/search_index.py), one page of articles with their bylines, partner block.
# Naming an entity adds its card and the search among its articles (with its SET and RESET), and
# one query for the current subsidiaries of every card (issue 19: « Inclure tout le groupe Meta »
# is offered only when there are some; entities.groups.current_subsidiaries, whatever the number
# of cards or the size of their groups).
SEARCH_BUDGET = 14
ENTITY_SEARCH_BUDGET = 19


def count_queries(client, params):
    # A cold cache, as after a deploy; the mention index warm, as in a running worker.
    cache.clear()
    get_default_index()
    with CaptureQueriesContext(connection) as context:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("size", [1, 20])
def test_results_page_query_count_is_flat(client, section, size):
    image = factories.make_image()
    meta = factories.make_entity(name="Meta", slug="meta", aliases=["Facebook"])
    target = factories.make_article(section=section, title="Autre sujet")
    # Image and « lire aussi » blocks must not cost a query per result when excerpts are built.
    body = [
        {"type": "paragraph", "value": "<p>Texte sur l'hélium.</p>"},
        {"type": "image", "value": {"image": image.pk, "alt": "Illustration", "caption": "", "credit": ""}},
        {"type": "read_also", "value": {"article": target.pk, "label": ""}},
    ]
    for _ in range(size):
        factories.make_article(
            section=section,
            body=body,
            title="Hélium liquide",
            authors=[factories.make_author(), factories.make_author()],
            entities=[meta],
            tags=["Physique"],
            hero_image=image,
            hero_alt="Illustration",
            sponsor=make_partner(),
        )

    assert count_queries(client, {"q": "hélium"}) == SEARCH_BUDGET
    assert count_queries(client, {"q": "Facebook hélium"}) == ENTITY_SEARCH_BUDGET
