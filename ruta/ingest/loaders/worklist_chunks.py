"""A works list read a chunk at a time, so an import never holds the file.

``worklist_chunks`` reads and checks ``CHUNK_ROWS`` rows at a time (a pure
step: no database, so it may run in a reading process of its own) into a
``Chunk``: each row's work as the stage takes it, its values as published
(officials' contact data left out) as JSON, its key and figures, and its
findings in the order found. The reading starts in a process of its own
before the import's first pass and runs a few chunks ahead
(``chunks_read``); the loader writes one chunk while the next ones are read.

What needs the whole file is left to the database, which holds it: which row
of a key is current (``works_import_settle``, from a first, light pass), and
whether a key came before (``RepeatedKeysTable``, the database's version of
the reader's ``RepeatedKeys``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field

from django.db import connection

from ruta.accounts.actors import audited
from ruta.common.fast.readahead import Reading, read_ahead, read_apart
from ruta.common.fast.scratch import ScratchSet, ScratchTable
from ruta.ingest.loaders.worklist_records import imported_work, public_id_of, unit_of
from ruta.ingest.worklist import (
    Geography,
    WorkListFile,
    identity_headers,
    raw_rows,
    row_identity,
    row_read,
)
from ruta.ingest.worklist.decode import RawRow
from ruta.ingest.worklist.reading import key_repeated, key_repeated_different
from ruta.ingest.worklist.values import quoted
from ruta.sources.findings import Finding, Say, Values, finding_kind, sentence
from ruta.sources.records import published_row_cells
from ruta.sources.services import findings_write, published_rows_copy
from ruta.works.models import PUBLICATION_TABLE_ID, WorkOrigin
from ruta.works.services.imports import ExecutingUnit
from ruta.works.services.staged import (
    WorksImport,
    works_import_chunk,
    works_stage_row,
)

# Rows read, checked and written at a time: the import's memory is a few
# chunks of rows (some 2.5 KB a row), whatever the file's size: the one
# written and the next two as they come from the reading process, and in
# that process up to ``CHUNKS_AHEAD`` read and one being read. Each
# chunk's statements fire the tables' triggers once.
CHUNK_ROWS = 10_000
MOST_CHUNK_ROWS = 100_000
# The first chunk is smaller: nothing is written until it is read. The
# reading mostly starts with the first pass and has it ready, but a file
# that prints a key twice is read again after that pass (``chunks_read``),
# and there a full chunk's reading would be all wait. Each next one is larger by
# ``CHUNK_GROWTH`` up to a full chunk: a chunk is read while the one before
# is written, and reading a row takes about two thirds of writing it, so a
# chunk up to 1.4 times the last is read before the writer wants it
# (``docs/performance.md``; guarded by ``python -m bench works-import``).
FIRST_CHUNK_ROWS = 1_000
CHUNK_GROWTH = 1.4
# Chunks the reading process may hold read beyond the one being written:
# the first ones are read during the first pass, and a chunk that reads
# slowly (long descriptions, many findings) is made up by those before it.
CHUNKS_AHEAD = 3
# How often (in rows) the import reports its progress.
PROGRESS_EVERY = 1000
# Where a row's findings go among its others: its own checks, then a repeated
# key, then what the loader says of it.
OWN, REPEATED, LOADER = 0, 1, 2
TABLE_ID = PUBLICATION_TABLE_ID
TABLE_TITLE = "Obras y proyectos de inversión"
# on_progress(rows read, findings so far, fraction of the file read or None)
ProgressCallback = Callable[[int, int, float | None], None]


@dataclass(frozen=True)
class ChunkTarget:
    """What reading a row needs besides the row: where its works go."""

    origin: WorkOrigin
    agency: str  # the catalog code of the template's agency; "" for OPA
    geography: Geography
    subprograms: frozenset[str]


@dataclass(frozen=True)
class KeyedRow:
    """A row's key and figures, to find the rows of a key printed again."""

    row_number: int
    line: int
    key: str
    figures: str


@dataclass
class Chunk:
    """Up to ``CHUNK_ROWS`` rows, read and checked, ready to write."""

    records: int = 0
    # The stage's rows (``works_stage_row``) and the published rows' own
    # cells (``published_row_cells``): COPY text, encoded as read, so that
    # writing them is one ``write`` each.
    works: list[tuple[int, str]] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    keys: list[KeyedRow] = field(default_factory=list)
    # (row number, place among the row's findings, finding), in order found.
    findings: list[tuple[int, int, Finding]] = field(default_factory=list)
    # Every PROGRESS_EVERY rows: rows read in the file, findings in this
    # chunk so far, fraction of the file read.
    marks: list[tuple[int, int, float | None]] = field(default_factory=list)
    latest_year: int = 0


@finding_kind("subprogram_unknown")
def subprogram_unknown(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El subprograma «%(subprogram)s» no es una clave del catálogo: el "
            "renglón se guarda como se publicó y no se escribe ninguna obra."
        )
    ) % {"subprogram": quoted(values["subprogram"], say)}


