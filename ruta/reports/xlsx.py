"""The annual report as an XLSX workbook: one sheet per table, then "Hallazgos".

Figures are written as numbers with number formats (never as text), so the
workbook can be summed and charted; each row says whether it matches what the
imported document printed.

Text comes from documents and capture forms, so a label may start like a
formula ("=HYPERLINK(…)", "+1", "-x", "@SUM"). Every such text cell is
stored as a string with Excel's quote prefix: it shows as typed, is never
evaluated, and stays text when someone edits it.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ruta.reports.comparison import DIFFERENT
from ruta.reports.selectors import AnnualReport
from ruta.reports.tables import COUNT, FIGURE, MONEY, ReportRow, ReportTable

MONEY_FORMAT = '"$"#,##0.00'
COUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
PERCENT_FORMAT = '#,##0.00"%"'
_BOLD = Font(bold=True)
_SHEET_NAME_LIMIT = 31
# What spreadsheet programs read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def annual_report_xlsx(report: AnnualReport) -> bytes:
    """Return the workbook of ``report`` as bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    if report.has_demo_data:
        workbook.properties.description = demo_notice()
    for table in report.tables:
        _write_table(workbook.create_sheet(_sheet_name(table.sheet)), table, report)
    _write_findings(workbook.create_sheet(_("Hallazgos")), report)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                as_text(cell)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def as_text(cell: Cell) -> None:
    """Store a text ``cell`` that looks like a formula as a quoted string."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def _sheet_name(name: str) -> str:
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in name)
    return cleaned[:_SHEET_NAME_LIMIT]


def number_format(kind: str, value: Any, percent: bool) -> str | None:
    """Return the Excel number format of a value of column ``kind``."""
    if kind == MONEY:
        return MONEY_FORMAT
    if kind == COUNT:
        return COUNT_FORMAT
    if kind == FIGURE and isinstance(value, (int, Decimal)):
        if percent:
            return PERCENT_FORMAT
        return COUNT_FORMAT if value == int(value) else DECIMAL_FORMAT
    return None


def _comparison(row: ReportRow, table: ReportTable) -> str:
    """Return "igual" or the differing cells with the printed value."""
    if not row.published_line:
        return _("sin renglón publicado")
    labels = {column.key: column.label for column in table.columns}
    different = [
        _("%(column)s: publicado %(value)s")
        % {"column": labels[key], "value": cell.published}
        for key, cell in row.cells.items()
        if cell.status == DIFFERENT
    ]
    place = _("línea %(line)s") % {"line": row.published_line}
    if different:
        return _("diferente (%(place)s): %(cells)s") % {
            "place": place,
            "cells": "; ".join(different),
        }
    return _("igual (%(place)s)") % {"place": place}


def demo_notice() -> str:
    """Return the note every table sheet carries when the report counts demo data.

    The findings sheet speaks of the published document, not of the works.
    """
    return _(
        "Datos de demostración: las obras y apoyos se generaron para reproducir "
        "las tablas publicadas; sus nombres, lugares y montos individuales no son "
        "reales."
    )


def _write_table(sheet: Worksheet, table: ReportTable, report: AnnualReport) -> None:
    sheet.append([table.title, demo_notice() if report.has_demo_data else None])
    sheet["A1"].font = _BOLD
    sheet["B1"].font = _BOLD
    headers = [column.label for column in table.columns]
    if report.document:
        headers.append(_("Comparación con lo publicado"))
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = _BOLD
    for row in table.rows:
        values = [row.cell(column.key).value for column in table.columns]
        if report.document:
            values.append(_comparison(row, table))
        sheet.append([_plain(value) for value in values])
        written = sheet[sheet.max_row]
        for index, column in enumerate(table.columns):
            value = row.cell(column.key).value
            if fmt := number_format(column.kind, value, row.percent):
                written[index].number_format = fmt
            if row.is_total:
                written[index].font = _BOLD
    sheet.column_dimensions["A"].width = 48


def _plain(value: Any) -> Any:
    """Return a value openpyxl writes natively (lazy strings become text)."""
    if value is None or isinstance(value, (int, Decimal)):
        return value
    return str(value)


def _write_findings(sheet: Worksheet, report: AnnualReport) -> None:
    document = report.document
    if document is None:
        sheet.append([_("No se ha importado el documento publicado de este informe.")])
        return
    tally = report.tally
    sheet.append([_("Documento"), document.name])
    sheet.append([_("SHA-256"), document.sha256])
    sheet.append(
        [
            _("Celdas iguales / diferentes / no publicadas"),
            tally.equal,
            tally.different,
            tally.unpublished,
        ]
    )
    sheet.append([])
    sheet.append(
        [
            _("Código"),
            _("Hallazgo"),
            _("Dónde"),
            _("Valores"),
            _("Texto original del lector (inglés)"),
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    for finding, text in zip(report.findings, report.finding_texts, strict=True):
        values = "; ".join(f"{key}: {value}" for key, value in finding.values.items())
        sheet.append([finding.code, text.message, text.where, values, text.original])
    sheet.column_dimensions["B"].width = 80
