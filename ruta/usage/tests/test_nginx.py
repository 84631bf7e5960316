"""The shipped nginx in front of the site: each reading counted exactly once."""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ruta.accounts.actors import command_actor
from ruta.usage.models import DailyCount
from ruta.usage.services import nginx_log_read
from testkit.nginx import free_port, nginx_binary, nginx_running, proxy_config


@pytest.fixture
def proxy(live_server, tmp_path: Path) -> Iterator[str]:
    if not nginx_binary():
        if os.environ.get("RUTA_REQUIRE_NGINX", "") not in ("", "0"):
            pytest.fail("nginx is not installed; RUTA_REQUIRE_NGINX is set")
        pytest.skip("nginx is not installed")
    port = free_port()
    upstream = int(live_server.url.rsplit(":", 1)[1])
    config = proxy_config(tmp_path, port=port, upstream_port=upstream)
    with nginx_running(tmp_path, config, port):
        yield f"http://127.0.0.1:{port}"


def _cache_status(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 - local
        return answer.headers["X-Cache"]


def _counts() -> dict[str, int]:
    rows = DailyCount.objects.filter(kind="page", name="datos")
    return {row.origin: row.count for row in rows}


@pytest.mark.django_db(transaction=True)
def test_a_cached_answer_counts_from_the_log_and_the_app_counts_the_rest(
    proxy, tmp_path
):
    statuses = [_cache_status(f"{proxy}/es-mx/datos/") for _ in range(3)]
    assert statuses == ["MISS", "HIT", "HIT"]
    assert _counts() == {"app": 1}
    log = tmp_path / "usage.log"
    assert "127.0.0.1" not in log.read_text()  # no address is written
    nginx_log_read(path=log, actor=command_actor("usage test"))
    nginx_log_read(path=log, actor=command_actor("usage test"))  # read once only
    assert _counts() == {"app": 1, "cache": 2}
