"""Rows to ``WorkRow``s with the checks of a works list, each naming row and key.

Checks (each a finding; the row is still read): amount paid (EJERCIDO) over
the modified (MODIFICADO) or over the approved (APROBADO); physical progress
outside 0–100; a negative amount; sources that do not add up to the total
where the file gives both; a key repeated with other figures; dates out of
order; a cell that does not read; and where the work is (``location``). A
row without any key is not read, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ruta.common.text.money import ZERO
from ruta.ingest.worklist import values as cell
from ruta.ingest.worklist.columns import ColumnSet
from ruta.ingest.worklist.decode import RawRow
from ruta.ingest.worklist.identity import key_of
from ruta.ingest.worklist.location import (
    Geography,
    coordinates_read,
    municipality_located,
    municipality_read,
    states_read,
)
from ruta.ingest.worklist.model import WorkRow
from ruta.sources.findings import (
    Finding,
    FindingKind,
    Say,
    Values,
    figure,
    finding_kind,
    sentence,
)

_HUNDRED = Decimal(100)


@dataclass
class RowReading:
    """The reading of one row: the record (None if unreadable) and its findings."""

    row: WorkRow | None
    findings: list[Finding] = field(default_factory=list)


# What a cell should have been, by the parser that refused it.
_CELL_KINDS = {
    "amount": sentence("un monto"),
    "percent": sentence("un porcentaje"),
    "coordinate": sentence("una coordenada"),
    "day": sentence("una fecha"),
}


@finding_kind(
    "cell_unreadable",
    summary=sentence("Una celda no se puede leer; se deja en blanco."),
)
def cell_unreadable(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La columna %(column)s dice «%(printed)s», que no se lee como "
            "%(kind)s; se deja en blanco."
        )
    ) % {
        "column": values["column"],
        "printed": cell.quoted(values["printed"], say),
        "kind": say(_CELL_KINDS[values["kind"]]),
    }


class CheckedRow:
    """Reads one raw row, collecting findings that name its row, line and key."""

    def __init__(self, raw: RawRow, columns: ColumnSet, geography: Geography) -> None:
        self.raw, self.columns, self.geography = raw, columns, geography
        mapping = columns.columns
        self.fields = {
            mapping[name]: value for name, value in raw.cells.items() if name in mapping
        }
        self.findings: list[Finding] = []
        self.key = ""

    def where(self) -> str:
        key = f", key {self.key}" if self.key else ""
        return f"row {self.raw.number} (line {self.raw.line}){key}"

    def find(self, kind: FindingKind, /, severity: str = "warning", **values: Any):
        self.findings.append(
            kind.found(
                where=self.where(),
                values={"key": self.key, **values},
                severity=severity,
            )
        )

    def text(self, name: str) -> str:
        return " ".join(self.fields.get(name, "").split())

    def header(self, name: str) -> str:
        """Return the column the file prints field ``name`` under, for findings.

        The last such column, as ``fields`` keeps the last one's cell.
        """
        found = name
        for header in self.raw.cells:
            if self.columns.columns.get(header) == name:
                found = header
        return found

    def value(self, name: str, parse, *args, **kwargs):
        """Return the cell parsed, or None with a finding when it does not read.

        The finding names the file's column and what the cell should have
        been (``parse``'s name: amount, percent, coordinate, day), so pages can
        say it in their own language.
        """
        try:
            return parse(self.fields.get(name, ""), *args, **kwargs)
        except cell.Unreadable:
            self.find(
                cell_unreadable,
                field=name,
                printed=self.fields.get(name, ""),
                column=self.header(name),
                kind=parse.__name__,
            )
            return None


# A key a spreadsheet rewrote as a number in scientific notation
# ("1.136E+13"): its last digits are gone.
_EXPONENT_KEY = re.compile(r"^[0-9](?:\.[0-9]+)?E\+[0-9]+$", re.IGNORECASE)


@finding_kind("key_in_scientific_notation")
def key_in_scientific_notation(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Una hoja de cálculo escribió la clave %(key)s en notación científica: "
            "sus últimos dígitos se perdieron, así que no se distinguen las obras "
            "cuyas claves solo difieren en ellos; pida al publicador la clave como "
            "texto."
        )
    ) % {"key": values["key"]}


@finding_kind(
    "key_missing",
    summary=sentence(
        "El renglón no imprime clave de cartera; se identifica por su ID_PPI."
    ),
)
def key_missing(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El renglón no imprime clave de cartera; se identifica por su ID_PPI "
            "%(ppi)s como %(key)s."
        )
    ) % {"ppi": values["ppi"], "key": values["key"]}


def _key(row: CheckedRow) -> str:
    printed = key_of(row.fields.get("key", ""), "")
    row.key = printed or key_of("", row.fields.get("ppi_id", ""))
    if printed and _EXPONENT_KEY.match(printed):
        row.find(key_in_scientific_notation)
    elif row.key and not printed:
        row.find(key_missing, severity="info", ppi=row.key.removeprefix("PPI-"))
    return row.key


@finding_kind("negative_amount", summary=sentence("Un monto del renglón es negativo."))
def negative_amount(values: Values, say: Say) -> str:
    return say(sentence("La columna %(column)s es negativa: %(amount)s pesos.")) % {
        "column": values["column"],
        "amount": figure(values["amount"], say),
    }


@finding_kind("paid_exceeds_modified")
def paid_exceeds_modified(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Lo ejercido (EJERCIDO), %(paid)s pesos, es mayor que lo modificado "
            "(MODIFICADO), %(modified)s pesos."
        )
    ) % {
        "paid": figure(values["paid"], say),
        "modified": figure(values["modified"], say),
    }


@finding_kind("paid_exceeds_approved")
def paid_exceeds_approved(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Lo ejercido (EJERCIDO), %(paid)s pesos, es mayor que lo aprobado "
            "(APROBADO), %(approved)s pesos."
        )
    ) % {
        "paid": figure(values["paid"], say),
        "approved": figure(values["approved"], say),
    }


def _money(row: CheckedRow) -> dict[str, Decimal | None]:
    figures = {
        name: row.value(name, cell.amount)
        for name in ("approved", "modified", "paid", "total")
    }
    for name, value in figures.items():
        if value is not None and value < 0:
            row.find(
                negative_amount,
                field=name,
                amount=value,
                column=row.header(name),
            )
    paid, modified, approved = figures["paid"], figures["modified"], figures["approved"]
    if paid is not None and modified is not None and paid > modified:
        row.find(paid_exceeds_modified, paid=paid, modified=modified)
    if paid is not None and approved is not None and paid > approved:
        row.find(paid_exceeds_approved, paid=paid, approved=approved)
    return figures


@finding_kind("sources_do_not_add_up")
def sources_do_not_add_up(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Las fuentes de financiamiento suman %(funded)s pesos, pero la "
            "inversión total es %(total)s pesos."
        )
    ) % {
        "funded": figure(values["funded"], say),
        "total": figure(values["total"], say),
    }


@finding_kind("year_sources_exceed_total")
def year_sources_exceed_total(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El calendario del proyecto va de %(first)s a %(last)s, así que sus "
            "fuentes de financiamiento son las de un año; suman %(funded)s pesos, "
            "más que la inversión total de todos los años, %(total)s pesos."
        )
    ) % {
        "first": values["first"],
        "last": values["last"],
        "funded": figure(values["funded"], say),
        "total": figure(values["total"], say),
    }


def _sources(
    row: CheckedRow, total: Decimal | None, start: date | None, end: date | None
) -> tuple[dict[str, Decimal], bool]:
    """Return the sources by kind, and whether they are the work's whole funding.

    Like is compared with like: the sources of a project whose calendar spans
    several years are one year's share (``sources_of_one_year``), which may
    fall short of the lifetime total but never exceed it; otherwise they must
    add up to it.
    """
    sources: dict[str, Decimal] = {}
    for name, kind in row.columns.sources.items():
        try:
            value = cell.amount(row.raw.cells.get(name, ""))
        except cell.Unreadable:
            row.find(
                cell_unreadable,
                field=name,
                printed=row.raw.cells.get(name, ""),
                column=name,
                kind=cell.amount.__name__,
            )
            continue
        if value is None:
            continue
        if value < 0:
            row.find(
                negative_amount,
                field=name,
                amount=value,
                column=name,
            )
        sources[kind] = sources.get(kind, ZERO) + value
    funded = sum(sources.values(), ZERO)
    adds_up = bool(sources) and total is not None and funded == total
    if not (row.columns.sources_complete and sources and total is not None):
        return sources, adds_up
    if start and end and end.year > start.year and row.columns.sources_of_one_year:
        if funded > total:
            row.find(
                year_sources_exceed_total,
                first=start.year,
                last=end.year,
                funded=funded,
                total=total,
            )
    elif not adds_up:
        row.find(sources_do_not_add_up, funded=funded, total=total)
    return sources, adds_up


@finding_kind("progress_out_of_range")
def progress_out_of_range(values: Values, say: Say) -> str:
    return say(sentence("El avance físico, %(progress)s, está fuera de 0–100 %%.")) % {
        "progress": figure(values["progress"], say, "percent")
    }


def _progress(row: CheckedRow) -> Decimal | None:
    progress = row.value("physical_progress", cell.percent)
    if progress is not None and not ZERO <= progress <= _HUNDRED:
        row.find(progress_out_of_range, progress=progress)
    return progress


def _day(value: str) -> str:
    """Return an ISO date the Mexican way ("31/12/2020"); as stored otherwise."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@finding_kind("dates_out_of_order")
def dates_out_of_order(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La fecha de fin, %(end)s, es anterior a la de inicio, %(start)s; "
            "ambas se dejan en blanco."
        )
    ) % {"end": _day(values["end"]), "start": _day(values["start"])}


