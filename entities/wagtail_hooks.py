"""Admin: the knowledge base as snippets under one « Entités » menu."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import django_filters

from entities.admin_views import EntityMergeViewSet
from entities.models import Entity


class EntityFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label="Type", choices=Entity.Kind.choices)
    tags = django_filters.CharFilter(label="Mot-clé", field_name="tags__name", lookup_expr="iexact", distinct=True)

    class Meta:
        model = Entity
        fields = ["kind", "live"]


class EntityViewSet(SnippetViewSet):
    """Every organisation and person, with their roles and deals edited inline."""

    model = Entity
    icon = "group"
    menu_label = "Organisations et personnes"
    list_display = ["name", "kind", LiveStatusTagColumn(), UpdatedAtColumn()]
    list_export = ["name", "kind", "slug", "aliases", "description", "website", "wikidata_id", "live"]
    export_filename = "entites"
    filterset_class = EntityFilterSet
    search_fields = ["name", "aliases", "description"]
    ordering = ["name"]


class EntitiesGroup(SnippetViewSetGroup):
    """The knowledge base menu."""

    items = (EntityViewSet, EntityMergeViewSet)
    menu_icon = "group"
    menu_label = "Entités"
    menu_name = "entites"
    menu_order = 210


register_snippet(EntitiesGroup)
