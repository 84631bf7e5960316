"""Template filter and tag for indicator figures and their trend chart."""

from __future__ import annotations

from decimal import Decimal

from django import template

from ruta.indicators.charts import TrendChart, trend_chart
from ruta.indicators.formatting import figure_text
from ruta.indicators.selectors import CardView

register = template.Library()


@register.filter
def figure(value: Decimal | int | None, percent: bool = False) -> str:
    """Return an indicator figure as printed (``70.29%``); a dash when missing."""
    return figure_text(value, bool(percent))


@register.simple_tag
def indicator_trend(view: CardView) -> TrendChart | None:
    """Return the trend chart of a card's results (``ruta.indicators.charts``)."""
    results = [
        (item.year, value, item.published is None)
        for item in view.years
        if (value := item.published if item.published is not None else item.computed)
        is not None
    ]
    card = view.card
    return trend_chart(
        results,
        baseline_year=card.baseline_year,
        baseline=view.baseline,
        goal_year=card.goal_year,
        goal=card.goal_value,
    )
