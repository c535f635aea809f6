"""Related articles ranked by shared entities, then shared tags, editor's picks first; computed at
publication and stored (articles/related_ranking.py), read back in one query."""

import pytest

from articles import related_ranking
from articles.models import RelatedArticle, RelatedRanking
from articles.related_ranking import Links, rank_related
from articles.selectors import related_articles
from demo import factories

pytestmark = pytest.mark.django_db


def titles(articles):
    return [article.title for article in articles]


@pytest.fixture
def entities():
    return {name: factories.make_entity(name=name) for name in ("Meta", "Scale AI", "Mistral AI")}


def test_shared_entities_outrank_a_shared_tag_and_picks_come_first(section, entities):
    meta, scale = entities["Meta"], entities["Scale AI"]
    only_tag = factories.make_article(section=section, title="Seulement le mot-clé IA", tags=["IA"])
    both = factories.make_article(section=section, title="Meta et Scale AI", entities=[meta, scale])
    one = factories.make_article(section=section, title="Meta seule, et l'IA", entities=[meta], tags=["IA"])
    factories.make_article(section=section, title="Sans rapport", entities=[entities["Mistral AI"]], tags=["Cloud"])
    pick = factories.make_article(section=section, title="Choix de la rédaction")

    article = factories.make_article(section=section, title="Meta investit dans Scale AI", entities=[meta, scale], tags=["IA"])

    assert titles(related_articles(article=article, limit=5)) == [both.title, one.title, only_tag.title]
    assert list(RelatedRanking.objects.filter(article=article).order_by("position").values_list("score", flat=True)) == [6, 4, 1]

    RelatedArticle.objects.create(article=article, target=pick, sort_order=0)
    assert titles(related_articles(article=article))[:2] == [pick.title, both.title]


def test_a_new_article_joins_the_lists_of_its_neighbours(section, entities):
    older = factories.make_article(section=section, title="Ancien", entities=[entities["Mistral AI"]])
    assert related_articles(article=older) == []

    newer = factories.make_article(section=section, title="Nouveau", entities=[entities["Mistral AI"]])

    assert titles(related_articles(article=older)) == [newer.title]


def test_unpublished_neighbours_leave_and_the_next_ones_stand_in(section, entities):
    near = [factories.make_article(section=section, title=f"Proche {n}", entities=[entities["Meta"]]) for n in range(4)]
    article = factories.make_article(section=section, title="Sujet", entities=[entities["Meta"]])
    assert titles(related_articles(article=article)) == ["Proche 3", "Proche 2", "Proche 1"]

    near[3].unpublish()

    assert titles(related_articles(article=article)) == ["Proche 2", "Proche 1", "Proche 0"]


def test_ranking_again_gives_the_same_rows(section, entities):
    for n in range(3):
        factories.make_article(section=section, title=f"Article {n}", entities=[entities["Meta"]], tags=["IA"])
    before = list(RelatedRanking.objects.order_by("article_id", "position").values_list("article_id", "target_id", "score"))

    rank_related(RelatedRanking.objects.values_list("article_id", flat=True))

    assert list(RelatedRanking.objects.order_by("article_id", "position").values_list("article_id", "target_id", "score")) == before


def test_a_publication_reads_only_around_the_article_and_ranks_as_the_whole_archive_does(section, entities):
    """`Links.around` (a publication) and `Links.everything` (a corpus) must give the same lists."""
    meta, scale, mistral = entities["Meta"], entities["Scale AI"], entities["Mistral AI"]
    mixes = [
        ([meta], ["IA"]),
        ([meta, scale], []),
        ([scale], ["IA", "Cloud"]),
        ([mistral], ["Cloud"]),
        ([], ["IA"]),
        ([meta, mistral], ["IA"]),
    ]
    articles = [
        factories.make_article(section=section, title=f"Article {n}", entities=mix, tags=tags) for n, (mix, tags) in enumerate(mixes)
    ]
    # An article linked twice to the same entity is one candidate and one shared entity.
    twice = factories.make_article(section=section, title="Meta deux fois", entities=[meta, meta])
    articles[2].unpublish()

    everything = Links.everything()
    for article in articles:
        assert Links.around([article.pk]).ranked(article.pk) == everything.ranked(article.pk)
    ranked = dict(everything.ranked(articles[0].pk))
    assert articles[2].pk not in ranked
    assert ranked[articles[5].pk] == 4  # Meta and « IA »
    assert ranked[twice.pk] == 3


def test_candidates_are_the_newest_articles_of_each_key(section, entities, monkeypatch):
    older = [factories.make_article(section=section, title=f"Ancien {n}", tags=["IA"]) for n in range(3)]
    newer = [factories.make_article(section=section, title=f"Récent {n}", tags=["IA"]) for n in range(2)]
    article = factories.make_article(section=section, title="Sujet", tags=["IA"])
    monkeypatch.setattr(related_ranking, "CANDIDATES_PER_KEY", 2)

    rank_related([article.pk])

    targets = set(RelatedRanking.objects.filter(article=article).values_list("target_id", flat=True))
    assert targets == {page.pk for page in newer}
    assert not targets & {page.pk for page in older}
