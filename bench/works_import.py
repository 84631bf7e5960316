"""Works imports against the works table's own insert and a bare COPY.

Three files are written here: 100,000 OPA-shaped rows (the 2019-onwards
columns, quoted as SHCP quotes them, line breaks in descriptions,
coordinates spread over Sonora, one row in ten with a finding) and the
platform's template at 100,000 and 250,000 rows (the rows ``bench/scale.py``
imports: Sonora's municipalities, five fiscal years). Each is imported by
``ruta ingest works``'s loader in a child process: read, checked, staged,
written as works with their funding lines, publications, published rows and
findings, the deferred checks run, all in one transaction, timed, then
rolled back.

Beside it, in the same transaction, the file's works are inserted again into
the works table from a table holding their values (the *plain insert*): what
the table itself costs (its indexes, the Spanish search vector, the audit
and summary triggers, the funding lines it holds), nothing read or checked,
with its deferred foreign-key checks timed apart. Target: the import at
most 1.5 times the plain insert. The file's own baseline is PostgreSQL's
COPY of it into a table of text columns.

Then the other rows the import wrote are inserted again for those works the
same way: their publications and published rows, and every deferred
check run. With the works, that is
the *plain insert of the same rows*: what the tables cost for what one
import must write, nothing read or checked in Python. The import over it is
what the reading, the checks and the import's own statements add; the
plain insert of the same rows over the works' alone is what the rows
besides the works cost.

Memory is the child's peak resident set (``VmHWM``: the kernel's
``ru_maxrss`` of a child started with ``vfork`` and ``exec`` keeps the
parent's size, which hid the import's) beside what the same process held
before the import started, and the peak of the process the import reads
the file in: neither should grow with the file.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from django.db import DatabaseError, connection, transaction

from bench.targets import IMPORT_OVER_INSERT
from testkit.worklists import OPA_2019_HEADER, opa_2019_row, template_row

OPA_ROWS = 100_000
TEMPLATE_ROWS = (100_000, 250_000)
COPY_ROUNDS = 3
# Each import and its plain inserts are measured this many times, each time
# in a fresh process after a VACUUM and from a checkpoint (``_checkpoint``),
# and the fastest of each kept: what else the machine runs only ever adds
# time, and on a shared machine one run of either moved the ratio by 0.3;
# the fastest of two still moved it by 0.1 from one run of the bench to the
# next (1.41 to 1.62 for the same code and file).
IMPORT_ROUNDS = 3
# The demo's executing agency and program (the template names neither).
AGENCY = "sonora-cecop"
PROGRAM = "transforma-sonora-apoyo-municipios"
YEARS = ("2020", "2021", "2022", "2023", "2024")
AS_OF = date(2024, 6, 30)
# The child process's database: the throwaway one the parent made.
_DATABASE = "RUTA_BENCH_DATABASE"
_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class ImportRun:
    """What the child process measured of one import."""

    records: int
    seconds: float
    # The file's works inserted again from a table of their values, and the
    # deferred foreign-key checks of that insert.
    insert: float
    insert_checks: float
    works: int
    # The import's other rows inserted again for those works
    # (publications, published rows), and every deferred check after them.
    rows_insert: float
    rows_checks: float
    rows: int
    # The child's peak resident megabytes before the import started, and
    # after it.
    start_megabytes: float
    peak_megabytes: float
    # The reading process's peak (``read_apart``): forked from this one, it
    # counts the pages it shares with it too.
    reader_megabytes: float
    # CPU seconds, which a machine shared with other work inflates far less
    # than wall time: the import's in this process and its reading process
    # (reading, checking) and in its PostgreSQL backend, and in the backend
    # the plain insert's of the works (with their checks) and of the same
    # rows (the works' with the other rows', every check). None when the
    # server's processes cannot be read (another machine).
    import_cpu: float
    import_server_cpu: float | None
    insert_server_cpu: float | None
    rows_server_cpu: float | None


@dataclass(frozen=True)
class ImportFigures:
    """One file: its import, the works table's own insert, COPY, memory."""

    name: str
    rows: int
    file_megabytes: float
    copy: float
    run: ImportRun

    @property
    def plain_insert(self) -> float:
        """Return the seconds of the works' plain insert with its checks."""
        return self.run.insert + self.run.insert_checks

    @property
    def ratio(self) -> float:
        """Return the import's seconds over the plain insert's (its target:
        ``bench.targets.IMPORT_OVER_INSERT``)."""
        return self.run.seconds / self.plain_insert

    @property
    def same_rows_insert(self) -> float:
        """Return the seconds of the plain insert of every row the import
        wrote: the works, their other rows, every check."""
        run = self.run
        return run.insert + run.insert_checks + run.rows_insert + run.rows_checks

    @property
    def rows_ratio(self) -> float:
        """Return the import's seconds over the plain insert of the same rows."""
        return self.run.seconds / self.same_rows_insert

    @property
    def copy_ratio(self) -> float:
        """Return the import's seconds over the bare COPY's."""
        return self.run.seconds / self.copy

    def cpu_line(self) -> str:
        """Return the CPU seconds of both, when the server's can be read."""
        run = self.run
        if run.import_server_cpu is None or not run.insert_server_cpu:
            return f"CPU: import {run.import_cpu:.1f} s here (the server's unread)"
        total = run.import_cpu + run.import_server_cpu
        rows = (
            f", of the same rows {run.rows_server_cpu:.1f} s "
            f"({run.import_server_cpu / run.rows_server_cpu:.2f}×)"
            if run.rows_server_cpu
            else ""
        )
        return (
            f"CPU: import {total:.1f} s ({run.import_cpu:.1f} reading and checking "
            f"+ {run.import_server_cpu:.1f} in PostgreSQL), plain insert "
            f"{run.insert_server_cpu:.1f} s; PostgreSQL's share alone "
            f"{run.import_server_cpu / run.insert_server_cpu:.2f}×{rows}"
        )


