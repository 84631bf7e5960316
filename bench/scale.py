"""Reads at scale: N works loaded by the import service, then the public reads.

A throwaway database gets the demo (catalogs, programs, 715 works) and then
``RUTA_BENCH_WORKS`` more works (100,000 by default; up to 2,000,000) in the
platform's template, spread over Sonora's municipalities and five fiscal
years, imported by ``ruta ingest works``'s loader in files of 250,000 rows
(the reader refuses a works list over 128 MB) and committed. Then each
read is requested through the whole Django stack and timed: median and 95th
percentile of ``ROUNDS`` warm requests, beside a minimal Django JSON view
served by the same stack in the same run (the least a request costs here).
Last, the works dataset is written as CSV and as Parquet (``bench.formats``).
"""

from __future__ import annotations

import contextlib
import io
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, JsonResponse
from django.test import Client, override_settings
from django.test.utils import (
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)
from django.urls import path
from procrastinate.contrib.django.models import ProcrastinateJob

from bench import concurrency, downloads, formats, proxy
from bench.targets import FIRST_READ_MS, WARM_P95_MS, Target
from bench.works_import import template_rows
from config import urls as site_urls
from ruta.accounts.actors import command_actor
from ruta.catalog.models import Municipality
from ruta.common.fast.workers import startup_frozen
from ruta.common.web.pagination import cursor_encoded
from ruta.ingest.loaders.worklist import works_file_import
from ruta.ingest.worklist.columns import TEMPLATE_HEADER
from ruta.opendata.services import publish_datasets
from ruta.works.models import Work, WorksProgram
from ruta.works.tasks import TOTALS_QUEUE, TOTALS_TASK
from testkit.worklists import worklist_write

ROUNDS = 30
DEFAULT_WORKS = 100_000
MOST_WORKS = 2_000_000
# About 90 MB of the template each, under the reader's 128 MB bound.
ROWS_PER_FILE = 250_000
# The demo's executing agency (the CECOP); the template names no agency.
AGENCY = "sonora-cecop"
PROGRAM = "transforma-sonora-apoyo-municipios"


def minimal_json(request: HttpRequest) -> JsonResponse:
    """The baseline: a Django view that reads nothing and answers JSON."""
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/minimal", minimal_json), *site_urls.urlpatterns]


@dataclass(frozen=True)
class ReadResult:
    name: str
    p50: float
    p95: float
    baseline: float
    cold: bool = False  # the cache emptied before each request

    @property
    def target(self) -> Target:
        """Return the p95's target: a first reader's when read cold."""
        return FIRST_READ_MS if self.cold else WARM_P95_MS

    @property
    def ratio(self) -> float:
        return self.p50 / self.baseline


def works_wanted() -> int:
    """Return how many works to load, bounded before any work is done."""
    value = os.environ.get("RUTA_BENCH_WORKS", str(DEFAULT_WORKS))
    if not value.isdigit() or not 1_000 <= int(value) <= MOST_WORKS:
        raise SystemExit(f"RUTA_BENCH_WORKS must be 1,000 to {MOST_WORKS:,}")
    return int(value)


def _load(count: int) -> tuple[float, int]:
    """Import ``count`` works; return the seconds and the works now published.

    In files of ``ROWS_PER_FILE`` rows: the reader refuses a works list over
    128 MB, as it would an agency's.
    """
    places = list(
        Municipality.objects.filter(state_id="26").values_list("code", flat=True)
    )
    seconds = 0.0
    for first in range(1, count + 1, ROWS_PER_FILE):
        last = min(first + ROWS_PER_FILE - 1, count)
        seconds += _load_file(template_rows(first, last, places), first)
    return seconds, Work.objects.published().count()


def _load_file(rows: Iterator[dict[str, str]], first: int) -> float:
    """Import one file of ``rows``; return the seconds the import took."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / f"obras-{first:07d}.csv"
        worklist_write(file, rows, header=list(TEMPLATE_HEADER))
        start = time.perf_counter()
        works_file_import(
            path=file,
            actor=command_actor("bench"),
            agency=AGENCY,
            program=PROGRAM,
            as_of=date(2024, 6, 30),
        )
        return time.perf_counter() - start


def selections_summed() -> float:
    """Sum the explorer's selections waiting in the queue, as ``ruta worker``
    does (its ``works`` queue alone); return the seconds it took."""
    waiting = ProcrastinateJob.objects.filter(task_name=TOTALS_TASK, status="todo")
    if not waiting.exists():
        return 0.0
    start = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):
        call_command(
            "procrastinate", "worker", f"--queues={TOTALS_QUEUE}", "--one-shot"
        )
    return time.perf_counter() - start


def _timed(client: Client, url: str, *, cold: bool = False, **headers) -> list[float]:
    expected = 304 if headers else 200
    answer = client.get(url, headers=headers)
    assert answer.status_code == expected, (url, answer.status_code)  # noqa: S101
    # A selection too large for its page is summed by the worker once.
    selections_summed()
    timings = []
    for _ in range(ROUNDS):
        if cold:
            cache.clear()
        start = time.perf_counter()
        client.get(url, headers=headers)
        timings.append(time.perf_counter() - start)
    return timings


def _percentiles(timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def _last_page_address() -> str:
    """Return the address of the works list's last page (a cursor to its start)."""
    order = ("-fiscal_year_id", "public_id")
    total = Work.objects.published().count()
    before_last = (
        Work.objects.published().order_by(*order)[max(total - 51, 0) : total - 50].get()
    )
    cursor = cursor_encoded([before_last.fiscal_year_id, before_last.public_id])
    return f"/api/v1/works/?cursor={cursor}"


