"""Quantities as the rules print them: "15 días naturales", "cinco días
hábiles", "los cinco primeros días", "el 30%", "el cuarto mes", "informes
trimestrales", "Inmediato".

Each finder takes folded text (``layout.folded``: lower case, no accents,
the same length) and returns every quantity with where it starts, so the
caller can name the line that prints it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Printed(StrEnum):
    """The unit a quantity is printed in."""

    PERCENT = "percent"
    NATURAL_DAYS = "natural_days"
    BUSINESS_DAYS = "business_days"
    DAYS = "days"  # días, neither natural nor business said
    MONTHS = "months"


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: Printed
    start: int
    end: int


_UNITS = {
    "cero": 0,
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
}
_WORDS = {
    **_UNITS,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
    "cien": 100,
}
_TENS = ("treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa")
_ORDINALS = {
    "primer": 1,
    "primero": 1,
    "segundo": 2,
    "tercer": 3,
    "tercero": 3,
    "cuarto": 4,
    "quinto": 5,
    "sexto": 6,
    "septimo": 7,
    "octavo": 8,
    "noveno": 9,
    "decimo": 10,
    "undecimo": 11,
    "duodecimo": 12,
}
_PERIODS = {
    "mensual": 1,
    "bimestral": 2,
    "trimestral": 3,
    "cuatrimestral": 4,
    "semestral": 6,
    "anual": 12,
}

_NUMBER = (
    r"(?P<n>\d{1,3}(?:[.,]\d+)?"
    rf"|(?:{'|'.join(_TENS)}) y (?:{'|'.join(_UNITS)})"
    rf"|{'|'.join(sorted(_WORDS, key=len, reverse=True))})"
)
_DAYS = re.compile(
    rf"\b{_NUMBER}\s+(?:\(\d{{1,3}}\)\s+)?(?:primeros\s+|ultimos\s+)?dias\b"
    r"(?:\s+(?P<q>naturales|habiles))?"
)
_IMMEDIATE = re.compile(r"\binmediat[oa]\b")
_PERCENT = re.compile(rf"\b{_NUMBER}\s*(?:%|por\s+ciento\b)")
_MONTH = re.compile(
    rf"\b(?:(?P<o>{'|'.join(_ORDINALS)})\s+mes|{_NUMBER}\s+mes(?:es)?)\b"
)


def number(text: str) -> Decimal:
    """Return the number printed as digits or words ("05", "treinta y uno")."""
    if text[0].isdigit():
        return Decimal(text.replace(",", "."))
    tens, _, units = text.partition(" y ")
    return Decimal(_WORDS[tens] + (_UNITS[units] if units else 0))


def days(text: str, default: Printed = Printed.DAYS) -> list[Quantity]:
    """Return every count of days; "inmediato" is none (0).

    ``default`` is the unit of days printed without "naturales" or
    "hábiles" (a table whose header says "Plazo (días naturales)").
    """
    found = [
        Quantity(number(m["n"]), _day_unit(m["q"], default), m.start(), m.end())
        for m in _DAYS.finditer(text)
    ]
    found += [
        Quantity(Decimal(0), default, m.start(), m.end())
        for m in _IMMEDIATE.finditer(text)
    ]
    return sorted(found, key=lambda quantity: quantity.start)


def _day_unit(qualifier: str | None, default: Printed) -> Printed:
    if qualifier == "naturales":
        return Printed.NATURAL_DAYS
    if qualifier == "habiles":
        return Printed.BUSINESS_DAYS
    return default


def percents(text: str, default: Printed = Printed.PERCENT) -> list[Quantity]:
    """Return every percentage ("50%", "treinta por ciento")."""
    return [
        Quantity(number(m["n"]), Printed.PERCENT, m.start(), m.end())
        for m in _PERCENT.finditer(text)
    ]


def months(text: str, default: Printed = Printed.MONTHS) -> list[Quantity]:
    """Return every month counted ("el cuarto mes", "4 meses")."""
    return [
        Quantity(
            Decimal(_ORDINALS[m["o"]]) if m["o"] else number(m["n"]),
            Printed.MONTHS,
            m.start(),
            m.end(),
        )
        for m in _MONTH.finditer(text)
    ]


def periods_after(cue: str) -> Callable[[str, Printed], list[Quantity]]:
    """Return a finder of the period printed after ``cue`` ("informes trimestrales")."""
    pattern = re.compile(
        rf"\b{re.escape(cue)}s?\s+(?P<p>{'|'.join(_PERIODS)})(?:es)?\b"
    )

    def periods(text: str, default: Printed = Printed.MONTHS) -> list[Quantity]:
        return [
            Quantity(Decimal(_PERIODS[m["p"]]), Printed.MONTHS, m.start(), m.end())
            for m in pattern.finditer(text)
        ]

    return periods
