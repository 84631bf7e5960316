"""Pair the commitments table with the sections, and say what does not agree.

A titled section belongs to the table row of the same name. A section
without a title belongs to the one table row left whose agency it names;
failing that, to the one row left between its neighbours' rows (the report
keeps the table's order). Every pairing that is not by name is a finding,
and so is a row without a section, a section without a row, and a section
that names another agency than the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ruta.ingest.actionplan.sections import Section, TableRow, acronyms
from ruta.ingest.actionplan.text import key
from ruta.sources.findings import Finding, Say, Values, finding_kind, sentence


@dataclass(frozen=True)
class Pairing:
    row: TableRow | None
    section: Section | None


def pairings(
    rows: list[TableRow], found: list[Section], *, name: str
) -> tuple[list[Pairing], list[Finding]]:
    """Return each table row with its section (or none), plus the findings."""
    by_section: dict[int, TableRow] = {}
    findings: list[Finding] = []
    by_name = {key(row.name): row for row in rows}
    for index, section in enumerate(found):
        row = by_name.get(key(section.title)) if section.title else None
        if row is not None and row not in by_section.values():
            by_section[index] = row
    for index, section in enumerate(found):
        if index in by_section or section.title:
            continue
        row, how = _untitled_row(index, section, rows, found, by_section)
        if row is not None:
            by_section[index] = row
            findings.append(_untitled_finding(section, row, how, name))
    pairs = [Pairing(row, found[index]) for index, row in by_section.items()]
    taken = set(by_section.values())
    for index, section in enumerate(found):
        if index not in by_section:
            pairs.append(Pairing(None, section))
            findings.append(_orphan_section(section, name))
    for row in rows:
        if row not in taken:
            pairs.append(Pairing(row, None))
            findings.append(_orphan_row(row, name))
    findings += [_agency_finding(p, name) for p in pairs if _agencies_differ(p)]
    return sorted(pairs, key=_order), findings


def _order(pair: Pairing) -> tuple[int, int]:
    if pair.row is not None:
        return (pair.row.number, 0)
    return (10_000, pair.section.line if pair.section else 0)


def _untitled_row(
    index: int,
    section: Section,
    rows: list[TableRow],
    found: list[Section],
    by_section: dict[int, TableRow],
) -> tuple[TableRow | None, str]:
    left = [row for row in rows if row not in by_section.values()]
    named = [row for row in left if acronyms(row.agency) & acronyms(section.agency)]
    if len(named) == 1:
        return named[0], "agency"
    before = [by_section[i].number for i in by_section if i < index]
    after = [by_section[i].number for i in by_section if i > index]
    low, high = max(before, default=0), min(after, default=len(rows) + 1)
    between = [row for row in left if low < row.number < high]
    if len(between) == 1:
        return between[0], "position"
    return None, ""


def _agencies_differ(pair: Pairing) -> bool:
    if pair.row is None or pair.section is None:
        return False
    table, section = acronyms(pair.row.agency), acronyms(pair.section.agency)
    if table and section:
        return table != section
    return key(pair.row.agency) != key(pair.section.agency)


def _where_row(row: TableRow, name: str) -> str:
    return f"{name}, line {row.line} (commitments, row {row.number})"


def _where_section(section: Section, name: str) -> str:
    line = section.title_line or section.line
    return f"{name}, line {line} (section {section.agency!r})"


_UNTITLED_BY = {
    "agency": sentence("por la dependencia que nombra"),
    "position": sentence(
        "por su lugar entre las secciones de los renglones anterior y siguiente"
    ),
}


@finding_kind(
    "section_untitled",
    summary=sentence(
        "Una sección no imprime el nombre de su compromiso: se le asignó uno."
    ),
)
def section_untitled(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La sección de «%(agency)s» no imprime el nombre de su compromiso; se "
            "lee como la sección de «%(commitment)s» %(by)s."
        )
    ) % {
        "agency": values["agency"],
        "commitment": values["commitment"],
        "by": say(_UNTITLED_BY[values["by"]]),
    }


def _untitled_finding(section: Section, row: TableRow, how: str, name: str) -> Finding:
    return section_untitled.found(
        where=f"{_where_section(section, name)}; {_where_row(row, name)}",
        values={"agency": section.agency, "commitment": row.name, "by": how},
        severity="info" if how == "agency" else "warning",
    )


@finding_kind(
    "section_not_in_table",
    summary=sentence(
        "Una sección del informe no corresponde a ningún compromiso de la tabla."
    ),
)
def section_not_in_table(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La sección «%(section)s» no corresponde a ningún compromiso de la "
            "tabla de compromisos."
        )
    ) % {"section": values["title"] or values["agency"]}


def _orphan_section(section: Section, name: str) -> Finding:
    return section_not_in_table.found(
        where=_where_section(section, name),
        values={"title": section.title, "agency": section.agency},
    )


@finding_kind(
    "commitment_without_section",
    summary=sentence("Un compromiso de la tabla no tiene sección en el informe."),
)
def commitment_without_section(values: Values, say: Say) -> str:
    return say(
        sentence("El compromiso «%(commitment)s» de la tabla no tiene sección.")
    ) % {"commitment": values["commitment"]}


def _orphan_row(row: TableRow, name: str) -> Finding:
    return commitment_without_section.found(
        where=_where_row(row, name),
        values={"commitment": row.name, "agency": row.agency},
    )


@finding_kind(
    "agency_differs",
    summary=sentence(
        "La sección de un compromiso nombra otra dependencia que la tabla."
    ),
)
def agency_differs(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La tabla asigna «%(commitment)s» a «%(table)s»; su sección nombra a "
            "«%(section)s»."
        )
    ) % {
        "commitment": values["commitment"],
        "table": values["table"],
        "section": values["section"],
    }


def _agency_finding(pair: Pairing, name: str) -> Finding:
    row, section = pair.row, pair.section
    if row is None or section is None:
        raise ValueError("agencies differ only between a row and its section")
    return agency_differs.found(
        where=f"{_where_row(row, name)}; {_where_section(section, name)}",
        values={"commitment": row.name, "table": row.agency, "section": section.agency},
    )
