"""Cells to values: amounts, percentages, dates and coordinates as files print them."""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ruta.common.text.folding import normalize_key
from ruta.sources.findings import Say, sentence

MONTHS = {
    "ENERO": 1,
    "FEBRERO": 2,
    "MARZO": 3,
    "ABRIL": 4,
    "MAYO": 5,
    "JUNIO": 6,
    "JULIO": 7,
    "AGOSTO": 8,
    "SEPTIEMBRE": 9,
    "SETIEMBRE": 9,
    "OCTUBRE": 10,
    "NOVIEMBRE": 11,
    "DICIEMBRE": 12,
}
# Amounts beyond this are not a public work's (the largest OPA project is
# under 700,000 million pesos) and beyond what a work's investment column
# holds: a cell this large is a misreading.
MAX_AMOUNT = Decimal("999999999999.99")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_YEAR = re.compile(r"([A-Za-zÁÉÍÓÚáéíóú]+)\s*/\s*(\d{4})")
# A works list repeats its cells (0, the same amounts, dates and places row
# after row): each parser keeps its latest answers. Bounded, so a file of
# all-different cells costs a little time, not memory.
_CACHED = 4096


class Unreadable(ValueError):
    """A cell that does not hold the value its column promises."""


def quoted(value: Any, say: Say) -> str:
    """Return a printed cell as findings quote it; "(en blanco)" when empty."""
    text = "" if value is None else str(value)
    return text if text.strip() else say(sentence("(en blanco)"))


@lru_cache(maxsize=_CACHED)
def amount(text: str) -> Decimal | None:
    """Return a money cell as Decimal (two places); None when blank."""
    cleaned = text.strip().replace("$", "").replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as problem:
        raise Unreadable(f"{text!r} is not an amount") from problem
    if not value.is_finite() or abs(value) > MAX_AMOUNT:
        raise Unreadable(f"{text!r} is not an amount a work can have")
    return value.quantize(Decimal("0.01"))


@lru_cache(maxsize=_CACHED)
def percent(text: str) -> Decimal | None:
    """Return a percentage cell (``74.71``, ``74.71%``); None when blank."""
    cleaned = text.strip().rstrip("%").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation as problem:
        raise Unreadable(f"{text!r} is not a percentage") from problem
    if not value.is_finite() or abs(value) >= Decimal("10000000"):
        raise Unreadable(f"{text!r} is not a percentage")
    return value.quantize(Decimal("0.01"))


@lru_cache(maxsize=_CACHED)
def coordinate(text: str) -> Decimal | None:
    """Return a coordinate cell in degrees (six places); None when blank."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as problem:
        raise Unreadable(f"{text!r} is not a coordinate") from problem
    if not value.is_finite() or abs(value) > 360:
        raise Unreadable(f"{text!r} is not a coordinate in degrees")
    return value.quantize(Decimal("0.000001"))


@lru_cache(maxsize=_CACHED)
def day(text: str, style: str, *, end: bool = False) -> date | None:
    """Return a date cell in the file's style; a month alone is its first day,
    or its last when ``end``."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        if style == "month-year" and (match := _MONTH_YEAR.fullmatch(cleaned)):
            month, year = MONTHS[normalize_key(match[1])], int(match[2])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, last if end else 1)
        # Some cells carry a time after the date ("31/12/2020 02:00:00 a. m.").
        if match := _DAY_MONTH_YEAR.match(cleaned):
            return date(int(match[3]), int(match[2]), int(match[1]))
        if match := _ISO.match(cleaned):
            return date(int(match[1]), int(match[2]), int(match[3]))
    except (KeyError, ValueError) as problem:
        raise Unreadable(f"{text!r} is not a date") from problem
    raise Unreadable(f"{text!r} is not a date")


def year(text: str) -> int | None:
    """Return a year cell (``2020``); None when blank or a label (``TOTAL``)."""
    cleaned = text.strip()
    return int(cleaned) if cleaned.isdigit() and len(cleaned) == 4 else None
