"""Reads for the public pages. Every function returns in a fixed number of queries, whatever the
number of teasers, tags, authors or related articles (the query-budget tests hold them to it)."""

from django.core.paginator import EmptyPage, Paginator
from django.db import connections
from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery, Window, prefetch_related_objects
from django.db.models.functions import RowNumber, Substr
from django.utils.functional import cached_property

from articles.article_body import body_references, load_images, prepared_body
from articles.body_cache import body_cache_key, cached_body
from articles.models import ArticleAuthor, ArticlePage, RelatedArticle, RelatedRanking
from articles.renditions import attach_renditions
from newsroom.restrictions import public_pages

PAGE_SIZE = 12
# A listing counts its rows up to this many pages past the one asked for, never the whole archive:
# « Page 3 sur 7 » while the end is that near, « Page 3 » and « Page suivante » beyond. An exact
# total cost a COUNT over every live article of the listing on each render (18 ms for the home page
# at 20,000 articles, growing with the archive); the capped count reads at most 121 rows on page 1.
COUNTED_PAGES_AHEAD = 9
# PostgreSQL's LIMIT is a bigint: an absurd ?page= must not overflow it (it counts everything instead).
COUNT_LIMIT_MAX = 2**62
# Home page: secondary stories under the lead (chosen: up to 4; default: the 3 newest) and the
# stories in each rubrique's block.
HOME_SECONDARY_MAX = 4
HOME_SECONDARY_DEFAULT = 3
HOME_SECTION_TEASERS = 3
RELATED_COUNT = 3
# Renditions a teaser may show (lead story: the larger one).
TEASER_RENDITIONS = ("fill-480x270", "fill-960x540")
# Sizes of an image block in the body (templates/blocks/figure.html).
BODY_RENDITIONS = ("width-640", "width-960", "width-1280")
# Author photos: the cards under an article, the head of the author's page.
AUTHOR_CARD_RENDITION = "fill-96x96"
AUTHOR_PAGE_RENDITION = "fill-160x160"


def teaser_queryset():
    """Live, public articles with what a teaser shows joined (hero image, sponsor), the body left
    in the database; `prepare_teasers()` then adds bylines and renditions to the rows fetched."""
    return (
        public_pages(ArticlePage.objects.live())
        .defer_streamfields()
        .select_related("hero_image", "sponsor")
        .order_by("-first_published_at", "-pk")
    )


def byline_prefetch(*, with_photos=False):
    """The ordered bylines of articles with their authors (and photos, for author cards)."""
    related = ("author", "author__photo") if with_photos else ("author",)
    return Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related(*related))


def teaser_images(articles):
    """(image, specs) pairs for `attach_renditions`: every teaser's hero image."""
    return [(article.hero_image, TEASER_RENDITIONS) for article in articles]


def prepare_teasers(articles, *, extra_images=()) -> list:
    """Bylines (one query) and renditions (cache, else one query) of fetched teasers, plus any
    other image of the page; returns the articles as a list."""
    articles = list(articles)
    prefetch_related_objects(articles, byline_prefetch())
    attach_renditions([*teaser_images(articles), *extra_images])
    return articles


class CappedPaginator(Paginator):
    """Django's paginator counting a queryset's rows up to `limit` only.

    Past the limit, `count` is the limit and `capped` is true: the page knows that a next page
    exists, not how many follow (templates/includes/pagination.html then shows no total).
    """

    def __init__(self, object_list, per_page, *, limit):
        super().__init__(object_list, per_page)
        self.limit = limit

    @cached_property
    def _rows_up_to_limit(self):
        # Unordered: which rows are counted does not matter, and without ORDER BY PostgreSQL stops
        # after limit + 1 rows instead of finding and sorting every row of the listing first.
        return self.object_list.order_by()[: self.limit + 1].count()

    @cached_property
    def count(self):
        """The number of rows, or `limit` when there are more."""
        return min(self._rows_up_to_limit, self.limit)

    @property
    def capped(self) -> bool:
        """True when the listing has more rows than were counted."""
        return self._rows_up_to_limit > self.limit


def requested_page(page_number) -> int:
    """The page asked for in `?page=`: garbage and numbers below 1 mean the first page."""
    try:
        return max(int(page_number or 1), 1)
    except (TypeError, ValueError):
        return 1


def paginate(queryset, page_number, per_page=PAGE_SIZE):
    """A page of results; out-of-range or garbage page numbers fall back to the nearest page.

    A queryset is counted up to `COUNTED_PAGES_AHEAD` pages past the page asked for (one query
    whose cost does not grow with the archive); a list (search results) is counted whole.
    """
    number = requested_page(page_number)
    if isinstance(queryset, QuerySet):
        limit = min((number + COUNTED_PAGES_AHEAD) * per_page, COUNT_LIMIT_MAX)
        paginator = CappedPaginator(queryset, per_page, limit=limit)
    else:
        paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(number)
    except EmptyPage:
        # Past the end: the rows were all counted (the limit lies beyond them), so this is the last page.
        return paginator.page(paginator.num_pages)


