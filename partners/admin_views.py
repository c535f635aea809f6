"""Sales reports (Wagtail report views): clicks per partner by day or by month, with a chart and exports."""

from django.urls import path, reverse

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from partners.models import ClickCount, Partner, Placement
from partners.reports import CHART_HEIGHT, CHART_WIDTH, chart_bars, clicks_by_period, period_label

partner_policy = ModelPermissionPolicy(Partner)


class ClickFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(label="Partenaire", queryset=Partner.objects.order_by("name"))
    placement = django_filters.ChoiceFilter(label="Emplacement", choices=Placement.choices)
    day = django_filters.DateFromToRangeFilter(label="Période (du … au …)")

    class Meta:
        model = ClickCount
        fields = ["partner", "placement", "day"]


class PartnerClicksReportView(ReportView):
    """Clicks per partner and period; the chart sums every partner shown by the filters."""

    period = "day"
    results_template_name = "partners/admin/clicks_report_results.html"
    header_icon = "pick"
    filterset_class = ClickFilterSet
    # Reports are for whoever runs partners: sales (and superusers), not readers of the snippet list.
    permission_policy = partner_policy
    any_permission_required = ["change"]
    list_export = ["partner", "period", "clicks"]
    export_headings = {"partner": "Partenaire", "period": "Période", "clicks": "Clics"}
    paginate_by = 100

    def get_queryset(self):
        return ClickCount.objects.all()

    def get_filtered_queryset(self):
        return clicks_by_period(self.filter_queryset(self.get_queryset()), period=self.period)

    def get_filename(self):
        return f"clics-partenaires-par-{'mois' if self.period == 'month' else 'jour'}"

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["period"] = period_label(item["period"], period=self.period)
        return row

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            bars=chart_bars(self.object_list, period=self.period),
            chart_width=CHART_WIDTH,
            chart_height=CHART_HEIGHT,
            period=self.period,
            rows=[{**row, "label": period_label(row["period"], period=self.period)} for row in context["object_list"]],
            other_report_url=reverse(f"partner_reports:{'day' if self.period == 'month' else 'month'}"),
        )
        return context


class DailyClicksView(PartnerClicksReportView):
    period = "day"
    page_title = "Clics des partenaires par jour"
    index_url_name = "partner_reports:day"
    index_results_url_name = "partner_reports:day_results"


class MonthlyClicksView(PartnerClicksReportView):
    period = "month"
    page_title = "Clics des partenaires par mois"
    index_url_name = "partner_reports:month"
    index_results_url_name = "partner_reports:month_results"


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return partner_policy.user_has_permission(request.user, "change")


class PartnerReportViewSet(ViewSet):
    """The « Statistiques » entry of the Partenaires menu, for sales."""

    name = "partner_reports"
    url_prefix = "partenaires/statistiques"
    icon = "pick"
    menu_label = "Statistiques de clics"
    menu_item_class = ReportMenuItem

    @property
    def menu_url(self):
        return reverse("partner_reports:day")

    def get_urlpatterns(self):
        return [
            path("", DailyClicksView.as_view(), name="day"),
            path("resultats/", DailyClicksView.as_view(results_only=True), name="day_results"),
            path("mois/", MonthlyClicksView.as_view(), name="month"),
            path("mois/resultats/", MonthlyClicksView.as_view(results_only=True), name="month_results"),
        ]
