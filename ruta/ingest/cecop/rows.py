"""Every table row of a read CECOP report, as rows to keep with provenance.

Pure: the parsed report in, ``RowRecord`` values out (Decimals as strings,
counts as integers). Works tables, the drought and aid tables, each printed
copy of the indicator results, the semáforo summary and each card are kept,
so any figure regenerated from the database can be compared with the one the
document printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ruta.ingest.cecop import (
    AidTable,
    CecopReport,
    DroughtTable,
    Figure,
    IndicatorCard,
    IndicatorTable,
    WorksRow,
    WorksTable,
)
from ruta.sources.records import RowRecord

INDICATOR_TABLE_TITLE = "Resultados de los Indicadores de los Objetivos"
SUMMARY_TITLE = "Resumen de Resultados de Indicadores"
CARD_TITLE = "Cédula de Indicadores"


def report_rows(report: CecopReport) -> list[RowRecord]:
    """Return every row of every table ``report`` holds, in document order."""
    return [
        *(row for table in report.works_tables for row in _works_rows(table)),
        *_drought_rows(report.drought),
        *_aid_rows(report.aid),
        *(row for table in report.indicator_tables for row in _indicator_rows(table)),
        _summary_row(report),
        *(_card_row(card) for card in report.cards),
    ]


def figure_text(figure: Figure | None) -> str | None:
    """Return a figure's value as a string, None when the cell was blank."""
    return None if figure is None else str(figure.value)


def _number(value: Decimal | int | None) -> str | int | None:
    return str(value) if isinstance(value, Decimal) else value


def _works_row(table: WorksTable, row: WorksRow, is_total: bool) -> RowRecord:
    return RowRecord(
        table_id=table.id,
        title=table.title,
        program=table.program.value,
        dimension=table.dimension.value,
        row_number=row.place.row,
        line=row.place.line,
        label=row.label,
        values={column: _number(getattr(row, column)) for column in table.columns},
        is_total=is_total,
    )


def _works_rows(table: WorksTable) -> Iterator[RowRecord]:
    for row in table.rows:
        yield _works_row(table, row, is_total=False)
    yield _works_row(table, table.total, is_total=True)


def _amount_total_row(table: DroughtTable | AidTable) -> RowRecord:
    """Return the Total row of a table whose only summed column is the amount."""
    return RowRecord(
        table_id=table.id,
        title=table.title,
        row_number=table.total_place.row,
        line=table.total_place.line,
        label="Total",
        values={"amount": str(table.total)},
        is_total=True,
    )


def _drought_rows(table: DroughtTable) -> Iterator[RowRecord]:
    for row in table.rows:
        yield RowRecord(
            table_id=table.id,
            title=table.title,
            row_number=row.place.row,
            line=row.place.line,
            label=row.concept,
            values={
                "concept": row.concept,
                "municipality": row.municipality,
                "amount": str(row.amount),
            },
        )
    yield _amount_total_row(table)


def _aid_rows(table: AidTable) -> Iterator[RowRecord]:
    for row in table.rows:
        yield RowRecord(
            table_id=table.id,
            title=table.title,
            row_number=row.place.row,
            line=row.place.line,
            label=row.concept,
            values={
                "number": row.number,
                "concept": row.concept,
                "amount": str(row.amount),
            },
        )
    yield _amount_total_row(table)


def _indicator_rows(table: IndicatorTable) -> Iterator[RowRecord]:
    for row in table.rows:
        values: dict[str, Any] = {
            "baseline_year": row.baseline_year,
            "baseline": figure_text(row.baseline),
            "results": {
                str(item.year): figure_text(item.figure) for item in row.results
            },
            "source": row.source,
            "printed_semaphore": row.semaphore,
        }
        yield RowRecord(
            table_id=table.id,
            title=INDICATOR_TABLE_TITLE,
            row_number=row.place.row,
            line=row.place.line,
            label=row.name,
            values=values,
        )


def _summary_row(report: CecopReport) -> RowRecord:
    summary = report.semaphore_summary
    return RowRecord(
        table_id=summary.place.table,
        title=SUMMARY_TITLE,
        row_number=summary.place.row,
        line=summary.place.line,
        label=SUMMARY_TITLE,
        values=summary.counts(),
    )


def _card_row(card: IndicatorCard) -> RowRecord:
    values = {
        "responsible_unit": card.responsible_unit,
        "executing_unit": card.executing_unit,
        "objective": card.objective,
        "indicator": card.indicator,
        "indicator_objective": card.indicator_objective,
        "description": card.description,
        "method": card.method,
        "direction": card.direction.value,
        "frequency": card.frequency,
        "source": card.source,
        "unit_of_measure": card.unit_of_measure,
        "additional_reference": card.additional_reference,
        "baseline_year": card.baseline_year,
        "baseline": figure_text(card.baseline),
        "goal_year": card.goal_year,
        "goal": figure_text(card.goal),
        "figures_line": card.figures_line,
    }
    return RowRecord(
        table_id=card.id,
        title=CARD_TITLE,
        row_number=1,
        line=card.place.line,
        label=card.indicator,
        values=values,
    )
