"""Six anonymous clients loop on every download; a work page stays quick.

``ruta serve`` runs on the configured database (the demo's, after ``ruta
load-demo``; or, from ``bench.scale``, the demo and 100,000 more works)
behind ``deploy/nginx``'s files as shipped, per-address limits included.
After a warm-up on other works' pages, a reader asks for work pages, one
every ``PACE`` seconds for ``SECONDS``, alone: the idle figures. Then the
same reader asks for other works' pages while six clients, each from its
own loopback address (127.0.0.2-7), ask for every download the site offers
(``download_paths``) at once, each on its own connection, again as soon as
one is answered (after a 429 or 503, ``REFUSED_PAUSE`` later): the
explorer's CSV, XLSX and JSON of every work, each time with another valid
filter (``amount_min``) so no cache can answer for the site, an annual
report's workbook, a call's results and register, a plan's data, the OC4IDS
and OCDS packages and the published files. The clients read every answer
whole and throw it away as it comes. Every work page is a different work,
so nginx's cache answers none of the reader's requests either. Target: the
loaded p95 within 2x the idle p95.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from statistics import quantiles
from tempfile import TemporaryDirectory

from django.conf import settings

from bench import concurrency
from testkit.nginx import free_port, nginx_running, proxy_config

CLIENTS = tuple(f"127.0.0.{n}" for n in range(2, 8))
SECONDS = 20
PACE = 0.2  # seconds between two of the reader's requests
REFUSED_PAUSE = 0.05  # a client's pause after a refusal (a shell loop's own cost)
# The explorer's downloads, asked with a new selection each time.
SELECTIONS = tuple(f"/es-mx/obras/descarga.{fmt}" for fmt in ("csv", "xlsx", "json"))
READ_SIZE = 1 << 20  # bytes a client reads at once
WARM_UP = 40  # work pages read first, measured in neither figure


@dataclass
class Tally:
    """What the downloading clients got: answers by status, bytes received."""

    answers: Counter = field(default_factory=Counter)
    received: int = 0


@dataclass(frozen=True)
class DownloadLoad:
    idle: list[float]
    loaded: list[float]
    tally: Tally

    @staticmethod
    def _p(times: list[float], point: int) -> float:
        return quantiles(times, n=100, method="inclusive")[point - 1]

    @property
    def idle_p50(self) -> float:
        return self._p(self.idle, 50)

    @property
    def idle_p95(self) -> float:
        return self._p(self.idle, 95)

    @property
    def loaded_p50(self) -> float:
        return self._p(self.loaded, 50)

    @property
    def loaded_p95(self) -> float:
        return self._p(self.loaded, 95)

    @property
    def ratio(self) -> float:
        return self.loaded_p95 / self.idle_p95


async def _status(port: int, path: str, source: str, tally: Tally | None = None) -> int:
    """Return the status of GET ``path``, asked from the address ``source``;
    count the bytes received in ``tally``."""
    reader, writer = await asyncio.open_connection(
        "127.0.0.1", port, local_addr=(source, 0)
    )
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        await writer.drain()
        # The status line; the rest is read and thrown away as it comes, as a
        # client saving a file would, without holding it whole.
        answer = await reader.readline()
        while chunk := await reader.read(READ_SIZE):
            if tally is not None:
                tally.received += len(chunk)
    finally:
        writer.close()
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


async def _read_pages(port: int, paths: list[str], stop: float) -> list[float]:
    """Ask for ``paths`` one after another until ``stop``; return each time taken."""
    times = []
    for path in paths:
        if time.monotonic() >= stop:
            break
        start = time.perf_counter()
        status = await _status(port, path, "127.0.0.1")
        times.append(time.perf_counter() - start)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        await asyncio.sleep(PACE)
    return times


def download_paths() -> list[str]:
    """Return one address of every download the database offers besides the
    explorer's: the first annual report, call and plan, the packages, the
    published files. Needs Django set up."""
    from django.urls import reverse
    from django.utils import translation

    from ruta.grants.models import Call
    from ruta.opengov.models import ActionPlan
    from ruta.reports.selectors import available_reports

    with translation.override("es-mx"):
        paths = [reverse("opendata:oc4ids"), reverse("opendata:ocds")]
        paths += [
            reverse("opendata:latest", args=[slug, fmt])
            for slug, fmt in (("obras", "csv"), ("obras", "xlsx"), ("paquete", "zip"))
        ]
        report = next(iter(available_reports()), None)
        if report is not None:
            paths.append(
                reverse("reports:annual-xlsx", args=[report.agency.code, report.year])
            )
        call = Call.objects.order_by("pk").first()
        if call is not None:
            paths += [
                reverse("grants:results_download", args=[call.code, "csv"]),
                reverse("grants:register_download", args=[call.code, "xlsx"]),
            ]
        plan = ActionPlan.objects.order_by("pk").first()
        if plan is not None:
            paths.append(
                reverse("opengov:download", args=[plan.key, "compromisos", "csv"])
            )
    return paths


async def _download_loop(
    port: int, client: int, path: str, asked: Iterator[int], tally: Tally
) -> None:
    """Ask from client ``client``'s address for ``path`` again and again; the
    explorer's with a selection no other request asks for."""
    while True:
        address = f"{path}?amount_min={next(asked)}" if path in SELECTIONS else path
        status = await _status(port, address, CLIENTS[client], tally)
        tally.answers[status] += 1
        if status != 200:
            await asyncio.sleep(REFUSED_PAUSE)


async def _loaded(
    port: int, paths: list[str], others: list[str], tally: Tally
) -> list[float]:
    """Time the reader while every client asks for every download at once,
    each on its own connection, until the reader is done."""
    asked = itertools.count(1)
    loops = [
        asyncio.create_task(_download_loop(port, client, path, asked, tally))
        for client in range(len(CLIENTS))
        for path in (*SELECTIONS, *others)
    ]
    try:
        return await _read_pages(port, paths, time.monotonic() + SECONDS)
    finally:
        for loop in loops:
            loop.cancel()
        await asyncio.gather(*loops, return_exceptions=True)


def run(work_paths: list[str], others: list[str]) -> DownloadLoad:
    """Return the reader's times alone and under the downloads' load
    (the explorer's and ``others``)."""
    needed = WARM_UP + 2 * int(SECONDS / PACE)
    if len(work_paths) < needed:
        raise SystemExit(f"needs {needed} published works, has {len(work_paths)}")
    site_port, proxy_port = free_port(), free_port()
    server = concurrency._server(site_port)  # noqa: SLF001
    try:
        with TemporaryDirectory() as name:
            folder = Path(name)
            config = proxy_config(
                folder,
                port=proxy_port,
                upstream_port=site_port,
                workers="auto",
                media_root=Path(settings.MEDIA_ROOT),
            )
            with nginx_running(folder, config, proxy_port):
                # Every worker's first pages fill its per-process caches.
                warm, rest = work_paths[:WARM_UP], work_paths[WARM_UP:]
                asyncio.run(_read_pages(proxy_port, warm, time.monotonic() + SECONDS))
                half = len(rest) // 2
                idle = asyncio.run(
                    _read_pages(proxy_port, rest[:half], time.monotonic() + SECONDS)
                )
                tally = Tally()
                loaded = asyncio.run(_loaded(proxy_port, rest[half:], others, tally))
                return DownloadLoad(idle, loaded, tally)
    finally:
        server.terminate()
        server.wait(timeout=30)
