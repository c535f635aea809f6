"""Reads for the dashboard panel: partners online, campaigns ending, this month's figures and a chart."""

import datetime

from django.db.models import Count, Q, Sum

from partners.charts import line_chart
from partners.models import ClickCount, Partner, paris_today
from partners.stats import ctr, default_range, figures


def dashboard_figures(*, today: datetime.date | None = None) -> dict:
    """Active partners, campaigns ending in the next 14 days, this month's impressions, clicks and
    CTR, and the clicks of the last 30 days per partner as a chart: five queries."""
    today = today or paris_today()
    soon = today + datetime.timedelta(days=14)
    active = Partner.objects.active(on=today)
    counts = active.aggregate(active=Count("pk"), ending=Count("pk", filter=Q(active_until__lte=soon)))
    ending = list(active.filter(active_until__lte=soon).order_by("active_until", "name")[:10])
    month = ClickCount.objects.filter(day__gte=today.replace(day=1), day__lte=today).aggregate(
        clicks=Sum("clicks"), impressions=Sum("impressions")
    )
    clicks, impressions = month["clicks"] or 0, month["impressions"] or 0
    start, end = default_range("day", today=today)
    stats = figures(ClickCount.objects.all(), period="day", start=start, end=end)
    return {
        "active_count": counts["active"],
        "ending_count": counts["ending"],
        "ending": ending,
        "clicks_this_month": clicks,
        "impressions_this_month": impressions,
        "ctr_this_month": ctr(clicks, impressions),
        "figures": stats,
        "chart": line_chart(stats, title="Clics des 30 derniers jours, par partenaire") if stats.total or stats.previous_total else None,
    }
