"""Reading the text of scanned TMM-F004 forms into copies, as printed.

The text holds each form page two to four times, each copy with its own scan
errors. ``read_copies`` only reads: it splits the page blocks, reads each
copy's header, goal rows (raw cells, line numbers) and signatures, and says
how its table is laid out. Choosing among the copies is ``reconcile``'s job.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from ruta.common.text.folding import label_key
from ruta.common.text.money import parse_count, parse_decimal
from ruta.ingest.poa.header import is_title, read_header
from ruta.ingest.poa.model import (
    ERROR,
    EXECUTING_UNIT,
    QUARTER_SLOTS,
    ROLE_PROGRAM,
    ROLE_RAMO,
    ROLE_UNIT,
    FormCopy,
    GoalRow,
    HeaderItem,
    PersonLine,
    TableLayout,
)
from ruta.programs.rules import relative_percent
from ruta.sources.findings import (
    DocumentError,
    Finding,
    Say,
    Values,
    finding_kind,
    sentence,
)

GOAL_CELL = re.compile(r"^(\d{1,4})\s*\.\s*-\s*(.*)$", re.DOTALL)
PERCENT = re.compile(r"^\S.*%$")  # parsed strictly: a bad percent is an error
CODE = re.compile(r"\d+(?:\.\d+)*")
TABLE_HEADER = ("METAS Y ACCIONES", "META Y ACCIONES", "UNIDAD MEDIDA")
ROLE_LINE = re.compile(r"^RESPONSABLE DE(?:L| LA) (PROGRAMA|UNIDAD EJECUTORA|RAMO)$")
ROLES = {"PROGRAMA": ROLE_PROGRAM, "UNIDAD EJECUTORA": ROLE_UNIT, "RAMO": ROLE_RAMO}
ARTIFACT_RUN = 10  # this many codes counting up one by one is a scan artifact

Line = tuple[int, str]


@dataclass(frozen=True)
class _Block:
    index: int
    lines: tuple[Line, ...]
    where: str


def read_copies(text: str, *, source_name: str) -> list[FormCopy]:
    """Return every copy of a TMM-F004 form found in ``text``, in order.

    Raise ``DocumentError`` when the text holds no goal row of any form.
    """
    numbered = list(enumerate(text.splitlines(), start=1))
    copies: list[FormCopy] = []
    for lines in _blocks(numbered):
        first, last = lines[0][0], lines[-1][0]
        index = len(copies) + 1
        where = f"{source_name}, copy {index} (lines {first}-{last})"
        copies.append(_read_copy(_Block(index, tuple(lines), where), source_name))
    if not copies:
        raise DocumentError(
            'no goal row of a TMM-F004 form ("100.- …" with its figures) found',
            file=source_name,
        )
    _refuse_truncated(copies[-1], source_name)
    return copies


def _refuse_truncated(last: FormCopy, source_name: str) -> None:
    """Raise when the document ends inside a form's table.

    Every complete copy closes with the signatures of the persons responsible
    for the program, the unit and the ramo. A document whose last copy has
    none stops mid-table: what it would have printed after is lost, and
    reading the rest as the whole form would publish a partial one.
    """
    if last.persons:
        return
    unit = last.unit_code() or last.unit_name() or "?"
    raise DocumentError(
        f"the document ends inside the form of unit {unit} ({last.describe()}): "
        f"its goals table is not closed by the signatures of the persons "
        f"responsible; the file is truncated after line {last.last_line}",
        file=source_name,
        line=last.last_line,
    )


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.split("\t")]


def _is_row(text: str) -> bool:
    return "\t" in text and any(GOAL_CELL.match(cell) for cell in _cells(text))


def _blocks(lines: Sequence[Line]) -> list[list[Line]]:
    """Split the lines into page blocks: a title line after goal rows starts one."""
    blocks: list[list[Line]] = [[]]
    has_rows = False
    for number, text in lines:
        folded = label_key(text)
        if has_rows and ("AYUNTAMIENTO" in folded or "AVANCE FISICO" in folded):
            blocks.append([])
            has_rows = False
        has_rows = has_rows or _is_row(text)
        blocks[-1].append((number, text))
    return [_trim(block) for block in blocks if any(_is_row(t) for _, t in block)]


def _trim(block: list[Line]) -> list[Line]:
    filled = [i for i, (_, text) in enumerate(block) if text.strip()]
    return block[filled[0] : filled[-1] + 1]


def _read_copy(block: _Block, source_name: str) -> FormCopy:
    lines = block.lines
    table_at = _table_start(lines)
    header = read_header(lines[:table_at], where=block.where)
    findings = list(header.findings)
    rows = _read_rows(lines[table_at:], _row_where(block.where, header.items), findings)
    layout = infer_layout(rows, _roles(lines[table_at:]))
    rows = [_split_figures(row, layout) for row in rows]
    last_row_line = max(row.line for row in rows) if rows else lines[0][0]
    persons = _read_persons([line for line in lines if line[0] > last_row_line])
    return FormCopy(
        index=block.index,
        source_name=source_name,
        first_line=lines[0][0],
        last_line=lines[-1][0],
        form_code=header.form_code,
        period=header.period,
        items=tuple(header.items),
        layout=layout,
        rows=tuple(rows),
        persons=tuple(persons),
        findings=tuple(findings),
        issuer=header.issuer,
    )


def _table_start(lines: Sequence[Line]) -> int:
    """Return the index of the table's header line (or of its first row)."""
    for i, (_, text) in enumerate(lines):
        folded = label_key(text)
        if any(word in folded for word in TABLE_HEADER) or _is_row(text):
            return i
    return len(lines)


