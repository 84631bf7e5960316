"""Template filters for figures: money in es-MX format.

``{{ amount|mxn }}`` renders ``$1,234,567.89`` whatever the active language,
as public accounts are printed; raw values stay in data and downloads.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from ruta.common.money import format_mxn

register = template.Library()


@register.filter
def mxn(value: object) -> str:
    """Return ``value`` as es-MX money; empty for None or non-numbers."""
    if value is None or value == "":
        return ""
    try:
        return format_mxn(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return ""
