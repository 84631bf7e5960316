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

from ruta.common.copytext import copy_cells

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


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    ALREADY_IMPORTED = "already-imported"
    DRY_RUN = "dry-run"