def home_listing(*, home, page_number, sections=()):
    """The home page: the lead story, 2–4 secondary stories, a block per rubrique and the latest.

    The lead and the secondary stories are the rédaction en chef's choice, else the newest. Each
    rubrique block shows its newest stories not already above. Page 2 onwards is the latest
    only. Fixed cost: lead (1), chosen secondary stories (1), the rubrique blocks (1, whatever the
    number of rubriques), then the capped count and the page of the latest, bylines and renditions.
    """
    articles = teaser_queryset().descendant_of(home)
    lead, secondary, blocks = None, [], []
    first_page = page_number in (None, "", "1")
    if first_page:
        if home.lead_article_id:
            lead = articles.filter(pk=home.lead_article_id).first()
        if lead is None:
            lead = articles.first()
        chosen = articles.filter(home_secondary_slots__home=home).order_by("home_secondary_slots__sort_order")
        secondary = [article for article in chosen if lead is None or article.pk != lead.pk][:HOME_SECONDARY_MAX]
    shown = [article.pk for article in [*([lead] if lead else []), *secondary]]
    page = paginate(articles.exclude(pk__in=shown), page_number)
    latest = list(page.object_list)
    if first_page and not secondary:
        # Nothing chosen: the newest stories after the lead, taken from the page already loaded.
        secondary, latest = latest[:HOME_SECONDARY_DEFAULT], latest[HOME_SECONDARY_DEFAULT:]
        shown += [article.pk for article in secondary]
    if first_page and sections:
        blocks = _section_blocks(articles.exclude(pk__in=shown), home, sections)
    prepare_teasers([*([lead] if lead else []), *secondary, *latest, *(a for _, items in blocks for a in items)])
    return {"lead": lead, "secondary": secondary, "section_blocks": blocks, "articles": page, "latest": latest}


def _section_blocks(articles, home, sections):
    """[(section, newest articles)] for each rubrique that has some, in navigation order: one query."""
    if not sections:
        return []
    prefix_length = (home.depth + 1) * home.steplen
    if connections[articles.db].features.supports_slicing_ordering_in_compound:
        rows = _newest_by_section(articles, sections)
    else:
        rows = _newest_by_section_window(articles, prefix_length)
    by_path = {}
    for article in rows:
        by_path.setdefault(article.path[:prefix_length], []).append(article)
    return [(section, by_path[section.path]) for section in sections if by_path.get(section.path)]


def _newest_by_section(articles, sections):
    """The newest `HOME_SECTION_TEASERS` articles under each section, newest first.

    One LIMIT per rubrique, united in one statement: each part walks the date index backwards under
    the rubrique's path and stops after a few rows, so the cost does not grow with the archive
    (a window over every article sorted all 20,000 of them, spilling to disk: 115 ms).
    """
    newest = [articles.descendant_of(section).values("pk")[:HOME_SECTION_TEASERS] for section in sections]
    ids = newest[0].union(*newest[1:], all=True) if len(newest) > 1 else newest[0]
    return articles.filter(pk__in=ids)


def _newest_by_section_window(articles, prefix_length):
    """`_newest_by_section` for databases that refuse a LIMIT inside a UNION (SQLite, `make run`):
    one window over every article of the home page, fine at a development database's size."""
    section_path = Substr("path", 1, prefix_length)
    return articles.annotate(
        rank=Window(RowNumber(), partition_by=[section_path], order_by=[F("first_published_at").desc(), F("pk").desc()]),
    ).filter(rank__lte=HOME_SECTION_TEASERS)


def _listing(queryset, page_number, extra_images=()):
    page = paginate(queryset, page_number)
    prepare_teasers(page.object_list, extra_images=extra_images)
    return {"articles": page}


def section_listing(*, section, page_number):
    """A rubrique's articles, newest first."""
    return _listing(teaser_queryset().child_of(section), page_number)


def author_listing(*, author, page_number):
    """An author's articles, newest first (and the author's photo, in the same rendition lookup)."""
    return _listing(teaser_queryset().filter(article_authors__author=author), page_number, [(author.photo, (AUTHOR_PAGE_RENDITION,))])


def tag_listing(*, tag, page_number):
    """The articles carrying a tag, newest first."""
    return _listing(teaser_queryset().filter(tagged_items__tag=tag), page_number)


