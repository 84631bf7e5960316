"""Rows to ``WorkRow``s with the checks of a works list, each naming row and key.

Checks (each a finding; the row is still read): amount paid (EJERCIDO) over
the modified (MODIFICADO) or over the approved (APROBADO); physical progress
outside 0–100; a negative amount; sources that do not add up to the total
where the file gives both; coordinates that are ``0`` (the file's "none"),
swapped, out of range or outside the named state; a key repeated with other
figures; a state or municipality that does not resolve; a cell that does not
read. A row without any key is not read, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ruta.ingest.worklist import values as cell
from ruta.ingest.worklist.columns import PERSONAL_FIELDS, ColumnSet
from ruta.ingest.worklist.decode import RawRow
from ruta.ingest.worklist.geo import Boundaries
from ruta.ingest.worklist.model import ABROAD, NOT_DISTRIBUTABLE, SEVERAL, WorkRow
from ruta.sources.findings import Finding

# Names OPA prints for a state that are not the catalog's, and its own codes.
STATE_ALIASES = {
    "DISTRITO FEDERAL": "09",
    "ESTADO DE MEXICO": "15",
    "MEXICO": "15",
    "MICHOACAN": "16",
    "VERACRUZ": "30",
    "COAHUILA": "05",
    "EN EL EXTRANJERO": ABROAD,
    "NO DISTRIBUIBLE GEOGRAFICAMENTE": NOT_DISTRIBUTABLE,
    "VARIOS": SEVERAL,
    "NACIONAL": SEVERAL,
}
_OWN_CODES = {ABROAD, NOT_DISTRIBUTABLE, SEVERAL}
_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Geography:
    """What the checks resolve names against: states, municipalities, outlines."""

    states: Mapping[str, str]  # INEGI code → name
    municipalities: frozenset[str] = frozenset()
    boundaries: Boundaries | None = None

    def state_code(self, name: str) -> str | None:
        """Return the code of a printed state name, or None."""
        folded = cell.fold(name)
        if folded in STATE_ALIASES:
            return STATE_ALIASES[folded]
        for code, known in self.states.items():
            if cell.fold(known) == folded:
                return code
        return None


@dataclass
class RowReading:
    """The reading of one row: the record (None if unreadable) and its findings."""

    row: WorkRow | None
    findings: list[Finding] = field(default_factory=list)


class _Row:
    """Reads one raw row, collecting findings that name its row, line and key."""

    def __init__(self, raw: RawRow, columns: ColumnSet, geography: Geography) -> None:
        self.raw, self.columns, self.geography = raw, columns, geography
        self.fields = {
            columns.columns[name]: value
            for name, value in raw.cells.items()
            if name in columns.columns
        }
        self.headers = {
            columns.columns[name]: name for name in raw.cells if name in columns.columns
        }
        self.findings: list[Finding] = []
        self.key = ""

    def where(self) -> str:
        key = f", key {self.key}" if self.key else ""
        return f"row {self.raw.number} (line {self.raw.line}){key}"

    def find(self, code: str, message: str, severity: str = "warning", **values: Any):
        self.findings.append(
            Finding(
                code=code,
                message=message,
                where=self.where(),
                values={"key": self.key, **values},
                severity=severity,
            )
        )

    def text(self, name: str) -> str:
        return " ".join(self.fields.get(name, "").split())

    def header(self, name: str) -> str:
        """Return the column the file prints field ``name`` under, for findings."""
        return self.headers.get(name, name)

    def value(self, name: str, parse, *args, **kwargs):
        """Return the cell parsed, or None with a finding when it does not read.

        The finding names the file's column and what the cell should have
        been (``parse``'s name: amount, percent, coordinate, day), so pages can
        say it in their own language.
        """
        try:
            return parse(self.fields.get(name, ""), *args, **kwargs)
        except cell.Unreadable as problem:
            self.find(
                "cell_unreadable",
                f"{name}: {problem}; left blank",
                field=name,
                printed=self.fields.get(name, ""),
                column=self.header(name),
                kind=parse.__name__,
            )
            return None


# A key a spreadsheet rewrote as a number in scientific notation
# ("1.136E+13"): its last digits are gone.
_EXPONENT_KEY = re.compile(r"^[0-9](?:\.[0-9]+)?E\+[0-9]+$", re.IGNORECASE)


def _key(row: _Row) -> str:
    key = row.text("key").lstrip("'").strip()
    if key and _EXPONENT_KEY.match(key):
        row.key = key
        row.find(
            "key_in_scientific_notation",
            f"the key {key} was written by a spreadsheet in scientific notation: "
            "its last digits are lost, so works whose keys differ only there "
            "cannot be told apart; ask the publisher for the key as text",
        )
    if key:
        return key
    ppi = row.text("ppi_id")
    if ppi:
        row.key = f"PPI-{ppi}"
        row.find(
            "key_missing",
            f"the row prints no portfolio key; it is identified "
            f"by its ID_PPI as {row.key}",
            severity="info",
            ppi=ppi,
        )
        return row.key
    return ""


def _money(row: _Row) -> dict[str, Decimal | None]:
    figures = {
        name: row.value(name, cell.amount)
        for name in ("approved", "modified", "paid", "total")
    }
    for name, value in figures.items():
        if value is not None and value < 0:
            row.find(
                "negative_amount",
                f"{name} is negative: {value}",
                field=name,
                amount=value,
                column=row.header(name),
            )
    paid, modified, approved = figures["paid"], figures["modified"], figures["approved"]
    if paid is not None and modified is not None and paid > modified:
        row.find(
            "paid_exceeds_modified",
            f"paid (EJERCIDO) {paid} is greater than modified (MODIFICADO) {modified}",
            paid=paid,
            modified=modified,
        )
    if paid is not None and approved is not None and paid > approved:
        row.find(
            "paid_exceeds_approved",
            f"paid (EJERCIDO) {paid} is greater than approved (APROBADO) {approved}",
            paid=paid,
            approved=approved,
        )
    return figures


def _sources(row: _Row, total: Decimal | None) -> tuple[dict[str, Decimal], bool]:
    sources: dict[str, Decimal] = {}
    for name, kind in row.columns.sources.items():
        try:
            value = cell.amount(row.raw.cells.get(name, ""))
        except cell.Unreadable as problem:
            row.find(
                "cell_unreadable",
                f"{name}: {problem}; left blank",
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
                "negative_amount",
                f"source {name} is negative: {value}",
                field=name,
                amount=value,
                column=name,
            )
        sources[kind] = sources.get(kind, _ZERO) + value
    funded = sum(sources.values(), _ZERO)
    adds_up = bool(sources) and total is not None and funded == total
    if row.columns.sources_complete and sources and total is not None and not adds_up:
        row.find(
            "sources_do_not_add_up",
            f"the sources add up to {funded} but the total investment is {total}",
            funded=funded,
            total=total,
        )
    return sources, adds_up


def _progress(row: _Row) -> Decimal | None:
    progress = row.value("physical_progress", cell.percent)
    if progress is not None and not _ZERO <= progress <= _HUNDRED:
        row.find(
            "progress_out_of_range",
            f"physical progress {progress} % is outside 0–100",
            progress=progress,
        )
    return progress


def _states(row: _Row) -> tuple[str, ...]:
    printed_codes = [part.strip() for part in row.text("state_code").split(";")]
    printed_codes = [part for part in printed_codes if part]
    codes = []
    for part in printed_codes:
        code = part.zfill(2) if part.isdigit() else ""
        if code not in row.geography.states and code not in _OWN_CODES:
            code = ""
        codes.append(code)
    if not printed_codes:
        names = [part for part in row.text("state_name").split(";") if part.strip()]
        codes = [row.geography.state_code(name) or "" for name in names]
    if not codes or "" in codes:
        printed = row.text("state_name") or row.text("state_code")
        if printed or row.columns.code != "template":
            row.find(
                "state_unresolved",
                f"the state {printed or '(blank)'!r} is not one the catalog knows",
                printed=printed,
            )
        return tuple(code for code in codes if code)
    return tuple(dict.fromkeys(codes))


def _coordinates(row: _Row, states: tuple[str, ...]):
    latitude = row.value("latitude", cell.coordinate)
    longitude = row.value("longitude", cell.coordinate)
    if latitude is None or longitude is None:
        return None, None
    if latitude == 0 or longitude == 0:
        row.find(
            "coordinates_zero",
            "the coordinates are 0: the file's way of saying it has none",
            severity="info",
            latitude=latitude,
            longitude=longitude,
        )
        return None, None
    boundaries = row.geography.boundaries
    in_range = -90 <= latitude <= 90 and -180 <= longitude <= 180
    if (
        boundaries is not None
        and -90 <= longitude <= 90
        and not (in_range and boundaries.anywhere(latitude, longitude))
        and boundaries.anywhere(longitude, latitude)
    ):
        row.find(
            "coordinates_swapped",
            f"latitude {latitude} and longitude {longitude} are swapped: "
            "exchanged, the point is in Mexico; left blank",
            latitude=latitude,
            longitude=longitude,
        )
        return None, None
    if not in_range:
        row.find(
            "coordinates_out_of_range",
            f"({latitude}, {longitude}) is not a latitude and a longitude",
            latitude=latitude,
            longitude=longitude,
        )
        return None, None
    if boundaries is None:
        return latitude, longitude
    named = [code for code in states if code in boundaries.states]
    if named and not any(boundaries.holds(c, latitude, longitude) for c in named):
        row.find(
            "coordinates_outside_state",
            f"({latitude}, {longitude}) is outside "
            f"{row.text('state_name') or named[0]} "
            f"by more than {boundaries.margin}° (about 5 km) of its simplified outline",
            latitude=latitude,
            longitude=longitude,
            state=";".join(named),
            state_name=row.text("state_name") or named[0],
            margin=boundaries.margin,
        )
    return latitude, longitude


def _dates(row: _Row):
    style = row.columns.date_style
    start = row.value("start", cell.day, style)
    end = row.value("end", cell.day, style, end=True)
    if start and end and end < start:
        row.find(
            "dates_out_of_order",
            f"the end {end} is before the start {start}; both left blank",
            start=start,
            end=end,
        )
        return None, None
    return start, end


def _municipality(row: _Row, states: tuple[str, ...]) -> str:
    code = row.text("municipality_code")
    if not code:
        return ""
    code = code.zfill(5) if code.isdigit() else code
    if code not in row.geography.municipalities or (states and code[:2] not in states):
        row.find(
            "municipality_unresolved",
            f"municipality {code!r} is not an INEGI code the catalog knows"
            + (" in the state the row names" if states else ""),
            printed=code,
            state=";".join(states),
        )
        return ""
    return code


def _published(raw: RawRow, columns: ColumnSet) -> dict[str, str]:
    return {
        name: value
        for name, value in raw.cells.items()
        if columns.columns.get(name) not in PERSONAL_FIELDS
    }


def _official(row: _Row) -> dict[str, str]:
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


def row_read(raw: RawRow, columns: ColumnSet, geography: Geography) -> RowReading:
    """Return one row read and checked; ``row`` is None when it has no key."""
    row = _Row(raw, columns, geography)
    row.key = _key(row)
    if not row.key:
        row.find(
            "row_without_key",
            "the row prints no key and no ID_PPI: not read",
            severity="error",
        )
        return RowReading(None, row.findings)
    name = row.text("name")
    if not name:
        row.find("name_missing", "the row prints no name; the key stands for it")
    figures = _money(row)
    sources, adds_up = _sources(row, figures["total"])
    progress = _progress(row)
    states = _states(row)
    municipality = _municipality(row, states)
    if municipality and not states:
        states = (municipality[:2],)
    latitude, longitude = _coordinates(row, states)
    start, end = _dates(row)
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
        where = f"row {row.number} (line {row.line}), key {row.key}"
        text = (
            f"key {row.key} is repeated (first at row {seen[0]})"
            + (" with the same figures" if same else " with different figures")
            + "; the work takes the row of the latest year, the first on a tie"
        )
        return [
            Finding(
                code="key_repeated" if same else "key_repeated_different",
                message=text,
                where=where,
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
