"""CONAPO's marginalisation index 2020 per municipality, read as CONAPO publishes it.

The file is kept byte for byte as published (``conapo_imm_2020_municipal.csv``):
a header of short codes, a blank row, a national row, one row per
municipality, a blank row and the source line. Populations and ranks print a
space as the thousands separator (``" 91 929"``); the last column, unnamed in
the header, is the national rank (1 = the most marginalised). A lower index
``IM_2020`` means more marginalisation; the grade names the stratum.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ._base import CVEGEO, CatalogFileError, _read_text
from .territory import Municipality

MARGINALIZATION_FILE = "conapo_imm_2020_municipal.csv"
MARGINALIZATION_SOURCE = "conapo-imm-2020"
HEADER = (
    "CVE_ENT", "NOM_ENT", "CVE_MUN", "NOM_MUN", "POB_TOT", "ANALF", "SBASC",
    "OVSDE", "OVSEE", "OVSAE", "OVPT", "VHAC", "PL.5000", "PO2SM", "IM_2020",
    "GM_2020", "IMN_2020", "",
)  # fmt: skip
# The nine indicators, each a percentage, in the file's order.
INDICATORS = (
    "ANALF", "SBASC", "OVSDE", "OVSEE", "OVSAE", "OVPT", "VHAC", "PL.5000", "PO2SM",
)  # fmt: skip
GRADES = ("Muy bajo", "Bajo", "Medio", "Alto", "Muy alto")
SPACED_COUNT = re.compile(r"[0-9]{1,3}(?: [0-9]{3})*")
DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")


@dataclass(frozen=True)
class Marginalization:
    """One municipality's row: population, the nine indicators, index, grade, rank."""

    cvegeo: str
    population: int
    indicators: tuple[Decimal, ...]
    index: Decimal
    grade: str
    normalized_index: Decimal
    national_rank: int


def _error(path: Path, line: int, field: str, reason: str) -> CatalogFileError:
    return CatalogFileError(reason, file=str(path), line=line, field=field)


def _count(path: Path, line: int, field: str, value: str) -> int:
    text = value.strip()
    if not SPACED_COUNT.fullmatch(text):
        raise _error(path, line, field, f"{value!r} is not a whole number")
    return int(text.replace(" ", ""))


def _decimal(
    path: Path, line: int, field: str, value: str, low: Decimal, high: Decimal
) -> Decimal:
    text = value.strip()
    try:
        number = Decimal(text) if DECIMAL.fullmatch(text) else None
    except InvalidOperation:
        number = None
    if number is None:
        raise _error(path, line, field, f"{value!r} is not a decimal number")
    if not low <= number <= high:
        raise _error(path, line, field, f"{number} is outside {low}–{high}")
    return number


def _is_municipality_row(values: list[str]) -> bool:
    """Return whether a record is a municipality (not blank, national or source)."""
    return len(values) > 2 and bool(CVEGEO.fullmatch(values[2]))


def _row(path: Path, line: int, values: list[str], known: set[str]) -> Marginalization:
    cvegeo = values[2]
    if cvegeo[:2] != values[0]:
        raise _error(path, line, "CVE_MUN", f"{cvegeo!r} is not in state {values[0]!r}")
    if cvegeo not in known:
        raise _error(path, line, "CVE_MUN", f"unknown municipality {cvegeo!r}")
    hundred = Decimal(100)
    indicators = tuple(
        _decimal(path, line, name, values[HEADER.index(name)], Decimal(0), hundred)
        for name in INDICATORS
    )
    grade = values[15].strip()
    if grade not in GRADES:
        raise _error(path, line, "GM_2020", f"{grade!r} is not one of {GRADES}")
    return Marginalization(
        cvegeo=cvegeo,
        population=_count(path, line, "POB_TOT", values[4]),
        indicators=indicators,
        index=_decimal(path, line, "IM_2020", values[14], Decimal(0), hundred),
        grade=grade,
        normalized_index=_decimal(
            path, line, "IMN_2020", values[16], Decimal(0), Decimal(1)
        ),
        national_rank=_count(path, line, "rank", values[17]),
    )


def read_marginalization(
    path: Path, municipalities: Iterable[Municipality]
) -> tuple[Marginalization, ...]:
    """Return every municipality's row of the published file, each checked.

    The header must be CONAPO's; every municipality must be in the catalog,
    once; numbers must parse and lie in their range. Anything else stops the
    catalog load with the file, line and field.
    """
    known = {municipality.cvegeo for municipality in municipalities}
    reader = csv.reader(io.StringIO(_read_text(path), newline=""), strict=True)
    rows: list[Marginalization] = []
    seen: dict[str, int] = {}
    try:
        header = next(reader, [])
        if tuple(header) != HEADER:
            reason = f"expected CONAPO's header {','.join(HEADER)!r}"
            raise CatalogFileError(reason, file=str(path), line=1)
        ended = reader.line_num
        for values in reader:
            line, ended = ended + 1, reader.line_num
            if not _is_municipality_row(values):
                continue
            if len(values) != len(HEADER):
                reason = f"expected {len(HEADER)} fields, found {len(values)}"
                raise CatalogFileError(reason, file=str(path), line=line)
            row = _row(path, line, values, known)
            if row.cvegeo in seen:
                reason = f"duplicate {row.cvegeo!r} (first on line {seen[row.cvegeo]})"
                raise _error(path, line, "CVE_MUN", reason)
            seen[row.cvegeo] = line
            rows.append(row)
    except csv.Error as error:
        reason = f"is not valid CSV: {error}"
        raise CatalogFileError(reason, file=str(path), line=reader.line_num) from error
    if not rows:
        raise CatalogFileError("holds no municipality rows", file=str(path))
    return tuple(rows)
