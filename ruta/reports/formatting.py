"""How report values read on pages and in the terminal (es-MX figures).

Money prints as ``$1,234,567.89`` (``format_mxn``, the same as the ``mxn``
template filter), counts with thousands separators, indicator figures
without trailing zeros and with "%" when the indicator is a percentage.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from ruta.common.text.money import format_mxn
from ruta.indicators.formatting import EMPTY, figure_text
from ruta.reports.tables import COUNT, FIGURE, MONEY

_NUMERIC = (MONEY, COUNT, FIGURE)


def _number(text: str) -> Decimal | str:
    """Return a printed figure ("19934628.64") as a Decimal, or the text itself."""
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def display_value(value: Any, kind: str, percent: bool = False) -> str:
    """Return ``value`` of a column of ``kind`` as a reader sees it."""
    if value is None or value == "":
        return EMPTY
    if kind in _NUMERIC and isinstance(value, str):
        value = _number(value)
    if kind == MONEY and isinstance(value, (int, Decimal)):
        return format_mxn(Decimal(value))
    if kind == COUNT and isinstance(value, (int, Decimal)):
        return f"{int(value):,}"
    if kind == FIGURE and isinstance(value, (int, Decimal)):
        return figure_text(value, percent)
    return str(value)
