"""The partner list sales live in: logo thumbnails, status badges, campaigns ending soon highlighted,
« Exporter » and « Réordonner » as visible buttons, filters kept in the URL, French exports."""

import datetime

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.images import get_image_model
from wagtail.snippets.views.snippets import IndexView

import django_filters

from newsroom.french_spreadsheets import FrenchSpreadsheetExportMixin
from partners.models import Partner, Tier, paris_today
from partners.selectors import LOGO_FILTER

ENDING_SOON_DAYS = 14
STATUSES = [("en ligne", "En ligne"), ("programmé", "Programmé"), ("terminé", "Terminé"), ("archivé", "Archivé")]


def ending_soon(partner: Partner, *, today: datetime.date | None = None) -> int | None:
    """Days left for a live campaign ending within ENDING_SOON_DAYS (0: today is the last day), else None."""
    today = today or paris_today()
    if partner.archived or partner.active_until is None or partner.active_from > today:
        return None
    left = (partner.active_until - today).days
    return left if 0 <= left <= ENDING_SOON_DAYS else None


class PartnerFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="Statut", choices=STATUSES, method="filter_status", empty_label="Tous")
    ending = django_filters.BooleanFilter(label=f"Se termine dans les {ENDING_SOON_DAYS} jours", method="filter_ending")
    tier = django_filters.ChoiceFilter(label="Niveau", choices=Tier.choices)

    class Meta:
        model = Partner
        fields = ["status", "ending", "tier", "on_site", "on_home", "on_articles"]

    def filter_status(self, queryset, name, value):
        today = paris_today()
        if value == "archivé":
            return queryset.filter(archived=True)
        queryset = queryset.filter(archived=False)
        if value == "programmé":
            return queryset.filter(active_from__gt=today)
        if value == "terminé":
            return queryset.filter(active_until__lt=today)
        return queryset.filter(active_from__lte=today).filter(Q(active_until__isnull=True) | Q(active_until__gte=today))

    def filter_ending(self, queryset, name, value):
        if value is None:
            return queryset
        today = paris_today()
        soon = Q(
            archived=False,
            active_from__lte=today,
            active_until__gte=today,
            active_until__lte=today + datetime.timedelta(days=ENDING_SOON_DAYS),
        )
        return queryset.filter(soon) if value else queryset.exclude(soon)


class LogoColumn(Column):
    """The partner's logo, from the rendition the public block uses (prefetched: no query per row)."""

    cell_template_name = "partners/admin/logo_cell.html"

    def get_value(self, instance):
        renditions = getattr(instance.logo, "list_renditions", None) if instance.logo_id else None
        return renditions[0] if renditions else None


class StatusColumn(StatusTagColumn):
    """« en ligne » (highlighted), « programmé », « terminé », « archivé »."""

    def __init__(self, name, **kwargs):
        super().__init__(name, primary=lambda partner: partner.status() == "en ligne", **kwargs)

    def get_value(self, instance):
        return instance.status()


class UntilColumn(Column):
    """The last day, with « se termine dans N jours » on campaigns ending within 14 days."""

    cell_template_name = "partners/admin/until_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["days_left"] = ending_soon(instance)
        return context


class PartnerIndexView(FrenchSpreadsheetExportMixin, IndexView):
    """The snippet list with the buttons sales use every day in the header, not in the « … » menu."""

    export_sheet_title = "Partenaires"

    def get_base_queryset(self):
        rendition_model = get_image_model().get_rendition_model()
        return (
            super()
            .get_base_queryset()
            .select_related("logo")
            .prefetch_related(
                Prefetch("logo__renditions", queryset=rendition_model.objects.filter(filter_spec=LOGO_FILTER), to_attr="list_renditions")
            )
        )

    @cached_property
    def columns(self):
        # Wagtail makes the first field of list_display the title column: the logo goes before it.
        checkbox, title, logo, *rest = super().columns
        return [checkbox, logo, title, *rest]

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(HeaderButton("Exporter (Excel)", url=self.xlsx_export_url, icon_name="download", priority=20))
        buttons.append(HeaderButton("Exporter (CSV)", url=self.csv_export_url, icon_name="download", priority=30))
        if self.get_reorder_url():
            buttons.append(
                HeaderButton(
                    "Réordonner", url=f"{reverse(self.index_url_name)}?ordering={self.sort_order_field}", icon_name="list-ul", priority=40
                )
            )
        return buttons

    @property
    def header_more_buttons(self):
        return []


LIST_DISPLAY = [
    "name",
    LogoColumn("logo", label="Logo"),
    Column("tier", label="Niveau", accessor="get_tier_display"),
    StatusColumn("status", label="Statut"),
    Column("active_from", label="Visible à partir du", accessor=lambda partner: partner.active_from.strftime("%d/%m/%Y")),
    UntilColumn("active_until", label="Visible jusqu’au"),
]