def program_of_few_works() -> str:
    """Return the code of the largest program besides the imported works'.

    Its works are few beside the imported ones and of other years (the
    demo's federal portfolio): a list of them in its order, read off the
    order's index, would walk past the imported works to find a page.
    """
    other = (
        WorksProgram.objects.exclude(code=PROGRAM)
        .filter(works__published_at__isnull=False)
        .annotate(works_count=Count("works"))
        .order_by("-works_count", "code")
        .values_list("code", flat=True)
        .first()
    )
    return other or PROGRAM


# The site search (``ruta.portal.search``): every kind at once, a word most
# works hold, a typo mended, a later page of works, the API.
SEARCHES = (
    ("site search, a place", "/es-mx/buscar/?q=hermosillo"),
    ("site search, a word of most works", "/es-mx/buscar/?q=rehabilitacion"),
    ("site search, a typo", "/es-mx/buscar/?q=rehabilitaxion"),
    ("site search, two words", "/es-mx/buscar/?q=calle+cajeme"),
    (
        "site search, works page 3",
        "/es-mx/buscar/?q=calle&tipo=obras&pagina=3",
    ),
    ("API search", "/api/v1/search?q=pavimentacion"),
)

# The works map and its GeoJSON (``python -m bench map``): every work, a
# whole year, a status, a municipality, a word, and the largest bound of
# points.
MAPS = (
    ("works map, every work", "/es-mx/mapa/obras/"),
    ("works map, a year", "/es-mx/mapa/obras/?year=2024"),
    ("works map, a status", "/es-mx/mapa/obras/?status=in_execution"),
    ("works map, a municipality", "/es-mx/mapa/obras/?municipality=26030"),
    ("works map, a word", "/es-mx/mapa/obras/?q=pavimentacion"),
    ("map GeoJSON, a year", "/es-mx/mapa/puntos.geojson?year=2024"),
    ("map GeoJSON, a municipality", "/es-mx/mapa/puntos.geojson?municipality=26030"),
    # A later page: the points after every work of 2024, the older years'.
    ("map GeoJSON, a later page", "/es-mx/mapa/puntos.geojson?despues=2024~~"),
)


def _reads(client: Client) -> list[tuple[str, str, dict, bool]]:
    work = Work.objects.published().order_by("-id").first()
    etag = client.get("/api/v1/works/")["ETag"]
    few = program_of_few_works()
    return [
        ("API works, first page", "/api/v1/works/", {}, False),
        ("API works, last page", _last_page_address(), {}, False),
        ("API works, one municipality", "/api/v1/works/?municipality=26030", {}, False),
        (
            "API works, a small program",
            f"/api/v1/works/?program={few}",
            {},
            False,
        ),
        ("API works, searched", "/api/v1/works/?q=rehabilitacion", {}, False),
        ("API work detail", f"/api/v1/works/{work.public_id}", {}, False),
        ("API revalidation (304)", "/api/v1/works/", {"if-none-match": etag}, False),
        (
            "API aggregates by municipality, warm",
            "/api/v1/works/aggregates?by=municipality",
            {},
            False,
        ),
        (
            "API aggregates by year and source, cold",
            "/api/v1/works/aggregates?by=year&by=source",
            {},
            True,
        ),
        ("explorer", "/es-mx/obras/", {}, False),
        ("explorer, one year", "/es-mx/obras/?year=2024", {}, False),
        ("explorer, searched", "/es-mx/obras/?q=rehabilitacion", {}, False),
        (
            "explorer, a small program",
            f"/es-mx/obras/?program={few}",
            {},
            False,
        ),
        ("explorer, cold totals", "/es-mx/obras/?year=2023", {}, True),
        *((name, url, {}, False) for name, url in SEARCHES),
        ("work page", work.get_absolute_url(), {}, False),
        ("home", "/es-mx/", {}, False),
        ("budget page", "/es-mx/presupuesto/", {}, False),
        ("documents list", "/es-mx/documentos/", {}, False),
        ("open-data catalogue (DCAT)", "/es-mx/datos/catalogo.jsonld", {}, False),
    ]


