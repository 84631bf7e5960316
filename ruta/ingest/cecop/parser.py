"""Parse the CECOP "Informe Anual de Resultados" (text extracted from its PDF).

Pure: text in, frozen dataclasses out. Any unreadable part raises
``DocumentError`` naming file, table, row and field, and nothing is returned,
so a loader never writes half a report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ruta.ingest.cecop.cards import read_cards
from ruta.ingest.cecop.document import Document
from ruta.ingest.cecop.model import (
    CecopReport,
    Dimension,
    Program,
    UnreadTable,
)
from ruta.ingest.cecop.prose import read_prose
from ruta.ingest.cecop.tables import (
    read_aid,
    read_drought,
    read_indicator_tables,
    read_semaphore_summary,
)
from ruta.ingest.cecop.works import read_works_tables

_TITLE = "INFORME ANUAL DE RESULTADOS"
_YEAR = re.compile(r"^(?:INFORME ANUAL DE RESULTADOS )?((?:19|20)\d{2})$")
_ISSUER = ("CECOP", "CONCERTACION PARA", "CONCERTACION DE OBRA")
_TITLE_LOOKAHEAD = 3


def parse_report(text: str, *, source_name: str) -> CecopReport:
    """Return the report read from ``text``; raise ``DocumentError`` if unreadable."""
    doc = Document.from_text(text, source_name)
    year = _report_year(doc)
    title = _title_block(doc)
    works_tables = read_works_tables(doc)
    subprograms = {
        program: tuple(
            row.key
            for table in works_tables
            if table.program == program and table.dimension == Dimension.SUBPROGRAM
            for row in table.rows
        )
        for program in Program
    }
    prose = read_prose(doc, subprograms)
    report = CecopReport(
        source_name=source_name,
        year=year,
        works_tables=works_tables,
        drought=read_drought(doc),
        aid=read_aid(doc),
        indicator_tables=read_indicator_tables(doc),
        semaphore_summary=read_semaphore_summary(doc),
        cards=read_cards(doc),
        claims=prose.claims,
        title=title,
        unread_sentences=prose.unread,
    )
    return replace(report, not_read=tuple(_unread_tables(doc, _lines_read(report))))


def _report_year(doc: Document) -> int:
    """Return the year of the report; raise unless it is a CECOP results report."""
    headings = doc.find(lambda number: doc.key(number).startswith(_TITLE))
    top = "\n".join(doc.key(number) for number in range(1, (headings or [1])[0] + 1))
    if not headings or not any(word in top for word in _ISSUER):
        raise doc.error(
            "not a CECOP annual results report: no 'INFORME ANUAL DE RESULTADOS' "
            "heading under the CECOP (Consejo Estatal de Concertación para la Obra "
            "Pública) name"
        )
    for heading in headings:
        for number in range(heading, heading + _TITLE_LOOKAHEAD):
            if match := _YEAR.match(doc.key(number)):
                return int(match[1])
    raise doc.error("the report's year is not printed beside its title")


def _title_block(doc: Document) -> str:
    """Return the words above the first heading: the government and the issuer."""
    heading = doc.find(lambda number: doc.key(number).startswith(_TITLE))[0]
    return " ".join(doc.key(number) for number in range(1, heading) if doc.key(number))


def _lines_read(report: CecopReport) -> set[int]:
    """Return the numbers of the lines the readers took a row or heading from."""
    places = [
        *(row.place for table in report.works_tables for row in table.rows),
        *(table.total.place for table in report.works_tables),
        *(row.place for row in report.drought.rows),
        report.drought.total_place,
        *(row.place for row in report.aid.rows),
        report.aid.total_place,
        *(row.place for table in report.indicator_tables for row in table.rows),
        report.semaphore_summary.place,
        *(card.place for card in report.cards),
    ]
    lines = {place.line for place in places}
    lines.update(table.line for table in report.works_tables)
    lines.update(table.line for table in report.indicator_tables)
    lines.update(card.figures_line for card in report.cards)
    return lines


def _unread_tables(doc: Document, read: set[int]) -> Iterator[UnreadTable]:
    """Yield the runs of table lines none of whose lines was read."""
    start = None
    for number in doc.numbers(1):
        if doc.is_table_line(number):
            start = number if start is None else start
            continue
        if start is not None and read.isdisjoint(range(start, number)):
            yield _unread(doc, start, number - 1)
        start = None
    if start is not None and read.isdisjoint(range(start, len(doc.lines) + 1)):
        yield _unread(doc, start, len(doc.lines))


def _unread(doc: Document, first: int, last: int) -> UnreadTable:
    """Return the unread table at ``first``–``last``, headed by its first cell."""
    heading = next((cell for cell in doc.cells(first) if cell), "")
    return UnreadTable(heading=heading, first_line=first, last_line=last)
