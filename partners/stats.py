"""Impressions, clicks and click-through rate per partner, placement and period (day, week, month).

Reads for the sales report, the dashboard panel and a partner's own report. Periods are keyed by
their first day (the Monday of a week, the 1st of a month); a range with no figures still has its
periods, at zero, so a chart never skips a day.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Sum
from django.db.models.functions import TruncMonth, TruncWeek

from partners.models import ClickCount, Placement, paris_today

PERIODS = ("day", "week", "month")
# How far back a report looks when no dates are chosen: 30 days, 12 weeks, 12 months.
DEFAULT_SPAN = {"day": 30, "week": 12, "month": 12}
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
SHORT_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def ctr(clicks: int, impressions: int) -> float | None:
    """Click-through rate in percent (12.5 for 12,5 %), None without impressions."""
    return round(clicks * 100 / impressions, 2) if impressions else None


def period_start(day: datetime.date, period: str) -> datetime.date:
    """The first day of the period holding `day`."""
    if period == "week":
        return day - datetime.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def next_period(start: datetime.date, period: str) -> datetime.date:
    if period == "week":
        return start + datetime.timedelta(days=7)
    if period == "month":
        return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start + datetime.timedelta(days=1)


def period_keys(start: datetime.date, end: datetime.date, period: str) -> list[datetime.date]:
    """Every period from the one holding `start` to the one holding `end`, oldest first."""
    keys, key = [], period_start(start, period)
    while key <= end:
        keys.append(key)
        key = next_period(key, period)
    return keys


def default_range(period: str, *, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last 30 days, 12 weeks or 12 months, today included."""
    today = today or paris_today()
    start = today
    for _ in range(DEFAULT_SPAN[period] - 1):
        start = period_start(start, period) - datetime.timedelta(days=1)
    return period_start(start, period), today


