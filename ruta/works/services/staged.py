"""A works import written a chunk at a time from a typed stage, in one transaction.

A file may print a key more than once; its work takes the row of the highest
rank (the latest year), the first on a tie. So that each work is written
once, from that row, while the file is still being read:

1. ``works_import_begin`` opens the import (temporary tables: no WAL, no
   foreign keys, gone with the transaction; made by the owner's function,
   ``ruta.common.fast.scratch``, as the application may make none) and
   ``works_import_identify``
   streams every row's public id and rank in with COPY; a first, light pass
   over the file gives them;
2. ``works_import_settle`` picks each work's current row, in the database,
   and keeps the rows it supersedes (none, in a file that prints each key
   once);
3. ``works_import_chunk`` takes one chunk of rows read in full (each
   ``works_stage_row``: already COPY text, encoded where the rows are read),
   streams the current ones into the stage and writes them with set-based
   statements:

   - one work per key; a work already imported takes the file's values only
     when the file speaks for a date at or after the one its values come
     from (``Work.as_of``), so an earlier file imported later is kept as
     history and changes nothing current; a work captured or from another
     kind of file is refused, never changed; until a chunk meets a work
     that exists, its works are inserted, not upserted (``_inserted``);
   - with its funding lines, replaced when its values are;
   - a ``WorkPublication`` per work and file: every published value with its
     file and date;

4. ``works_import_end`` empties the tables and returns the counts.

The audit triggers fire once per statement and write one event per row
changed (``PGHISTORY_LEVEL``); a work whose lines do not add up to its total
is checked again at commit. Nothing here holds the file's rows: the stage is the
database's, and a chunk's rows are dropped from it once written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from psycopg.errors import UniqueViolation

from ruta.accounts.actors import Actor
from ruta.accounts.permissions import (
    Action,
    is_administrator,
    require,
    require_anywhere,
)
from ruta.catalog.models import Agency
from ruta.common.fast.copytext import copy_line
from ruta.common.fast.scratch import ScratchSet, ScratchTable
from ruta.common.text.money import CENT
from ruta.sources.models import SourceDocument
from ruta.works.models import (
    Subprogram,
    Work,
    WorkOrigin,
    WorkPublication,
    WorksProgram,
)
from ruta.works.services.imports import FundingShare, ImportedWork, WorksImportCounts

# Every row's public id and rank, then the rows another row of their work
# supersedes.
_IDENTITIES = "works_import_identities"
_SUPERSEDED = "works_import_superseded"
# One chunk's rows, typed, and the works its upsert wrote.
_STAGE = "works_import_stage"
_WRITTEN = "works_import_written"
_STAGE_COLUMNS = (
    ("row_number", "integer"),
    ("public_id", "text"),
    ("agency", "text"),
    ("subprogram", "text"),
    ("title", "text"),
    ("description", "text"),
    ("locality", "text"),
    ("state", "text"),
    ("municipality", "text"),
    ("latitude", "numeric"),
    ("longitude", "numeric"),
    ("start_date", "date"),
    ("end_date", "date"),
    ("year", "integer"),
    ("total_investment", "numeric"),
    ("status", "text"),
    ("approved", "numeric"),
    ("modified", "numeric"),
    ("paid", "numeric"),
    ("total_printed", "numeric"),
    ("physical_progress", "numeric"),
    ("sources_printed", "jsonb"),
    ("status_printed", "text"),
    ("official_name", "text"),
    ("official_position", "text"),
    ("official_email", "text"),
    ("official_phone", "text"),
    # The work's funding lines as ``Work.funding_lines`` holds them, written
    # where the rows are read (``funding_lines_json``).
    ("funding", "jsonb"),
)

_TABLES = ScratchSet(
    "ruta_works_import_open",
    (
        ScratchTable(_IDENTITIES, "row_number integer, public_id text, rank integer"),
        ScratchTable(_SUPERSEDED, "row_number integer PRIMARY KEY"),
        ScratchTable(
            _STAGE, ", ".join(f"{name} {kind}" for name, kind in _STAGE_COLUMNS)
        ),
        ScratchTable(
            _WRITTEN, "id bigint, public_id text, created boolean, lines integer"
        ),
    ),
)

# The agencies a chunk touches: its rows' and those of the works they would change.
_AGENCIES_TOUCHED = f"""
    SELECT s.agency FROM {_STAGE} s
    UNION
    SELECT a.code FROM {_STAGE} s
    JOIN {Work._meta.db_table} w ON w.public_id = s.public_id
    JOIN {Agency._meta.db_table} a ON a.id = w.executing_agency_id
