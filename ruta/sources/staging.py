"""Bulk imports: rows streamed in with COPY, then set in place by SQL.

``staged_rows_copy`` streams a file's rows into ``StagedRow`` with one
PostgreSQL ``COPY`` (no per-row statements, no per-row Python objects kept);
the domain's import then reads them with set-based ``INSERT … SELECT``,
``staged_rows_publish`` keeps each as a ``PublishedRow`` and
``staged_rows_clear`` empties the stage. All of it runs in the import's
transaction: an import that fails or is killed leaves nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection

from ruta.accounts.actors import Actor
from ruta.accounts.permissions import Action, require_anywhere
from ruta.sources.models import PublishedRow, SourceDocument, StagedRow

# How often (in rows) a long copy reports its progress.
PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class StagedRecord:
    """A row as published (``values``) and what the domain takes (``record``)."""

    row_number: int
    line: int
    label: str
    values: dict[str, Any]
    record: dict[str, Any] | None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def staged_rows_copy(
    *,
    document: SourceDocument,
    rows: Iterable[StagedRecord],
    actor: Actor,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Stream ``rows`` into the stage of ``document`` with COPY; return the count."""
    require_anywhere(actor, Action.CAPTURE)
    table = StagedRow._meta.db_table
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY {table} (document_id, row_number, line, label, values, record) "
            "FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row(
                (
                    document.pk,
                    row.row_number,
                    row.line,
                    row.label[:500],
                    _json(row.values),
                    None if row.record is None else _json(row.record),
                )
            )
            count += 1
            if on_progress is not None and count % PROGRESS_EVERY == 0:
                on_progress(count)
    return count


def staged_rows_publish(
    *, document: SourceDocument, table_id: str, title: str, actor: Actor
) -> int:
    """Keep every staged row of ``document`` as published; return the count."""
    require_anywhere(actor, Action.CAPTURE)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {PublishedRow._meta.db_table}
                (document_id, table_id, title, program, dimension, row_number,
                 line, label, values, is_total)
            SELECT document_id, %s, %s, '', '', row_number, line, label, values,
                   false
            FROM {StagedRow._meta.db_table} WHERE document_id = %s
            """,  # noqa: S608
            [table_id, title[:300], document.pk],
        )
        return cursor.rowcount


def staged_rows_clear(*, document: SourceDocument) -> None:
    """Empty the stage of ``document``."""
    StagedRow.objects.filter(document=document).delete()
