"""Sales reports (Wagtail report views): impressions, clicks and CTR per partner, placement and period,
with a chart, a comparison with the previous period, French exports, and report links for partners."""

import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from newsroom.french_spreadsheets import FrenchSpreadsheetExportMixin
from partners.charts import line_chart
from partners.models import ClickCount, Partner, Placement, paris_today
from partners.report_links import DEFAULT_VALIDITY_DAYS, MAX_VALIDITY_DAYS, report_url
from partners.stats import default_range, detail_rows, figures

partner_policy = ModelPermissionPolicy(Partner)
PERIOD_NAMES = {"day": "jour", "week": "semaine", "month": "mois"}


def _as_date(value):
    return timezone.localtime(value).date() if isinstance(value, datetime.datetime) else value


class StatsFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(label="Partenaire", queryset=Partner.objects.order_by("name"))
    placement = django_filters.ChoiceFilter(label="Emplacement", choices=Placement.choices)
    # Read by the view (the previous period lies outside the chosen dates), not applied here.
    day = django_filters.DateFromToRangeFilter(label="Période (du … au …)", method="keep_all")

    class Meta:
        model = ClickCount
        fields = ["partner", "placement", "day"]

    def keep_all(self, queryset, name, value):
        return queryset


class PartnerStatsReportView(FrenchSpreadsheetExportMixin, ReportView):
    """Impressions, clicks and CTR per partner, placement and period, over the chosen dates (last 30
    days, 12 weeks or 12 months by default); a chart of clicks per partner against the previous period."""

    period = "day"
    results_template_name = "partners/admin/clicks_report_results.html"
    header_icon = "pick"
    filterset_class = StatsFilterSet
    # Reports are for whoever runs partners: sales (and superusers), not readers of the snippet list.
    permission_policy = partner_policy
    any_permission_required = ["change"]
    list_export = ["partner", "placement", "period", "impressions", "clicks", "ctr"]
    export_headings = {
        "partner": "Partenaire",
        "placement": "Emplacement",
        "impressions": "Affichages",
        "clicks": "Clics",
        "ctr": "Taux de clic (%)",
    }
    export_number_formats = {"impressions": "#,##0", "clicks": "#,##0", "ctr": "0.00"}
    export_csv_digits = {"ctr": 2}
    export_sheet_title = "Statistiques"
    paginate_by = 100

    def get_queryset(self):
        return ClickCount.objects.all()

    def date_range(self):
        """The chosen dates, or the default span of the period; the end never after today."""
        start, end = default_range(self.period)
        form = getattr(getattr(self, "filters", None), "form", None)
        chosen = form.cleaned_data.get("day") if form is not None and form.is_valid() else None
        if chosen:
            # The range filter gives aware datetimes at midnight, Paris time.
            start = _as_date(chosen.start) or start
            end = _as_date(chosen.stop) or end
        if end < start:
            start, end = end, start
        return start, end

    def get_filtered_queryset(self):
        self.counts = self.filter_queryset(self.get_queryset())
        self.start, self.end = self.date_range()
        return detail_rows(self.counts.filter(day__gte=self.start, day__lte=self.end), period=self.period)

    def get_export_headings(self):
        return {**self.export_headings, "period": {"day": "Jour", "week": "Semaine du", "month": "Mois"}[self.period]}

    def get_heading(self, queryset, field):
        return self.get_export_headings().get(field) or super().get_heading(queryset, field)

    def preprocess_field_value(self, field, value, export_format):
        if field == "period" and self.period == "month" and export_format == self.FORMAT_CSV:
            return value.strftime("%m/%Y")
        return super().preprocess_field_value(field, value, export_format)

    def get_filename(self):
        return f"statistiques-partenaires-par-{PERIOD_NAMES[self.period]}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        stats = figures(self.counts, period=self.period, start=self.start, end=self.end)
        context.update(
            figures=stats,
            chart=line_chart(stats, title=f"Clics par {PERIOD_NAMES[self.period]} et par partenaire"),
            period=self.period,
            start=self.start,
            end=self.end,
            rows=context["object_list"],
            other_reports=[
                (PERIOD_NAMES[period], reverse(f"partner_reports:{period}"), period == self.period) for period in ("day", "week", "month")
            ],
            link_url=reverse("partner_reports:link"),
        )
        return context


