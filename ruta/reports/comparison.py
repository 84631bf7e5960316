"""Compare each regenerated cell with the cell the imported document printed.

Rows pair by their label (subprogram, region, concept, indicator), except
in tables whose labels repeat or carry no meaning (the drought actions, the
semáforo summary), which pair by position. A cell is "equal", "different",
or "unpublished" when the document prints no such cell; a published row the
data does not produce is listed as missing, so nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from ruta.catalog.names import MunicipalityNames
from ruta.common.text.folding import normalize_key
from ruta.reports.tables import PLACE, Cell, ReportRow, ReportTable
from ruta.sources.models import PublishedRow

EQUAL, DIFFERENT, UNPUBLISHED = "equal", "different", "unpublished"
_ABSENT = object()

# Published value keys that differ from the regenerated column keys: the
# report prints the state's share under the agency's name, and some tables
# print the label in a named column.
_PUBLISHED_KEYS = {"state": "cecop"}
_LABEL_KEYS = ("concept",)


@dataclass(frozen=True)
class Tally:
    """How many cells of a table (or a report) agree with the document."""

    equal: int = 0
    different: int = 0
    unpublished: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.equal + other.equal,
            self.different + other.different,
            self.unpublished + other.unpublished,
        )


def tally(table: ReportTable) -> Tally:
    """Return the count of equal, different and unpublished cells of ``table``."""
    statuses = [cell.status for row in table.rows for cell in row.cells.values()]
    return Tally(
        statuses.count(EQUAL), statuses.count(DIFFERENT), statuses.count(UNPUBLISHED)
    )


def _published_value(row: PublishedRow, key: str) -> Any:
    """Return the printed value of column ``key`` in ``row``, or ``_ABSENT``."""
    if key == "label":
        return next((row.values[k] for k in _LABEL_KEYS if k in row.values), _ABSENT)
    if key.startswith("result "):
        return row.values.get("results", {}).get(key.split()[1], _ABSENT)
    return row.values.get(_PUBLISHED_KEYS.get(key, key), _ABSENT)


def _label_cell(
    table: ReportTable, row: ReportRow, cell: Cell, published: PublishedRow | None
) -> Cell | None:
    """Return the label cell of a row paired by its label (or a total row).

    Such a label is what paired the rows, so it agrees by construction; only
    rows paired by position compare their label text. None means "compare".
    """
    if published is None:
        return replace(cell, status=UNPUBLISHED)
    if row.is_total or not table.match_by_position:
        return replace(cell, published=published.label, status=EQUAL)
    return None


def _as_number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def same_value(value: Any, published: Any) -> bool:
    """Return whether a regenerated value equals a printed one.

    Numbers compare by value (``87`` equals ``"87.0000"``), text ignoring
    accents, case and spacing; a blank printed cell equals a missing figure.
    """
    if value is None or published is None:
        return value is None and published is None
    if isinstance(value, (int, Decimal)):
        number = _as_number(published)
        return number is not None and number == Decimal(value)
    return normalize_key(str(value)) == normalize_key(str(published))


def _municipality_matcher(names: MunicipalityNames) -> Callable[[Any, Any], bool]:
    def matches(value: Any, published: Any) -> bool:
        found = names.find(str(published or ""))
        return found is not None and same_value(value, found.name)

    return matches


def _compare_row(
    table: ReportTable,
    row: ReportRow,
    published: PublishedRow | None,
    matchers: dict[str, Callable[[Any, Any], bool]],
) -> ReportRow:
    cells: dict[str, Cell] = {}
    for key, cell in row.cells.items():
        if key == "label" and (label := _label_cell(table, row, cell, published)):
            cells[key] = label
            continue
        printed = _published_value(published, key) if published else _ABSENT
        if printed is _ABSENT:
            cells[key] = replace(cell, status=UNPUBLISHED)
            continue
        equal = matchers.get(key, same_value)(cell.value, printed)
        cells[key] = replace(
            cell, published=printed, status=EQUAL if equal else DIFFERENT
        )
    line = published.line if published else None
    return replace(row, cells=cells, published_line=line)


def _pairs(
    table: ReportTable, published: list[PublishedRow]
) -> tuple[list[PublishedRow | None], list[PublishedRow]]:
    """Return each row's published counterpart and the published rows left over."""
    totals = [row for row in published if row.is_total]
    body = [row for row in published if not row.is_total]
    if table.match_by_position:
        pool = list(body)
        matched = [
            None if row.is_total else (pool.pop(0) if pool else None)
            for row in table.rows
        ]
        left = pool
    else:
        by_key = {normalize_key(row.label): row for row in body}
        matched = [
            None if row.is_total else by_key.pop(row.key, None) for row in table.rows
        ]
        left = list(by_key.values())
    matched = [
        (totals[0] if totals else None) if row.is_total else found
        for row, found in zip(table.rows, matched, strict=True)
    ]
    return matched, left


def compare_table(
    table: ReportTable,
    published: Iterable[PublishedRow],
    names: MunicipalityNames | None = None,
) -> ReportTable:
    """Return ``table`` with each cell compared with ``published``'s rows."""
    published = sorted(published, key=lambda row: row.row_number)
    matchers = {
        column.key: _municipality_matcher(names)
        for column in table.columns
        if names and column.kind == PLACE
    }
    matched, left = _pairs(table, published)
    rows = tuple(
        _compare_row(table, row, found, matchers)
        for row, found in zip(table.rows, matched, strict=True)
    )
    return replace(table, rows=rows, missing=tuple(row.label for row in left))
