"""The first reader after a data change: ``python -m bench first-reader``.

A throwaway database gets the demo and ``RUTA_BENCH_WORKS`` more works
(100,000 by default), imported as ``bench/scale.py`` imports them. Then, for
each public read that sums many works, and the audit history an
administrator reads (every event, one person's, one day's):

- warm: median and 95th percentile of ``ROUNDS`` requests, the data unchanged;
- after one work saved (``work_update`` of its beneficiaries, as the desk
  saves it) and after a 1,000-row works list imported (the import's loader,
  committed): the first request, ``CHANGES`` times each, worst kept;

beside a minimal Django JSON view served by the same stack in the same run.
Before the summary rows, the first reader after a change rebuilt each sum
from the works; ``rebuilt`` times those builds (the old queries, still the
path of a filter the summary rows cannot answer) at the same size.

Then ``ruta opendata publish`` runs in a process of its own against the same
database, four times (new files; nothing changed, so no dataset is read;
every dataset read anyway, ``--every``; one work saved), and its peak
memory is read from the kernel (``VmHWM``); ``RUTA_BENCH_PUBLISH=0`` leaves
it out (at a million works it takes longer than everything else, on a
shared machine).
"""

from __future__ import annotations

import contextlib
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import (
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)
from django.utils import timezone

from bench import scale
from bench.targets import FIRST_READ_MS, PUBLISH_SECONDS, WARM_P95_MS, Target
from bench.works_import import template_rows
from ruta.accounts.actors import command_actor
from ruta.accounts.models import Role, User
from ruta.catalog.models import Agency, FiscalYear, Municipality, Region
from ruta.common.fast.workers import startup_frozen
from ruta.ingest.loaders.worklist import works_file_import
from ruta.ingest.worklist.columns import TEMPLATE_HEADER
from ruta.works.models import Work
from ruta.works.selectors import WorkFilters, work_list
from ruta.works.selectors.aggregates import _built
from ruta.works.selectors.explore import work_totals
from ruta.works.services.works import work_update
from testkit.worklists import worklist_bytes

ROUNDS = 30
CHANGES = 3
IMPORT_ROWS = 1_000
ROOT = Path(__file__).resolve().parents[1]
AGGREGATES = "/api/v1/works/aggregates"
AUDIT = "/es-mx/cuentas/auditoria/"


@dataclass(frozen=True)
class FirstRead:
    name: str
    warm_p50: float
    warm_p95: float
    after_save: float
    after_import: float
    baseline: float
    # Seconds ``ruta worker`` took to sum the selection (0: the page did).
    summed_by_queue: float = 0.0


def _reads() -> list[tuple[str, str]]:
    region = Region.objects.filter(state_id="26").order_by("number").first()
    few = scale.program_of_few_works()
    return [
        ("home", "/es-mx/"),
        ("municipality (Hermosillo)", "/es-mx/municipios/26030/"),
        ("region", f"/es-mx/regiones/{region.pk}/"),
        ("explorer", "/es-mx/obras/"),
        ("explorer, last page", "/es-mx/obras/?ultima=1"),
        ("explorer, one year", "/es-mx/obras/?year=2023"),
        ("explorer, one municipality", "/es-mx/obras/?municipality=26030"),
        (
            "explorer, one municipality by amount",
            "/es-mx/obras/?municipality=26030&sort=-amount",
        ),
        # The imported works' titles all say it: a word matching most works.
        ("explorer, searched", "/es-mx/obras/?q=rehabilitacion"),
        ("explorer, a small program", f"/es-mx/obras/?program={few}"),
        ("API works list", "/api/v1/works/"),
        ("API works, a small program", f"/api/v1/works/?program={few}"),
        ("API aggregates by municipality", f"{AGGREGATES}?by=municipality"),
        ("API aggregates by year and source", f"{AGGREGATES}?by=year&by=source"),
        ("annual report (prepared per version)", "/es-mx/informes/sonora-cecop/2024/"),
        ("indicators (prepared per version)", "/es-mx/indicadores/"),
        # Every published work of the year with its latest file's figures.
        ("budget page (prepared per version)", "/es-mx/presupuesto/"),
        ("documents list", "/es-mx/documentos/"),
        ("open-data catalogue (DCAT)", "/es-mx/datos/catalogo.jsonld"),
    ]


def _staff_reads() -> list[tuple[str, str]]:
    """The audit history as an administrator reads it: every event newest
    first, one person's (the demo's administrator) and one day's."""
    person = _administrator()
    today = timezone.localdate().isoformat()
    return [
        ("audit history (administrator)", AUDIT),
        ("audit history, one person", f"{AUDIT}?user_id={person.pk}"),
        ("audit history, today", f"{AUDIT}?date_from={today}&date_to={today}"),
    ]


