"""Writes shared by every document loader: the file, its rows, its findings.

Each loader (``ruta.ingest.loaders.cecop`` for the CECOP annual report,
``ruta.ingest.loaders.poa`` for the POA TMM-F004 form) reads a file
with ``source_file_read``, parses it with a pure parser, and inside one
transaction calls ``source_document_create``, ``published_rows_write`` and
``findings_write`` before writing its domain records. The outcome is an
``ImportResult`` the ``ingest`` command prints as text or JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import ProtectedError, QuerySet

from ruta.accounts.actors import DEMO, Actor, person, service
from ruta.accounts.permissions import Action, require_anywhere
from ruta.catalog.models import Agency, FiscalYear
from ruta.common.fast.copytext import copy_cells
from ruta.sources.findings import DocumentError, Finding
from ruta.sources.models import DocumentFinding, PublishedRow, SourceDocument
from ruta.sources.records import ImportStatus, RowRecord, SourceFile, TableCount, Tally

__all__ = [
    "ImportResult",
    "ImportStatus",
    "RowRecord",
    "SourceFile",
    "StoredFindings",
    "TableCount",
    "Tally",
    "already_imported",
    "findings_write",
    "published_rows_copy",
    "published_rows_write",
    "source_document_create",
    "source_file_read",
    "table_counts",
    "tally_counted",
]


# The largest extracted text a reader takes: the seed reports are 30-200 KB;
# a document this size is a mistake or an attack, read before any parsing.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ImportResult:
    """What a loader did with one file, for the command and the tests."""

    kind: str
    name: str
    sha256: str
    status: ImportStatus
    tables: tuple[TableCount, ...] = ()
    # Every finding, in the order found: a tuple, or ``StoredFindings`` when
    # the loader wrote them as it read (a bulk file's may not fit in memory).
    findings: Sequence[Finding] = ()
    payload: dict[str, Any] = field(default_factory=dict)
    document: SourceDocument | None = None
    notes: tuple[str, ...] = ()
    # What was read, stored, refused and identical: every import that
    # writes says it (``tally_counted``); dry runs and files already
    # imported write nothing and have none.
    tally: Tally | None = None

    @property
    def rows(self) -> int:
        """Return the number of table rows read."""
        return sum(table.rows for table in self.tables)

    @property
    def records_read(self) -> int:
        """Return the records the file held: the loader's count, else its rows."""
        return int(self.payload.get("records", self.rows))

    @property
    def unaccounted(self) -> bool:
        """Return whether the import wrote but its counts do not add up."""
        return self.tally is not None and not self.tally.balanced


def tally_counted(
    *,
    unit: str,
    read: int,
    stored: QuerySet[Any],
    refused: int = 0,
    identical: int = 0,
    superseded: int = 0,
) -> Tally:
    """Return an import's tally, its stored units counted in the database.

    ``stored`` selects what the import wrote for its units (its published
    rows, its releases, its aids): counted after writing, in the import's
    transaction, so a unit lost between reading and writing is missing.
    """
    return Tally(
        unit=unit,
        read=read,
        stored=stored.count(),
        refused=refused,
        identical=identical,
        superseded=superseded,
    )


def file_bytes_read(path: Path, *, most: int, what: str) -> bytes:
    """Return the bytes of ``path``, refused before reading when over ``most``.

    Raise ``DocumentError`` naming the file when it is too large or cannot be
    read (``what`` names the kind of file in the message).
    """
    try:
        size = path.stat().st_size
        if size > most:
            raise DocumentError(
                f"the file has {size:,} bytes; {what} may have at most {most:,}",
                file=path.name,
            )
        return path.read_bytes()
    except OSError as problem:
        raise DocumentError(
            f"cannot read the file: {problem.strerror}", file=str(path)
        ) from problem


