"""What a reader hands a loader, as plain values: no database, no Django.

Pure readers build these (``RowRecord`` for each table row they keep as
published); ``ruta.sources.services`` writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

_NOT_IN_ANCHOR = re.compile(r"[^a-z0-9]+")


def row_anchor(table_id: str, row_number: int) -> str:
    """Return the fragment of a row on its document's page ("renglon-works-12").

    Pages that cite a published row link to it by this fragment, so the
    document's page and the citing page build it the same way.
    """
    table = _NOT_IN_ANCHOR.sub("-", table_id.lower()).strip("-") or "tabla"
    return f"renglon-{table}-{row_number}"


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
