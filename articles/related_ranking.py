"""Related articles ranked by what they share: entities first, then tags, computed in SQL and stored.

An article about Meta and Scale AI is closer to another about them than to one sharing only the tag
« IA »: each shared entity counts SCORE_PER_ENTITY, each shared tag SCORE_PER_TAG; ties go to the
newer article. Candidates are the newest CANDIDATES_PER_KEY articles of each of the article's
entities and tags (read from the (entity, article) and (tag, article) indexes alone), so the cost
of ranking one article is bounded whatever the archive: an everyday tag carried by 20,000
articles adds 50 candidates, not 20,000.

`rank_related` runs when an article is published (its tags and entity links change only then),
for the article and for the neighbours it now belongs with; `rank_related` over every article in
batches builds the table for a corpus. The article page reads the result in one indexed query
(`articles.selectors.related_and_linked_articles`).
"""

from django.db import connection, transaction

from articles.models import ArticleEntity, ArticleTag, RelatedRanking

STORED = 6  # the page shows 3; the others stand in when a neighbour is unpublished
CANDIDATES_PER_KEY = 50
SCORE_PER_ENTITY = 3
SCORE_PER_TAG = 1
BATCH = 2000

_ENTITY = ArticleEntity._meta.db_table
_TAG = ArticleTag._meta.db_table
_RANKING = RelatedRanking._meta.db_table
# For each article of the array: its keys, the newest candidates per key, their exact scores, the
# STORED best live ones. Table names and constants only: the ids are a parameter.
_RANK_SQL = f"""
INSERT INTO {_RANKING} (article_id, target_id, position, score)
SELECT source.id, best.target_id, best.position, best.score
FROM unnest(%s::int[]) AS source(id)
CROSS JOIN LATERAL (
    WITH entities AS (SELECT entity_id FROM {_ENTITY} WHERE article_id = source.id),
    tags AS (SELECT tag_id FROM {_TAG} WHERE content_object_id = source.id),
    candidates AS (
        SELECT near.article_id AS id FROM entities CROSS JOIN LATERAL (
            SELECT article_id FROM {_ENTITY} AS link
            WHERE link.entity_id = entities.entity_id AND link.article_id <> source.id
            ORDER BY link.article_id DESC LIMIT {CANDIDATES_PER_KEY}
        ) AS near
        UNION
        SELECT near.content_object_id FROM tags CROSS JOIN LATERAL (
            SELECT content_object_id FROM {_TAG} AS tagged
            WHERE tagged.tag_id = tags.tag_id AND tagged.content_object_id <> source.id
            ORDER BY tagged.content_object_id DESC LIMIT {CANDIDATES_PER_KEY}
        ) AS near
    ),
    scored AS (
        SELECT candidates.id AS target_id, page.first_published_at,
            {SCORE_PER_ENTITY} * (SELECT count(*) FROM {_ENTITY} AS link
                WHERE link.article_id = candidates.id AND link.entity_id IN (SELECT entity_id FROM entities))
            + {SCORE_PER_TAG} * (SELECT count(*) FROM {_TAG} AS tagged
                WHERE tagged.content_object_id = candidates.id AND tagged.tag_id IN (SELECT tag_id FROM tags)) AS score
        FROM candidates JOIN wagtailcore_page AS page ON page.id = candidates.id AND page.live
    )
    SELECT target_id, score,
        row_number() OVER (ORDER BY score DESC, first_published_at DESC NULLS LAST, target_id DESC) AS position
    FROM scored
    ORDER BY position
    LIMIT {STORED}
) AS best
"""  # noqa: S608


def rank_related(article_ids, *, with_neighbours: bool = False) -> None:
    """Compute and store the related articles of `article_ids` (in batches of BATCH).

    With `with_neighbours`, the articles now ranked closest to them are ranked again too, so that
    a newly published article appears in the lists of the articles it is closest to.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            for start in range(0, len(ids), BATCH):
                chunk = ids[start : start + BATCH]
                RelatedRanking.objects.filter(article_id__in=chunk).delete()
                with connection.cursor() as cursor:
                    cursor.execute(_RANK_SQL, [chunk])
        else:
            # SQLite (`make run`, a demo of a few dozen articles): the same ranking in Python.
            _rank_in_python(ids)
        if with_neighbours:
            neighbours = set(RelatedRanking.objects.filter(article_id__in=ids).values_list("target_id", flat=True)) - set(ids)
            rank_related(neighbours)


def _rank_in_python(ids) -> None:
    from articles.models import ArticlePage

    entities, tags = {}, {}
    for article_id, entity_id in ArticleEntity.objects.values_list("article_id", "entity_id"):
        entities.setdefault(article_id, set()).add(entity_id)
    for article_id, tag_id in ArticleTag.objects.values_list("content_object_id", "tag_id"):
        tags.setdefault(article_id, set()).add(tag_id)
    live = dict(ArticlePage.objects.live().values_list("pk", "first_published_at"))
    rows = []
    for article_id in ids:
        scored = []
        for other, published in live.items():
            if other == article_id:
                continue
            score = SCORE_PER_ENTITY * len(entities.get(article_id, set()) & entities.get(other, set()))
            score += SCORE_PER_TAG * len(tags.get(article_id, set()) & tags.get(other, set()))
            if score:
                scored.append((-score, -(published.timestamp() if published else 0), -other))
        for position, (score, _published, other) in enumerate(sorted(scored)[:STORED], start=1):
            rows.append(RelatedRanking(article_id=article_id, target_id=-other, position=position, score=-score))
    RelatedRanking.objects.filter(article_id__in=ids).delete()
    RelatedRanking.objects.bulk_create(rows)
