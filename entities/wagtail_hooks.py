"""Admin: the knowledge base as snippets under one « Entités » menu."""

from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

import django_filters

from entities.admin_views import DASHBOARD_PERMISSION, EntityDashboardViewSet, EntityMergeViewSet
from entities.models import Entity


class EntityFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label="Type", choices=Entity.Kind.choices)
    tags = django_filters.CharFilter(label="Mot-clé", field_name="tags__name", lookup_expr="iexact", distinct=True)

    class Meta:
        model = Entity
        fields = ["kind", "live"]


class EntityIndexView(IndexView):
    """The listing, with a way to the dashboard beside « Ajouter »."""

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(DASHBOARD_PERMISSION):
            buttons.append(
                HeaderButton("Tableau de bord", url=reverse("entity_dashboard:index"), icon_name="clipboard-list", priority=1100)
            )
        return buttons


class EntityViewSet(SnippetViewSet):
    """Every organisation and person, with their roles and deals edited inline."""

    model = Entity
    icon = "group"
    menu_label = "Organisations et personnes"
    list_display = ["name", "kind", LiveStatusTagColumn(), UpdatedAtColumn()]
    list_export = ["name", "kind", "slug", "aliases", "description", "website", "wikidata_id", "live"]
    export_filename = "entites"
    filterset_class = EntityFilterSet
    index_view_class = EntityIndexView
    search_fields = ["name", "aliases", "description"]
    ordering = ["name"]


class EntitiesGroup(SnippetViewSetGroup):
    """The knowledge base menu."""

    items = (EntityDashboardViewSet, EntityViewSet, EntityMergeViewSet)
    menu_icon = "group"
    menu_label = "Entités"
    menu_name = "entites"
    menu_order = 210


register_snippet(EntitiesGroup)