def previous_range(start: datetime.date, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The range of the same length just before [start, end]."""
    length = end - start
    previous_end = start - datetime.timedelta(days=1)
    return previous_end - length, previous_end


def period_label(value: datetime.date, period: str) -> str:
    """« 4 décembre 2026 », « semaine du 30 novembre 2026 », « décembre 2026 »."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if period == "month":
        return f"{MONTHS[value.month - 1]} {value.year}"
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {MONTHS[value.month - 1]} {value.year}"
    return f"semaine du {text}" if period == "week" else text


def short_label(value: datetime.date, period: str) -> str:
    """An axis label: « 4 déc. », « sem. 49 », « déc. 2026 »."""
    if period == "month":
        return f"{SHORT_MONTHS[value.month - 1]} {value.year}"
    if period == "week":
        return f"sem. {value.isocalendar().week}"
    return f"{value.day} {SHORT_MONTHS[value.month - 1]}"


def _truncated(queryset, period: str):
    if period == "month":
        return queryset.annotate(period=TruncMonth("day"))
    if period == "week":
        return queryset.annotate(period=TruncWeek("day"))
    return queryset.annotate(period=F("day"))


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def detail_rows(queryset, *, period: str) -> list[dict]:
    """One row per partner, placement and period, newest first: impressions, clicks, CTR (one query)."""
    rows = (
        _truncated(queryset, period)
        .values("partner_id", "partner__name", "placement", "period")
        .annotate(impressions=Sum("impressions"), clicks=Sum("clicks"))
        .order_by("-period", "partner__name", "placement")
    )
    labels = dict(Placement.choices)
    return [
        {
            "partner_id": row["partner_id"],
            "partner": row["partner__name"],
            "placement": labels.get(row["placement"], row["placement"]),
            "period": _as_date(row["period"]),
            "period_label": period_label(_as_date(row["period"]), period),
            "impressions": row["impressions"],
            "clicks": row["clicks"],
            "ctr": ctr(row["clicks"], row["impressions"]),
        }
        for row in rows
    ]


@dataclass
class Series:
    """One line of a chart: a name and one value per period."""

    name: str
    values: list[int]
    total: int = 0
    previous_total: int | None = None
    impressions: int = 0

    @property
    def ctr(self):
        return ctr(self.total, self.impressions)


@dataclass
class Figures:
    """What a chart and its table show: periods, one series per partner (or placement), the previous period."""

    period: str
    start: datetime.date
    end: datetime.date
    keys: list[datetime.date]
    series: list[Series] = field(default_factory=list)
    previous: list[int] = field(default_factory=list)
    previous_start: datetime.date | None = None
    previous_end: datetime.date | None = None
    metric: str = "clicks"

    @property
    def labels(self) -> list[str]:
        return [period_label(key, self.period) for key in self.keys]

    @property
    def totals(self) -> list[int]:
        return [sum(series.values[index] for series in self.series) for index in range(len(self.keys))]

    @property
    def total(self) -> int:
        return sum(series.total for series in self.series)

    @property
    def previous_total(self) -> int:
        return sum(self.previous)

    @property
    def table_rows(self) -> list[dict]:
        """The chart's figures as rows of its accessible table: period, each series, total, previous period."""
        return [
            {
                "label": label,
                "values": [series.values[index] for series in self.series],
                "total": self.totals[index],
                "previous": self.previous[index] if index < len(self.previous) else None,
            }
            for index, label in enumerate(self.labels)
        ]


MAX_SERIES = 6


def figures(queryset, *, period: str, start: datetime.date, end: datetime.date, by: str = "partner", metric: str = "clicks") -> Figures:
    """Clicks (or impressions) per period and per partner (`by="partner"`) or placement, over [start, end],
    with the previous period of the same length summed per period: two queries.

    At most MAX_SERIES lines: the partners with most clicks, then « Autres partenaires ».
    """
    keys = period_keys(start, end, period)
    previous_start, previous_end = previous_range(keys[0], end)
    previous_start = period_start(previous_start, period)
    previous_keys = period_keys(previous_start, previous_end, period)[-len(keys) :]
    name_field = "partner__name" if by == "partner" else "placement"
    rows = (
        _truncated(queryset.filter(day__gte=previous_start, day__lte=end), period)
        .values(name_field, "period")
        .annotate(impressions=Sum("impressions"), clicks=Sum("clicks"))
        .order_by()
    )
    labels = dict(Placement.choices)
    current: dict[str, Series] = {}
    previous_by_key: dict[datetime.date, int] = {}
    previous_by_name: dict[str, int] = {}
    index_of = {key: index for index, key in enumerate(keys)}
    for row in rows:
        key = _as_date(row["period"])
        name = row[name_field] if by == "partner" else labels.get(row[name_field], row[name_field])
        value = row[metric]
        if key in index_of and key >= keys[0]:
            series = current.setdefault(name, Series(name=name, values=[0] * len(keys)))
            series.values[index_of[key]] += value
            series.total += value
            series.impressions += row["impressions"]
        else:
            previous_by_key[key] = previous_by_key.get(key, 0) + value
            previous_by_name[name] = previous_by_name.get(name, 0) + value
    ordered = sorted(current.values(), key=lambda series: (-series.total, series.name))
    if len(ordered) > MAX_SERIES:
        rest = ordered[MAX_SERIES - 1 :]
        others = Series(name="Autres partenaires", values=[sum(values) for values in zip(*(series.values for series in rest), strict=True)])
        others.total = sum(series.total for series in rest)
        others.impressions = sum(series.impressions for series in rest)
        others.previous_total = sum(previous_by_name.get(series.name, 0) for series in rest)
        ordered = [*ordered[: MAX_SERIES - 1], others]
    for series in ordered:
        if series.previous_total is None:
            series.previous_total = previous_by_name.get(series.name, 0)
    return Figures(
        period=period,
        start=keys[0],
        end=end,
        keys=keys,
        series=ordered,
        previous=[previous_by_key.get(key, 0) for key in previous_keys],
        previous_start=previous_start,
        previous_end=previous_end,
        metric=metric,
    )


def all_counts():
    return ClickCount.objects.all()