def template_rows(first: int, last: int, places: list[str]) -> Iterator[dict[str, str]]:
    """Yield template rows ``first``..``last`` spread over ``places`` and years."""
    for number in range(first, last + 1):
        place = places[number % len(places)]
        yield template_row(
            number,
            CLAVE=f"BENCH-{number:07d}",
            NOMBRE=f"Rehabilitación de la calle {number} en {place}",
            MUNICIPIO=place,
            EJERCICIO=YEARS[number % len(YEARS)],
            INVERSION_TOTAL=str(100_000 + number % 900_000),
            ESTATAL=str(60_000 + number % 900_000),
            MUNICIPAL="40000",
            AVANCE_FISICO=str(number % 101),
        )


def opa_rows(count: int) -> Iterator[dict[str, str]]:
    """Yield OPA rows; one in ten has a finding (paid over modified)."""
    for number in range(1, count + 1):
        latitude = 27.0 + (number % 400) / 100
        longitude = -111.5 + (number % 300) / 100
        yield opa_2019_row(
            number,
            CVE_CARTERA=f"'{number:07d}J3E",
            ID_PPI=str(number),
            LATITUD=f"{latitude:.6f}",
            LONGITUD=f"{longitude:.6f}",
            EJERCIDO="950000" if number % 10 == 0 else "800000",
        )


class _Rollback(Exception):
    pass


