"""The JSON form of a read report and its findings (Decimals as strings).

This is what a reviewer or the open-data export sees of one document: every
table with its rows and total, the indicators with their semáforo, the prose
claims, and the findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ruta.ingest.cecop.indicator_checks import indicator_semaphore
from ruta.ingest.cecop.model import (
    AidTable,
    CecopReport,
    DroughtTable,
    Figure,
    IndicatorRow,
    Place,
    ProseClaim,
    WorksRow,
    WorksTable,
)
from ruta.sources.findings import Finding


def report_as_json(report: CecopReport, findings: Iterable[Finding]) -> dict[str, Any]:
    """Return ``report`` and ``findings`` as a JSON-serialisable dict."""
    return {
        "source": report.source_name,
        "year": report.year,
        "tables": [
            *(_works_table(table) for table in report.works_tables),
            _drought_table(report.drought),
            _aid_table(report.aid),
        ],
        "indicators": [
            _indicator(report, row) for row in report.indicator_results.rows
        ],
        "indicator_tables": [
            {
                "id": table.id,
                "line": table.line,
                "rows": [_place(r.place) for r in table.rows],
            }
            for table in report.indicator_tables
        ],
        "semaphore_summary": {
            **report.semaphore_summary.counts(),
            **_place(report.semaphore_summary.place),
        },
        "claims": [_claim(claim) for claim in report.claims],
        "not_read": not_read_as_json(report),
        "findings": [finding.as_dict() for finding in findings],
    }


def not_read_as_json(report: CecopReport) -> list[dict[str, Any]]:
    """Return the tables and the money sentences the reader did not take in."""
    tables = [
        {
            "kind": "table",
            "heading": table.heading,
            "lines": [table.first_line, table.last_line],
        }
        for table in report.not_read
    ]
    sentences = [
        {
            "kind": "sentence",
            "heading": sentence.text,
            "lines": [sentence.line, sentence.line],
            "figures": list(sentence.figures),
        }
        for sentence in report.unread_sentences
    ]
    return tables + sentences


def _text(value: Decimal | int | None) -> str | int | None:
    return str(value) if isinstance(value, Decimal) else value


def _place(place: Place) -> dict[str, Any]:
    return {"table": place.table, "row": place.row, "line": place.line}


def _works_row(row: WorksRow, columns: tuple[str, ...]) -> dict[str, Any]:
    figures = {column: _text(getattr(row, column)) for column in columns}
    return {"label": row.label, "key": row.key, **figures, **_place(row.place)}


def _works_table(table: WorksTable) -> dict[str, Any]:
    return {
        "id": table.id,
        "title": table.title,
        "program": table.program.value,
        "dimension": table.dimension.value,
        "columns": list(table.columns),
        "rows": [_works_row(row, table.columns) for row in table.rows],
        "total": _works_row(table.total, table.columns),
    }


def _drought_table(table: DroughtTable) -> dict[str, Any]:
    rows = [
        {
            "concept": row.concept,
            "municipality": row.municipality,
            "amount": str(row.amount),
            **_place(row.place),
        }
        for row in table.rows
    ]
    total = {"amount": str(table.total), **_place(table.total_place)}
    return {
        "id": table.id,
        "title": table.title,
        "program": None,
        "rows": rows,
        "total": total,
    }


def _aid_table(table: AidTable) -> dict[str, Any]:
    rows = [
        {
            "number": row.number,
            "concept": row.concept,
            "amount": str(row.amount),
            **_place(row.place),
        }
        for row in table.rows
    ]
    total = {"amount": str(table.total), **_place(table.total_place)}
    return {
        "id": table.id,
        "title": table.title,
        "program": None,
        "rows": rows,
        "total": total,
    }


def _figure(figure: Figure | None) -> str | None:
    return None if figure is None else str(figure.value)


def _indicator(report: CecopReport, row: IndicatorRow) -> dict[str, Any]:
    card = report.card_for(row.key)
    unit = next(
        (f.unit.value for f in (row.baseline, *(r.figure for r in row.results)) if f),
        None,
    )
    return {
        "name": row.name,
        "unit": unit,
        "baseline_year": row.baseline_year,
        "baseline": _figure(row.baseline),
        "results": {str(item.year): _figure(item.figure) for item in row.results},
        "goal_year": card.goal_year if card else None,
        "goal": _figure(card.goal) if card else None,
        "direction": card.direction.value if card else None,
        "semaphore": indicator_semaphore(report, row).value,
        "card": card.id if card else None,
        "method": card.method if card else None,
        **_place(row.place),
    }


def _claim(claim: ProseClaim) -> dict[str, Any]:
    return {
        "subject": claim.subject.value,
        "quantity": claim.quantity.value,
        "programs": [program.value for program in claim.programs],
        "subprograms": list(claim.subprograms),
        "figure": str(claim.figure),
        "decimals": claim.decimals,
        "at_least": claim.at_least,
        "approximate": claim.approximate,
        "line": claim.line,
    }