def _dates(row: CheckedRow):
    style = row.columns.date_style
    start = row.value("start", cell.day, style)
    end = row.value("end", cell.day, style, end=True)
    if start and end and end < start:
        row.find(dates_out_of_order, start=start, end=end)
        return None, None
    return start, end


def _published(raw: RawRow, columns: ColumnSet) -> dict[str, str]:
    personal = columns.personal_headers
    return {name: value for name, value in raw.cells.items() if name not in personal}


def _official(row: CheckedRow) -> dict[str, str]:
    name = " ".join(
        part
        for part in (
            row.text("official_name"),
            row.text("official_surname1"),
            row.text("official_surname2"),
        )
        if part
    )
    contact = {
        "name": name,
        "position": row.text("official_position"),
        "email": row.text("official_email"),
        "phone": row.text("official_phone"),
    }
    return {key: value for key, value in contact.items() if value}


@finding_kind("row_without_key")
def row_without_key(values: Values, say: Say) -> str:
    return say(sentence("El renglón no imprime clave ni ID_PPI: no se leyó."))


@finding_kind("name_missing")
def name_missing(values: Values, say: Say) -> str:
    return say(
        sentence("El renglón no imprime nombre; la clave %(key)s ocupa su lugar.")
    ) % {"key": values["key"]}