"""  # noqa: S608

_SETTLE = f"""
    INSERT INTO {_SUPERSEDED}
    SELECT row_number FROM (
        SELECT row_number, row_number() OVER (
            PARTITION BY public_id ORDER BY rank DESC, row_number
        ) AS place
        FROM {_IDENTITIES}
    ) ranked
    WHERE place > 1;
    TRUNCATE {_IDENTITIES};
"""  # noqa: S608

# Of a chunk's rows (a range of row numbers), those another row supersedes.
_SUPERSEDED_IN = f"""
    SELECT row_number FROM {_SUPERSEDED} WHERE row_number BETWEEN %s AND %s
"""  # noqa: S608


# The file's approved, modified and paid are the work's latest published
# figures (``works.models.phases``), written with its values so that the
# publications' trigger finds them kept. The funding lines go with the work.
def _works_written(conflict: str) -> str:
    """Return the write of the staged works, ``conflict`` its ON CONFLICT clause.

    It returns each work written: id, public id, whether it was created and
    how many funding lines it holds.
    """
    return f"""
    INSERT INTO {Work._meta.db_table} AS w (
        public_id, fiscal_year_id, program_id, subprogram_id, executing_agency_id,
        municipality_id, state_id, locality, title, description, latitude,
        longitude, beneficiaries, total_investment, start_date, end_date, status,
        published_at, is_demo, origin, as_of, created, updated,
        published_approved, published_modified, published_paid, funding_lines)
    SELECT s.public_id, COALESCE(y.year, %(year)s), %(program)s, sp.id, a.id,
        NULLIF(s.municipality, ''), NULLIF(s.state, ''), left(s.locality, 200),
        left(s.title, 400), s.description, s.latitude, s.longitude, 0,
        s.total_investment, s.start_date, s.end_date, s.status, %(now)s, false,
        %(origin)s, %(as_of)s, %(now)s, %(now)s, s.approved, s.modified, s.paid,
        s.funding
    FROM {_STAGE} s
    JOIN catalog_agency a ON a.code = s.agency
    JOIN {Subprogram._meta.db_table} sp ON sp.code = s.subprogram
    LEFT JOIN catalog_fiscalyear y ON y.year = s.year
    {conflict}
    RETURNING w.id, w.public_id, (xmax = 0) AS created,
        jsonb_array_length(w.funding_lines) AS lines
    """  # noqa: S608


# A work of another origin holding the id is left alone by the conflict's
# condition, as is one whose values come from a later date.
_UPSERTED = _works_written("""
    ON CONFLICT (public_id) DO UPDATE SET
        fiscal_year_id = EXCLUDED.fiscal_year_id,
        executing_agency_id = EXCLUDED.executing_agency_id,
        subprogram_id = EXCLUDED.subprogram_id,
        municipality_id = EXCLUDED.municipality_id, state_id = EXCLUDED.state_id,
        locality = EXCLUDED.locality, title = EXCLUDED.title,
        description = EXCLUDED.description, latitude = EXCLUDED.latitude,
        longitude = EXCLUDED.longitude,
        total_investment = EXCLUDED.total_investment,
        start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
        status = EXCLUDED.status, as_of = EXCLUDED.as_of, updated = EXCLUDED.updated,
        published_approved = EXCLUDED.published_approved,
        published_modified = EXCLUDED.published_modified,
        published_paid = EXCLUDED.published_paid,
        funding_lines = EXCLUDED.funding_lines
    WHERE w.origin = EXCLUDED.origin
      AND (w.as_of IS NULL OR w.as_of <= EXCLUDED.as_of)
""")

# A staged row's work, found by its id's unique index (the works the chunk
# wrote are joined from what their upsert returned). The LIMIT keeps the
# lookup per row: joined, the planner chose from the works' statistics as
# last analysed, and an instance that held no work of the file's origin
# then compared every staged row with every work of it (guarded by
# ``python -m bench works-import``).
_BY_PUBLIC_ID = f"""
    SELECT id, origin FROM {Work._meta.db_table} WHERE public_id = s.public_id LIMIT 1
