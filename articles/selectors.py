"""Reads for the public pages. Every function returns in a fixed number of queries, whatever the
number of teasers, tags, authors or related articles (the query-budget tests hold them to it)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery

from wagtail.images import get_image_model

from articles.models import ArticleAuthor, ArticlePage, ArticleTag, RelatedArticle

PAGE_SIZE = 12
RELATED_COUNT = 3
# Renditions a teaser may show; prefetched with the list so that no image costs a query.
TEASER_RENDITIONS = ("fill-480x270", "fill-960x540")
# Sizes of an image block in the body (templates/blocks/figure.html).
BODY_RENDITIONS = ("width-640", "width-960", "width-1280")


def teaser_queryset(*, only_live=True):
    """Articles with everything a teaser shows, the body left in the database.

    `only_live=False` is for ids already filtered for live and public pages: it spares the
    view-restriction query that `.public()` costs.
    """
    images = get_image_model().objects.prefetch_renditions(*TEASER_RENDITIONS)
    queryset = ArticlePage.objects.live().public() if only_live else ArticlePage.objects.all()
    return (
        queryset.defer_streamfields()
        .select_related("sponsor")
        .prefetch_related(
            Prefetch("hero_image", queryset=images),
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
        )
        .order_by("-first_published_at", "-pk")
    )


def paginate(queryset, page_number, per_page=PAGE_SIZE):
    """A page of results; out-of-range or garbage page numbers fall back to the nearest page."""
    paginator = Paginator(queryset, per_page)
    try:
        page = paginator.page(page_number or 1)
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return page


def home_listing(*, home, page_number):
    """The lead story (chosen, else the newest) and the paginated latest articles."""
    articles = teaser_queryset().descendant_of(home)
    lead = None
    first_page = page_number in (None, "", "1")
    if first_page:
        if home.lead_article_id:
            lead = articles.filter(pk=home.lead_article_id).first()
        if lead is None:
            lead = articles.first()
    if lead is not None:
        articles = articles.exclude(pk=lead.pk)
    return {"lead": lead, "articles": paginate(articles, page_number)}


def section_listing(*, section, page_number):
    """A rubrique's articles, newest first."""
    return {"articles": paginate(teaser_queryset().child_of(section), page_number)}


def author_listing(*, author, page_number):
    """An author's articles, newest first."""
    return {"articles": paginate(teaser_queryset().filter(article_authors__author=author), page_number)}


def tag_listing(*, tag, page_number):
    """The articles carrying a tag, newest first."""
    return {"articles": paginate(teaser_queryset().filter(tagged_items__tag=tag), page_number)}


def related_articles(*, article, limit=RELATED_COUNT):
    """The editor's picks first, then the live articles sharing the most tags, newest first.

    One query chooses the ids whatever the mix of picks and suggestions, so the page costs the
    same with 0 or 10 related articles.
    """
    tag_ids = ArticleTag.objects.filter(content_object_id=article.pk).values("tag_id")
    pick_order = RelatedArticle.objects.filter(article_id=article.pk, target_id=OuterRef("pk")).values("sort_order")[:1]
    ids = list(
        ArticlePage.objects.live()
        .public()
        .exclude(pk=article.pk)
        .annotate(pick_order=Subquery(pick_order), shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
        .filter(Q(pick_order__isnull=False) | Q(shared__gt=0))
        .order_by(F("pick_order").asc(nulls_last=True), "-shared", "-first_published_at", "-pk")
        .values_list("pk", flat=True)[:limit]
    )
    if not ids:
        return []
    by_id = teaser_queryset(only_live=False).in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


HERO_RENDITIONS = {"small": "fill-800x450", "medium": "fill-1200x675", "large": "fill-1600x900", "social": "fill-1200x630"}


def hero_renditions(image):
    """Every size of the hero image in one query: srcset for the page, 1200×630 for social cards."""
    if image is None:
        return None
    renditions = image.get_renditions(*HERO_RENDITIONS.values())
    return {name: renditions[spec] for name, spec in HERO_RENDITIONS.items()}


def article_detail(*, article):
    """What an article page shows beyond its own fields."""
    return {
        "authors": [byline.author for byline in article.article_authors.select_related("author", "author__photo")],
        "tags": list(article.tags.all()),
        "updates": sorted(article.updates.all(), key=lambda update: update.date, reverse=True),
        "related": related_articles(article=article),
        "hero": hero_renditions(article.hero_image),
        "entity_links": [link for link in article.entity_links.select_related("entity") if link.entity.live],
        "sources": list(article.sources.select_related("outlet")),
    }