def _roles(lines: Sequence[Line]) -> str:
    """Return the table's P/A sub-header as printed ("PAPA…"), or ""."""
    for _, text in lines:
        if _is_row(text):
            return ""
        marks = [cell.upper() for cell in _cells(text) if cell]
        if len(marks) >= QUARTER_SLOTS and set(marks) <= {"P", "A"}:
            return "".join(marks)
    return ""


# ---------------------------------------------------------------- goal rows


def _row_where(where: str, items: Sequence[HeaderItem]) -> str:
    """Return ``where`` with the executing unit this copy prints, if any."""
    unit = next((item for item in items if item.field == EXECUTING_UNIT), None)
    if unit is None:
        return where
    label = " ".join(part for part in (unit.code, unit.name) if part)
    return f"{where}, form {label}" if label else where


def _read_rows(
    lines: Sequence[Line], where: str, findings: list[Finding]
) -> list[GoalRow]:
    rows = []
    for number, text in lines:
        if not _is_row(text):
            continue
        try:
            rows.append(parse_row(number, text))
        except ValueError as error:
            findings.append(_unreadable(number, text, where, error))
    return rows


class UnreadableCell(ValueError):
    """A cell of a goal row that is not the figure it should be."""

    def __init__(self, message: str, printed: str) -> None:
        super().__init__(message)
        self.printed = printed


@finding_kind(
    "POA-ROW-UNREADABLE",
    summary=sentence("Las cifras de un renglón no se pueden leer."),
)
def row_unreadable(values: Values, say: Say) -> str:
    if values.get("printed"):
        text = sentence(
            "Meta %(goal)s: la cifra «%(printed)s» del renglón no se puede leer; el "
            "renglón se omite de esta copia."
        )
    else:
        text = sentence(
            "Meta %(goal)s: una cifra del renglón no se puede leer; el renglón se "
            "omite de esta copia."
        )
    return say(text) % {"goal": values["goal"], "printed": values.get("printed")}


def _unreadable(number: int, text: str, where: str, error: ValueError) -> Finding:
    goal = next((m.group(1) for c in _cells(text) if (m := GOAL_CELL.match(c))), "?")
    printed = error.printed if isinstance(error, UnreadableCell) else ""
    return row_unreadable.found(
        where=f"{where}, line {number}",
        values={"goal": goal, "printed": printed},
        severity=ERROR,
    )


def parse_row(number: int, text: str) -> GoalRow:
    """Return one goal row as printed; raise ValueError naming a bad figure."""
    cells = _cells(text)
    goal_at = next(i for i, cell in enumerate(cells) if GOAL_CELL.match(cell))
    match = GOAL_CELL.match(cells[goal_at])
    if match is None:  # pragma: no cover - goal_at was found by this pattern
        raise ValueError("no goal number")
    description, rest = match.group(2).strip(), cells[goal_at + 1 :]
    if not description and rest:
        description, rest = rest[0], rest[1:]
    unit = ""
    if rest and not _is_figure(rest[0]):
        unit, rest = rest[0], rest[1:]
    if not rest or not rest[0]:
        raise ValueError("the annual target is missing")
    figures, relative, observation = _figures(rest[1:])
    codes = _codes(cells[:goal_at]) if goal_at else None
    return GoalRow(
        number=int(match.group(1)),
        line=number,
        raw=text,
        codes=codes,
        codes_artifact=_is_artifact(codes or ()),
        description=description,
        unit=unit,
        target=_count(rest[0], "annual target"),
        figures=figures,
        relative=relative,
        observation=observation,
    )


