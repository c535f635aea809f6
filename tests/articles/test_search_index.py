"""The public search index (articles/search_index.py): weighted vectors kept with publication, a GIN
index, candidates limited to the newest matches before ranking."""

import datetime
import re

from django.db import connection
from django.utils import timezone

import pytest

from articles import search, search_index
from articles.models import ArticleSearchDocument
from demo import factories

pytestmark = pytest.mark.django_db


def vector_of(article):
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM articles_articlesearchdocument WHERE article_id = %s", [article.pk])
        row = cursor.fetchone()
    return row[0] if row else None


def test_vector_weighs_title_a_chapo_and_tags_b_body_c(section):
    article = factories.make_article(
        section=section,
        title="Sécurité",
        kicker="Quantique",
        chapo="Un mot sur la photonique.",
        tags=["Robotique"],
        body=[
            {"type": "paragraph", "value": '<p>Le <a href="https://exemple.fr">neuromorphique</a> avance.</p>'},
            {"type": "quote", "value": {"quote": "Les drones", "attribution": "Une ingénieure"}},
        ],
    )

    vector = vector_of(article)

    # Unaccented then stemmed (french_unaccent); weight letters after the positions (D is shown bare).
    assert "'securit':1A" in vector
    for lexeme in ("quantiqu", "photon", "robot"):
        assert f"'{lexeme}':" in vector and vector.split(f"'{lexeme}':")[1].split()[0].endswith("B")
    for lexeme in ("neuromorph", "dron", "ingenieur"):
        assert vector.split(f"'{lexeme}':")[1].split()[0].endswith("C")
    # The paragraph's HTML is markup, not words.
    assert "href" not in vector and "exempl" not in vector


def test_documents_follow_publish_and_unpublish(section):
    article = factories.make_article(section=section, title="Ancien titre")
    draft = factories.make_article(section=section, title="Brouillon", publish=False)
    assert "'ancien'" in vector_of(article) and vector_of(draft) is None

    article.title = "Titre renouvelé"
    article.save_revision()
    assert "'ancien'" in vector_of(article), "a draft revision changes nothing readers can find"
    article.get_latest_revision().publish()
    assert "'renouvel'" in vector_of(article) and "'ancien'" not in vector_of(article)

    article.unpublish()
    assert not ArticleSearchDocument.objects.filter(article=article).exists()


def test_rebuild_writes_the_same_documents_as_publication(section):
    articles = [factories.make_article(section=section, title=f"Satellite {n}", tags=["Espace"]) for n in range(3)]
    before = {article.pk: vector_of(article) for article in articles}

    assert search_index.rebuild_index() == 3

    assert {article.pk: vector_of(article) for article in articles} == before


def test_gin_index_serves_the_match():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_searchdocument_vector_gin'")
        assert "USING gin (vector)" in cursor.fetchone()[0]


def test_only_the_newest_candidates_are_ranked(client, section, monkeypatch):
    now = timezone.now()
    for days in range(5):
        factories.make_article(section=section, title=f"Drones {days}", published_at=now - datetime.timedelta(days=days))
    # The back-dated first publication is what the ordering uses: write it again, as a publication would.
    search_index.rebuild_index()
    monkeypatch.setattr(search, "MAX_CANDIDATES", 3)

    rows = search_index.match_documents(text="drones", limit=3)
    page = re.sub(r"<[^>]+>", "", client.get("/recherche/", {"q": "drones"}).content.decode())

    assert sorted(row[0] for row in rows) == sorted(
        ArticleSearchDocument.objects.order_by("-published_at").values_list("article_id", flat=True)[:3]
    )
    assert "Plus de 3 résultats" in page
    assert "Drones 0" in page and "Drones 4" not in page


def test_highlighter_shortcut_agrees_with_the_stemmer_on_every_word_of_the_corpus_prose():
    import snowballstemmer

    from demo import corpus_text

    with open(corpus_text.__file__, encoding="utf-8") as source:
        words = set(re.findall(r"[^\W\d_]+", source.read().lower()))
    stemmer = snowballstemmer.stemmer("french")
    for query in (["payer"], ["recrutement"], ["sécurité", "données"], ["ans"], ["IA"]):
        marker = search.Highlighter(query)
        for word in words:
            expected = search._fold(word) in marker.exact or stemmer.stemWord(search._fold(word)) in marker.stems
            assert marker.matches(word) == expected, (query, word)
