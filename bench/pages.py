"""Public pages and API vs a static file served through the same stack.

A throwaway test database gets the catalogs, the demo works and the public
seed documents (when they are beside the checkout); each page is requested
through the whole Django stack (middleware, sessions, caching headers) and
timed warm, as readers hit it after the first visit. The baseline is the
site's stylesheet served by WhiteNoise in the same process: the least work
a request can cost here. Each row also gives the page's SQL queries and its
weight, which are designed, not hoped for.
"""

from __future__ import annotations

import contextlib
import io
import statistics
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.db import connection
from django.templatetags.static import static
from django.test import Client
from django.test.utils import (
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)

from ruta.common.fast.workers import startup_frozen
from ruta.works.models import Work

ROUNDS = 30


@dataclass(frozen=True)
class PageResult:
    name: str
    seconds: float
    baseline: float
    queries: int
    kilobytes: float

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline


def _median(client: Client, url: str) -> float:
    """Return the median time of ``ROUNDS`` warm requests of ``url``."""
    assert client.get(url).status_code == 200, url  # noqa: S101 - warm-up and check
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def _pages() -> list[tuple[str, str]]:
    work = Work.objects.order_by("public_id").first()
    pages = [
        ("home", "/es-mx/"),
        ("works list", "/es-mx/obras/"),
        ("works list, searched", "/es-mx/obras/?q=pavimentacion"),
        ("annual report", "/es-mx/informes/CECOP/2024/"),
        ("indicators", "/es-mx/indicadores/"),
        ("POA summary", "/es-mx/programas/"),
        ("API works", "/api/v1/works/?page_size=100"),
    ]
    if work is not None:
        pages.insert(3, ("work page", work.get_absolute_url()))
    return pages


def run() -> list[PageResult]:
    """Return each page's warm median time, ratio to the static file, queries, KB."""
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        # The demo's messages to its invented followers go to the console.
        with contextlib.redirect_stdout(io.StringIO()):
            call_command("load_demo", stdout=io.StringIO())
        # As a served worker does once loaded (config/wsgi.py): what the
        # loads left in this process is not scanned again by every full
        # collection during the reads.
        startup_frozen()
        client = Client()
        baseline = _median(client, static("ruta/css/site.css"))
        results = []
        for name, url in _pages():
            seconds = _median(client, url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            results.append(
                PageResult(
                    name=f"{name} ({url})",
                    seconds=seconds,
                    baseline=baseline,
                    queries=len(queries),
                    kilobytes=len(response.content) / 1024,
                )
            )
        return results
    finally:
        teardown_databases(databases, verbosity=0)
        teardown_test_environment()