def _administrator() -> User:
    return User.objects.filter(assignments__role=Role.ADMINISTRATOR).earliest("pk")


def _get(client: Client, url: str) -> float:
    start = time.perf_counter()
    answer = client.get(url)
    elapsed = time.perf_counter() - start
    assert answer.status_code == 200, (url, answer.status_code)  # noqa: S101
    return elapsed


def _warm(client: Client, url: str) -> tuple[float, float, float]:
    """Return the median and p95 warm, and the seconds the queue took to sum
    the first request's selection (0 when its page summed it)."""
    scale.selections_summed()  # what earlier reads left waiting
    _get(client, url)
    summed = scale.selections_summed()
    timings = sorted(_get(client, url) for _ in range(ROUNDS))
    p50, p95 = statistics.median(timings), timings[int(0.95 * (len(timings) - 1))]
    return p50, p95, summed


def _after(change: Callable[[], None], client: Client, url: str) -> float:
    """Return the worst first request after ``change``, of ``CHANGES`` tries."""
    worst = 0.0
    for _ in range(CHANGES):
        change()
        worst = max(worst, _get(client, url))
    return worst


class _Changes:
    """The two changes a reader comes after: a work saved, a file imported."""

    def __init__(self) -> None:
        self.work = Work.objects.published().order_by("-id").first()
        self.places = list(
            Municipality.objects.filter(state_id="26").values_list("code", flat=True)
        )
        self.imported = 0

    def save_one(self) -> None:
        self.work.refresh_from_db()
        work_update(
            work=self.work,
            changes={"beneficiaries": self.work.beneficiaries % 1000 + 1},
            actor=command_actor("bench"),
        )

    def import_file(self) -> None:
        first = 1_900_000 + self.imported
        self.imported += IMPORT_ROWS
        rows = template_rows(first, first + IMPORT_ROWS - 1, self.places)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"obras-{first}.csv"
            path.write_bytes(worklist_bytes(rows, header=list(TEMPLATE_HEADER)))
            works_file_import(
                path=path,
                actor=command_actor("bench"),
                agency=scale.AGENCY,
                program=scale.PROGRAM,
                as_of=date(2024, 6, 30),
            )


def _rebuilt() -> list[tuple[str, float]]:
    """Time what the first reader rebuilt before the summary rows."""
    published = Work.objects.published()
    builds: list[tuple[str, Callable[[], object]]] = [
        (
            "years (distinct over every work)",
            lambda: list(
                published.order_by("-fiscal_year_id")
                .values_list("fiscal_year_id", flat=True)
                .distinct()
            ),
        ),
        (
            "filter options (four joins with DISTINCT)",
            lambda: (
                list(FiscalYear.objects.filter(works__in=published).distinct()),
                list(Municipality.objects.filter(works__in=published).distinct()),
                list(
                    Region.objects.filter(
                        municipalities__works__in=published
                    ).distinct()
                ),
                list(Agency.objects.filter(executed_works__in=published).distinct()),
            ),
        ),
        ("explorer totals", lambda: work_totals(work_list(filters=WorkFilters()))),
        (
            "API aggregates by year and source",
            lambda: _built(("year", "source"), WorkFilters()),
        ),
    ]
    timed = []
    for name, build in builds:
        start = time.perf_counter()
        build()
        timed.append((name, time.perf_counter() - start))
    return timed


def _publish_wanted() -> bool:
    """Return whether to time the publish too (``RUTA_BENCH_PUBLISH``, default 1)."""
    value = os.environ.get("RUTA_BENCH_PUBLISH", "1")
    if value not in ("0", "1"):
        raise SystemExit("RUTA_BENCH_PUBLISH must be 0 or 1")
    return value == "1"


def database_url(database: dict[str, Any]) -> str:
    """Return a URL a child process reaches ``database`` (Django's settings) by.

    The embedded server's host is its socket's folder, which its URL names
    as an option: quoted, as a URL's host may not hold slashes.
    """
    folder = database["HOST"] or database.get("OPTIONS", {}).get("host", "")
    host = quote(str(folder), safe="")
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgresql://{database['USER']}@{host}{port}/{database['NAME']}"


