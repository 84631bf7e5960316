"""Pages through the nginx configuration the project ships, vs a static file.

``ruta serve`` runs the site on the benchmark's database and nginx runs
``deploy/nginx``'s files in front of it (``testkit.nginx``), with one change:
the per-address request limits are dropped, since all the load comes from
one address. Beside the site, the same nginx serves the work page's own
bytes as a static file: the baseline. Each address is loaded with 64
requests in flight for ``SECONDS`` by ApacheBench (``ab``, Debian's
``apache2-utils``) when installed, else by the benchmark's own client; the
figure is requests per second over the static file's (its target:
``bench.targets.PROXIED_PAGE``). Pages are kept by nginx for the
``max-age`` the application sends, so this measures the cache the project
ships, as readers meet it.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench import concurrency
from testkit.nginx import (
    STATIC_PATH,
    free_port,
    nginx_binary,
    nginx_running,
    proxy_config,
)

CONNECTIONS = concurrency.CONNECTIONS
SECONDS = 10


@dataclass(frozen=True)
class Proxied:
    name: str
    per_second: float
    baseline: float
    failures: int
    client: str

    @property
    def ratio(self) -> float:
        return self.per_second / self.baseline


def available() -> str:
    """Return why the proxy cannot be measured here, or ""."""
    return "" if nginx_binary() else "nginx is not installed"


def _ab(url: str) -> tuple[float, int]:
    """Return requests/s and failures of ``ab`` on ``url``."""
    result = subprocess.run(  # noqa: S603 - ApacheBench, fixed arguments
        [
            shutil.which("ab") or "ab",
            "-q",
            "-c",
            str(CONNECTIONS),
            "-t",
            str(SECONDS),
            "-n",
            "10000000",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS * 6,
    )
    rate = re.search(r"Requests per second:\s+([\d.]+)", result.stdout)
    failed = re.search(r"Failed requests:\s+(\d+)", result.stdout)
    non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", result.stdout)
    failures = int(failed.group(1) if failed else 0) + int(
        non_2xx.group(1) if non_2xx else 0
    )
    return float(rate.group(1) if rate else 0), failures


def _load(port: int, path: str) -> tuple[float, int, str]:
    if shutil.which("ab"):
        rate, failures = _ab(f"http://127.0.0.1:{port}{path}")
        return rate, failures, "ab"
    ok, errors = asyncio.run(concurrency._load(port, path, SECONDS))  # noqa: SLF001
    return ok / SECONDS, errors, "asyncio"


def run(addresses: list[tuple[str, str]], page: str) -> list[Proxied]:
    """Return each address's requests/s through nginx beside the static file's.

    ``page`` is the public page whose bytes become the static baseline.
    """
    site_port, proxy_port = free_port(), free_port()
    server = concurrency._server(site_port)  # noqa: SLF001
    try:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            static = folder / "static.html"
            with urllib.request.urlopen(  # noqa: S310 - our local server
                f"http://127.0.0.1:{site_port}{page}", timeout=60
            ) as answer:
                static.write_bytes(answer.read())
            config = proxy_config(
                folder,
                port=proxy_port,
                upstream_port=site_port,
                limits=False,
                static_file=static,
                workers="auto",
            )
            with nginx_running(folder, config, proxy_port):
                baseline, _, client = _load(proxy_port, STATIC_PATH)
                results = []
                for label, path in addresses:
                    rate, failures, client = _load(proxy_port, path)
                    results.append(Proxied(label, rate, baseline, failures, client))
                return results
    finally:
        server.terminate()
        server.wait(timeout=30)
