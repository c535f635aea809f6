"""The synthetic corpus (`manage.py generate_corpus`): exact counts, a valid tree, pages that render,
a search index equal to Wagtail's own, the same texts from the same seed."""

import re
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count

from wagtail.models import Page
from wagtail.search import index
from wagtail.search.models import IndexEntry

import pytest
from taggit.models import Tag

from articles.models import ArticleEntity, ArticlePage, ArticleSearchDocument, ArticleTag, Author, HomePage, RelatedRanking, SectionPage
from articles.related_ranking import rank_related
from articles.search_index import index_articles
from demo.corpus import CorpusSizes, generate_corpus
from entities.models import Entity
from partners.models import Partner

pytestmark = pytest.mark.django_db

SMALL = CorpusSizes(articles=60, sections=3, entities=40, links=150, tags=20, authors=5, partners=2, images=1)
COMMAND = ["--articles=60", "--sections=3", "--entities=40", "--links=150", "--tags=20", "--authors=5", "--partners=2", "--images=1"]
# Wagtail's own index of the articles (the admin's search) is optional: its test below needs it.
COMMAND += ["--wagtail-index"]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """One corpus for the whole module, written by the command and rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            before = Page.objects.count()
            out, err = StringIO(), StringIO()
            call_command("generate_corpus", *COMMAND, "--seed=7", stdout=out, stderr=err)
            ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
            yield {"pages_before": before, "out": out.getvalue(), "err": err.getvalue(), "ids": ids}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def titles(ids):
    by_id = dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [by_id[pk] for pk in ids]


def test_command_writes_exact_counts_and_a_valid_tree(corpus):
    assert "Corpus généré (graine 7) : 60 articles" in corpus["out"]
    assert "60/60" in corpus["err"].replace("\u202f", "")
    assert ArticlePage.objects.live().count() == 60
    assert Page.objects.count() == corpus["pages_before"] + 60 + 3
    assert SectionPage.objects.count() == 3
    assert HomePage.objects.get().numchild == 3
    assert Entity.objects.filter(live=True).count() == 40
    assert ArticleEntity.objects.count() == 150
    assert Tag.objects.count() == 20
    assert Author.objects.count() == 5
    assert Partner.objects.count() == 2
    # Every article has an author and two tags or more, and one main subject at most.
    assert not ArticlePage.objects.annotate(n=Count("article_authors")).filter(n=0).exists()
    assert not ArticleTag.objects.values("content_object").annotate(n=Count("id")).filter(n__lt=2).exists()
    assert not ArticleEntity.objects.filter(prominence="sujet").values("article").annotate(n=Count("id")).filter(n__gt=1).exists()
    # The tree is what treebeard would have built: no bad path, depth, numchild or orphan.
    assert Page.find_problems() == ([], [], [], [], [])
    for section in SectionPage.objects.all():
        assert section.numchild == section.get_children().count()
        for child in section.get_children()[:5]:
            assert child.url_path == f"{section.url_path}{child.slug}/"
    article_type = ContentType.objects.get_for_model(ArticlePage)
    assert IndexEntry.objects.filter(content_type=article_type).count() == 60


def test_bad_sizes_are_refused_in_french_and_write_nothing():
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="--articles doit être au moins 1"):
        call_command("generate_corpus", "--articles=0", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="--links est trop grand"):
        call_command("generate_corpus", "--articles=2", "--entities=5", "--links=50", stdout=StringIO(), stderr=StringIO())
    assert Page.objects.count() == pages


def test_same_seed_same_titles_added_to_existing_content(corpus, client):
    again = generate_corpus(SMALL, seed=7, stream=StringIO())
    assert titles(again.article_ids) == titles(corpus["ids"])
    tiny = CorpusSizes(articles=10, sections=3, entities=10, links=20, tags=5, authors=2, partners=0, images=0)
    other = generate_corpus(tiny, seed=8, stream=StringIO())
    assert titles(other.article_ids) != titles(corpus["ids"])[:10]
    # The second run adds to the first: sections are reused, slugs that exist get a suffix.
    assert SectionPage.objects.count() == 3
    assert ArticlePage.objects.count() == 130
    assert Page.find_problems() == ([], [], [], [], [])
    first_slug = Page.objects.get(pk=corpus["ids"][0]).slug
    second = Page.objects.get(pk=again.article_ids[0])
    assert second.slug != first_slug and second.slug.endswith("-2") and second.slug[:60] == first_slug[:60]
    assert client.get(second.url).status_code == 200


def test_pages_render_for_a_reader_and_open_in_the_editor(corpus, client):
    article = ArticlePage.objects.get(pk=corpus["ids"][-1])
    entity = article.entity_links.first().entity
    urls = [
        "/",
        article.get_parent().url,
        *(Page.objects.get(pk=pk).url for pk in corpus["ids"][::12]),
        f"/entites/{entity.slug}/",
        f"/auteurs/{article.article_authors.first().author.slug}/",
        f"/tags/{article.tags.first().slug}/",
        "/flux/rss/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    page = client.get(article.url).content.decode()
    assert f"/entites/{entity.slug}/" in page
    assert article.get_parent().url in page
    # No revision was written: Wagtail's editor opens the object `get_latest_revision_as_object`
    # returns, the page's own row (a GET of the edit view runs the French NER on the body: 15 s).
    assert article.latest_revision_id is None
    assert article.get_latest_revision_as_object() == article


def test_search_finds_a_generated_article(corpus, client):
    article = ArticlePage.objects.get(pk=corpus["ids"][17])
    assert article.pk in [page.pk for page in ArticlePage.objects.live().search(article.title)]
    assert f'href="{article.url}"' in client.get("/recherche/", {"q": article.title}).content.decode()


def test_search_index_entries_are_those_wagtail_writes(corpus):
    article_type = ContentType.objects.get_for_model(ArticlePage)
    ids = [str(pk) for pk in corpus["ids"][:3]]
    columns = ("object_id", "title", "autocomplete", "body", "title_text", "body_text")
    bulk = {row["object_id"]: row for row in IndexEntry.objects.filter(content_type=article_type, object_id__in=ids).values(*columns)}
    for article in ArticlePage.objects.filter(pk__in=ids):
        index.insert_or_update_object(article)
    ordinary = {row["object_id"]: row for row in IndexEntry.objects.filter(content_type=article_type, object_id__in=ids).values(*columns)}
    assert len(bulk) == 3
    for object_id, row in bulk.items():
        again = ordinary[object_id]
        assert (row["title"], row["autocomplete"], row["title_text"]) == (again["title"], again["autocomplete"], again["title_text"])
        # Tags come last in the body, in whatever order the database returns them (unordered for
        # Wagtail too): compare the lexemes and the words, not their positions.
        assert set(re.findall(r"'([^']+)'", row["body"])) == set(re.findall(r"'([^']+)'", again["body"]))
        assert sorted(row["body_text"].split()) == sorted(again["body_text"].split())


def test_search_documents_and_related_rankings_are_those_publication_writes(corpus):
    ids = corpus["ids"][:5]

    def snapshot():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT article_id, vector::text FROM articles_articlesearchdocument WHERE article_id = ANY(%s) ORDER BY 1", [ids]
            )
            vectors = cursor.fetchall()
        ranking = list(
            RelatedRanking.objects.filter(article_id__in=ids)
            .order_by("article_id", "position")
            .values_list("article_id", "target_id", "score")
        )
        return vectors, ranking

    assert ArticleSearchDocument.objects.filter(article_id__in=corpus["ids"]).count() == 60
    assert RelatedRanking.objects.filter(article_id__in=corpus["ids"]).values("article_id").distinct().count() == 60
    bulk = snapshot()
    index_articles(ids)
    rank_related(ids)
    assert snapshot() == bulk
