"""/api/v2/sections/, /api/v2/authors/ and /api/v2/entities/ (with roles and deals)."""

from django.db.models import F, OuterRef, Q, Subquery

from wagtail.api import APIField

from api.fields import ComputedField, absolute, image_data
from api.viewsets import PublicModelAPIViewSet, PublicPagesAPIViewSet
from articles import selectors
from articles.models import ArticleDeal, Author, SectionPage
from entities.models import Deal, Entity, Role

PHOTO_RENDITIONS = {"card": selectors.AUTHOR_CARD_RENDITION, "page": selectors.AUTHOR_PAGE_RENDITION}
ENTITY_RENDITIONS = {"square": "fill-320x320"}


class SectionsAPIViewSet(PublicPagesAPIViewSet):
    """The rubriques readers can open."""

    name = "sections"
    model = SectionPage
    body_fields = [*PublicPagesAPIViewSet.body_fields, APIField("intro")]
    listing_default_fields = [*PublicPagesAPIViewSet.listing_default_fields, "intro"]

    def public_queryset(self):
        return SectionPage.objects.live().public().order_by("path")


def _author_html_url(author, request):
    return absolute(request, f"/auteurs/{author.slug}/")


def _author_photo(author, request):
    return image_data(author.photo, request, specs=PHOTO_RENDITIONS, alt=author.name)


class AuthorsAPIViewSet(PublicModelAPIViewSet):
    """Bylines: name, role, biography, photo."""

    name = "authors"
    model = Author
    body_fields = [
        *PublicModelAPIViewSet.body_fields,
        APIField("name"),
        APIField("slug"),
        APIField("role"),
        APIField("bio"),
        APIField("photo", serializer=ComputedField(_author_photo)),
        APIField("html_url", serializer=ComputedField(_author_html_url)),
    ]
    meta_fields = ["detail_url"]
    listing_default_fields = ["id", "detail_url", "name", "slug", "role", "html_url", "photo"]

    def get_queryset(self):
        return Author.objects.select_related("photo").order_by("name", "pk")

    def prepare(self, authors, *, detail=False):
        authors = list(authors)
        selectors.attach_renditions([(author.photo, PHOTO_RENDITIONS.values()) for author in authors])
        return authors


def _entity_html_url(entity, request):
    return absolute(request, entity.get_url_path())


def _entity_image(entity, request):
    return image_data(entity.image, request, specs=ENTITY_RENDITIONS, alt=entity.image_alt)


def _short(entity, request):
    return {"id": entity.pk, "name": entity.name, "slug": entity.slug, "kind": entity.kind, "html_url": _entity_html_url(entity, request)}


def _roles(entity, request):
    return [
        {
            "kind": role.kind,
            "label": role.get_kind_display(),
            "title": role.title,
            "start_date": role.start_date.isoformat() if role.start_date else None,
            "end_date": role.end_date.isoformat() if role.end_date else None,
            "person": _short(role.person, request),
            "organisation": _short(role.organisation, request),
        }
        for role in entity._api_roles
    ]


def _deals(entity, request):
    return [
        {
            "kind": deal.kind,
            "label": deal.get_kind_display(),
            "status": deal.status,
            "date": deal.date.isoformat() if deal.date else None,
            "amount": str(deal.amount) if deal.amount is not None else None,
            "currency": deal.currency,
            "valuation": str(deal.valuation) if deal.valuation is not None else None,
            "note": deal.note,
            "source": _short(deal.source, request),
            "target": _short(deal.target, request),
            # The first live, public article reporting it (a restricted report is never named).
            "article_id": deal.report_id,
        }
        for deal in entity._api_deals
    ]


class EntitiesAPIViewSet(PublicModelAPIViewSet):
    """Published organisations and people; the detail adds their roles and deals. Filter: kind."""

    name = "entities"
    model = Entity
    filter_parameters = frozenset({"kind"})
    body_fields = [
        *PublicModelAPIViewSet.body_fields,
        APIField("name"),
        APIField("slug"),
        APIField("kind"),
        APIField("description"),
        APIField("website"),
        APIField("wikidata_id"),
        APIField("image", serializer=ComputedField(_entity_image)),
        APIField("html_url", serializer=ComputedField(_entity_html_url)),
        APIField("roles", serializer=ComputedField(_roles)),
        APIField("deals", serializer=ComputedField(_deals)),
    ]
    meta_fields = ["detail_url"]
    listing_default_fields = ["id", "detail_url", "name", "slug", "kind", "html_url"]
    detail_only_fields = ["roles", "deals"]

    def get_queryset(self):
        return Entity.objects.filter(live=True).select_related("image").order_by("name", "pk")

    def filter_queryset(self, queryset):
        kind = self.request.GET.get("kind")
        return queryset.filter(kind=kind) if kind else queryset

    def prepare(self, entities, *, detail=False):
        entities = list(entities)
        selectors.attach_renditions([(entity.image, ENTITY_RENDITIONS.values()) for entity in entities])
        if detail and entities:
            entity = entities[0]
            entity._api_roles = list(
                Role.objects.filter(Q(person=entity) | Q(organisation=entity), person__live=True, organisation__live=True)
                .select_related("person", "organisation")
                .order_by(F("start_date").desc(nulls_last=True), "sort_order", "pk")
            )
            public_report = (
                ArticleDeal.objects.filter(deal=OuterRef("pk"), article__in=selectors.teaser_queryset().values("pk"))
                .order_by("sort_order", "pk")
                .values("article_id")[:1]
            )
            entity._api_deals = list(
                Deal.objects.filter(Q(source=entity) | Q(target=entity), source__live=True, target__live=True)
                .select_related("source", "target")
                .annotate(report_id=Subquery(public_report))
                .order_by(F("date").desc(nulls_last=True), "-pk")
            )
        return entities
