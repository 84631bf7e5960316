"""An indicator's results over the years as an SVG line, beside its table.

The chart draws what the table says: the baseline as a dashed line, each
year's published result (or, where none is published, the figure computed
from the data, drawn hollow) and the goal as a marker in its year. Values
are scaled from zero (or the lowest value, if negative) to the highest of
them all, so a small change does not look like a large one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 600, 220, 56, 16, 12, 28


@dataclass(frozen=True)
class TrendPoint:
    year: int
    value: Decimal
    x: float
    y: float
    computed: bool  # True when no result is published and the data gave it


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    left: int
    bottom: int
    points: list[TrendPoint]
    baseline_y: float
    goal: TrendPoint
    y_ticks: list[tuple[Decimal, float]]
    x_ticks: list[tuple[int, float]]

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


def _scale(low: Decimal, high: Decimal, top: float, bottom: float):
    span = (high - low) or Decimal(1)

    def y_of(value: Decimal) -> float:
        return round(bottom - float((value - low) / span) * (bottom - top), 1)

    return y_of


def trend_chart(
    results: list[tuple[int, Decimal, bool]],
    *,
    baseline_year: int,
    baseline: Decimal,
    goal_year: int,
    goal: Decimal,
) -> TrendChart | None:
    """Return the chart of ``results`` (year, value, computed); None without any."""
    if not results:
        return None
    years = [year for year, _value, _computed in results]
    first = min(baseline_year, *years)
    last = max(goal_year, *years)
    span = max(last - first, 1)
    plot_right = WIDTH - RIGHT
    values = [value for _year, value, _computed in results] + [baseline, goal]
    low, high = min(Decimal(0), *values), max(values)
    y_of = _scale(low, high, TOP, HEIGHT - BOTTOM)

    def x_of(year: int) -> float:
        return round(LEFT + (year - first) / span * (plot_right - LEFT), 1)

    points = [
        TrendPoint(year, value, x_of(year), y_of(value), computed)
        for year, value, computed in sorted(results)
    ]
    middle = (low + high) / 2
    return TrendChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        bottom=HEIGHT - BOTTOM,
        points=points,
        baseline_y=y_of(baseline),
        goal=TrendPoint(goal_year, goal, x_of(goal_year), y_of(goal), False),
        y_ticks=[(tick, y_of(tick)) for tick in (low, middle, high)],
        x_ticks=[(first, x_of(first)), (last, x_of(last))],
    )
