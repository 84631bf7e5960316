"""Template filter for indicator figures."""

from __future__ import annotations

from decimal import Decimal

from django import template

from ruta.indicators.formatting import figure_text

register = template.Library()


@register.filter
def figure(value: Decimal | int | None, percent: bool = False) -> str:
    """Return an indicator figure as printed (``70.29%``); a dash when missing."""
    return figure_text(value, bool(percent))