class DailyStatsView(PartnerStatsReportView):
    period = "day"
    page_title = "Statistiques des partenaires par jour"
    index_url_name = "partner_reports:day"
    index_results_url_name = "partner_reports:day_results"


class WeeklyStatsView(PartnerStatsReportView):
    period = "week"
    page_title = "Statistiques des partenaires par semaine"
    index_url_name = "partner_reports:week"
    index_results_url_name = "partner_reports:week_results"


class MonthlyStatsView(PartnerStatsReportView):
    period = "month"
    page_title = "Statistiques des partenaires par mois"
    export_number_formats = {**PartnerStatsReportView.export_number_formats, "period": "MM/YYYY"}
    index_url_name = "partner_reports:month"
    index_results_url_name = "partner_reports:month_results"


class ReportLinkForm(forms.Form):
    """A partner, the period its report covers and how long the link works."""

    partner = forms.ModelChoiceField(label="Partenaire", queryset=Partner.objects.order_by("name"), empty_label="Choisissez…")
    start = forms.DateField(label="Du", widget=AdminDateInput)
    end = forms.DateField(label="Au", widget=AdminDateInput)
    days = forms.IntegerField(
        label="Lien valable (jours)",
        min_value=1,
        max_value=MAX_VALIDITY_DAYS,
        initial=DEFAULT_VALIDITY_DAYS,
        error_messages={
            "min_value": "Le lien doit rester valable au moins 1 jour.",
            "max_value": f"Un lien reste valable {MAX_VALIDITY_DAYS} jours au plus.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "La fin de la période précède son début.")
        if end and end > paris_today():
            self.add_error("end", "La période ne peut pas finir après aujourd’hui.")
        return cleaned


def report_link_view(request):
    """« Lien de rapport » : a signed link to one partner's figures, to send by e-mail (no account needed)."""
    if not partner_policy.user_has_permission(request.user, "change"):
        return permission_denied(request)
    start, end = default_range("day")
    initial = {"start": start, "end": end, "partner": request.GET.get("partner")}
    form = ReportLinkForm(request.POST or None, initial=initial)
    link = None
    if request.method == "POST" and form.is_valid():
        partner = get_object_or_404(Partner, pk=form.cleaned_data["partner"].pk)
        link = request.build_absolute_uri(
            report_url(partner, start=form.cleaned_data["start"], end=form.cleaned_data["end"], days=form.cleaned_data["days"])
        )
        messages.success(request, f"Lien du rapport de {partner.name} créé : copiez-le dans votre e-mail.")
    return TemplateResponse(
        request,
        "partners/admin/report_link.html",
        {"form": form, "link": link, "page_title": "Lien de rapport pour un partenaire", "header_icon": "link"},
    )


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return partner_policy.user_has_permission(request.user, "change")


class PartnerReportViewSet(ViewSet):
    """The « Statistiques » entry of the Partenaires menu, for sales."""

    name = "partner_reports"
    url_prefix = "partenaires/statistiques"
    icon = "pick"
    menu_label = "Statistiques"
    menu_item_class = ReportMenuItem

    @property
    def menu_url(self):
        return reverse("partner_reports:day")

    def get_urlpatterns(self):
        return [
            path("", DailyStatsView.as_view(), name="day"),
            path("resultats/", DailyStatsView.as_view(results_only=True), name="day_results"),
            path("semaine/", WeeklyStatsView.as_view(), name="week"),
            path("semaine/resultats/", WeeklyStatsView.as_view(results_only=True), name="week_results"),
            path("mois/", MonthlyStatsView.as_view(), name="month"),
            path("mois/resultats/", MonthlyStatsView.as_view(results_only=True), name="month_results"),
            path("lien/", report_link_view, name="link"),
        ]
