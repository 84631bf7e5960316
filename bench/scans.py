"""No public read scans a table that grows with the works.

A read that scans such a table costs in proportion to the works however
little it shows (the home's map points were once read that way, every work
of a million). Here a throwaway database gets the demo,
then ``RUTA_BENCH_WORKS`` more works (200,000 unless set); the tables that
grew by at least one row in ``GREW_BY`` of the works imported are the ones
that grow with them. Each public read is then requested as the first reader
after a change does (a work saved, every cache cleared), its queries
captured, and each explained by PostgreSQL (``EXPLAIN``, plans only; nothing
runs twice). Every sequential scan of a growing table is named with its
read, its query and the share of the table the planner expects it to read.
One expected to read more than ``MOST_READ`` of it makes ``python -m bench
scans`` (and ``make bench``) fail; one stopped sooner by its ``LIMIT`` (the
first works holding a word most works hold) is bounded: it reads as many
rows at a million works as at 200,000.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test import Client, override_settings
from django.test.utils import (
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)

from bench.scale import MAPS, SEARCHES, _load, _reads, selections_summed
from ruta.works.models import Contract, Work

# A table grows with the works when the import added at least one row for
# every this many works (a year's partition of them included).
GREW_BY = 20
# A scan expected to read more than this share of a growing table reads it
# in proportion to the works; less, and its limit stops it first (the
# 10,001 first works holding "hermosillo" among 206,755: 16,653 rows read).
MOST_READ = 0.5
# Public reads besides the timed ones of ``bench.scale`` (whose API and
# pages come first): what a citizen opens from the home.
MORE_READS = (
    ("municipality page", "/es-mx/municipios/26030/"),
    ("region page", "/es-mx/regiones/{region}/"),
    ("aids page", "/es-mx/ayudas-sociales/"),
    ("POA summary", "/es-mx/programas/"),
    ("indicators", "/es-mx/indicadores/"),
    ("annual report", "/es-mx/informes/CECOP/2024/"),
    ("reports", "/es-mx/informes/"),
    ("open data", "/es-mx/datos/"),
    ("a contractor", "/es-mx/obras/contratistas/{rfc}/"),
)


@dataclass(frozen=True)
class Scan:
    """A sequential scan of a growing table in one query of one read, and the
    share of the table the planner expects it to read."""

    read: str
    table: str
    rows: int
    share: float
    query: str

    @property
    def bounded(self) -> bool:
        return self.share <= MOST_READ


@dataclass(frozen=True)
class ScansResult:
    works: int
    growing: dict[str, int]
    reads: int
    queries: int
    scans: list[Scan]
    unexplained: list[str]

    @property
    def failing(self) -> list[Scan]:
        """Return the scans expected to read a growing table through."""
        return [scan for scan in self.scans if not scan.bounded]


def _row_counts() -> dict[str, int]:
    """Return the live rows of every table, as the statistics count them."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT relname, n_live_tup FROM pg_stat_user_tables")
        return dict(cursor.fetchall())


