"""Requests per second under 64 concurrent connections on the shipped server.

``ruta serve`` (gunicorn sync workers, as deployed; two, its default) is
started on the benchmark's database with a minimal Django JSON view beside
the site; a client keeps 64 requests in flight on one address at a time and
counts the answers. Uncached: no conditional headers, so every request is
built. The figure is each address's requests per second over the minimal
view's, on the same server (their targets: ``bench.targets.THROUGHPUT``).

Three things made the figure measure the machine more than the pages, and
are ruled out here:

- Other work on the machine comes and goes while it runs, so two loads ten
  seconds apart could differ by half. The loads are interleaved in
  ``ROUNDS`` short rounds, the minimal view before and after every round;
  each round's ratio is against the mean of those two, and the figure is the
  median of the rounds' ratios, printed with their range.
- A load used to count the answers still in flight when its time was up
  (64 of them, arriving after it), which raised a slow address's rate the
  most: 64 more answers over 10 s are 7 % more for a page at 90 requests/s
  and 1 % for the minimal view. Only answers that arrive within the time
  count now.
- A worker's first requests fill its per-process caches: every address is
  requested for ``WARM_UP_SECONDS`` unmeasured first, as a server in service
  would have them.
- ``ruta serve`` replaces a worker after 2,000 requests, and the new one
  imports the whole site again before it answers (4-5 s on this machine
  while other work ran). The minimal view's thousands of answers made
  those replacements, and each fell on whichever load ran next: with one
  worker of two booting, a round measured half a server. The benchmark's
  server replaces none (``RUTA_MAX_REQUESTS=0``), so it measures the pages,
  not the boots.

The client runs on the same cores as the server: its own CPU time is counted
and reported, so a reader sees how much of the machine it took.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from ruta.common.db.urls import database_url

CONNECTIONS = 64
SECONDS = 3  # each address, each round
ROUNDS = 5
WARM_UP_SECONDS = 2
# `ruta serve`'s default, the server the issue's targets name.
WORKERS = "2"
MINIMAL = "/bench/minimal"


@dataclass(frozen=True)
class Load:
    """One address loaded for ``SECONDS``: its answers and the client's CPU."""

    ok: int
    errors: int
    client_seconds: float  # the client's own CPU time while it ran

    @property
    def per_second(self) -> float:
        return self.ok / SECONDS


@dataclass(frozen=True)
class Throughput:
    """An address's rounds beside the minimal view's, measured around each.

    ``baselines`` has one more load than ``rounds``: round ``i`` ran between
    the minimal view's loads ``i`` and ``i + 1``.
    """

    name: str
    rounds: tuple[Load, ...]
    baselines: tuple[Load, ...]
    worker_megabytes: float  # the largest worker's resident memory afterwards

    @property
    def ratios(self) -> list[float]:
        """Return each round's answers over the minimal view's around it."""
        return [
            load.ok / max((before.ok + after.ok) / 2, 1)
            for load, before, after in zip(
                self.rounds, self.baselines, self.baselines[1:], strict=False
            )
        ]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def per_second(self) -> float:
        return statistics.median(load.per_second for load in self.rounds)

    @property
    def baseline(self) -> float:
        return statistics.median(load.per_second for load in self.baselines)

    @property
    def errors(self) -> int:
        return sum(load.errors for load in self.rounds)

    @property
    def client_share(self) -> float:
        """Return the client's CPU as a share of one core while it loaded this."""
        return _client_share(self.rounds)

    @property
    def baseline_client_share(self) -> float:
        """Return the client's share of one core while it loaded the minimal view."""
        return _client_share(self.baselines)


def _client_share(loads: tuple[Load, ...]) -> float:
    return sum(load.client_seconds for load in loads) / (SECONDS * len(loads))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server(port: int) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "RUTA_DEBUG": "0",
        "RUTA_WORKERS": WORKERS,
        "RUTA_MAX_REQUESTS": "0",
        "RUTA_API_REQUESTS_PER_MINUTE": "1000000",
        # As deployed behind nginx (docs/deploy.md): nginx sends the
        # published files, from the folder the bench's nginx serves.
        "RUTA_PUBLIC_FILES_ACCEL": "/media/",
    }
    # The server's log, for a failure to be read: RUTA_BENCH_SERVER_LOG names
    # a file (none by default).
    log_name = os.environ.get("RUTA_BENCH_SERVER_LOG")
    log = open(log_name, "ab") if log_name else subprocess.DEVNULL  # noqa: SIM115 - the server's for its life
    process = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "ruta", "serve", f"127.0.0.1:{port}"],
        env=environment,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(  # noqa: S310 - our local server
                f"http://127.0.0.1:{port}{MINIMAL}", timeout=2
            ):
                return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("the server did not answer within 60 s")


async def _one(port: int, path: str) -> bool:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    )
    await writer.drain()
    answer = await reader.read()
    writer.close()
    return answer.startswith(b"HTTP/1.1 200")


async def _load(port: int, path: str, seconds: float = SECONDS) -> tuple[int, int]:
    """Keep ``CONNECTIONS`` requests in flight for ``seconds``; return (ok, errors).

    Only answers that arrive within ``seconds`` count; the requests still in
    flight then are finished and dropped, so the next load starts on an idle
    server.
    """
    done = [0, 0]
    stop = time.monotonic() + seconds

    async def client() -> None:
        while time.monotonic() < stop:
            try:
                ok = await _one(port, path)
            except OSError:
                ok = False
            if time.monotonic() <= stop:
                done[0 if ok else 1] += 1

    await asyncio.gather(*(client() for _ in range(CONNECTIONS)))
    return done[0], done[1]


def _largest_worker_megabytes(server_pid: int) -> float:
    """Return the resident memory of the server's largest worker (Linux /proc)."""
    try:
        children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text()
    except OSError:
        return 0.0
    sizes = [0]
    for pid in children.split():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        rss = next(
            (line for line in status.splitlines() if line.startswith("VmRSS:")), ""
        )
        sizes.append(int(rss.split()[1]) if rss else 0)
    return max(sizes) / 1024


def _measured(port: int, path: str) -> Load:
    """Load ``path`` for ``SECONDS``, counting the client's own CPU time."""
    started = time.process_time()
    ok, errors = asyncio.run(_load(port, path))
    return Load(ok, errors, time.process_time() - started)


def run(addresses: list[tuple[str, str]]) -> list[Throughput]:
    """Return each address's requests per second beside the minimal view's.

    Every address, the minimal view first, is requested for
    ``WARM_UP_SECONDS`` unmeasured; then each of ``ROUNDS`` rounds measures
    the minimal view and every address in turn, and one more load of the
    minimal view closes the last round.
    """
    port = _free_port()
    server = _server(port)
    try:
        for path in [MINIMAL, *(path for _, path in addresses)]:
            asyncio.run(_load(port, path, WARM_UP_SECONDS))
        baselines: list[Load] = []
        rounds: list[list[Load]] = [[] for _ in addresses]
        memory = [0.0 for _ in addresses]
        for _ in range(ROUNDS):
            baselines.append(_measured(port, MINIMAL))
            for index, (_, path) in enumerate(addresses):
                rounds[index].append(_measured(port, path))
                memory[index] = max(
                    memory[index], _largest_worker_megabytes(server.pid)
                )
        baselines.append(_measured(port, MINIMAL))
        return [
            Throughput(name, tuple(loads), tuple(baselines), megabytes)
            for (name, _), loads, megabytes in zip(
                addresses, rounds, memory, strict=True
            )
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)
