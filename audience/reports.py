"""« Lectures »: reads per article (yesterday and today, 7 days, 30 days) for the rédaction en chef;
sales see the sponsored articles only."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from articles.models import ArticlePage
from audience.models import ArticleReadCount
from partners.models import paris_today

VIEW_PERMISSION = "audience.view_articlereadcount"
ALL_PERMISSION = "audience.view_all_read_counts"


def _reads_since(days: int):
    """Reads of the outer article since `days` days ago (Paris days, today included)."""
    since = paris_today() - datetime.timedelta(days=days)
    total = (
        ArticleReadCount.objects.filter(article_id=OuterRef("pk"), day__gte=since)
        .values("article_id")
        .annotate(total=Sum("views"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


class ReadCountsReport(ReportView):
    """Every live article with its counted reads, most read over 7 days first; CSV/XLSX export."""

    page_title = "Lectures"
    header_icon = "view"
    index_url_name = "audience_reads_report"
    index_results_url_name = "audience_reads_report_results"
    list_export = ["title", "sponsor.name", "reads_day", "reads_week", "reads_month", "first_published_at"]
    export_headings = {
        "title": "Titre",
        "sponsor.name": "Partenaire",
        "reads_day": "Hier et aujourd’hui",
        "reads_week": "7 jours",
        "reads_month": "30 jours",
        "first_published_at": "Publié le",
    }
    columns = [
        Column("title", label="Titre"),
        Column("sponsor", label="Partenaire"),
        Column("reads_day", label="Hier et aujourd’hui"),
        Column("reads_week", label="7 jours"),
        Column("reads_month", label="30 jours"),
        DateColumn("first_published_at", label="Publié le"),
    ]

    @staticmethod
    def user_may_see(user) -> bool:
        return user.has_perm(VIEW_PERMISSION)

    def dispatch(self, request, *args, **kwargs):
        if not self.user_may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "lectures"

    def get_queryset(self):
        articles = ArticlePage.objects.live().public()
        if not self.request.user.has_perm(ALL_PERMISSION):
            articles = articles.filter(sponsor__isnull=False)
        return (
            articles.defer_streamfields()
            .select_related("sponsor")
            .annotate(reads_day=_reads_since(1), reads_week=_reads_since(6), reads_month=_reads_since(29))
            .order_by("-reads_week", "-first_published_at")
        )

    @property
    def index_url(self):
        return reverse(self.index_url_name)