def worklist_chunks(
    file: WorkListFile,
    target: ChunkTarget,
    units: dict[str, ExecutingUnit],
    *,
    size: int | None = None,
    keyed: bool = True,
) -> Iterator[Chunk]:
    """Yield the file's rows read and checked, ``size`` (``CHUNK_ROWS``) at a time.

    The first chunk holds at most ``FIRST_CHUNK_ROWS``, each next one
    ``CHUNK_GROWTH`` times the last until ``size``. Each chunk lists its
    rows' keys and figures (``Chunk.keys``) unless ``keyed`` is False: a
    file whose first pass found no key printed twice has no repeat to look
    for.

    The executing units federal rows name are added to ``units`` (one per
    unit of the federal administration: bounded by its catalog, not the
    file).
    """
    size = CHUNK_ROWS if size is None else size
    if not 1 <= size <= MOST_CHUNK_ROWS:
        raise ValueError(f"a chunk holds 1 to {MOST_CHUNK_ROWS:,} rows, not {size}")
    chunk, found, full = Chunk(), 0, min(size, FIRST_CHUNK_ROWS)
    for records, raw in enumerate(raw_rows(file), start=1):
        found += _read_into(chunk, raw, file, target, units, keyed=keyed)
        if records % PROGRESS_EVERY == 0:
            chunk.marks.append((records, found, raw.fraction))
        if chunk.records >= full:
            yield chunk
            chunk, found, full = Chunk(), 0, min(size, math.ceil(full * CHUNK_GROWTH))
    if chunk.records:
        yield chunk


def _read_into(
    chunk: Chunk,
    raw: RawRow,
    file: WorkListFile,
    target: ChunkTarget,
    units: dict[str, ExecutingUnit],
    *,
    keyed: bool,
) -> int:
    """Read ``raw`` into ``chunk``; return how many findings it added."""
    result = row_read(raw, file.column_set, target.geography)
    chunk.records += 1
    chunk.findings.extend((raw.number, OWN, f) for f in result.findings)
    row = result.row
    if row is None:
        values = _public_cells(file, raw.cells)
        chunk.published.append(
            published_row_cells(raw.number, raw.line, "", _json(values))
        )
        return len(result.findings)
    if keyed:
        chunk.keys.append(KeyedRow(row.number, row.line, row.key, row.figures_text()))
    chunk.latest_year = max(chunk.latest_year, row.year or 0)
    chunk.published.append(
        published_row_cells(row.number, row.line, row.key, _json(row.published))
    )
    if target.origin == WorkOrigin.FEDERAL_OPA or row.subprogram in target.subprograms:
        work = imported_work(
            row, origin=target.origin, agency=target.agency, units=units
        )
        chunk.works.append(works_stage_row(row.number, work))
        return len(result.findings)
    unknown = subprogram_unknown.found(
        where=f"row {row.number} (line {row.line}), key {row.key}",
        values={"key": row.key, "subprogram": row.subprogram},
    )
    chunk.findings.append((row.number, LOADER, unknown))
    return len(result.findings) + 1


# Built once: ``json.dumps`` with any option builds an encoder per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _json(values: dict[str, str]) -> str:
    return _ENCODER.encode(values)


def _public_cells(file: WorkListFile, cells: dict[str, str]) -> dict[str, str]:
    personal = file.column_set.personal_headers
    return {name: value for name, value in cells.items() if name not in personal}


class RepeatedKeysTable:
    """The keys read so far, in a temporary table: which rows repeat a key.

    The reader's ``RepeatedKeys`` remembers every key in memory; an import
    keeps them in the database instead, and asks of each chunk which of its
    rows print a key an earlier row printed, with the same figures or not.
    """

    TABLE = "worklist_import_keys"
    SCRATCH = ScratchSet(
        "ruta_worklist_import_keys_open",
        (
            ScratchTable(
                TABLE,
                "row_number integer, key text, figures text",
                indexes=("key, row_number", "row_number"),
            ),
        ),
    )

    def __init__(self) -> None:
        with connection.cursor() as cursor:
            self.SCRATCH.open(cursor)

    def repeated(self, keys: Sequence[KeyedRow]) -> list[tuple[int, int, Finding]]:
        """Add ``keys`` (one chunk's, in order); return the findings of repeats."""
        if not keys:
            return []
        with (
            connection.cursor() as cursor,
            cursor.copy(
                f"COPY {self.TABLE} (row_number, key, figures) FROM STDIN"
            ) as copy,
        ):
            for row in keys:
                copy.write_row((row.row_number, row.key, row.figures))
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT k.row_number, f.row_number, f.figures = k.figures
                FROM {self.TABLE} k
                CROSS JOIN LATERAL (
                    SELECT row_number, figures FROM {self.TABLE} f
                    WHERE f.key = k.key ORDER BY f.row_number LIMIT 1
                ) f
                WHERE k.row_number BETWEEN %s AND %s
                  AND f.row_number < k.row_number
                """,  # noqa: S608
                [keys[0].row_number, keys[-1].row_number],
            )
            repeats = cursor.fetchall()
        by_number = {row.row_number: row for row in keys}
        return [
            _repeated(by_number[number], first, same) for number, first, same in repeats
        ]

    def drop(self) -> None:
        """Empty the table: the import is done with it (it goes at commit)."""
        with connection.cursor() as cursor:
            self.SCRATCH.empty(cursor)


def _repeated(row: KeyedRow, first: int, same: bool) -> tuple[int, int, Finding]:
    kind = key_repeated if same else key_repeated_different
    finding = kind.found(
        where=f"row {row.row_number} (line {row.line}), key {row.key}",
        severity="info" if same else "warning",
        values={"key": row.key, "first_row": first},
    )
    return row.row_number, REPEATED, finding


def in_order(*findings: Iterable[tuple[int, int, Finding]]) -> list[Finding]:
    """Return one chunk's findings by row, each row's in their places."""
    merged = sorted(
        (item for group in findings for item in group), key=lambda item: item[:2]
    )
    return [finding for _, _, finding in merged]


@dataclass
class Written:
    """What writing a file's chunks gathered: counts, never the rows."""

    records: int = 0
    findings: int = 0


