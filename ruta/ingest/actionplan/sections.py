"""The report's parts: the commitments table and each commitment's section."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ruta.ingest.actionplan.text import clean, is_heading, key
from ruta.sources.findings import DocumentError

TABLE_HEADER = ("nombre del compromiso", "dependencia")
# "- **Secretaría de … (SFIA)**": a bold bullet ending in the agency's acronym.
_AGENCY = re.compile(r"^\s*-\s*\*\*\s*(?P<name>[^*]+?\([^()]+\))\s*\*\*\s*$")
_ACRONYM = re.compile(r"\(([^()]+)\)\s*$")


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True)
class TableRow:
    """A row of the commitments table."""

    number: int
    name: str
    agency: str
    line: int


@dataclass
class Section:
    """A commitment's section: its heading (if printed), agency and lines."""

    agency: str
    line: int
    title: str = ""
    title_line: int | None = None
    body: list[Line] = field(default_factory=list)


def acronyms(agency: str) -> frozenset[str]:
    """Return the acronyms an agency's name ends with ("(SSG - ISAPEG)")."""
    found = _ACRONYM.search(agency)
    if found is None:
        return frozenset()
    return frozenset(part for part in re.split(r"[\s\-–—/]+", found[1]) if part)


def numbered(text: str) -> list[Line]:
    """Return the lines of ``text`` with their numbers (from 1)."""
    return [Line(number, raw) for number, raw in enumerate(text.splitlines(), 1)]


def _cells(line: Line) -> list[str]:
    return [clean(cell) for cell in line.text.split("\t")]


def commitments_table(lines: list[Line], *, name: str) -> tuple[list[TableRow], int]:
    """Return the commitments table's rows and the index of the line after it.

    Raise ``DocumentError`` when the document has no such table (it is not
    an action plan's progress report) or a row lacks its name or agency.
    """
    header = next(
        (
            i
            for i, line in enumerate(lines)
            if tuple(map(key, _cells(line))) == TABLE_HEADER
        ),
        None,
    )
    if header is None:
        raise DocumentError(
            "no commitments table: an action plan's report prints one headed "
            "'NOMBRE DEL COMPROMISO | DEPENDENCIA'",
            file=name,
        )
    rows: list[TableRow] = []
    index = header + 1
    while index < len(lines) and "\t" in lines[index].text:
        cells = [cell for cell in _cells(lines[index]) if cell]
        if len(cells) != 2:
            raise DocumentError(
                f"a commitment row needs a name and an agency; it has {len(cells)} "
                "filled cell(s)",
                file=name,
                table="commitments",
                row=len(rows) + 1,
                line=lines[index].number,
            )
        rows.append(TableRow(len(rows) + 1, cells[0], cells[1], lines[index].number))
        index += 1
    if not rows:
        raise DocumentError(
            "the commitments table has no rows",
            file=name,
            table="commitments",
            line=lines[header].number,
        )
    return rows, index


def sections(lines: list[Line], start: int) -> list[Section]:
    """Return the sections from ``start``: each opens with its agency's bullet.

    A heading in capitals right before the agency bullet is the section's
    title; some sections print none.
    """
    found: list[Section] = []
    last_text: Line | None = None
    for line in lines[start:]:
        match = _AGENCY.match(line.text)
        if match:
            section = Section(agency=clean(match["name"]), line=line.number)
            if last_text is not None and is_heading(last_text.text):
                section.title = clean(last_text.text).rstrip(".").strip()
                section.title_line = last_text.number
                if found:
                    found[-1].body = [
                        kept
                        for kept in found[-1].body
                        if kept.number < last_text.number
                    ]
            found.append(section)
        elif found:
            found[-1].body.append(line)
        if line.text.strip():
            last_text = line
    return found
