"""A line chart people can read in a meeting, computed here and drawn by a template as plain SVG.

Axes with round tick values, horizontal gridlines, one line per series (colour and dash both
differ, so the chart survives a black-and-white print), values written on the points, a legend,
and the previous period as a grey dashed line. No script and no inline style (strict CSP): the
template prints the numbers computed here; `templates/partners/includes/chart.html` also prints the
same figures as a table for whoever does not see the chart.
"""

import math
from dataclasses import dataclass

from partners.stats import Figures, short_label

WIDTH = 760
PLOT_HEIGHT = 260
MARGIN_LEFT = 56
MARGIN_RIGHT = 24
MARGIN_TOP = 20
AXIS_LABEL_SPACE = 40
LEGEND_LINE = 22
MAX_AXIS_LABELS = 10
MAX_POINT_LABELS = 14
# Colours readable on white and distinct for common colour blindness (Okabe–Ito), each with its dash.
PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#56346e"]
DASHES = ["", "8 4", "2 3", "10 3 2 3", "4 4", "1 5"]
PREVIOUS_COLOUR = "#6b6b6b"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: int
    label: str  # the value written on the chart, "" when points are too many to label


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    dash: str
    path: str
    points: list[Point]
    legend_y: float


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    """Everything the SVG template draws, in SVG units."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    lines: list[Line]
    previous: Line | None
    title: str
    description: str


def nice_ceiling(value: int) -> tuple[int, int]:
    """A round top for the y axis and its step (at most 5 steps): 37 → (40, 10), 180 → (200, 50), 0 → (4, 1)."""
    if value <= 0:
        return 4, 1
    raw = value / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(factor * magnitude for factor in (1, 2, 5, 10) if factor * magnitude >= raw)
    return math.ceil(value / step) * step, step


def french_integer(value: int) -> str:
    """« 12 345 » with a narrow no-break space between thousands."""
    return f"{value:,}".replace(",", "\u202f")


def line_chart(figures: Figures, *, title: str, unit: str = "clics") -> Chart:
    """The chart of `figures`: one line per series, the previous period dashed in grey."""
    count = len(figures.keys)
    highest = max([*(max(series.values, default=0) for series in figures.series), *figures.previous, 0])
    top_value, step = nice_ceiling(highest)
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    bottom = MARGIN_TOP + PLOT_HEIGHT
    slot = plot_width / max(1, count - 1) if count > 1 else 0

    def x_of(index: int) -> float:
        return round(MARGIN_LEFT + (index * slot if count > 1 else plot_width / 2), 1)

    def y_of(value: int) -> float:
        return round(bottom - value / top_value * PLOT_HEIGHT, 1)

    labelled = count <= MAX_POINT_LABELS
    legend_top = bottom + AXIS_LABEL_SPACE + 8

    def make_line(name, values, colour, dash, legend_index, *, with_labels=True):
        points = []
        peak = max(values, default=0)
        for index, value in enumerate(values):
            # Few points: every value is written. Many: the peak and the last value, enough to read a trend.
            shown = with_labels and (labelled or (value == peak and value > 0) or index == len(values) - 1)
            points.append(Point(x=x_of(index), y=y_of(value), value=value, label=french_integer(value) if shown else ""))
        path = " ".join(f"{'M' if index == 0 else 'L'}{point.x} {point.y}" for index, point in enumerate(points))
        return Line(name=name, colour=colour, dash=dash, path=path, points=points, legend_y=legend_top + legend_index * LEGEND_LINE)

    lines = [
        make_line(series.name, series.values, PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)], index)
        for index, series in enumerate(figures.series)
    ]
    previous = None
    if figures.previous and any(figures.previous):
        values = figures.previous[-count:]
        # Its figures are in the table; written on the chart too, they would hide the current ones.
        previous = make_line("Période précédente (total)", values, PREVIOUS_COLOUR, "3 3", len(lines), with_labels=False)
    legend_count = len(lines) + (1 if previous else 0)
    every = max(1, math.ceil(count / MAX_AXIS_LABELS))
    x_ticks = [
        Tick(position=x_of(index), label=short_label(key, figures.period)) for index, key in enumerate(figures.keys) if index % every == 0
    ]
    y_ticks = [Tick(position=y_of(value), label=french_integer(value)) for value in range(0, top_value + 1, step)]
    names = ", ".join(series.name for series in figures.series) or "aucun partenaire"
    description = (
        f"{french_integer(figures.total)} {unit if figures.total > 1 else unit.rstrip('s')} du {short_label(figures.keys[0], 'day')} {figures.keys[0].year} "
        f"au {short_label(figures.end, 'day')} {figures.end.year} ({names}), "
        f"contre {french_integer(figures.previous_total)} sur la période précédente. Détail dans le tableau qui suit."
    )
    return Chart(
        width=WIDTH,
        height=legend_top + max(1, legend_count) * LEGEND_LINE,
        left=MARGIN_LEFT,
        right=WIDTH - MARGIN_RIGHT,
        top=MARGIN_TOP,
        bottom=bottom,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        lines=lines,
        previous=previous,
        title=title,
        description=description,
    )
