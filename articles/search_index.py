"""The public search index on PostgreSQL: a stored, weighted `tsvector` per live article, in SQL.

`ArticleSearchDocument` holds one row per live article: the title weighs A, the surtitre, chapô
and tags B, the body's prose (paragraphs, headings, quotes, captions) C, all through the
`french_unaccent` configuration (accents ignored, French Snowball stemming). The vector is
computed by PostgreSQL from the stored rows, one statement for one article or for 100,000 (the
corpus generator): no Python pass over the objects. Tags in the paragraphs' HTML are skipped by
PostgreSQL's own parser.

`match_documents` reads it: the GIN index finds the matches, the newest `limit` of them are kept
(the date index), and only those are ranked with `ts_rank`; live and public are checked on those
candidates. On SQLite (`make run`) nothing here runs: the search page uses Wagtail's FTS5 index.
"""

from django.db import connection

from articles.models import ArticleEntity, ArticlePage, ArticleSearchDocument, ArticleTag

SEARCH_CONFIG = "french_unaccent"

_DOCUMENTS = ArticleSearchDocument._meta.db_table
_BLOCK_TEXT = """
    CASE block->>'type'
        WHEN 'paragraph' THEN block->>'value'
        WHEN 'heading' THEN block->'value'->>'text'
        WHEN 'quote' THEN concat_ws(' ', block->'value'->>'quote', block->'value'->>'attribution')
        WHEN 'image' THEN block->'value'->>'caption'
        WHEN 'embed' THEN block->'value'->>'caption'
    END
"""
# %(where)s narrows the articles; the configuration is a literal so that the expression is the
# same for every row (and the planner knows it).
_UPSERT = f"""
INSERT INTO {_DOCUMENTS} (article_id, published_at, vector)
SELECT article.page_ptr_id, page.first_published_at,
    setweight(to_tsvector('{SEARCH_CONFIG}', page.title), 'A')
    || setweight(to_tsvector('{SEARCH_CONFIG}', concat_ws(' ', article.kicker, article.chapo, tags.names)), 'B')
    || setweight(to_tsvector('{SEARCH_CONFIG}', coalesce(body.text, '')), 'C')
FROM {ArticlePage._meta.db_table} AS article
JOIN wagtailcore_page AS page ON page.id = article.page_ptr_id
LEFT JOIN LATERAL (
    -- Ordered: the positions in the vector must not depend on the plan (a bulk build and one
    -- article's rewrite write the same document).
    SELECT string_agg(tag.name, ' ' ORDER BY tag.name, tag.id) AS names
    FROM {ArticleTag._meta.db_table} AS tagged JOIN taggit_tag AS tag ON tag.id = tagged.tag_id
    WHERE tagged.content_object_id = article.page_ptr_id
) AS tags ON TRUE
LEFT JOIN LATERAL (
    SELECT string_agg({_BLOCK_TEXT}, ' ' ORDER BY block_number) AS text
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(article.body::jsonb) = 'array' THEN article.body::jsonb ELSE '[]'::jsonb END)
        WITH ORDINALITY AS blocks(block, block_number)
) AS body ON TRUE
WHERE page.live %(where)s
ON CONFLICT (article_id) DO UPDATE SET published_at = EXCLUDED.published_at, vector = EXCLUDED.vector
"""  # noqa: S608 - table names and constants only: every value is a parameter


def _enabled() -> bool:
    return connection.vendor == "postgresql"


def index_articles(article_ids) -> None:
    """Write (or rewrite) the documents of these articles; those no longer live leave the index."""
    ids = list(article_ids)
    if not ids or not _enabled():
        return
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT % {"where": "AND article.page_ptr_id = ANY(%s)"}, [ids])
        # Table names only: the ids are a parameter.
        remove_stale = f"DELETE FROM {_DOCUMENTS} AS document USING wagtailcore_page AS page WHERE page.id = document.article_id"  # noqa: S608
        cursor.execute(remove_stale + " AND NOT page.live AND document.article_id = ANY(%s)", [ids])


def remove_articles(article_ids) -> None:
    """Take these articles out of the public search (unpublished)."""
    ids = list(article_ids)
    if ids and _enabled():
        ArticleSearchDocument.objects.filter(article_id__in=ids).delete()


def rebuild_index() -> int:
    """Rebuild every document in one statement (a migration, the corpus); returns the row count."""
    if not _enabled():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_DOCUMENTS}")  # noqa: S608 - table name
        cursor.execute(_UPSERT % {"where": ""})
        return cursor.rowcount


def match_documents(*, text: str, limit: int, published_from=None, published_before=None, entity_sets=(), section_path=None):
    """(article id, relevance, first publication) of the newest `limit` live, public articles
    matching every word of `text` (French stemming, accents ignored), in one query.

    The filters narrow the candidates before the limit: dates and section by the page's row, and each list of `entity_sets` by the article's entity links (linked to
    one of its entities; every list must hold).
    """
    conditions, params = [], []
    # Dates from the page itself: the document's copy only orders the candidates (it is written
    # at each publication; a date changed by other means would otherwise filter wrongly).
    if published_from is not None:
        conditions.append("article_id IN (SELECT id FROM wagtailcore_page WHERE first_published_at >= %s)")
        params.append(published_from)
    if published_before is not None:
        conditions.append("article_id IN (SELECT id FROM wagtailcore_page WHERE first_published_at < %s)")
        params.append(published_before)
    for entity_ids in entity_sets:
        conditions.append(f"article_id IN (SELECT article_id FROM {ArticleEntity._meta.db_table} WHERE entity_id = ANY(%s))")  # noqa: S608 - table name
        params.append(list(entity_ids))
    if section_path is not None:
        conditions.append("article_id IN (SELECT id FROM wagtailcore_page WHERE path LIKE %s)")
        params.append(section_path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    # Live is the document's existence (checked again on the page row); public is checked here on
    # the candidates only, as `newsroom.restrictions.public_pages` does: no restriction on the page
    # or an ancestor (a path prefix). Joined per candidate, never hashed over the whole archive.
    where = "".join(f" AND {condition}" for condition in conditions)
    sql = f"""
        SELECT candidate.article_id, ts_rank(candidate.vector, query.terms), page.first_published_at
        FROM (
            SELECT article_id, published_at, vector FROM {_DOCUMENTS}
            WHERE vector @@ plainto_tsquery('{SEARCH_CONFIG}', %s){where}
            ORDER BY published_at DESC, article_id DESC
            LIMIT %s
        ) AS candidate
        JOIN wagtailcore_page AS page ON page.id = candidate.article_id AND page.live
        CROSS JOIN plainto_tsquery('{SEARCH_CONFIG}', %s) AS query(terms)
        WHERE NOT EXISTS (
            SELECT 1 FROM wagtailcore_pageviewrestriction AS restriction
            JOIN wagtailcore_page AS restricted ON restricted.id = restriction.page_id
            WHERE left(page.path, length(restricted.path)) = restricted.path
        )
    """  # noqa: S608 - table names and constants only: every value is a parameter
    with connection.cursor() as cursor:
        # The planner prices `vector @@ query` on a sequential scan as if the vectors were in the
        # table, not TOASTed beside it: for a rare word it then reads all 100,000 of them (1 s)
        # instead of asking the GIN index (2 ms). For this statement only, it must use an index:
        # the GIN one for a rare word, the date one walked backwards for an everyday word.
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(sql, [text, *params, limit, text])
            return cursor.fetchall()
        finally:
            cursor.execute("RESET enable_seqscan")
