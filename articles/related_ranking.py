"""Related articles ranked by what they share: entities first, then tags, computed once and stored.

An article about Meta and Scale AI is closer to another about them than to one sharing only the tag
« IA »: each shared entity counts SCORE_PER_ENTITY, each shared tag SCORE_PER_TAG; ties go to the
article published last. Candidates are the newest CANDIDATES_PER_KEY articles of each of the
article's entities and tags, so the cost of ranking one article is bounded whatever the archive: an
everyday tag carried by 20,000 articles adds 50 candidates, not 20,000.

`rank_related` runs when an article is published (its tags and entity links change only then), for
the article and for the neighbours it now belongs with. The article page reads the result in one
indexed query (`articles.selectors.related_and_linked_articles`).

The scoring runs in Python over the link ids (`Links`), on every database: at 100,000 articles a
candidate's score is two intersections of three-element sets, where SQL spent two index probes and a
count per candidate: the whole corpus is ranked in 97 s instead of 497 (benchmarks/README.md).
"""

import heapq
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import F, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import DenseRank

from articles.models import ArticleEntity, ArticlePage, ArticleTag, RelatedRanking

STORED = 6  # the page shows 3; the others stand in when a neighbour is unpublished
CANDIDATES_PER_KEY = 50
SCORE_PER_ENTITY = 3
SCORE_PER_TAG = 1
BATCH = 2000
_NO_KEYS = frozenset()


class Links:
    """What the ranking reads: each article's entities and tags, each entity's and tag's articles
    newest first (highest id first), and the first publication of the live ones.

    `everything()` reads the whole link tables once (a corpus, a migration); `around(ids)` reads only
    what ranking `ids` needs (a publication: a few small indexed queries).
    """

    def __init__(self):
        self.entities = defaultdict(set)
        self.tags = defaultdict(set)
        self.by_entity = defaultdict(list)
        self.by_tag = defaultdict(list)
        self.published: dict[int, float | None] = {}

    @classmethod
    def everything(cls) -> "Links":
        """Every link and every live article (2–3 s and about 300 MB at 100,000 articles)."""
        links = cls()
        links._add_postings(ArticleEntity.objects.order_by("-article_id").values_list("entity_id", "article_id"), links.by_entity)
        links._add_postings(ArticleTag.objects.order_by("-content_object_id").values_list("tag_id", "content_object_id"), links.by_tag)
        links._add_keys(
            ArticleEntity.objects.values_list("article_id", "entity_id"), ArticleTag.objects.values_list("content_object_id", "tag_id")
        )
        links._add_published(ArticlePage.objects.live())
        return links

    @classmethod
    def around(cls, ids) -> "Links":
        """The keys of `ids`, the newest articles of each key, and the keys of those candidates."""
        links = cls()
        links._add_keys(
            ArticleEntity.objects.filter(article_id__in=ids).values_list("article_id", "entity_id"),
            ArticleTag.objects.filter(content_object_id__in=ids).values_list("content_object_id", "tag_id"),
        )
        # One more than kept: the article itself may be among the newest of its own keys.
        keep = CANDIDATES_PER_KEY + 1
        entity_ids = set().union(*links.entities.values())
        tag_ids = set().union(*links.tags.values())
        links._add_postings(_newest(ArticleEntity, "entity", "article", entity_ids, keep), links.by_entity)
        links._add_postings(_newest(ArticleTag, "tag", "content_object", tag_ids, keep), links.by_tag)
        candidates = {article for posting in (*links.by_entity.values(), *links.by_tag.values()) for article in posting}
        others = candidates - set(ids)
        links._add_keys(
            ArticleEntity.objects.filter(article_id__in=_any_of(others)).values_list("article_id", "entity_id"),
            ArticleTag.objects.filter(content_object_id__in=_any_of(others)).values_list("content_object_id", "tag_id"),
        )
        links._add_published(ArticlePage.objects.live().filter(pk__in=_any_of(candidates)))
        return links

    def _add_keys(self, entity_rows, tag_rows) -> None:
        for article, entity in entity_rows:
            self.entities[article].add(entity)
        for article, tag in tag_rows:
            self.tags[article].add(tag)

    @staticmethod
    def _add_postings(rows, postings) -> None:
        """Rows of (key, article), newest article first within each key; an article linked twice
        to the same key is one candidate."""
        for key, article in rows:
            posting = postings[key]
            if not posting or posting[-1] != article:
                posting.append(article)

    def _add_published(self, pages) -> None:
        for pk, first_published_at in pages.values_list("pk", "first_published_at"):
            self.published[pk] = first_published_at.timestamp() if first_published_at else None

    def ranked(self, article_id: int) -> list[tuple[int, int]]:
        """The STORED closest live articles to `article_id`, as (target id, score), closest first."""
        own_entities = self.entities.get(article_id, _NO_KEYS)
        own_tags = self.tags.get(article_id, _NO_KEYS)
        candidates = set()
        for keys, postings in ((own_entities, self.by_entity), (own_tags, self.by_tag)):
            for key in keys:
                newest = postings.get(key, [])[: CANDIDATES_PER_KEY + 1]
                candidates.update([other for other in newest if other != article_id][:CANDIDATES_PER_KEY])
        entities, tags, published = self.entities, self.tags, self.published
        scored = []
        for other in candidates:
            if other not in published:
                continue
            score = SCORE_PER_ENTITY * len(own_entities & entities.get(other, _NO_KEYS)) + SCORE_PER_TAG * len(
                own_tags & tags.get(other, _NO_KEYS)
            )
            when = published[other]
            # Highest score, then published last (never-dated last of all), then highest id.
            scored.append((-score, when is None, -(when or 0.0), -other))
        return [(-other, -score) for score, _undated, _published, other in heapq.nsmallest(STORED, scored)]

    def store(self, ids) -> None:
        """Replace the stored ranking of `ids` (which this instance must have been read for)."""
        rows = [
            RelatedRanking(article_id=article_id, target_id=target, position=position, score=score)
            for article_id in ids
            for position, (target, score) in enumerate(self.ranked(article_id), start=1)
        ]
        with transaction.atomic():
            RelatedRanking.objects.filter(article_id__in=ids).delete()
            RelatedRanking.objects.bulk_create(rows, batch_size=5000)


