"""API schemas of reports: the regenerated tables with their comparison."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import Schema

from ruta.reports.comparison import Tally
from ruta.reports.selectors import AnnualReport
from ruta.reports.tables import ReportRow, ReportTable

Value = Decimal | int | str | None


class CellOut(Schema):
    value: Value
    published: Value
    status: str


class RowOut(Schema):
    key: str
    label: str
    is_total: bool
    published_line: int | None
    cells: dict[str, CellOut]


class ColumnOut(Schema):
    key: str
    label: str
    kind: str


class TableOut(Schema):
    id: str
    title: str
    columns: list[ColumnOut]
    rows: list[RowOut]
    missing: list[str]


class ReportDocumentOut(Schema):
    name: str
    sha256: str
    imported_at: datetime


class ReportFindingOut(Schema):
    code: str
    message: str
    where: str
    values: dict[str, Any]


class TallyOut(Schema):
    equal: int
    different: int
    unpublished: int


class AnnualReportOut(Schema):
    agency: str
    year: int
    has_demo_data: bool
    document: ReportDocumentOut | None
    comparison: TallyOut | None
    tables: list[TableOut]
    findings: list[ReportFindingOut]


def _plain(value: Any) -> Value:
    return value if value is None or isinstance(value, (Decimal, int)) else str(value)


def _row(row: ReportRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "label": row.label,
        "is_total": row.is_total,
        "published_line": row.published_line,
        "cells": {
            key: {
                "value": _plain(cell.value),
                "published": _plain(cell.published),
                "status": cell.status,
            }
            for key, cell in row.cells.items()
        },
    }


def _table(table: ReportTable) -> dict[str, Any]:
    return {
        "id": table.id,
        "title": table.title,
        "columns": [
            {"key": c.key, "label": str(c.label), "kind": c.kind} for c in table.columns
        ],
        "rows": [_row(row) for row in table.rows],
        "missing": list(table.missing),
    }


def _tally(tally: Tally) -> dict[str, int]:
    return {
        "equal": tally.equal,
        "different": tally.different,
        "unpublished": tally.unpublished,
    }


def annual_report_data(report: AnnualReport) -> dict[str, Any]:
    """Return the API form of ``report``."""
    document = report.document
    return {
        "agency": report.agency.code,
        "year": report.year,
        "has_demo_data": report.has_demo_data,
        "document": document,
        "comparison": _tally(report.tally) if document else None,
        "tables": [_table(table) for table in report.tables],
        "findings": list(report.findings),
    }