def _copy(path: Path, columns: int) -> float:
    """Return the best seconds of a bare COPY of ``path``, rolled back."""
    table = ", ".join(f"c{n} text" for n in range(columns))
    best = float("inf")
    for _ in range(COPY_ROUNDS):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"CREATE TABLE bench_file ({table})")
                start = time.perf_counter()
                with (
                    cursor.copy(
                        "COPY bench_file FROM STDIN WITH (FORMAT csv, HEADER true)"
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


def _in_child(kind: str, path: Path) -> ImportRun:
    """Run one import in a fresh process; return what it measured."""
    environment = {**os.environ, _DATABASE: connection.settings_dict["NAME"]}
    environment.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    child = subprocess.run(  # noqa: S603 - this interpreter, this module
        [sys.executable, "-m", "bench.works_import", kind, str(path)],
        cwd=_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        check=True,
    )
    return ImportRun(**json.loads(child.stdout))


def peak_megabytes() -> float:
    """Return this process's peak resident megabytes since it started."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status: not Linux")


def _measure(
    name: str, kind: str, path: Path, rows: int, columns: int
) -> ImportFigures:
    copy = _copy(path, columns)
    run = _fastest([_vacuumed_run(kind, path) for _ in range(IMPORT_ROUNDS)])
    if run.records != rows:
        raise RuntimeError(f"{name}: {run.records} rows read of {rows}")
    megabytes = path.stat().st_size / 1e6
    return ImportFigures(name, rows, megabytes, copy, run)


def _vacuumed_run(kind: str, path: Path) -> ImportRun:
    """Return one round: the import and its plain inserts, after a VACUUM."""
    with connection.cursor() as cursor:
        # Each import starts from the same tables: the rows an import rolled
        # back stay, dead, until vacuumed, and its scans would read them.
        cursor.execute("VACUUM")
    return _in_child(kind, path)


def _fastest(runs: list[ImportRun]) -> ImportRun:
    """Return the fastest import with the fastest plain inserts of ``runs``.

    Each side is taken whole from its own round: its seconds with its CPU
    and, for the import, its memory.
    """
    imported = min(runs, key=lambda run: run.seconds)
    works = min(runs, key=lambda run: run.insert + run.insert_checks)
    rows = min(runs, key=lambda run: run.rows_insert + run.rows_checks)
    return replace(
        imported,
        insert=works.insert,
        insert_checks=works.insert_checks,
        insert_server_cpu=works.insert_server_cpu,
        rows_insert=rows.rows_insert,
        rows_checks=rows.rows_checks,
        rows_server_cpu=rows.rows_server_cpu,
    )


def _catalogs() -> list[str]:
    """Commit the catalogs the files name; return Sonora's municipality codes."""
    from ruta.catalog.datafiles import read_catalog
    from ruta.catalog.loader import catalog_load
    from ruta.catalog.models import Municipality, State
    from ruta.works.loader import works_catalog_load

    if not State.objects.exists():
        catalog_load(read_catalog())
        works_catalog_load()
    return list(
        Municipality.objects.filter(state_id="26")
        .order_by("code")
        .values_list("code", flat=True)
    )


def run() -> list[ImportFigures]:
    """Return the figures of the OPA file and of the template at two sizes."""
    from ruta.ingest.worklist.columns import TEMPLATE_HEADER
    from testkit.worklists import worklist_write

    places = _catalogs()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        opa = Path(folder) / "proyectos_opa.csv"
        worklist_write(opa, opa_rows(OPA_ROWS), header=OPA_2019_HEADER)
        results.append(_measure("OPA", "opa", opa, OPA_ROWS, len(OPA_2019_HEADER)))
        opa.unlink()
        for rows in TEMPLATE_ROWS:
            path = Path(folder) / f"obras-{rows}.csv"
            header = list(TEMPLATE_HEADER)
            worklist_write(path, template_rows(1, rows, places), header=header)
            results.append(_measure("template", "template", path, rows, len(header)))
            path.unlink()
    return results


def report(results: list[ImportFigures]) -> str:
    """Return the figures as lines for ``make bench``."""
    lines = [
        "Works import (one transaction, rolled back) against the plain insert of "
        "its works into the works table (with its deferred foreign-key checks) "
        f"and a bare COPY of the file, each the fastest of {IMPORT_ROUNDS} rounds "
        f"(COPY of {COPY_ROUNDS}); target import/insert {IMPORT_OVER_INSERT}:"
    ]
    for item in results:
        run = item.run
        lines.append(
            f"  {item.name} {item.rows:,} rows ({item.file_megabytes:.0f} MB): "
            f"import {run.seconds:.1f} s ({item.rows / run.seconds:,.0f} rows/s); "
            f"plain insert of its {run.works:,} works {item.plain_insert:.2f} s "
            f"({run.insert:.2f} s + {run.insert_checks:.2f} s of checks); "
            f"ratio import/insert {item.ratio:.2f} "
            f"({run.seconds / run.insert:.2f} to the insert alone); "
            f"plain insert of the same rows (those works and their {run.rows:,} "
            f"publications and published rows, every check) "
            f"{item.same_rows_insert:.2f} s, import/that {item.rows_ratio:.2f}, "
            f"that/the works' {item.same_rows_insert / item.plain_insert:.2f}; "
            f"bare COPY {item.copy:.2f} s ({item.rows / item.copy:,.0f} rows/s), "
            f"import/COPY {item.copy_ratio:.1f}×; "
            f"peak memory {run.peak_megabytes:,.0f} MB "
            f"({run.start_megabytes:,.0f} MB before the import), its reading "
            f"process's {run.reader_megabytes:,.0f} MB. {item.cpu_line()}"
        )
    return "\n".join(lines) + "\n"


# The child process: one import and the plain insert, printed as JSON.


@dataclass(frozen=True)
class _PlainInserts:
    """The works inserted again, then their other rows, with the server's CPU."""

    works: float
    works_checks: float
    works_count: int
    works_server: float | None
    rows: float
    rows_checks: float
    rows_count: int
    rows_server: float | None


def _columns(cursor, table: str, *, but: tuple[str, ...] = ("id",)) -> list[str]:
    """Return ``table``'s written columns, quoted, in order, but ``but``."""
    cursor.execute(
        "SELECT quote_ident(column_name) FROM information_schema.columns"
        " WHERE table_name = %s AND generation_expression IS NULL"
        " AND column_name <> ALL(%s) ORDER BY ordinal_position",
        [table, list(but)],
    )
    return [name for (name,) in cursor.fetchall()]


def _works_to_insert_again(cursor, origin: str) -> str:
    """Copy the imported works into a temporary table, their ids prefixed.

    Return the INSERT of them into the works table.
    """
    from ruta.works.models import Work

    table = Work._meta.db_table
    columns = ", ".join(_columns(cursor, table))
    cursor.execute(
        f"CREATE TEMP TABLE bench_works ON COMMIT DROP AS SELECT {columns} "  # noqa: S608
        f"FROM {table} WHERE origin = %s",
        [origin],
    )
    cursor.execute("UPDATE bench_works SET public_id = 'B' || public_id")
    return f"INSERT INTO {table} ({columns}) SELECT * FROM bench_works"  # noqa: S608


def _rows_to_insert_again(cursor, document: int) -> list[str]:
    """Copy the import's other rows into temporary tables, for the new works.

    Their publications name the works inserted again (their funding lines
    went with them); their published rows go to a table of the file's own.
    Return the INSERTs.
    """
    from ruta.sources.models import PublishedRow
    from ruta.works.models import Work, WorkPublication

    cursor.execute(
        f"CREATE TEMP TABLE bench_ids ON COMMIT DROP AS "  # noqa: S608
        f"SELECT o.id AS old_id, n.id FROM bench_works b "
        f"JOIN {Work._meta.db_table} n ON n.public_id = b.public_id "
        f"JOIN {Work._meta.db_table} o ON o.public_id = substr(b.public_id, 2)"
    )
    inserts = []
    # Their publications by this file only.
    for model, where, params in ((WorkPublication, "r.document_id = %s", [document]),):
        table = model._meta.db_table
        rest = ", ".join(_columns(cursor, table, but=("id", "work_id")))
        cursor.execute(
            f"CREATE TEMP TABLE bench_{table} ON COMMIT DROP AS "  # noqa: S608
            f"SELECT w.id AS work_id, {rest} FROM {table} r "
            f"JOIN bench_ids w ON w.old_id = r.work_id WHERE {where}",
            params,
        )
        inserts.append(
            f"INSERT INTO {table} (work_id, {rest}) "  # noqa: S608
            f"SELECT work_id, {rest} FROM bench_{table}"
        )
    table = PublishedRow._meta.db_table
    rest = ", ".join(_columns(cursor, table))
    cursor.execute(
        f"CREATE TEMP TABLE bench_{table} ON COMMIT DROP AS "  # noqa: S608
        f"SELECT {rest} FROM {table} WHERE document_id = %s",
        [document],
    )
    cursor.execute(f"UPDATE bench_{table} SET table_id = 'bench'")  # noqa: S608
    inserts.append(
        f"INSERT INTO {table} ({rest}) SELECT {rest} FROM bench_{table}"  # noqa: S608
    )
    return inserts


def _rows_again(cursor, origin: str, document: int) -> _PlainInserts:
    """Insert the imported works again, then their other rows; time both.

    The works' deferred foreign-key checks are timed with them; every other
    deferred check (the other rows' keys) after the rows.
    Copying the rows into the temporary tables is not timed.
    """
    from ruta.common.fast.bulk import bulk_settings
    from ruta.works.models import Work

    works = _works_to_insert_again(cursor, origin)
    cursor.execute(
        "SELECT string_agg(quote_ident(conname), ', ') FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype = 'f'",
        [Work._meta.db_table],
    )
    foreign_keys = cursor.fetchone()[0]
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    # The settings the import writes under: the tables' own cost at their best.
    with bulk_settings():
        _checkpoint(cursor)
        server = _server_cpu()
        start = time.perf_counter()
        cursor.execute(works)
        inserted = time.perf_counter() - start
        count = cursor.rowcount
        start = time.perf_counter()
        cursor.execute(f"SET CONSTRAINTS {foreign_keys} IMMEDIATE")
        checks = time.perf_counter() - start
        works_server = _since(server, _server_cpu())
        inserts = _rows_to_insert_again(cursor, document)
        server = _server_cpu()
        start, rows = time.perf_counter(), 0
        for insert in inserts:
            cursor.execute(insert)
            rows += cursor.rowcount
        rows_inserted = time.perf_counter() - start
        start = time.perf_counter()
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        rows_checks = time.perf_counter() - start
        rows_server = _since(server, _server_cpu())
    return _PlainInserts(
        inserted,
        checks,
        count,
        works_server,
        rows_inserted,
        rows_checks,
        rows,
        _sum(works_server, rows_server),
    )


def _checkpoint(cursor) -> None:
    """Start a timing from a checkpoint, where the server's role may take one.

    An import writes some 700 MB of WAL for 100,000 rows, and the server
    checkpoints every so many (``max_wal_size``); after each, a page's first
    change is written to the WAL whole. Each timing starts at a checkpoint,
    so neither the import nor the plain insert begins halfway to the next
    one by chance.
    """
    from psycopg.errors import InsufficientPrivilege

    try:
        with transaction.atomic():
            cursor.execute("CHECKPOINT")
    except DatabaseError as error:
        if not isinstance(error.__cause__, InsufficientPrivilege):
            raise


def _sum(first: float | None, second: float | None) -> float | None:
    return None if first is None or second is None else first + second


def _child_import(kind: str, path: Path) -> ImportRun:
    from ruta.accounts.actors import command_actor
    from ruta.ingest.loaders.worklist import works_file_import

    options = {"agency": AGENCY, "program": PROGRAM, "as_of": AS_OF}
    start_megabytes = peak_megabytes()
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                _checkpoint(cursor)
            server = _server_cpu()
            start, cpu = time.perf_counter(), _cpu()
            result = works_file_import(
                path=path,
                actor=command_actor("bench"),
                **(options if kind == "template" else {}),
            )
            with connection.cursor() as cursor:
                # The deferred checks run at COMMIT, which the rollback
                # skips: run them inside the timing.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            seconds = time.perf_counter() - start
            cpu = _cpu() - cpu
            import_server = _since(server, _server_cpu())
            origin = "agency-file" if kind == "template" else "federal-opa"
            with connection.cursor() as cursor:
                again = _rows_again(cursor, origin, result.document.pk)
            raise _Rollback
    except _Rollback:
        pass
    return ImportRun(
        records=result.payload["records"],
        seconds=seconds,
        insert=again.works,
        insert_checks=again.works_checks,
        works=again.works_count,
        rows_insert=again.rows,
        rows_checks=again.rows_checks,
        rows=again.rows_count,
        start_megabytes=start_megabytes,
        peak_megabytes=peak_megabytes(),
        reader_megabytes=_children_peak_megabytes(),
        import_cpu=cpu,
        import_server_cpu=import_server,
        insert_server_cpu=again.works_server,
        rows_server_cpu=again.rows_server,
    )


def _children_peak_megabytes() -> float:
    """Return the largest peak resident megabytes of this process's children."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _cpu() -> float:
    """Return this process's CPU seconds and its finished children's."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _server_cpu() -> float | None:
    """Return the CPU seconds this connection's PostgreSQL backend has used.

    From ``/proc``: the server must run on this machine (the embedded one
    does, and so does a local one this user may read); None otherwise.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime, the 14th and 15th fields, in clock ticks.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _since(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def _child(kind: str, path: Path) -> None:
    import django
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from django.db import connections

    # The server's own database for the application is not the one to use:
    # the parent's throwaway database is (as the test runner switches it).
    name, default = os.environ[_DATABASE], settings.DATABASES["default"]["NAME"]
    for alias in connections:
        if connections[alias].settings_dict["NAME"] == default:
            connections[alias].settings_dict["NAME"] = name
    # Load the modules the import uses before the baseline figure.
    import ruta.ingest.loaders.worklist  # noqa: F401

    run = _child_import(kind, path)
    sys.stdout.write(json.dumps(run.__dict__))


if __name__ == "__main__":
    _child(sys.argv[1], Path(sys.argv[2]))