# The newest articles of each key, from the (key, article) index alone: a few rows per key, where a
# window over whole postings read every article of an everyday tag.
_NEWEST_SQL = """
SELECT keys.id, near.article FROM unnest(%s::int[]) AS keys(id) CROSS JOIN LATERAL (
    SELECT DISTINCT {article} AS article FROM {table} WHERE {key} = keys.id ORDER BY {article} DESC LIMIT %s
) AS near ORDER BY keys.id, near.article DESC
"""


def _any_of(ids):
    """`ids` for an `__in` lookup of up to a few thousand candidates: one array parameter on
    PostgreSQL (a list of 1,800 placeholders took longer to build and plan than to run), the list
    elsewhere."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::int[])", [sorted(ids)])
    return list(ids)


def _newest(model, key: str, article: str, ids, keep: int):
    """(key, article) rows of the `keep` newest articles of each key of `ids`, newest first within a
    key; an article linked twice to a key counts once."""
    if not ids:
        return []
    if connection.vendor == "postgresql":
        column = model._meta.get_field(key).column
        target = model._meta.get_field(article).column
        with connection.cursor() as cursor:
            cursor.execute(_NEWEST_SQL.format(table=model._meta.db_table, key=column, article=target), [sorted(ids), keep])
            return cursor.fetchall()
    # SQLite (`make run`): a window over the postings, fine at a demo's size.
    ranked = model.objects.filter(**{f"{key}__in": ids}).annotate(rank=Window(DenseRank(), partition_by=F(key), order_by=F(article).desc()))
    return ranked.filter(rank__lte=keep).order_by(key, f"-{article}").values_list(key, article).distinct()


def rank_related(article_ids, *, with_neighbours: bool = False) -> None:
    """Compute and store the related articles of `article_ids`.

    With `with_neighbours`, the articles now ranked closest to them are ranked again too, so that
    a newly published article appears in the lists of the articles it is closest to.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return
    with transaction.atomic():
        links = Links.everything() if len(ids) > BATCH else Links.around(ids)
        for start in range(0, len(ids), BATCH):
            links.store(ids[start : start + BATCH])
        if with_neighbours:
            neighbours = set(RelatedRanking.objects.filter(article_id__in=ids).values_list("target_id", flat=True)) - set(ids)
            rank_related(neighbours)
