"""Requests per second under 64 concurrent connections on the shipped server.

``ruta serve`` (gunicorn sync workers, as deployed) is started on the
benchmark's database with a minimal Django JSON view beside the site; a
client keeps 64 requests in flight for ``SECONDS`` per address and counts the
answers. Uncached: no conditional headers, so every request is built. The
figure is each address's requests per second over the minimal view's, on the
same server in the same run (the issue's targets: a work in the API ≥ 0.30,
a work's page ≥ 0.15).
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from ruta.common.dburls import database_url

CONNECTIONS = 64
SECONDS = 10
WORKERS = "4"


@dataclass(frozen=True)
class Throughput:
    name: str
    per_second: float
    baseline: float
    errors: int
    worker_megabytes: float  # the largest worker's resident memory afterwards

    @property
    def ratio(self) -> float:
        return self.per_second / self.baseline


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
        "RUTA_API_REQUESTS_PER_MINUTE": "1000000",
    }
    process = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "ruta", "serve", f"127.0.0.1:{port}"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(  # noqa: S310 - our local server
                f"http://127.0.0.1:{port}/bench/minimal", timeout=2
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


async def _load(port: int, path: str) -> tuple[int, int]:
    """Keep ``CONNECTIONS`` requests in flight for ``SECONDS``; return (ok, errors)."""
    done = [0, 0]
    stop = time.monotonic() + SECONDS

    async def client() -> None:
        while time.monotonic() < stop:
            try:
                ok = await _one(port, path)
            except OSError:
                ok = False
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


def run(addresses: list[tuple[str, str]]) -> list[Throughput]:
    """Return each address's requests per second beside the minimal view's."""
    port = _free_port()
    server = _server(port)
    try:
        ok, _errors = asyncio.run(_load(port, "/bench/minimal"))
        baseline = ok / SECONDS
        results = []
        for name, path in addresses:
            ok, errors = asyncio.run(_load(port, path))
            memory = _largest_worker_megabytes(server.pid)
            results.append(Throughput(name, ok / SECONDS, baseline, errors, memory))
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)