@dataclass(frozen=True)
class ScaleResult:
    works: int
    load_seconds: float
    reads: list[ReadResult]
    database_megabytes: float
    throughput: list[concurrency.Throughput]
    proxied: list[proxy.Proxied]
    proxy_missing: str
    formats: formats.FormatsResult


@contextlib.contextmanager
def _demo_and_works(count: int) -> Iterator[tuple[float, int]]:
    """Run the block in a throwaway database holding the demo and ``count``
    more works; yield the import's seconds and the works published."""
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        # The demo's messages to its invented followers go to the console.
        with contextlib.redirect_stdout(io.StringIO()):
            call_command("load_demo", stdout=io.StringIO())
        yield _load(count)
    finally:
        teardown_databases(databases, verbosity=0)
        teardown_test_environment()


def downloads_run() -> tuple[downloads.DownloadLoad, int]:
    """Load the works and publish the open data, then time a work page while
    six clients download everything (``bench.downloads``)."""
    with _demo_and_works(works_wanted()) as (_seconds, published):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        publish_datasets(actor=command_actor("bench"))
        works = Work.objects.published().order_by("-id")[:400]
        paths = [work.get_absolute_url() for work in works]
        return downloads.run(paths, downloads.download_paths()), published


def run() -> ScaleResult:
    """Load the works, then time each read against the minimal view."""
    with _demo_and_works(works_wanted()) as (load_seconds, published):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0] / 1e6
        with override_settings(
            ROOT_URLCONF=__name__, RUTA_API_REQUESTS_PER_MINUTE=1_000_000
        ):
            # As a served worker does once loaded (config/wsgi.py): what the
            # loads left in this process is not scanned again by every full
            # collection during the reads.
            startup_frozen()
            client = Client()
            baseline = _percentiles(_timed(client, "/bench/minimal"))[0]
            reads = []
            for name, url, headers, cold in _reads(client):
                p50, p95 = _percentiles(_timed(client, url, cold=cold, **headers))
                reads.append(ReadResult(name, p50, p95, baseline, cold))
            work = Work.objects.published().order_by("-id").first()
        throughput = concurrency.run(
            [
                ("API work detail", f"/api/v1/works/{work.public_id}"),
                ("work page", work.get_absolute_url()),
            ]
        )
        missing = proxy.available()
        proxied = (
            []
            if missing
            else proxy.run(
                [
                    ("work page", work.get_absolute_url()),
                    ("explorer", "/es-mx/obras/"),
                    ("API work detail", f"/api/v1/works/{work.public_id}"),
                ],
                page=work.get_absolute_url(),
            )
        )
        return ScaleResult(
            published,
            load_seconds,
            reads,
            size,
            throughput,
            proxied,
            missing,
            formats.measured(),
        )


def search_run() -> tuple[list[ReadResult], int]:
    """Load the works, then time the site search's reads alone (``SEARCHES``)."""
    with _demo_and_works(works_wanted()) as (_seconds, published):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        with override_settings(
            ROOT_URLCONF=__name__, RUTA_API_REQUESTS_PER_MINUTE=1_000_000
        ):
            startup_frozen()
            client = Client()
            baseline = _percentiles(_timed(client, "/bench/minimal"))[0]
            reads = []
            for name, url in SEARCHES:
                p50, p95 = _percentiles(_timed(client, url))
                reads.append(ReadResult(name, p50, p95, baseline))
        return reads, published


def map_run() -> tuple[list[ReadResult], int, str]:
    """Load the works, then time the works map and its GeoJSON (``MAPS``);
    return the reads, the works published and the plan of a year's points."""
    from ruta.works.selectors import WorkFilters
    from ruta.works.selectors.points import (
        PointKey,
        points_after_read,
        points_read,
        unlocated_read,
    )

    with _demo_and_works(works_wanted()) as (_seconds, published):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        plan = points_read(WorkFilters(year=2024)).explain()
        plan += "\nThe points after 2024's, planned:\n"
        plan += points_after_read(WorkFilters(), PointKey(2024, "~")).explain()
        plan += "\nA year's works without coordinates, planned:\n"
        plan += unlocated_read(WorkFilters(year=2024)).values("pk").explain()
        with override_settings(
            ROOT_URLCONF=__name__, RUTA_API_REQUESTS_PER_MINUTE=1_000_000
        ):
            startup_frozen()
            client = Client()
            baseline = _percentiles(_timed(client, "/bench/minimal"))[0]
            reads = []
            for name, url in MAPS:
                p50, p95 = _percentiles(_timed(client, url))
                reads.append(ReadResult(name, p50, p95, baseline))
        return reads, published, plan
