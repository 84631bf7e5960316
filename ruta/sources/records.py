"""What a reader hands a loader, as plain values: no database, no Django.

Pure readers build these (``RowRecord`` for each table row they keep as
published); ``ruta.sources.services`` writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from ruta.common.fast.copytext import copy_cells

_NOT_IN_ANCHOR = re.compile(r"[^a-z0-9]+")


def row_anchor(table_id: str, row_number: int) -> str:
    """Return the fragment of a row on its document's page ("renglon-works-12").

    Pages that cite a published row link to it by this fragment, so the
    document's page and the citing page build it the same way.
    """
    return f"renglon-{_slug(table_id)}-{row_number}"


def table_anchor(table_id: str) -> str:
    """Return the fragment of a table on its document's page ("tabla-works")."""
    return f"tabla-{_slug(table_id)}"


def row_place(table_id: str, row_number: int) -> str:
    """Return the query and fragment that open a document's page at a row.

    The page shows a long table a page of rows at a time: the query starts
    the table's page at the row (``?tabla=works&desde=12``), the fragment
    scrolls to it. Appended to the document page's address.
    """
    query = urlencode({"tabla": table_id, "desde": row_number})
    return f"?{query}#{row_anchor(table_id, row_number)}"


def _slug(table_id: str) -> str:
    return _NOT_IN_ANCHOR.sub("-", table_id.lower()).strip("-") or "tabla"


def published_row_cells(row_number: int, line: int, label: str, values: str) -> str:
    """Return a published row's own cells (its values as JSON text) as COPY text.

    Pure, so a bulk loader encodes its rows as it reads them;
    ``published_rows_copy`` adds the cells its table's rows share.
    """
    return copy_cells((row_number, line, label[:500], values))


@dataclass(frozen=True)
class SourceFile:
    """A document's name, the SHA-256 of its bytes and its text."""

    name: str
    sha256: str
    text: str


@dataclass(frozen=True)
class RowRecord:
    """A table row to keep as published: the pure form of ``PublishedRow``."""

    table_id: str
    title: str
    row_number: int
    line: int
    label: str
    values: dict[str, Any]
    is_total: bool = False
    program: str = ""
    dimension: str = ""


@dataclass(frozen=True)
class TableCount:
    """How many rows of one table were read (Total rows included)."""

    table_id: str
    title: str
    rows: int


@dataclass(frozen=True)
class Tally:
    """What an import did with every unit it read: the guard that nothing is lost.

    ``read`` is what the reader found in the file; ``stored`` is counted in
    the database after writing (never derived from ``read``), so a row an
    index or a join dropped in silence shows as ``missing``. ``refused`` are
    the units a finding names and nothing kept; ``identical`` those already
    stored with the same content; ``superseded`` those a later unit of the
    same key in the file replaces. The summary fails, not the import, when
    the parts do not add up to what was read.
    """

    unit: str
    read: int
    stored: int
    refused: int = 0
    identical: int = 0
    superseded: int = 0

    @property
    def missing(self) -> int:
        """Return how many read units are in no part (negative: counted twice)."""
        accounted = self.stored + self.refused + self.identical + self.superseded
        return self.read - accounted

    @property
    def balanced(self) -> bool:
        """Return whether each unit read is in exactly one part."""
        return self.missing == 0

    def as_dict(self) -> dict[str, Any]:
        """Return the tally as the command's JSON and a job's result keep it."""
        return {
            "unit": self.unit,
            "read": self.read,
            "stored": self.stored,
            "refused": self.refused,
            "identical": self.identical,
            "superseded": self.superseded,
            "missing": self.missing,
            "balanced": self.balanced,
        }

    def summary_line(self) -> str:
        """Return the tally as one line of the command's summary."""
        parts = [f"{self.stored:,} stored"]
        parts += [
            f"{count:,} {name}"
            for name, count in (
                ("refused", self.refused),
                ("identical", self.identical),
                ("superseded", self.superseded),
            )
            if count
        ]
        line = f"{self.read:,} {self.unit} read = {' + '.join(parts)}"
        if self.balanced:
            return line
        gap = "not accounted for" if self.missing > 0 else "counted twice"
        return (
            f"{self.read:,} {self.unit} read but {' + '.join(parts)}: "
            f"{abs(self.missing):,} {gap}"
        )


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    ALREADY_IMPORTED = "already-imported"
    DRY_RUN = "dry-run"
