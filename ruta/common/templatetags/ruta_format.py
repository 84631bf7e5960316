"""Template filters for figures: money in es-MX format.

``{{ amount|mxn }}`` renders ``$1,234,567.89`` whatever the active language,
as public accounts are printed; raw values stay in data and downloads.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from ruta.common.text.money import format_mxn

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


@register.filter
def pct(value: object) -> str:
    """Return ``value`` as the site's one percent style: ``45.2%``.

    One decimal place and the sign attached, as the published Mexican
    reports print it ("100%"); empty for None or non-numbers.
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        return ""
    return f"{number:,}%"


@register.filter
def share_of(value: object, largest: object) -> str:
    """Return ``value`` as a percentage of ``largest`` (0–100), for a bar's width."""
    try:
        part, whole = Decimal(str(value)), Decimal(str(largest))
    except (InvalidOperation, ValueError):
        return "0"
    if whole <= 0 or part <= 0:
        return "0"
    return str(min(part * 100 / whole, Decimal(100)).quantize(Decimal("0.1")))


@register.filter
def get_item(mapping: Any, key: object) -> object:
    """Return ``mapping[key]``, or None: a dict read in a template."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def prefixed(value: object, prefix: str) -> str:
    """Return ``prefix`` followed by ``value`` (a key such as ``f12``)."""
    return f"{prefix}{value}"
