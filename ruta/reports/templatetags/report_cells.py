"""Template helpers for report tables: a cell's text by its column's kind."""

from __future__ import annotations

from django import template

from ruta.reports.formatting import display_value
from ruta.reports.tables import Cell, Column, ReportRow

register = template.Library()


@register.simple_tag
def cell_text(row: ReportRow, column: Column) -> str:
    """Return the regenerated value of ``row`` in ``column``, formatted."""
    return display_value(row.cell(column.key).value, column.kind, row.percent)


@register.simple_tag
def published_text(row: ReportRow, column: Column) -> str:
    """Return the printed value of ``row`` in ``column``, formatted alike."""
    cell: Cell = row.cell(column.key)
    return display_value(cell.published, column.kind, row.percent)


@register.filter
def cell(row: ReportRow, key: str) -> Cell:
    """Return the cell of ``row`` in column ``key``."""
    return row.cell(key)
