"""File formats for program data: CSV, JSON and the TMM-F004 workbook (XLSX).

Builders only format what the selectors return; they compute nothing. The
workbook follows the printed form: title block, header block, the goal
table with P and A per quarter, absolute, relative and observations, and
the three signatures, set up to print landscape on one page wide.

Text from documents and people is never run as a formula: a CSV cell that
starts like one (= + - @, tab, carriage return) gets a leading apostrophe, and
every text cell of the workbook is stored as a string.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ruta.programs.rules import QUARTER_LABELS
from ruta.programs.selectors import FormSheet, GoalView
from ruta.programs.selectors.form import HeaderLine, Signature

TABLE_HEADS = ("LÍNEA DE ACCIÓN P.M.D.", "METAS Y ACCIONES", "UNIDAD MEDIDA")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIRST_QUARTER_COLUMN = 5  # E: P of ENE-MAR
ABSOLUTE_COLUMN = FIRST_QUARTER_COLUMN + 8  # M: AVANCE ABSOLUTO
PENDING = "POR REVISAR"  # a figure that waits for a validator's decision
# The form is a Spanish document: its notes are Spanish in any page language.
PRINTED_NOTE = (
    "Avance como lo imprime el formato publicado; sus trimestres esperan la "
    "decisión de un validador."
)
PENDING_NOTE = (
    "Valor que la lectura del documento no pudo establecer; espera la decisión "
    "de un validador."
)
DIFFERS_NOTE = (
    "Lo alcanzado suma {absolute:,}, pero el formato publicado imprime {printed:,}."
)
WIDTHS = (16, 60, 14, 9, *(7,) * 8, 11, 11, 50)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def rows_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Return ``rows`` as CSV text with a header row of ``columns``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_cell(row[key]) for key in columns})
    return buffer.getvalue()


def csv_cell(value: Any) -> Any:
    """Return a value for a CSV cell: blank for None, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return f"'{value}"
    return value


def _put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write ``value`` to a cell; text stays text even if it looks like a formula."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def form_workbook(sheet: FormSheet) -> bytes:
    """Return the TMM-F004 form of ``sheet`` as an XLSX workbook."""
    book = Workbook()
    ws = book.active
    ws.title = f"TMM-F004 T{sheet.quarter}"
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    row = _title(ws, sheet)
    row = _header(ws, sheet, row + 1)
    row = _table_head(ws, row + 1)
    for goal in sheet.goals:
        _goal_row(ws, goal, row)
        row += 1
    _signatures(ws, sheet, row + 2)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _merged(ws: Worksheet, row: int, first: int, last: int, value: Any) -> None:
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = _put(ws, row, first, value)
    cell.font, cell.alignment = BOLD, CENTER


def _title(ws: Worksheet, sheet: FormSheet) -> int:
    _merged(ws, 1, 1, 15, sheet.government)
    _merged(ws, 2, 1, 15, f"PROGRAMA OPERATIVO ANUAL {sheet.year}")
    _merged(ws, 3, 1, 13, sheet.title)
    _put(ws, 3, 15, sheet.form_code).font = BOLD
    _put(ws, 4, 14, "FECHA:").font = BOLD
    _put(ws, 4, 15, sheet.period)
    return 5


def _header(ws: Worksheet, sheet: FormSheet, row: int) -> int:
    for line in sheet.header:
        _labelled(ws, row, line.label, line)
        row += 1
    for label, entries in (
        ("EJE DE GOBIERNO", sheet.ejes),
        ("LÍNEAS DE ACCIÓN", sheet.lines),
    ):
        for index, entry in enumerate(entries):
            _labelled(ws, row, label if index == 0 else "", entry)
            row += 1
    return row


def _labelled(ws: Worksheet, row: int, label: str, line: HeaderLine) -> None:
    if label:
        _put(ws, row, 1, f"{label}:").font = BOLD
    text = " ".join(p for p in (line.code, line.name) if p)
    cell = _put(ws, row, 2, f"{text} ({PENDING})" if line.pending else text)
    if line.pending:
        cell.comment = Comment(PENDING_NOTE, "Ruta del Dinero")


