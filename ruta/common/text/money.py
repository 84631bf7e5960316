"""Money and number parsing for published Mexican documents.

Published figures use a comma for thousands and a point for decimals
("$ 188,077,805.06"). Parsing is strict: a malformed figure raises
``ValueError`` with the reason, so a reader can say exactly which cell is bad
instead of silently reading a wrong amount.
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
# No money, at the precision every amount is kept in (centavos).
ZERO = Decimal("0.00")

_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")


def _strip_decorations(text: str) -> tuple[str, bool]:
    """Return the bare figure and whether it was negative."""
    cleaned = text.strip().replace("\u00a0", " ")
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1].strip()
    if cleaned.startswith("-"):
        negative, cleaned = True, cleaned[1:].strip()
    cleaned = cleaned.removeprefix("$").strip()
    cleaned = cleaned.removesuffix("%").strip()
    return cleaned.replace(" ", ""), negative


def parse_decimal(text: str) -> Decimal:
    """Return the number written in ``text`` ("1,234.5", "$ 12.00", "90%").

    Raise ``ValueError`` naming the problem when the text is not a well-formed
    number: stray characters, or thousands groups that are not of three digits.
    """
    figure, negative = _strip_decorations(text)
    if not figure:
        raise ValueError(f"empty figure {text!r}")
    if not (_GROUPED.match(figure) or _PLAIN.match(figure)):
        raise ValueError(f"malformed figure {text!r}")
    value = Decimal(figure.replace(",", ""))
    return -value if negative else value


def parse_money(text: str) -> Decimal:
    """Return the amount in pesos, with two decimal places, written in ``text``."""
    value = parse_decimal(text)
    if value != value.quantize(CENT):
        raise ValueError(f"amount with more than two decimals {text!r}")
    return value.quantize(CENT)


def parse_amount(text: str) -> Decimal:
    """Return an amount that cannot be negative (an investment, an aid).

    A minus sign or parentheses in such a cell is a reading error, not data.
    """
    value = parse_money(text)
    if value < 0:
        raise ValueError(f"negative amount {text!r}")
    return value


def parse_count(text: str) -> int:
    """Return the whole number written in ``text`` ("1,076", "593,071").

    A count (works, beneficiaries, units of a goal) is never negative.
    """
    value = parse_decimal(text)
    if value != value.to_integral_value():
        raise ValueError(f"not a whole number {text!r}")
    if value < 0:
        raise ValueError(f"negative count {text!r}")
    return int(value)


def round_money(value: Decimal) -> Decimal:
    """Round to centavos, half up, as Mexican public accounts do."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_mxn(value: Decimal) -> str:
    """Return the es-MX presentation of an amount: ``$1,234,567.89``."""
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(round_money(value)):,.2f}"


class ExactJSONDecoder(json.JSONDecoder):
    """Read JSON numbers with a fraction as ``Decimal``, never as floats.

    For a JSON column that holds money (a work's funding lines): PostgreSQL
    keeps its numbers exact, and so must the reader.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("parse_float", Decimal)
        super().__init__(*args, **kwargs)


class ExactJSONEncoder(json.JSONEncoder):
    """Write a ``Decimal`` as a JSON number, refusing one a float would change.

    Amounts of up to 15 significant digits (every amount a work may hold)
    come back from a float's shortest text exactly as they were.
    """

    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            number = float(o)
            if Decimal(repr(number)) != o:
                raise ValueError(f"{o} cannot be written exactly as a JSON number")
            return number
        return super().default(o)