def related_and_linked_articles(*, article, linked_ids=(), limit=RELATED_COUNT):
    """(related teasers, {id: article} of the body's « Lire aussi » targets), in one query.

    Related: the editor's picks first, then the stored ranking (`articles.related_ranking`: shared
    entities, then shared tags, computed at publication), live and public ones only. The body's
    links come in the same rows; they are live and public, or missing from the mapping. Every lookup is by the article's own id: the cost
    does not grow with the archive.
    """
    linked_ids = sorted(set(linked_ids) - {article.pk})
    picks = RelatedArticle.objects.filter(article_id=article.pk)
    ranked = RelatedRanking.objects.filter(article_id=article.pk)
    # One list of ids (a union of index lookups), not three OR-ed tests over every article.
    # (Unordered parts: SQLite refuses an ORDER BY inside a UNION.)
    linked_rows = [ArticlePage.objects.filter(pk__in=linked_ids).order_by().values("pk")] if linked_ids else []
    candidate_ids = picks.order_by().values("target_id").union(ranked.order_by().values("target_id"), *linked_rows)
    # No ORDER BY or LIMIT: the ids are a handful (the picks, STORED ranked, the body's links), and
    # sorting them here spared compiling the ordering expressions on every render.
    rows = list(
        teaser_queryset()
        .filter(pk__in=candidate_ids)
        .exclude(pk=article.pk)
        .annotate(
            pick_order=Subquery(picks.filter(target_id=OuterRef("pk")).values("sort_order")[:1]),
            rank=Subquery(ranked.filter(target_id=OuterRef("pk")).values("position")[:1]),
        )
        .order_by()
    )
    related = sorted(
        (row for row in rows if row.pick_order is not None or row.rank is not None),
        key=lambda row: (row.pick_order is None, row.pick_order or 0, row.rank or 0, -row.pk),
    )[:limit]
    linked = set(linked_ids)
    return related, {row.pk: row for row in rows if row.pk in linked}


def related_articles(*, article, limit=RELATED_COUNT):
    """The related teasers of `article` (see `related_and_linked_articles`)."""
    return related_and_linked_articles(article=article, limit=limit)[0]


HERO_RENDITIONS = {"small": "fill-800x450", "medium": "fill-1200x675", "large": "fill-1600x900", "social": "fill-1200x630"}


def hero_renditions(image):
    """Every size of the hero image: srcset for the page, 1200×630 for social cards.

    From the image's prefetched renditions when `attach_renditions` ran, else one query.
    """
    if image is None:
        return None
    renditions = image.get_renditions(*HERO_RENDITIONS.values())
    return {name: renditions[spec] for name, spec in HERO_RENDITIONS.items()}


def article_detail(*, article):
    """What an article page shows beyond its own fields, in a fixed number of queries.

    The related teasers and the body's « Lire aussi » targets come in one query, the bylines of
    the article and of its teasers in one, the body's images in one, and every image of the page
    (hero, body, author photos, teasers) gets its renditions in one lookup. The body is rebuilt on
    those objects (`article.body` is replaced for this render only), unless its rendered HTML is
    in the shared cache (`articles.body_cache`): then `body_rendered` holds it.
    """
    body_image_ids, linked_ids = body_references(article.body)
    related, linked = related_and_linked_articles(article=article, linked_ids=linked_ids)
    body_images = load_images(body_image_ids)
    entity_links = [link for link in article.entity_links.select_related("entity") if link.entity.live]
    # The body's HTML comes from the shared cache when this exact version was rendered before;
    # otherwise its blocks are built on the objects loaded above, for the template to render.
    body_key = body_cache_key(article, images=body_images, articles=linked, entities=[link.entity for link in entity_links])
    body_cached = cached_body(body_key)
    if body_cached is None:
        article.body = prepared_body(article.body, images=body_images, articles=linked)
    else:
        article.__dict__["word_count"] = body_cached[1]
    prefetch_related_objects([article, *related], byline_prefetch(with_photos=True))
    authors = [byline.author for byline in article.article_authors.all()]
    attach_renditions(
        [
            (article.hero_image, HERO_RENDITIONS.values()),
            *[(image, BODY_RENDITIONS) for image in body_images.values()],
            *[(author.photo, (AUTHOR_CARD_RENDITION,)) for author in authors],
            *teaser_images(related),
        ]
    )
    return {
        "authors": authors,
        "tags": list(article.tags.all()),
        "updates": sorted(article.updates.all(), key=lambda update: update.date, reverse=True),
        "related": related,
        "hero": hero_renditions(article.hero_image),
        "entity_links": entity_links,
        "body_key": body_key,
        "body_rendered": body_cached[0] if body_cached else None,
        "sources": list(article.sources.select_related("outlet")),
    }