"""  # noqa: S608

# The staged rows of the works the chunk wrote, with their ids.
_WRITTEN_ROWS = f"""
    SELECT w.id AS work_id, s.*
    FROM {_STAGE} s JOIN {_WRITTEN} w ON w.public_id = s.public_id
"""  # noqa: S608
# The staged rows of works of this origin the chunk left as they were.
_KEPT_ROWS = f"""
    SELECT w.id, s.*
    FROM {_STAGE} s CROSS JOIN LATERAL ({_BY_PUBLIC_ID}) w
    WHERE w.origin = %(origin)s
      AND NOT EXISTS (SELECT FROM {_WRITTEN} n WHERE n.public_id = s.public_id)
"""  # noqa: S608


def _publications_of(rows: str, tail: str) -> str:
    """Return the insert of the publications of ``rows`` (staged, with work ids).

    ``tail`` is its ON CONFLICT or RETURNING clause.
    """
    return f"""
    INSERT INTO {WorkPublication._meta.db_table} (
        work_id, document_id, row_number, as_of, title, approved, modified, paid,
        total_investment, physical_progress, sources, status_printed,
        official_name, official_position, official_email, official_phone)
    SELECT s.work_id, %(document)s, s.row_number, %(as_of)s, left(s.title, 400),
        s.approved, s.modified, s.paid, s.total_printed, s.physical_progress,
        s.sources_printed, left(s.status_printed, 120),
        left(s.official_name, 200), left(s.official_position, 300),
        left(s.official_email, 254), left(s.official_phone, 60)
    FROM ({rows}) s
    {tail}
    """  # noqa: S608


_PUBLICATIONS = _publications_of(
    f"{_WRITTEN_ROWS} UNION ALL {_KEPT_ROWS}",
    "ON CONFLICT (work_id, document_id) DO NOTHING",
)

# The upsert keeps the works it wrote for the publications and the counts;
# both answer how many funding lines and works it wrote.
_UPSERT = f"""
    WITH written AS ({_UPSERTED}),
    kept AS (INSERT INTO {_WRITTEN} SELECT * FROM written)
    SELECT coalesce(sum(lines), 0), count(*) FROM written
"""  # noqa: S608
# Every staged work new (a work holding one's id fails it: ``_inserted``):
# their publications are written by the same statement, from the works it
# returns, and counted.
_PUBLISHED_NEW = _publications_of(
    f"SELECT w.id AS work_id, s.* FROM {_STAGE} s "  # noqa: S608
    "JOIN written w ON w.public_id = s.public_id",
    "RETURNING 1",
)
_INSERT = f"""
    WITH written AS ({_works_written("")}), published AS ({_PUBLISHED_NEW})
    SELECT coalesce(sum(lines), 0), count(*), (SELECT count(*) FROM published)
    FROM written
"""  # noqa: S608

# What the chunk staged and wrote, and the works its upsert left alone: held
# by a work of another origin (refused) or of this origin with values from
# a later date (kept).
_COUNTS = f"""
    SELECT (SELECT count(*) FROM {_STAGE}),
        (SELECT count(*) FROM {_WRITTEN}),
        (SELECT count(*) FROM {_WRITTEN} WHERE created),
        count(*) FILTER (WHERE w.origin = %(origin)s),
        coalesce(array_agg(s.public_id) FILTER (WHERE w.origin <> %(origin)s), '{{}}')
    FROM {_STAGE} s
    CROSS JOIN LATERAL ({_BY_PUBLIC_ID}) w
    WHERE NOT EXISTS (SELECT FROM {_WRITTEN} n WHERE n.public_id = s.public_id)