def source_file_read(path: Path) -> SourceFile:
    """Return the file at ``path`` hashed and decoded as UTF-8.

    Raise ``DocumentError`` naming the file when it cannot be read, so the
    command can say why and nothing is written.
    """
    data = file_bytes_read(path, most=MAX_DOCUMENT_BYTES, what="a document's text")
    if not data.strip():
        raise DocumentError("the file is empty", file=path.name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise DocumentError(
            f"not UTF-8 text (byte {problem.start}): extract the PDF's text first",
            file=path.name,
        ) from problem
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise DocumentError(
            "the text holds a NUL character: it is binary, not extracted text",
            file=path.name,
            line=line,
        )
    return SourceFile(
        name=path.name, sha256=hashlib.sha256(data).hexdigest(), text=text
    )


def table_counts(rows: Iterable[RowRecord]) -> tuple[TableCount, ...]:
    """Return the row count of each table, in the order the tables come."""
    rows = list(rows)
    counts = Counter(row.table_id for row in rows)
    titles = {row.table_id: row.title for row in reversed(rows)}
    return tuple(TableCount(table, titles[table], counts[table]) for table in counts)


def _finding(stored: DocumentFinding) -> Finding:
    return Finding(
        code=stored.code,
        message=stored.message,
        where=stored.where,
        values=stored.values,
        severity=stored.severity,
    )


class StoredFindings(Sequence[Finding]):
    """A document's findings as stored, read from the database when used.

    A bulk import writes its findings as it reads its rows; its result lists
    them from here, a batch at a time, instead of holding every one.
    """

    _BATCH = 2000

    def __init__(self, document: SourceDocument, *, count: int | None = None) -> None:
        self.document = document
        self._count = count

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.document.findings.count()
        return self._count

    def __iter__(self) -> Iterator[Finding]:
        stored = self.document.findings.order_by("id")
        return (_finding(row) for row in stored.iterator(chunk_size=self._BATCH))

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        stored = self.document.findings.order_by("id")
        if isinstance(index, slice):
            if index.step not in (None, 1):
                return tuple(self)[index]
            start, stop, _ = index.indices(len(self))
            return tuple(_finding(row) for row in stored[start:stop])
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return _finding(stored[index])


def already_imported(document: SourceDocument) -> ImportResult:
    """Return the result of importing ``document``'s file again: nothing new."""
    counts = Counter(document.rows.values_list("table_id", flat=True))
    titles = dict(document.rows.values_list("table_id", "title"))
    findings = tuple(_finding(stored) for stored in document.findings.all())
    return ImportResult(
        kind=document.kind,
        name=document.name,
        sha256=document.sha256,
        status=ImportStatus.ALREADY_IMPORTED,
        tables=tuple(TableCount(t, titles[t], n) for t, n in sorted(counts.items())),
        findings=findings,
        document=document,
        notes=_superseded_by(document),
    )


def _superseded_by(document: SourceDocument) -> tuple[str, ...]:
    """Say which document of the same kind, agency and year came in later.

    Importing a file again changes nothing, even when a later document has
    replaced what it said; the reader is told that one exists.
    """
    later = (
        SourceDocument.objects.of_kind(document.kind)
        .filter(
            agency_id=document.agency_id,  # type: ignore[misc]  # None is a valid lookup: IS NULL
            fiscal_year_id=document.fiscal_year_id,
            imported_at__gt=document.imported_at,
        )
        .order_by("-imported_at")
        .first()
    )
    if later is None:
        return ()
    return (
        f"{later.name}, of the same agency and year, was imported after this one "
        f"(on {later.imported_at:%Y-%m-%d}); what it changed stays",
    )


@transaction.atomic
def source_document_create(
    *,
    source: SourceFile,
    kind: str,
    fiscal_year: FiscalYear | None,
    agency: Agency | None,
    actor: Actor,
    summary: dict[str, Any],
) -> SourceDocument:
    """Record that ``source`` was read, by whom, about which agency and year.

    What the document holds is checked by the loader against the scope of
    each record it writes (a unit's staff may import their unit's forms from
    a document of the whole ramo); here the actor must capture somewhere.
    """
    require_anywhere(actor, Action.CAPTURE)
    return SourceDocument.objects.create(
        sha256=source.sha256,
        kind=kind,
        name=source.name,
        fiscal_year=fiscal_year,
        agency=agency,
        imported_by=person(actor),
        summary=summary,
    )


def published_rows_write(
    *, document: SourceDocument, rows: Sequence[RowRecord], actor: Actor
) -> int:
    """Keep every row of ``rows`` as published by ``document``; return the count."""
    require_anywhere(actor, Action.CAPTURE)
    created = PublishedRow.objects.bulk_create(
        PublishedRow(
            document=document,
            table_id=row.table_id,
            title=row.title[:300],
            program=row.program,
            dimension=row.dimension,
            row_number=row.row_number,
            line=row.line,
            label=row.label[:500],
            values=row.values,
            is_total=row.is_total,
        )
        for row in rows
    )
    return len(created)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def published_rows_copy(
    *,
    document: SourceDocument,
    table_id: str,
    title: str,
    rows: Sequence[str],
    actor: Actor,
) -> int:
    """Write one table's rows into ``document``'s published rows; return the count.

    Each row is its own cells as ``published_row_cells`` encodes them: a
    bulk loader encodes them as it reads, and one COPY writes them.
    """
    require_anywhere(actor, Action.CAPTURE)
    # The cells every row of the table shares, after its own.
    shared = "\t" + copy_cells((document.pk, table_id, title[:300], "", "", False))
    with (
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY {PublishedRow._meta.db_table} (row_number, line, label, values, "
            "document_id, table_id, title, program, dimension, is_total) FROM STDIN"
        ) as copy,
    ):
        copy.write("".join(f"{row}{shared}\n" for row in rows))
    return len(rows)


def findings_write(
    *, document: SourceDocument, findings: Iterable[Finding], actor: Actor
) -> int:
    """Store the checks' findings on ``document``, in order; return the count.

    With COPY: a bulk file's loader calls it once per batch of rows.
    """
    require_anywhere(actor, Action.CAPTURE)
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY {DocumentFinding._meta.db_table} "
            '(document_id, code, message, "where", values, severity) FROM STDIN'
        ) as copy,
    ):
        for finding in findings:
            copy.write_row(
                (
                    document.pk,
                    finding.code,
                    finding.message,
                    finding.where,
                    _json(finding.as_dict()["values"]),
                    finding.severity,
                )
            )
            count += 1
    return count


@service
def source_document_demonstration_mark(
    *, document: SourceDocument, actor: Actor
) -> None:
    """Mark ``document`` as a demonstration document the demo wrote and imported.

    Only the demo marks one: a real document is never labelled a
    demonstration, which would discount every figure read from it.
    """
    if actor != DEMO:
        raise PermissionDenied("only the demo marks a document as a demonstration")
    document.is_demo = True
    document.save(update_fields=["is_demo"])


@service
def source_document_demonstration_withdraw(
    *, document: SourceDocument, actor: Actor
) -> None:
    """Delete demonstration ``document`` with its rows and findings.

    When the original it stands for has been imported, so that no figure is
    published twice. Records read from it that the original did not take
    over still point at it (their foreign keys protect it): the deletion is
    then refused and nothing changes.
    """
    if actor != DEMO or not document.is_demo:
        raise PermissionDenied("only the demo withdraws, and only its own documents")
    try:
        document.delete()
    except ProtectedError as error:
        held = sorted({obj._meta.label for obj in error.protected_objects})
        raise DocumentError(
            "the demonstration document is still the source of records the "
            f"original did not replace ({', '.join(held)}); nothing was withdrawn",
            file=document.name,
        ) from error
