"""Read the aid tables, the semáforo summary and the indicator results tables.

Each table is found by its heading or header words, never by line number.
"""

from __future__ import annotations

import re

from ruta.common.text.folding import normalize_key
from ruta.common.text.money import parse_amount, parse_count
from ruta.ingest.cecop.document import Document, figure
from ruta.ingest.cecop.model import (
    AidRow,
    AidTable,
    DroughtRow,
    DroughtTable,
    IndicatorRow,
    IndicatorTable,
    Place,
    SemaphoreSummary,
    YearFigure,
)

DROUGHT_ID = "drought_aid"
AID_ID = "aid_by_concept"
SUMMARY_ID = "semaphore_summary"

_DROUGHT_TITLE = "AYUDAS PRIORITARIAS A MUNICIPIOS"
_AID_TITLE = "INVERSION ESTATAL DISTRIBUIDA EN AYUDAS DIVERSAS"
_SUMMARY_WORDS = {
    "NUMERO DE INDICADORES": "indicators",
    "CON AVANCE": "with_advance",
    "SIN AVANCE": "without_advance",
    "IGUAL": "equal",
    "SIN INFORMACION": "without_information",
}
_BASELINE = re.compile(r"^LINEA BASE (\d{4})$")
_RESULT = re.compile(r"^RESULTADO (\d{4})$")


def _heading(doc: Document, title: str, table_id: str) -> int:
    """Return the line of the one heading starting with ``title``."""
    found = doc.find(lambda number: doc.key(number).startswith(title))
    if len(found) != 1:
        raise doc.error(
            f"expected one table {table_id!r} headed {title!r}, found {len(found)}"
        )
    return found[0]


def _expect_cells(doc: Document, place: Place, size: int, label: str) -> list[str]:
    if not doc.is_table_line(place.line):
        raise doc.error("table ends before its Total row", place, field="Total")
    cells = doc.cells(place.line)
    if len(cells) != size:
        raise doc.error(
            f"row {label or cells[0]!r} has {len(cells)} cells, expected {size}", place
        )
    return cells


def read_drought(doc: Document) -> DroughtTable:
    """Return the drought-emergency aid table with its total line."""
    title = _heading(doc, _DROUGHT_TITLE, DROUGHT_ID)
    header = doc.next_filled(title)
    if not normalize_key(" ".join(doc.cells(header))).startswith("CONCEPTO MUNICIPIO"):
        raise doc.error(
            "header CONCEPTO / MUNICIPIO not found", Place(DROUGHT_ID, 0, header)
        )
    rows: list[DroughtRow] = []
    number = header + 1
    while True:
        place = Place(DROUGHT_ID, len(rows) + 1, number)
        cells = _expect_cells(doc, place, 3, "")
        amount = doc.read(parse_amount, cells[2], place, "amount", cells[0] or "total")
        if not cells[0] and not cells[1]:
            return DroughtTable(DROUGHT_ID, doc.text(title), tuple(rows), amount, place)
        rows.append(DroughtRow(cells[0], cells[1], amount, place))
        number += 1


def read_aid(doc: Document) -> AidTable:
    """Return the table of state aid by spending concept with its Total row."""
    title = _heading(doc, _AID_TITLE, AID_ID)
    header = doc.next_filled(title)
    if normalize_key(" ".join(doc.cells(header))).split()[:2] != ["NO.", "CONCEPTO"]:
        raise doc.error("header No. / Concepto not found", Place(AID_ID, 0, header))
    rows: list[AidRow] = []
    number = header + 1
    while True:
        place = Place(AID_ID, len(rows) + 1, number)
        cells = _expect_cells(doc, place, 3, "")
        amount = doc.read(parse_amount, cells[2], place, "amount", cells[1] or cells[0])
        if normalize_key(cells[0]) == "TOTAL":
            return AidTable(AID_ID, doc.text(title), tuple(rows), amount, place)
        position = doc.read(parse_count, cells[0], place, "number", cells[1])
        rows.append(AidRow(position, cells[1], amount, place))
        number += 1


