"""Works import of 100,000 OPA-shaped rows vs a bare COPY of the same file.

The file is written here (the 2019-onwards OPA columns, quoted as SHCP
quotes them, with line breaks in descriptions and coordinates spread over
Sonora), then imported by ``ruta ingest works``'s loader: read and checked
row by row, streamed with COPY into the stage, written as works, funding,
published figures and published rows through the audit triggers, all in one
transaction (rolled back here). The baseline is PostgreSQL's own COPY of the
same file into a table of 47 text columns: the least a database can do with
it. The figure to watch is the ratio of rows per second (target ≥ 0.5).
Beside it, the same works inserted again into the works table from a table
holding their values: what the table itself (15 indexes, the Spanish search
vector, the audit triggers) costs, with no file read and nothing checked.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from ruta.accounts.actors import command_actor
from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.catalog.models import State
from ruta.ingest.loaders.worklist import works_file_import
from ruta.works.models import Work
from testkit.worklists import OPA_2019_HEADER, opa_2019_row, worklist_bytes

ROWS = 100_000
COPY_ROUNDS = 3


@dataclass(frozen=True)
class ImportResult:
    rows: int
    seconds: float
    baseline: float
    megabytes: float
    # Writing the same works again into the works table as it stands (its
    # indexes, the Spanish search vector, the audit triggers), from a table
    # already holding their values: the least the import's writes can cost.
    works_only: float
    works: int

    @property
    def ratio(self) -> float:
        """Return the import's rows/s over COPY's rows/s."""
        return self.baseline / self.seconds


class _Rollback(Exception):
    pass


def _row(number: int) -> dict[str, str]:
    """Return an OPA row; one in ten has a finding (paid over modified)."""
    latitude = 27.0 + (number % 400) / 100
    longitude = -111.5 + (number % 300) / 100
    return opa_2019_row(
        number,
        CVE_CARTERA=f"'{number:07d}J3E",
        ID_PPI=str(number),
        LATITUD=f"{latitude:.6f}",
        LONGITUD=f"{longitude:.6f}",
        EJERCIDO="950000" if number % 10 == 0 else "800000",
    )


def _write(path: Path) -> None:
    path.write_bytes(worklist_bytes(_row(n) for n in range(1, ROWS + 1)))


def _works_again(cursor) -> tuple[float, int]:
    """Return the seconds of inserting the imported works again, and how many."""
    cursor.execute(
        "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)"
        " FROM information_schema.columns WHERE table_name = %s"
        " AND generation_expression IS NULL AND column_name <> 'id'",
        [Work._meta.db_table],
    )
    columns = cursor.fetchone()[0]
    table = Work._meta.db_table
    cursor.execute(
        f"CREATE TEMP TABLE bench_works ON COMMIT DROP AS SELECT {columns} "  # noqa: S608
        f"FROM {table} WHERE origin = 'federal-opa'"
    )
    cursor.execute("UPDATE bench_works SET public_id = 'B' || public_id")
    # They have no funding rows: their deferred checks would refuse them at
    # COMMIT, which the rollback skips.
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    start = time.perf_counter()
    cursor.execute(f"INSERT INTO {table} ({columns}) SELECT * FROM bench_works")  # noqa: S608
    return time.perf_counter() - start, cursor.rowcount


def _import(path: Path) -> tuple[float, float, int]:
    """Return the seconds of one import of ``path`` and of its works alone."""
    try:
        with transaction.atomic():
            if not State.objects.exists():
                catalog_load(read_catalog())
            start = time.perf_counter()
            result = works_file_import(path=path, actor=command_actor("bench"))
            with connection.cursor() as cursor:
                # The deferred checks (funding adds up) run at COMMIT, which
                # the rollback skips: run them inside the timing.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            seconds = time.perf_counter() - start
            assert result.payload["records"] == ROWS  # noqa: S101 - the run is whole
            with connection.cursor() as cursor:
                works_only, works = _works_again(cursor)
            raise _Rollback
    except _Rollback:
        return seconds, works_only, works


def _copy(path: Path) -> float:
    """Return the best seconds of a bare COPY of ``path``, rolled back."""
    columns = ", ".join(f"c{n} text" for n in range(len(OPA_2019_HEADER)))
    best = float("inf")
    for _ in range(COPY_ROUNDS):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"CREATE TABLE bench_opa ({columns})")
                start = time.perf_counter()
                with (
                    cursor.copy(
                        "COPY bench_opa FROM STDIN WITH (FORMAT csv, HEADER true)"
                    ) as copy,
                    path.open("rb") as handle,
                ):
                    while chunk := handle.read(1024 * 1024):
                        copy.write(chunk)
                best = min(best, time.perf_counter() - start)
                raise _Rollback
        except _Rollback:
            pass
    return best


def run() -> ImportResult:
    """Return the import's and COPY's seconds for the same 100,000 rows."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "proyectos_opa.csv"
        _write(path)
        baseline = _copy(path)
        seconds, works_only, works = _import(path)
        megabytes = path.stat().st_size / 1e6
        return ImportResult(ROWS, seconds, baseline, megabytes, works_only, works)
