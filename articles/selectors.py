"""Reads for the public pages. Every function returns in a fixed number of queries, whatever the
number of teasers, tags, authors or related articles (the query-budget tests hold them to it)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch, Q

from wagtail.images import get_image_model

from articles.models import ArticleAuthor, ArticlePage, RelatedArticle

PAGE_SIZE = 12
RELATED_COUNT = 3
# Renditions a teaser may show; prefetched with the list so that no image costs a query.
TEASER_RENDITIONS = ("fill-480x270", "fill-960x540")


def teaser_queryset():
    """Live, public articles with everything a teaser shows, the body left in the database."""
    images = get_image_model().objects.prefetch_renditions(*TEASER_RENDITIONS)
    return (
        ArticlePage.objects.live()
        .public()
        .defer_streamfields()
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
    """The editor's picks first, then the live articles sharing the most tags, newest first."""
    chosen_ids = list(
        RelatedArticle.objects.filter(article=article, target__live=True).order_by("sort_order").values_list("target_id", flat=True)
    )[:limit]
    missing = limit - len(chosen_ids)
    suggested_ids = []
    if missing > 0:
        tag_ids = article.tagged_items.values("tag_id")
        suggested_ids = list(
            ArticlePage.objects.live()
            .public()
            .exclude(pk__in=[article.pk, *chosen_ids])
            .filter(tagged_items__tag_id__in=tag_ids)
            .annotate(shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
            .order_by("-shared", "-first_published_at")
            .values_list("pk", flat=True)[:missing]
        )
    wanted = chosen_ids + suggested_ids
    if not wanted:
        return []
    by_id = teaser_queryset().in_bulk(wanted)
    return [by_id[pk] for pk in wanted if pk in by_id]


def article_detail(*, article):
    """What an article page shows beyond its own fields."""
    return {
        "authors": [byline.author for byline in article.article_authors.select_related("author", "author__photo")],
        "tags": list(article.tags.all()),
        "updates": sorted(article.updates.all(), key=lambda update: update.date, reverse=True),
        "related": related_articles(article=article),
    }
