"""/api/v2/articles/: live, public articles with their bylines, tags, entities, section and images."""

from datetime import date

from django.db.models import Prefetch, prefetch_related_objects

from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError

from api.fields import HERO_RENDITIONS, ComputedField, absolute, image_data
from api.viewsets import PublicPagesAPIViewSet
from articles import selectors
from articles.models import ArticleEntity, ArticlePage, SectionPage

DETAIL_HERO_RENDITIONS = selectors.HERO_RENDITIONS


def _section(article, request):
    section = getattr(article, "_api_section", None)
    if section is None:
        return None
    return {"id": section.pk, "title": section.title, "slug": section.slug, "html_url": section.get_full_url(request)}


def _authors(article, request):
    return [
        {
            "id": byline.author.pk,
            "name": byline.author.name,
            "slug": byline.author.slug,
            "html_url": absolute(request, f"/auteurs/{byline.author.slug}/"),
        }
        for byline in article.article_authors.all()
    ]


def _tags(article, request):
    return [{"name": item.tag.name, "slug": item.tag.slug} for item in article.tagged_items.all()]


def _entities(article, request):
    return [
        {
            "id": link.entity.pk,
            "name": link.entity.name,
            "slug": link.entity.slug,
            "kind": link.entity.kind,
            "prominence": link.prominence,
            "html_url": absolute(request, link.entity.get_url_path()),
        }
        for link in article.entity_links.all()
        if link.entity.live
    ]


def _hero(article, request):
    specs = DETAIL_HERO_RENDITIONS if getattr(article, "_api_detail", False) else HERO_RENDITIONS
    return image_data(
        article.hero_image, request, specs=specs, alt=article.hero_alt, caption=article.hero_caption, credit=article.hero_credit
    )


def _sponsor(article, request):
    # The public « En partenariat avec … » line: the partner's name, nothing of its admin fields.
    return {"name": article.sponsor.name} if article.sponsor_id else None


def _body(article, request):
    return article.body.stream_block.get_api_representation(article.body, {"request": request})


def _body_html(article, request):
    return str(article.body.render_as_block())


def _updates(article, request):
    return [{"kind": update.kind, "date": update.date.isoformat(), "note": update.note} for update in article._api_updates]


def _sources(article, request):
    return [{"outlet": source.outlet.name, "url": source.url, "title": source.title} for source in article._api_sources]


def _parse_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise BadRequestError(f"{name}\u00a0: date attendue au format AAAA-MM-JJ, pas «\u00a0{value}\u00a0».") from error


class ArticlesAPIViewSet(PublicPagesAPIViewSet):
    """Articles, newest first; filters: section, tag, entity, author, published_after, published_before."""

    name = "articles"
    model = ArticlePage
    filter_parameters = frozenset({"section", "tag", "entity", "author", "published_after", "published_before"})
    body_fields = [
        *PublicPagesAPIViewSet.body_fields,
        APIField("kicker"),
        APIField("chapo"),
        APIField("section", serializer=ComputedField(_section)),
        APIField("authors", serializer=ComputedField(_authors)),
        APIField("tags", serializer=ComputedField(_tags)),
        APIField("entities", serializer=ComputedField(_entities)),
        APIField("hero_image", serializer=ComputedField(_hero)),
        APIField("sponsor", serializer=ComputedField(_sponsor)),
        APIField("reading_time"),
        APIField("body", serializer=ComputedField(_body)),
        APIField("body_html", serializer=ComputedField(_body_html)),
        APIField("updates", serializer=ComputedField(_updates)),
        APIField("sources", serializer=ComputedField(_sources)),
    ]
    meta_fields = [*PublicPagesAPIViewSet.meta_fields, "last_published_at"]
    listing_default_fields = [
        *PublicPagesAPIViewSet.listing_default_fields,
        "kicker",
        "chapo",
        "section",
        "authors",
        "tags",
        "entities",
        "hero_image",
        "sponsor",
    ]
    detail_only_fields = ["body", "body_html", "updates", "sources", "reading_time"]

    def public_queryset(self):
        return selectors.teaser_queryset()

    def filter_queryset(self, queryset):
        params = self.request.GET
        if params.get("section"):
            value = params["section"]
            sections = SectionPage.objects.filter(pk=value) if value.isdigit() else SectionPage.objects.filter(slug=value)
            section = sections.only("path", "depth").first()
            queryset = queryset.child_of(section) if section is not None else queryset.none()
        if params.get("tag"):
            queryset = queryset.filter(tagged_items__tag__slug=params["tag"])
        if params.get("entity"):
            value = params["entity"]
            lookup = {"entity_links__entity_id": value} if value.isdigit() else {"entity_links__entity__slug": value}
            queryset = queryset.filter(**lookup, entity_links__entity__live=True)
        if params.get("author"):
            queryset = queryset.filter(article_authors__author__slug=params["author"])
        if params.get("published_after"):
            queryset = queryset.filter(first_published_at__date__gte=_parse_date(params["published_after"], "published_after"))
        if params.get("published_before"):
            queryset = queryset.filter(first_published_at__date__lte=_parse_date(params["published_before"], "published_before"))
        return queryset.distinct() if params.get("tag") or params.get("entity") or params.get("author") else queryset

    def prepare(self, articles, *, detail=False):
        """Bylines, tags, entities, sections and renditions of the articles shown, in bulk."""
        articles = list(articles)
        if not articles:
            return articles
        prefetch_related_objects(
            articles,
            selectors.byline_prefetch(),
            "tagged_items__tag",
            Prefetch("entity_links", queryset=ArticleEntity.objects.select_related("entity")),
        )
        parent_paths = {article.path[: -ArticlePage.steplen] for article in articles}
        sections = {section.path: section for section in SectionPage.objects.filter(path__in=parent_paths, live=True)}
        for article in articles:
            article._api_section = sections.get(article.path[: -ArticlePage.steplen])
        if detail:
            article = articles[0]
            article._api_detail = True
            context = selectors.article_detail(article=article)
            article._api_updates = context["updates"]
            article._api_sources = context["sources"]
        else:
            selectors.attach_renditions([(article.hero_image, HERO_RENDITIONS.values()) for article in articles])
        return articles