"""  # noqa: S608


@dataclass
class WorksImport:
    """A works import under way in this transaction, and what it wrote so far."""

    document: SourceDocument
    origin: WorkOrigin
    actor: Actor
    params: dict[str, Any] = field(default_factory=dict)
    staged: int = 0
    written: int = 0
    created: int = 0
    kept_earlier: int = 0
    publications: int = 0
    funding_rows: int = 0
    refused: list[str] = field(default_factory=list)
    # Work rows identified in the first pass, and those left unwritten
    # because a later row of their work supersedes them: together, every
    # row staged or passed over.
    identified: int = 0
    superseded: int = 0
    # Rows the settling found superseded: a file that prints each key once
    # has none, and its chunks need not ask which of theirs are.
    to_supersede: int = 0
    # The agencies checked so far: the actor may capture for each.
    agencies_checked: set[str] = field(default_factory=set)
    # Whether every work written so far was new: the chunks insert their
    # works until one is held already (``_inserted``).
    all_new: bool = True


def works_import_begin(
    *, document: SourceDocument, origin: WorkOrigin, actor: Actor
) -> WorksImport:
    """Open the import of ``document``'s works: the table of the rows' ids."""
    require_anywhere(actor, Action.CAPTURE)
    with connection.cursor() as cursor:
        _TABLES.open(cursor)
    return WorksImport(document, origin, actor)


def works_import_identify(
    batch: WorksImport, rows: Iterable[tuple[int, str, int]]
) -> int:
    """Stream ``(row number, public id, rank)`` of every work row; return how many."""
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY {_IDENTITIES} (row_number, public_id, rank) FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
    batch.identified += count
    return count


def works_import_settle(
    batch: WorksImport, *, program: WorksProgram, as_of: date
) -> None:
    """Pick each work's current row; the works go to ``program``, as of ``as_of``."""
    now: datetime = timezone.now()
    batch.params = {
        "document": batch.document.pk,
        "origin": str(batch.origin),
        "as_of": as_of,
        "year": as_of.year,
        "program": program.pk,
        "now": now,
    }
    with connection.cursor() as cursor:
        cursor.execute(_SETTLE)
        cursor.execute(f"SELECT count(*) FROM {_SUPERSEDED}")  # noqa: S608
        (batch.to_supersede,) = cursor.fetchone()


def funding_lines_json(shares: Sequence[FundingShare]) -> str:
    """Return ``shares`` as a work's funding lines (``Work.funding_lines``), JSON.

    Numbered from 0 in their order; each amount in whole cents, written as
    the exact number it is.
    """
    lines = (
        f'{{"k": {number}, "source": {json.dumps(share.source)}, '
        f'"fund": {json.dumps(share.fund)}, '
        f'"amount": {format(share.amount.quantize(CENT), "f")}}}'
        for number, share in enumerate(shares)
    )
    return f"[{', '.join(lines)}]"


def works_stage_row(row_number: int, work: ImportedWork) -> tuple[int, str]:
    """Return file row ``row_number`` and the stage's row for ``work``, as COPY text.

    Pure: a loader builds these as it reads (in its reading thread, if it has
    one) and hands them to ``works_import_chunk``.
    """
    printed = {kind: str(amount) for kind, amount in work.sources_printed.items()}
    return row_number, copy_line(
        (
            row_number,
            work.public_id,
            work.agency,
            work.subprogram,
            work.title,
            work.description,
            work.locality,
            work.state,
            work.municipality,
            work.latitude,
            work.longitude,
            work.start,
            work.end,
            work.year,
            work.total_investment,
            work.status,
            work.approved,
            work.modified,
            work.paid,
            work.total_printed,
            work.physical_progress,
            json.dumps(printed),
            work.status_printed,
            work.official_name,
            work.official_position,
            work.official_email,
            work.official_phone,
            funding_lines_json(work.funding),
        )
    )


def works_import_chunk(batch: WorksImport, rows: Sequence[tuple[int, str]]) -> None:
    """Write the works of one chunk of rows (``works_stage_row``s, in file order).

    Only the rows that are their work's current row are staged and written;
    the caller records the chunk under the import's audit context.
    """
    if not rows:
        return
    names = ", ".join(name for name, _ in _STAGE_COLUMNS)
    with connection.cursor() as cursor:
        current = _current_rows(cursor, batch, rows)
        with cursor.copy(f"COPY {_STAGE} ({names}) FROM STDIN") as copy:
            copy.write("".join(current))
        _agencies_check(cursor, batch)
        counts = _inserted(cursor, batch, len(current)) if batch.all_new else None
        if counts is None:
            counts = _upserted(cursor, batch)
        cursor.execute(f"TRUNCATE {_STAGE}, {_WRITTEN}")
    staged, written, created, kept, refused = counts
    if staged != written + kept + len(refused):
        # A staged work whose agency or subprogram is missing would vanish
        # from the joins: the loader ensures both, so this is a bug.
        raise RuntimeError(
            f"{staged} works staged but {written} written, {kept} kept and "
            f"{len(refused)} refused"
        )
    batch.staged += staged
    batch.written += written
    batch.created += created
    batch.kept_earlier += kept
    batch.refused.extend(refused)