def _publish_memory(changes: _Changes) -> list[tuple[str, float, float]]:
    """Run ``ruta opendata publish`` in a process of its own, each time after
    a change or none; return each run's seconds and MB."""
    url = database_url(settings.DATABASES["default"])
    script = (
        "import sys, time\n"
        "from ruta.cli import main\n"
        "start = time.perf_counter()\n"
        "sys.argv = ['ruta', 'opendata', 'publish', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a
        # child would report the bench's own peak.
        "peak = next(int(x.split()[1]) for x in open('/proc/self/status')"
        " if x.startswith('VmHWM'))\n"
        "print('RESULT', time.perf_counter() - start, peak / 1024)\n"
    )
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "RUTA_DATABASE_OWNER_URL": url,
    }
    results = []
    # Each dataset new; nothing changed (no dataset read); every dataset read
    # anyway; one work saved (the datasets read from the works read again).
    runs = (
        ("new files", (), None),
        ("nothing changed", (), None),
        ("nothing changed, every dataset read (--every)", ("--every",), None),
        ("one work saved", (), changes.save_one),
    )
    for run, options, change in runs:
        if change is not None:
            change()
        finished = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script, *options],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        if finished.returncode != 0:
            raise RuntimeError(f"ruta opendata publish failed:\n{finished.stderr}")
        line = next(x for x in finished.stdout.splitlines() if x.startswith("RESULT"))
        _, seconds, megabytes = line.split()
        results.append((run, float(seconds), float(megabytes)))
    return results


@dataclass(frozen=True)
class FirstReaderResult:
    works: int
    load_seconds: float
    reads: list[FirstRead]
    rebuilt: list[tuple[str, float]]
    publish: list[tuple[str, float, float]]


def run() -> FirstReaderResult:
    """Load the works, then time each read warm and first after each change."""
    count = scale.works_wanted()
    publishing = _publish_wanted()
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            call_command("load_demo", stdout=io.StringIO())
        load_seconds, published = scale._load(count)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        changes = _Changes()
        with override_settings(
            ROOT_URLCONF=scale.__name__, RUTA_API_REQUESTS_PER_MINUTE=1_000_000
        ):
            # As a served worker does once loaded (config/wsgi.py): what the
            # loads left in this process is not scanned again by every full
            # collection during the reads.
            startup_frozen()
            client, staff = Client(), Client()
            staff.force_login(_administrator())
            baseline = _warm(client, "/bench/minimal")[0]
            reads = []
            asked = [(client, name, url) for name, url in _reads()]
            asked += [(staff, name, url) for name, url in _staff_reads()]
            for reader, name, url in asked:
                p50, p95, summed = _warm(reader, url)
                saved = _after(changes.save_one, reader, url)
                imported = _after(changes.import_file, reader, url)
                reads.append(
                    FirstRead(name, p50, p95, saved, imported, baseline, summed)
                )
        rebuilt = _rebuilt()
        publish = _publish_memory(changes) if publishing else []
        return FirstReaderResult(published, load_seconds, reads, rebuilt, publish)
    finally:
        teardown_databases(databases, verbosity=0)
        teardown_test_environment()


def report(result: FirstReaderResult) -> str:
    """Return the figures as text, each beside its target."""
    baseline = result.reads[0].baseline
    lines = [
        f"First reader after a change at {result.works:,} published works "
        f"(imported in {result.load_seconds:.0f} s); minimal Django JSON view "
        f"{baseline * 1000:.2f} ms. Warm: median and p95 of {ROUNDS}; after a "
        f"change: the worst first request of {CHANGES}. Targets: warm p95 ≤ "
        f"{WARM_P95_MS.bound:.0f} ms, first after a change ≤ "
        f"{FIRST_READ_MS.bound:.0f} ms.",
        "",
        "| read | warm p50 | warm p95 | first after one work saved "
        f"| first after a {IMPORT_ROWS:,}-row import |",
        "|---|---|---|---|---|",
    ]
    for read in result.reads:
        cells = [
            _cell(read.warm_p50, baseline),
            _cell(read.warm_p95, baseline, WARM_P95_MS),
            _cell(read.after_save, baseline, FIRST_READ_MS),
            _cell(read.after_import, baseline, FIRST_READ_MS),
        ]
        lines.append(f"| {read.name} | " + " | ".join(cells) + " |")
    queued = [read for read in result.reads if read.summed_by_queue]
    if queued:
        lines += ["", "Selections too large for their page, summed by `ruta worker`:"]
        lines += [
            f"- {read.name}: {read.summed_by_queue:.1f} s after its first request"
            for read in queued
        ]
    lines += ["", "What the first reader rebuilt before (the old queries, same data):"]
    lines += [f"- {name}: {seconds * 1000:,.0f} ms" for name, seconds in result.rebuilt]
    lines += ["", "`ruta opendata publish` in a process of its own:"]
    lines += [
        f"- {run}: {seconds:.1f} s (target {PUBLISH_SECONDS}"
        f"{'' if PUBLISH_SECONDS.met(seconds) else ', over'}), "
        f"peak memory {megabytes:,.0f} MB"
        for run, seconds, megabytes in result.publish
    ] or ["- not measured (`RUTA_BENCH_PUBLISH=0`)"]
    return "\n".join(lines) + "\n"


def _cell(seconds: float, baseline: float, target: Target | None = None) -> str:
    text = f"{seconds * 1000:,.1f} ms ({seconds / baseline:,.0f}×)"
    if target is not None and not target.met(seconds * 1000):
        text += " over"
    return text