def read_semaphore_summary(doc: Document) -> SemaphoreSummary:
    """Return the published count of indicators by semáforo colour."""
    header = _heading(doc, "NUMERO DE INDICADORES", SUMMARY_ID)
    names = [_SUMMARY_WORDS.get(normalize_key(cell), "") for cell in doc.cells(header)]
    if sorted(names) != sorted(_SUMMARY_WORDS.values()):
        raise doc.error("unexpected summary columns", Place(SUMMARY_ID, 0, header))
    place = Place(SUMMARY_ID, 1, header + 1)
    cells = _expect_cells(doc, place, len(names), "summary")
    counts = {
        name: doc.read(parse_count, cell, place, name)
        for name, cell in zip(names, cells, strict=True)
    }
    return SemaphoreSummary(place=place, **counts)


def read_indicator_tables(doc: Document) -> tuple[IndicatorTable, ...]:
    """Return every printed copy, full or partial, of the indicator results."""
    headers = doc.find(
        lambda number: (
            doc.key(number) == "INDICADOR"
            and any(_BASELINE.match(normalize_key(cell)) for cell in doc.cells(number))
        )
    )
    if not headers:
        raise doc.error("indicator results table (Indicador / Línea base) not found")
    return tuple(
        _read_indicator_table(doc, f"indicator_results_{index}", header)
        for index, header in enumerate(headers, start=1)
    )


def _header_layout(doc: Document, table_id: str, header: int) -> dict[str, int]:
    layout: dict[str, int] = {}
    for index, cell in enumerate(doc.cells(header)):
        key = normalize_key(cell)
        if match := _BASELINE.match(key):
            layout["baseline"], layout["baseline_year"] = index, int(match[1])
        elif match := _RESULT.match(key):
            layout[f"result {match[1]}"] = index
        elif key.startswith(("FUENTE", "SEMAFORO")):
            layout[key.split()[0].lower()] = index
    if "fuente" not in layout or not any(name.startswith("result") for name in layout):
        raise doc.error("unexpected results header", Place(table_id, 0, header))
    return layout


def _read_indicator_table(doc: Document, table_id: str, header: int) -> IndicatorTable:
    layout = _header_layout(doc, table_id, header)
    size = len(doc.cells(header))
    rows: list[IndicatorRow] = []
    number = header + 1
    while doc.is_table_line(number):
        place = Place(table_id, len(rows) + 1, number)
        rows.append(_read_indicator_row(doc, layout, size, place))
        number += 1
    if not rows:
        raise doc.error("results table without rows", Place(table_id, 0, header))
    return IndicatorTable(table_id, tuple(rows), header)


def _read_indicator_row(
    doc: Document, layout: dict[str, int], size: int, place: Place
) -> IndicatorRow:
    cells = doc.cells(place.line)
    if len(cells) == size - 1 and layout.get("semaforo") == size - 1:
        cells.append("")  # the extraction may drop an empty last cell
    if len(cells) != size:
        raise doc.error(
            f"row {cells[0]!r} has {len(cells)} cells, expected {size}", place
        )
    results = sorted(
        (
            YearFigure(
                int(name.split()[1]),
                doc.read(figure, cells[index], place, name, cells[0]),
            )
            for name, index in layout.items()
            if name.startswith("result")
        ),
        key=lambda item: item.year,
    )
    return IndicatorRow(
        name=cells[0],
        key=normalize_key(cells[0]),
        baseline_year=layout["baseline_year"],
        baseline=doc.read(
            figure, cells[layout["baseline"]], place, "baseline", cells[0]
        ),
        results=tuple(results),
        source=cells[layout["fuente"]],
        semaphore=cells[layout["semaforo"]] if "semaforo" in layout else "",
        place=place,
    )