def _agencies_check(cursor, batch: WorksImport) -> None:
    """Refuse the import unless the actor may capture for every agency it touches.

    The agencies of the staged rows and of the works they would change, with
    the desk's rule (``require``): a capturist of one agency cannot write or
    overwrite another's works through a file.
    """
    if is_administrator(batch.actor):
        return
    cursor.execute(_AGENCIES_TOUCHED)
    codes = {code for (code,) in cursor.fetchall()} - batch.agencies_checked
    for agency in Agency.objects.filter(code__in=codes).order_by("code"):
        require(batch.actor, Action.CAPTURE, agency)
    batch.agencies_checked |= codes


# Staged, written, created, kept earlier, refused.
_ChunkCounts = tuple[int, int, int, int, list[str]]


def _inserted(cursor, batch: WorksImport, staged: int) -> _ChunkCounts | None:
    """Insert the staged works as new, with their publications; return the counts.

    A list imported for the first time holds only new works, and a plain
    insert spares each one the upsert's look for a work holding its id and
    the confirmation it then writes (some 5 % of the works' write). The
    first id a work already holds undoes this chunk's insert and returns
    None: this chunk and the rest are upserted.
    """
    try:
        with transaction.atomic():
            cursor.execute(_INSERT, batch.params)
            lines, written, publications = cursor.fetchone()
    except IntegrityError as error:
        if not _id_held(error):
            raise
        batch.all_new = False
        return None
    batch.funding_rows += lines
    batch.publications += publications
    return staged, written, written, 0, []


def _id_held(error: IntegrityError) -> bool:
    """Return whether ``error`` is a work's id already held (the only unique
    key of the works a new row can repeat)."""
    cause = error.__cause__
    return (
        isinstance(cause, UniqueViolation)
        and cause.diag.table_name == Work._meta.db_table
    )


def _upserted(cursor, batch: WorksImport) -> _ChunkCounts:
    """Upsert the staged works and add their publications; return the counts."""
    cursor.execute(_UPSERT, batch.params)
    lines, _ = cursor.fetchone()
    batch.funding_rows += lines
    cursor.execute(_PUBLICATIONS, batch.params)
    batch.publications += cursor.rowcount
    cursor.execute(_COUNTS, batch.params)
    staged, written, created, kept, refused = cursor.fetchone()
    return staged, written, created, kept, list(refused)


def _current_rows(
    cursor, batch: WorksImport, rows: Sequence[tuple[int, str]]
) -> list[str]:
    """Return the lines of ``rows`` that are their work's current row."""
    if batch.superseded == batch.to_supersede:
        return [line for _, line in rows]
    cursor.execute(_SUPERSEDED_IN, [rows[0][0], rows[-1][0]])
    superseded = {row_number for (row_number,) in cursor.fetchall()}
    current = [line for number, line in rows if number not in superseded]
    batch.superseded += len(rows) - len(current)
    return current


def works_import_end(batch: WorksImport) -> WorksImportCounts:
    """Close the import: empty its tables; return what it wrote.

    ``refused`` lists the ids held by works of other origins (as many as the
    file's works at most: a file that clashes with captured works).
    """
    if batch.staged + batch.superseded != batch.identified:
        # The first pass and the full reading disagree on which rows are
        # works: some work would be written twice, or not at all.
        raise RuntimeError(
            f"{batch.identified} work rows identified but {batch.staged} staged "
            f"and {batch.superseded} superseded"
        )
    with connection.cursor() as cursor:
        _TABLES.empty(cursor)
    return WorksImportCounts(
        works_created=batch.created,
        works_current=batch.written,
        works_kept_earlier=batch.kept_earlier,
        publications=batch.publications,
        units_created=0,
        refused=tuple(sorted(batch.refused)),
        funding_rows=batch.funding_rows,
    )