def row_read(raw: RawRow, columns: ColumnSet, geography: Geography) -> RowReading:
    """Return one row read and checked; ``row`` is None when it has no key."""
    row = CheckedRow(raw, columns, geography)
    row.key = _key(row)
    if not row.key:
        row.find(row_without_key, severity="error")
        return RowReading(None, row.findings)
    name = row.text("name")
    if not name:
        row.find(name_missing)
    figures = _money(row)
    start, end = _dates(row)
    sources, adds_up = _sources(row, figures["total"], start, end)
    progress = _progress(row)
    states = states_read(row)
    municipality = municipality_read(row, states)
    if municipality and not states:
        states = (municipality[:2],)
    latitude, longitude = coordinates_read(row, states)
    if not municipality:
        municipality = municipality_located(row, states, latitude, longitude)
    record = WorkRow(
        number=raw.number,
        line=raw.line,
        key=row.key,
        name=name or row.key,
        description=row.fields.get("description", "").strip(),
        location=row.text("location"),
        ramo=row.text("ramo"),
        ramo_name=row.text("ramo_name"),
        unit=row.text("unit"),
        unit_name=row.text("unit_name"),
        kind=row.text("kind"),
        state_codes=states,
        state_printed=row.text("state_name"),
        municipality_code=municipality,
        subprogram=row.text("subprogram"),
        latitude=latitude,
        longitude=longitude,
        start=start,
        end=end,
        approved=figures["approved"],
        modified=figures["modified"],
        paid=figures["paid"],
        total=figures["total"],
        physical_progress=progress,
        sources=sources,
        sources_add_up=adds_up,
        year=cell.year(row.text("year")),
        cycle=cell.year(row.text("cycle")),
        status=row.text("status"),
        published=_published(raw, columns),
        official=_official(row),
    )
    return RowReading(record, row.findings)


@finding_kind("key_repeated")
def key_repeated(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La clave %(key)s se repite (primero en el renglón %(first_row)s) con "
            "las mismas cifras; la obra toma el renglón del año más reciente, el "
            "primero si empatan."
        )
    ) % {"key": values["key"], "first_row": values["first_row"]}


@finding_kind("key_repeated_different")
def key_repeated_different(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La clave %(key)s se repite (primero en el renglón %(first_row)s) con "
            "otras cifras; la obra toma el renglón del año más reciente, el primero "
            "si empatan."
        )
    ) % {"key": values["key"], "first_row": values["first_row"]}


class RepeatedKeys:
    """Remembers each key's first row, and reports later rows of the same key."""

    def __init__(self) -> None:
        self.first: dict[str, tuple[int, tuple[Any, ...]]] = {}

    def check(self, row: WorkRow) -> list[Finding]:
        """Return a finding if ``row``'s key came before (with other figures or not)."""
        seen = self.first.setdefault(row.key, (row.number, row.figures()))
        if seen[0] == row.number:
            return []
        same = seen[1] == row.figures()
        kind = key_repeated if same else key_repeated_different
        return [
            kind.found(
                where=f"row {row.number} (line {row.line}), key {row.key}",
                severity="info" if same else "warning",
                values={"key": row.key, "first_row": seen[0]},
            )
        ]


def current_rows(rows: Iterable[WorkRow]) -> Iterator[WorkRow]:
    """Yield the row each key's work takes: the latest year, the first on a tie."""
    best: dict[str, WorkRow] = {}
    for row in rows:
        kept = best.get(row.key)
        if kept is None or row.rank > kept.rank:
            best[row.key] = row
    return iter(best.values())
