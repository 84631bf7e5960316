"""An indicator's trend as a server-rendered SVG chart, laid out here.

The line runs from the baseline through each published result; a dashed
line runs from the last point to the goal. The last result's point carries
the semáforo's colour and its words, so colour is never the only cue. The
page gives the same figures as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ruta.indicators.selectors import CardView

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 12, 28
TICKS = 5
# Up to this many years every year is labelled; beyond, the first and last.
LABELLED_YEARS = 12
GOAL_MARKER = 12


@dataclass(frozen=True)
class TrendPoint:
    """A year's figure placed on the chart; ``kind`` is baseline, result or goal."""

    year: int
    value: Decimal
    kind: str
    x: float
    y: float

    @property
    def marker_x(self) -> float:
        """Return the left edge of the goal's square marker, centred on the point."""
        return round(self.x - GOAL_MARKER / 2, 1)

    @property
    def marker_y(self) -> float:
        """Return the top edge of the goal's square marker."""
        return round(self.y - GOAL_MARKER / 2, 1)


@dataclass(frozen=True)
class TrendChart:
    """Baseline, results and goal of an indicator, in SVG units."""

    width: int
    height: int
    left: int
    bottom: int
    points: tuple[TrendPoint, ...]
    goal: TrendPoint
    y_ticks: tuple[tuple[Decimal, float], ...]
    x_ticks: tuple[tuple[int, float], ...]

    @property
    def line_points(self) -> str:
        """Return the baseline and results as an SVG polyline's points."""
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def last(self) -> TrendPoint:
        """Return the last point before the goal (the latest result or baseline)."""
        return self.points[-1]


def _scale(low: Decimal, high: Decimal) -> tuple[Decimal, Decimal]:
    """Return the value range to draw: from zero or below, with head room."""
    low = min(low, Decimal(0))
    if high <= low:
        high = low + 1
    return low, high + (high - low) / 10


def trend_chart(view: CardView) -> TrendChart:
    """Return ``view``'s baseline, published results and goal laid out as a chart."""
    card = view.card
    figures = [(card.baseline_year, view.baseline, "baseline")] + [
        (item.year, item.published, "result")
        for item in view.years
        if item.published is not None
    ]
    goal = (card.goal_year, card.goal_value, "goal")
    values = [value for _year, value, _kind in [*figures, goal]]
    low, high = _scale(min(values), max(values))
    first = min(year for year, _value, _kind in [*figures, goal])
    last = max(year for year, _value, _kind in [*figures, goal])
    span = max(last - first, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(year: int) -> float:
        return round(LEFT + (year - first) / span * plot_w, 1)

    def y_of(value: Decimal) -> float:
        return round(TOP + plot_h - float((value - low) / (high - low)) * plot_h, 1)

    def place(year: int, value: Decimal, kind: str) -> TrendPoint:
        return TrendPoint(year, value, kind, x_of(year), y_of(value))

    step = (high - low) / (TICKS - 1)
    years = range(first, last + 1) if span < LABELLED_YEARS else (first, last)
    return TrendChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        bottom=HEIGHT - BOTTOM,
        points=tuple(place(*figure) for figure in figures),
        goal=place(*goal),
        y_ticks=tuple(
            (low + step * index, y_of(low + step * index)) for index in range(TICKS)
        ),
        x_ticks=tuple((year, x_of(year)) for year in years),
    )
