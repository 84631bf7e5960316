"""What picks a row's work, read without the rest of the row: key, year, unit.

A works list may print a key more than once; the work takes the row of the
latest year. An import reads every row's identity first (``row_identity``:
a few cells, no checks, no findings), so it knows each work's row before it
writes any; ``row_read`` reads the same key and year the same way
(``key_of``).
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class RowIdentity:
    """What picks a row's work, read without the rest: key, year, unit."""

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


# The fields ``row_identity`` reads.
IDENTITY_FIELDS = frozenset(
    {"key", "ppi_id", "year", "subprogram", "ramo", "ramo_name", "unit", "unit_name"}
)


def identity_headers(columns: ColumnSet) -> frozenset[str]:
    """Return the header names of the fields ``row_identity`` reads."""
    return frozenset(
        name for name, field in columns.columns.items() if field in IDENTITY_FIELDS
    )


def row_identity(raw: RawRow, columns: ColumnSet) -> RowIdentity | None:
    """Return the identity ``row_read`` would give the row; None when it has no key.

    A light first reading: no values checked, no findings; ``raw`` may hold
    only the cells of ``identity_headers``.
    """
    mapping = columns.columns
    fields = {
        mapping[name]: value for name, value in raw.cells.items() if name in mapping
    }

    def text(name: str) -> str:
        value = fields.get(name)
        return " ".join(value.split()) if value else ""

    key = key_of(fields.get("key", ""), fields.get("ppi_id", ""))
    if not key:
        return None
    return RowIdentity(
        key=key,
        year=cell.year(text("year")),
        subprogram=text("subprogram"),
        ramo=text("ramo"),
        ramo_name=text("ramo_name"),
        unit=text("unit"),
        unit_name=text("unit_name"),
    )