def _table_head(ws: Worksheet, row: int) -> int:
    for column, text in enumerate(TABLE_HEADS, start=1):
        ws.merge_cells(
            start_row=row, start_column=column, end_row=row + 2, end_column=column
        )
        _put(ws, row, column, text)
    ws.merge_cells(start_row=row, start_column=4, end_row=row + 2, end_column=4)
    _put(ws, row, 4, "META ANUAL")
    _merged(ws, row, FIRST_QUARTER_COLUMN, FIRST_QUARTER_COLUMN + 7, "PERIODO")
    for index, label in enumerate(QUARTER_LABELS):
        first = FIRST_QUARTER_COLUMN + 2 * index
        _merged(ws, row + 1, first, first + 1, label)
        _put(ws, row + 2, first, "P")
        _put(ws, row + 2, first + 1, "A")
    for column, text in (
        (13, "AVANCE ABSOLUTO"),
        (14, "ACUMULADO RELATIVO"),
        (15, "OBSERVACIONES"),
    ):
        ws.merge_cells(
            start_row=row, start_column=column, end_row=row + 2, end_column=column
        )
        _put(ws, row, column, text)
    for cells in ws.iter_rows(min_row=row, max_row=row + 2, max_col=15):
        for cell in cells:
            cell.font, cell.alignment, cell.border = BOLD, CENTER, BOX
    return row + 3


def _goal_row(ws: Worksheet, goal: GoalView, row: int) -> None:
    values: list[Any] = [
        " ".join(goal.lines),
        f"{goal.goal.number}.- {goal.goal.description}",
        goal.goal.unit_of_measure,
        goal.goal.annual_target,
    ]
    for quarter in goal.quarters:
        values += [quarter.programmed, quarter.achieved]
    relative = None if goal.relative is None else goal.relative / 100
    if goal.shows_printed:
        printed = goal.printed_relative
        values += [
            PENDING if goal.printed_absolute is None else goal.printed_absolute,
            PENDING if printed is None else printed / 100,
            goal.observation,
        ]
    elif goal.absolute is None:
        values += [PENDING, PENDING, goal.observation]
    else:
        values += [goal.absolute, relative, goal.observation]
    for column, value in enumerate(values, start=1):
        cell = _put(ws, row, column, value)
        cell.border, cell.alignment = BOX, WRAP
    for index, quarter in enumerate(goal.quarters):
        pending = (quarter.programmed_pending, quarter.achieved_pending)
        for offset, waits in enumerate(pending):
            if waits:
                column = FIRST_QUARTER_COLUMN + 2 * index + offset
                reasons = " ".join(quarter.review_reasons)
                note = Comment(f"{PENDING}: {reasons}", "Ruta del Dinero")
                ws.cell(row=row, column=column).comment = note
    note = ""
    if goal.shows_printed:
        note = PRINTED_NOTE
    elif goal.differs_from_printed:
        note = DIFFERS_NOTE.format(
            absolute=goal.absolute, printed=goal.printed_absolute
        )
    if note:
        ws.cell(row=row, column=ABSOLUTE_COLUMN).comment = Comment(
            note, "Ruta del Dinero"
        )
    for column in range(4, 14):
        ws.cell(row=row, column=column).number_format = "#,##0"
    ws.cell(row=row, column=14).number_format = "0%"


def _signatures(ws: Worksheet, sheet: FormSheet, row: int) -> None:
    for index, signature in enumerate(sheet.signatures):
        column = (2, 5, 13)[index]
        _put(ws, row, column, signature.name).font = BOLD
        _put(ws, row + 1, column, signature.role)
        if sheet.signing is not None:
            _put(ws, row + 2, column, _signed(signature))


def _signed(signature: Signature) -> str:
    """Return who signed a responsible's place on the site, and when."""
    if signature.signed_at is None:
        return _("Sin firma en la plataforma.")
    when = formats.date_format(
        timezone.localtime(signature.signed_at), "DATETIME_FORMAT"
    )
    return _("Firmó en la plataforma: %(who)s, el %(when)s.") % {
        "who": signature.signed_by,
        "when": when,
    }
