"""What picks a row's work, read without the rest of the row: key, year, unit.

A works list may print a key more than once; the work takes the row of the
latest year. An import reads every row's identity first (``row_identity``:
a few cells, no checks, no findings), so it knows each work's row before it
writes any; ``row_read`` reads the same key and year the same way
(``key_of``).
"""

from __future__ import annotations

from typing import NamedTuple

from ruta.ingest.worklist import values as cell
from ruta.ingest.worklist.columns import ColumnSet
from ruta.ingest.worklist.decode import RawRow


def key_of(printed_key: str, ppi: str) -> str:
    """Return a row's key: the key it prints (a leading apostrophe dropped),
    else ``PPI-`` and its ID_PPI, else "" (the row has none)."""
    key = " ".join(printed_key.split()).lstrip("'").strip()
    if key:
        return key
    ppi = " ".join(ppi.split())
    return f"PPI-{ppi}" if ppi else ""


class RowIdentity(NamedTuple):
    """What picks a row's work, read without the rest: key, year, unit.

    A tuple: a first pass makes one per row of the file.
    """

    key: str
    year: int | None
    subprogram: str
    ramo: str
    ramo_name: str
    unit: str
    unit_name: str

    @property
    def rank(self) -> int:
        """Return how current the row is among rows of its key (``WorkRow.rank``)."""
        return self.year or 0


# The fields ``row_identity`` reads, in the order it reads them.
_READ = (
    "key",
    "ppi_id",
    "year",
    "subprogram",
    "ramo",
    "ramo_name",
    "unit",
    "unit_name",
)
# Of each column set (by code), the header of each of ``_READ``, in that
# order ("" where it maps none: no cell is named "").
_HEADERS: dict[str, tuple[str, ...]] = {}


def identity_headers(columns: ColumnSet) -> frozenset[str]:
    """Return the header names of the fields ``row_identity`` reads."""
    return frozenset(name for name in _headers(columns) if name)


def _headers(columns: ColumnSet) -> tuple[str, ...]:
    """Return the header of each of ``_READ`` in ``columns`` ("" if none)."""
    headers = _HEADERS.get(columns.code)
    if headers is None:
        names = {field: name for name, field in columns.columns.items()}
        headers = tuple(names.get(field, "") for field in _READ)
        _HEADERS[columns.code] = headers
    return headers


def _text(value: str) -> str:
    """Return a cell's text with its runs of spaces made one, as ``row_read``'s."""
    return " ".join(value.split()) if value else ""


def row_identity(raw: RawRow, columns: ColumnSet) -> RowIdentity | None:
    """Return the identity ``row_read`` would give the row; None when it has no key.

    A light first reading: no values checked, no findings; ``raw`` may hold
    only the cells of ``identity_headers``.
    """
    get = raw.cells.get
    key, ppi, year, subprogram, ramo, ramo_name, unit, unit_name = _headers(columns)
    found = key_of(get(key, ""), get(ppi, ""))
    if not found:
        return None
    return RowIdentity(
        found,
        cell.year(_text(get(year, ""))),
        _text(get(subprogram, "")),
        _text(get(ramo, "")),
        _text(get(ramo_name, "")),
        _text(get(unit, "")),
        _text(get(unit_name, "")),
    )