def _growing(
    before: dict[str, int], after: dict[str, int], works: int
) -> dict[str, int]:
    """Return the tables that grew with ``works`` imported works, and their rows."""
    least = max(works // GREW_BY, 1)
    return {
        table: rows
        for table, rows in sorted(after.items())
        if rows - before.get(table, 0) >= least
    }


def _seq_scans(plan: Any, limit: float | None = None) -> Iterator[tuple[str, float]]:
    """Yield each sequential scan of an ``EXPLAIN`` JSON plan and the share of
    its table the planner expects it to read.

    A scan under a ``Limit`` stops once the limit's rows are found: it reads
    the share of its table that the limit is of the rows it would give (a
    word most works hold, the first of them); any other scan reads it all.
    """
    if isinstance(plan, list):
        for item in plan:
            yield from _seq_scans(item, limit)
        return
    if not isinstance(plan, dict):
        return
    if plan.get("Node Type") == "Limit":
        limit = float(plan.get("Plan Rows", 0))
    if plan.get("Node Type") == "Seq Scan":
        rows = max(float(plan.get("Plan Rows", 0)), 1.0)
        share = 1.0 if limit is None else min(1.0, limit / rows)
        yield plan.get("Relation Name", ""), share
    for value in plan.values():
        if isinstance(value, list | dict):
            yield from _seq_scans(value, limit)


def _explained(sql: str) -> Any:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        value = cursor.fetchone()[0]
    return json.loads(value) if isinstance(value, str) else value


def _read_queries(client: Client, url: str, headers: dict) -> list[str]:
    """Return the queries of ``url`` read first after a change (every cache cold)."""
    work = Work.objects.order_by("pk").values_list("pk", flat=True).first()
    Work.objects.filter(pk=work).update(title=F("title"))  # a save: a new version
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(url, headers=headers)
    if answer.status_code not in (200, 304):
        raise ValueError(f"{url} answered {answer.status_code}")
    return [query["sql"] for query in captured.captured_queries]


def _reads_all(client: Client) -> list[tuple[str, str, dict]]:
    region = (
        Work.objects.published()
        .exclude(municipality__region=None)
        .values_list("municipality__region_id", flat=True)
        .first()
    )
    reads = [(name, url, headers) for name, url, headers, _cold in _reads(client)]
    reads += [(name, url, {}) for name, url in (*SEARCHES, *MAPS)]
    rfc = (
        Contract.objects.exclude(contractor_rfc="")
        .values_list("contractor_rfc", flat=True)
        .first()
    )
    reads += [
        (name, url.format(region=region, rfc=rfc), {}) for name, url in MORE_READS
    ]
    return reads


def run(works: int) -> ScansResult:
    """Load the demo and ``works`` works; explain every public read's queries."""
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            call_command("load_demo", stdout=io.StringIO())
        before = _row_counts()
        _load(works)
        return _explain_reads(works, _growing(before, _row_counts(), works))
    finally:
        teardown_databases(databases, verbosity=0)
        teardown_test_environment()


def _explain_reads(works: int, growing: dict[str, int]) -> ScansResult:
    scans: list[Scan] = []
    unexplained: list[str] = []
    queries = 0
    with override_settings(
        ROOT_URLCONF="bench.scale", RUTA_API_REQUESTS_PER_MINUTE=1_000_000
    ):
        client = Client()
        reads = _reads_all(client)
        selections_summed()
        for name, url, headers in reads:
            try:
                read = _read_queries(client, url, headers)
            except Exception as error:  # noqa: BLE001 - named in the report
                unexplained.append(f"{name}: not read: {error}".splitlines()[0])
                continue
            for sql in read:
                if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                queries += 1
                try:
                    plan = _explained(sql)
                except Exception as error:  # noqa: BLE001 - named in the report
                    unexplained.append(f"{name}: {error}".splitlines()[0])
                    continue
                scans += [
                    Scan(name, table, growing[table], share, sql)
                    for table, share in _seq_scans(plan)
                    if table in growing
                ]
    return ScansResult(works, growing, len(reads), queries, scans, unexplained)


def report(result: ScansResult) -> str:
    lines = [
        f"Sequential scans of the tables that grow with the works, at "
        f"{result.works:,} imported works: {result.reads} public reads, "
        f"{result.queries} queries explained as the first reader after a save "
        "reads them.\n",
        "  Growing tables: "
        + ", ".join(f"{table} ({rows:,})" for table, rows in result.growing.items())
        + "\n",
    ]
    if not result.failing:
        lines.append("  None reads a growing table through.\n")
    for scan in result.scans:
        kind = "bounded" if scan.bounded else "SCAN"
        lines.append(
            f"  {kind} {scan.read}: {scan.table} ({scan.rows:,} rows), "
            f"{scan.share:.1%} of it expected read, in {scan.query[:400]}\n"
        )
    lines += [f"  Not explained: {item}\n" for item in result.unexplained]
    return "".join(lines)
