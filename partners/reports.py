"""Reads for the sales reports and the dashboard: clicks by partner and period, campaigns ending."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth

from partners.models import ClickCount, Partner, paris_today

CHART_WIDTH = 640
CHART_HEIGHT = 160
CHART_MAX_BARS = 31


def clicks_by_period(queryset, *, period: str) -> list[dict]:
    """Rows of {partner, period, clicks}, newest period first; `period` is "day" or "month"."""
    queryset = queryset.annotate(period=TruncMonth("day") if period == "month" else F("day"))
    rows = queryset.values("partner__name", "period").annotate(clicks=Sum("clicks")).order_by("-period", "partner__name")
    return [{"partner": row["partner__name"], "period": row["period"], "clicks": row["clicks"]} for row in rows]


@dataclass(frozen=True)
class Bar:
    """One bar of the chart, already in SVG coordinates: the template only prints numbers."""

    label: str
    clicks: int
    x: float
    y: float
    width: float
    height: float


def chart_bars(rows: list[dict], *, period: str) -> list[Bar]:
    """Total clicks per period, oldest on the left, at most CHART_MAX_BARS bars."""
    totals: dict = {}
    for row in rows:
        totals[row["period"]] = totals.get(row["period"], 0) + row["clicks"]
    periods = sorted(totals)[-CHART_MAX_BARS:]
    if not periods:
        return []
    highest = max(totals[key] for key in periods) or 1
    slot = CHART_WIDTH / len(periods)
    bars = []
    for index, key in enumerate(periods):
        height = round(totals[key] / highest * (CHART_HEIGHT - 10), 1)
        bars.append(
            Bar(
                label=period_label(key, period=period),
                clicks=totals[key],
                x=round(index * slot + slot * 0.1, 1),
                y=round(CHART_HEIGHT - height, 1),
                width=round(slot * 0.8, 1),
                height=height,
            )
        )
    return bars


MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


def period_label(value, *, period: str) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if period == "month":
        return f"{MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def dashboard_figures(*, today: datetime.date | None = None) -> dict:
    """Active partners, campaigns ending in the next 14 days, clicks this month: three queries."""
    today = today or paris_today()
    soon = today + datetime.timedelta(days=14)
    active = Partner.objects.active(on=today)
    counts = active.aggregate(active=Count("pk"), ending=Count("pk", filter=Q(active_until__lte=soon)))
    ending = list(active.filter(active_until__lte=soon).order_by("active_until", "name")[:10])
    clicks = ClickCount.objects.filter(day__gte=today.replace(day=1), day__lte=today).aggregate(total=Sum("clicks"))["total"] or 0
    return {"active_count": counts["active"], "ending_count": counts["ending"], "ending": ending, "clicks_this_month": clicks}
