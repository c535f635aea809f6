"""The base of every endpoint: anonymous, read-only, what a reader may see, French errors.

Wagtail's v2 viewsets with their filters, search and `find` view left out: each endpoint declares
the query parameters it understands, loads what its objects show in bulk (`prepare`), and answers
404 for anything a reader could not open on the site (drafts, scheduled, private, restricted).
"""

from django.conf import settings
from django.http import Http404
from django.urls import path

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Site

from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

PAGINATION_PARAMETERS = frozenset({"limit", "offset", "fields"})


class FrenchPagination(WagtailPagination):
    """Wagtail's limit/offset pagination, refusing bad numbers in French."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        for name in ("offset", "limit"):
            value = request.GET.get(name, "0")
            if not value.isdigit():
                raise BadRequestError(f"{name}\u00a0: nombre entier positif attendu, pas «\u00a0{value}\u00a0».")
        if int(request.GET.get("limit", "0")) > limit_max:
            raise BadRequestError(f"limit\u00a0: {limit_max} au plus.")
        return super().paginate_queryset(queryset, request, view)


class ReadOnlyAPIMixin:
    """What every endpoint shares: JSON only, declared parameters, fixed order, bulk loading."""

    renderer_classes = [JSONRenderer]
    pagination_class = FrenchPagination
    filter_parameters = frozenset()

    def check_query_parameters(self, queryset):
        unknown = set(self.request.GET) - PAGINATION_PARAMETERS - self.filter_parameters
        if unknown:
            raise BadRequestError(
                "Paramètre inconnu\u00a0: "
                + ", ".join(sorted(unknown))
                + ". Paramètres acceptés\u00a0: "
                + ", ".join(sorted(PAGINATION_PARAMETERS | self.filter_parameters))
                + "."
            )

    def prepare(self, objects, *, detail=False):
        """Load in bulk what the serialised objects show (override); returns a list."""
        return list(objects)

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        page = self.prepare(self.paginate_queryset(queryset))
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            instance = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
            if instance is None:
                raise Http404("Introuvable, ou pas public.")
            self._cached_object = self.prepare([instance], detail=True)[0]
        return self._cached_object

    def detail_view(self, request, pk):
        self.check_query_parameters(None)
        return super().detail_view(request, pk)

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return Response({"message": "Introuvable, ou pas public."}, status=status.HTTP_404_NOT_FOUND)
        return super().handle_exception(exc)

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]


class PublicPagesAPIViewSet(ReadOnlyAPIMixin, PagesAPIViewSet):
    """Pages of one type that are live and public (no view restriction above them), on this site."""

    filter_backends = []
    # No "parent", "alias_of", "locale", "seo_title" or "search_description": not for readers.
    meta_fields = ["type", "detail_url", "html_url", "slug", "first_published_at"]
    detail_only_fields = []

    @classmethod
    def get_detail_default_fields(cls, model):
        return cls.get_available_fields(model)

    def public_queryset(self):
        """Live, public pages of the endpoint's type (override)."""
        raise NotImplementedError

    def get_queryset(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return self.model.objects.none()
        return self.public_queryset().descendant_of(site.root_page)

    def get_base_queryset(self):
        return self.get_queryset()

    def get_object(self):
        return ReadOnlyAPIMixin.get_object(self)


class PublicModelAPIViewSet(ReadOnlyAPIMixin, BaseAPIViewSet):
    """Snippets or plain models readers see on the site (entities, authors)."""

    filter_backends = []