@dataclass
class FirstPass:
    """What the first, light pass gathers besides the work rows' identities."""

    latest_year: int = 0
    # Rows with a key that are no work (a subprogram the catalog lacks):
    # their keys are not among the identities.
    other_keys: int = 0

    def keys_may_repeat(self, superseded: int) -> bool:
        """Return whether some key may be printed twice.

        ``superseded`` counts the work rows another row of their public id
        supersedes (``works_import_settle``): one key gives one public id, so
        with none, and every keyed row a work's, no key comes twice.
        """
        return superseded > 0 or self.other_keys > 0


def identities(
    file: WorkListFile,
    target: ChunkTarget,
    units: dict[str, ExecutingUnit],
    gathered: FirstPass,
) -> Iterator[tuple[int, str, int]]:
    """Yield each work row's number, public id and rank: the first, light pass.

    Gathers the units federal rows name into ``units``, and the latest year
    any row prints and the keyed rows that are no work into ``gathered``.
    """
    federal, columns = target.origin == WorkOrigin.FEDERAL_OPA, file.column_set
    # The (ramo, unit) pairs already noted: a file names a few, row after row.
    noted: set[tuple[str, str]] = set()
    for raw in raw_rows(file, only=identity_headers(columns)):
        identity = row_identity(raw, columns)
        if identity is None:
            continue
        if identity.year is not None and identity.year > gathered.latest_year:
            gathered.latest_year = identity.year
        if federal:
            if (identity.ramo, identity.unit) not in noted:
                unit_of(identity, units)
                noted.add((identity.ramo, identity.unit))
        elif identity.subprogram not in target.subprograms:
            gathered.other_keys += 1
            continue
        yield raw.number, public_id_of(identity, target.origin), identity.rank


def chunks_read(
    file: WorkListFile,
    target: ChunkTarget,
    units: dict[str, ExecutingUnit],
    *,
    keyed: bool,
) -> Reading[Chunk]:
    """Start reading the file's chunks (``worklist_chunks``) in a process of its own.

    The reading starts at once, so an import starts it before its first
    pass: while that pass reads the file's identities (PostgreSQL waiting),
    the first chunks are read, and writing starts as soon as the works are
    settled. It runs ``CHUNKS_AHEAD`` chunks ahead at most. Close it
    (``contextlib.closing``) to stop it. The units it gathers stay in its
    process: the first pass gathers them for the import.
    """
    return read_apart(
        worklist_chunks(file, target, units, keyed=keyed), ahead=CHUNKS_AHEAD
    )


def chunks_write(
    chunks: Iterator[Chunk],
    batch: WorksImport,
    on_progress: ProgressCallback | None,
    *,
    keys_may_repeat: bool = True,
) -> Written:
    """Write each chunk of ``chunks`` (``chunks_read``); return the counts.

    Repeated keys are looked for only if ``keys_may_repeat``
    (``FirstPass.keys_may_repeat``): the chunks must then list their keys
    (``keyed``).
    """
    written, document, actor = Written(), batch.document, batch.actor
    keys = RepeatedKeysTable() if keys_may_repeat else None
    # Each next chunk is taken from the reading process (received and
    # unpickled) in a thread while this one's statements run.
    taken = read_ahead(chunks, depth=1)
    with closing(taken), audited(actor, "works_import", document=document.sha256):
        for chunk in taken:
            if on_progress is not None:
                for records, found, fraction in chunk.marks:
                    on_progress(records, written.findings + found, fraction)
            works_import_chunk(batch, chunk.works)
            published_rows_copy(
                document=document,
                table_id=TABLE_ID,
                title=TABLE_TITLE,
                rows=chunk.published,
                actor=actor,
            )
            repeats = keys.repeated(chunk.keys) if keys is not None else []
            findings = in_order(chunk.findings, repeats)
            findings_write(document=document, findings=findings, actor=actor)
            written.records += chunk.records
            written.findings += len(findings)
    if keys is not None:
        keys.drop()
    return written
