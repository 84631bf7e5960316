"""``ruta serve``'s workers count in one folder and one scrape sums them all.

gunicorn forks its workers from a master that must not have imported
prometheus_client (it picks its kind of counter when imported, before the
settings name the folder): a master that had would leave each worker
counting alone, and the scrape would show one worker's share.
"""

from __future__ import annotations

import socket
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection
from prometheus_client.parser import text_string_to_metric_families

from ruta.common.db.urls import database_url
from testkit.nginx import free_port
from testkit.nodes import node_environment, web_node

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
REQUESTS = 60


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 - a local server
        return answer.read()


def _workers_ready(folder: Path, workers: int, seconds: float = 120) -> None:
    """Wait until ``workers`` processes loaded the site: each keeps a file then.

    A metric without labels (the publish's seconds) has its file from the
    moment the process imports the declarations, which loading the site does.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if len(list(folder.glob("histogram_*.db"))) >= workers:
            return
        time.sleep(0.2)
    raise AssertionError(f"{workers} workers did not load the site in {seconds} s")


def test_a_scrape_of_ruta_serve_sums_every_workers_requests(tmp_path):
    folder = tmp_path / "metricas"
    folder.mkdir()
    (folder / "counter_999999999.db").write_bytes(b"left by a process long gone")
    env = node_environment(
        DJANGO_SETTINGS_MODULE="testkit.serve_settings",
        DATABASE_URL=database_url(connection.settings_dict),
        RUTA_DEBUG="0",
        RUTA_STATE="26",
        RUTA_WORKERS="2",
        RUTA_METRICS_DIR=str(folder),
        RUTA_REQUEST_TIMEOUT="300",
    )
    with web_node(free_port(), env, tmp_path / "serve.log") as node:
        _workers_ready(folder, 2)
        # One worker is kept reading a request whose headers have not ended,
        # so the other answers the rest; then the first answers its own.
        with socket.create_connection(("127.0.0.1", node.port or 0)) as held:
            held.sendall(b"GET /health/live/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            time.sleep(0.5)
            live = f"{node.url}/health/live/"
            with ThreadPoolExecutor(max_workers=4) as pool:
                list(pool.map(_get, [live] * REQUESTS))
            held.sendall(b"Connection: close\r\n\r\n")
            assert held.makefile("rb").readline().startswith(b"HTTP/1.1 200")
        text = _get(f"{node.url}/metrics/").decode()
    # The start removed the file of the process gone; both workers counted.
    assert not (folder / "counter_999999999.db").exists()
    assert len(list(folder.glob("counter_*.db"))) == 2
    counted = {
        sample.labels["status"]: sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "ruta_http_requests_total"
        and sample.labels["view"] == "health-live"
    }
    assert counted == {"200": REQUESTS + 1}