def _is_figure(cell: str) -> bool:
    return bool(cell) and (cell.replace(",", "").replace(".", "").isdigit())


def _count(cell: str, what: str) -> int:
    try:
        return parse_count(cell)
    except ValueError as error:
        raise UnreadableCell(f"{what} {cell!r} is not a whole number", cell) from error


def _figures(cells: list[str]) -> tuple[tuple[int | None, ...], Decimal | None, str]:
    """Return (cells up to the relative %, the relative, the observation)."""
    at = next((i for i, cell in enumerate(cells) if PERCENT.match(cell)), None)
    if at is None:
        at = next(
            (i for i, c in enumerate(cells) if c and not _is_figure(c)), len(cells)
        )
        relative, after = None, cells[at:]
    else:
        relative, after = _percent(cells[at]), cells[at + 1 :]
    figures = tuple(_count(c, "figure") if c else None for c in cells[:at])
    return figures, relative, " ".join(cell for cell in after if cell)


def _percent(cell: str) -> Decimal:
    try:
        return parse_decimal(cell)
    except ValueError as error:
        message = f"relative advance {cell!r} is not a percent"
        raise UnreadableCell(message, cell) from error


def _codes(cells: list[str]) -> tuple[str, ...]:
    return tuple(code.rstrip(".") for code in CODE.findall(" ".join(cells)))


def _is_artifact(codes: Sequence[str]) -> bool:
    """Tell whether ``codes`` hold a long run counting up by one."""
    run = 1
    for before, after in zip(codes, codes[1:], strict=False):
        if _next_code(before) == after:
            run += 1
            if run >= ARTIFACT_RUN:
                return True
        else:
            run = 1
    return False


def _next_code(code: str) -> str:
    head, _, last = code.rpartition(".")
    if not last.isdigit():
        return ""
    return f"{head}.{int(last) + 1}" if head else str(int(last) + 1)


# ---------------------------------------------------------------- layout


def infer_layout(rows: Sequence[GoalRow], roles: str) -> TableLayout:
    """Return the copy's table layout from its rows and its P/A sub-header.

    A copy prints the absolute when, in most rows, the last cell before the
    relative is the one the relative was computed from. The width is the
    most frequent number of cells left (the wider one on ties: a lost cell is
    commoner than an invented one).
    """
    votes = [_last_is_absolute(row) for row in rows]
    has_absolute = sum(votes) * 2 > len(votes)
    widths = Counter(len(row.figures) - int(has_absolute) for row in rows)
    width = max(widths, key=lambda w: (widths[w], w)) if widths else QUARTER_SLOTS
    return TableLayout(width, _positions(roles, width), has_absolute, roles)


def _last_is_absolute(row: GoalRow) -> bool:
    last = row.figures[-1] if row.figures else None
    if last is None or row.relative is None or row.target <= 0:
        return False
    return relative_percent(last, row.target) == row.relative


def _positions(roles: str, width: int) -> tuple[int, ...]:
    """Return the cells of P1, A1 … P4, A4: from the sub-header when it says."""
    groups: list[list[int]] = []
    for at, mark in enumerate(roles):
        if mark == "P":
            groups.append([at])
        elif groups and len(groups[-1]) == 1:
            groups[-1].append(at)
    pairs = [g for g in groups if len(g) == 2][:4]
    positions = tuple(at for pair in pairs for at in pair)
    if len(pairs) == 4 and max(positions) < width:
        return positions
    return tuple(range(QUARTER_SLOTS))


def _split_figures(row: GoalRow, layout: TableLayout) -> GoalRow:
    figures = row.figures
    if layout.has_absolute and figures:
        return replace(row, quarter_cells=figures[:-1], absolute=figures[-1])
    return replace(row, quarter_cells=figures, absolute=None)


# ---------------------------------------------------------------- signatures


def _read_persons(lines: Sequence[Line]) -> list[PersonLine]:
    """Return each "RESPONSABLE DE…" role with the name printed above it."""
    persons = []
    name: Line | None = None
    for number, text in lines:
        folded = label_key(text)
        role = ROLE_LINE.match(folded)
        if role and name:
            persons.append(PersonLine(ROLES[role.group(1)], name[1], name[0]))
            name = None
        elif folded and not role and not is_title(text):
            name = (number, " ".join(text.split()))
    return persons
