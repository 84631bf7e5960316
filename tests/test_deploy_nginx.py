"""The nginx configuration in ``deploy/nginx``, run in front of the site.

Skipped where nginx is not installed; CI installs it and sets
``RUTA_REQUIRE_NGINX=1``, which turns a missing nginx into a failure.
"""

from __future__ import annotations

import os
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from testkit.nginx import (
    DEPLOY,
    config_test,
    free_port,
    nginx_binary,
    nginx_running,
    proxy_config,
)


@pytest.fixture(autouse=True)
def _nginx_here() -> None:
    if nginx_binary():
        return
    if os.environ.get("RUTA_REQUIRE_NGINX", "") not in ("", "0"):
        pytest.fail("nginx is not installed; RUTA_REQUIRE_NGINX is set", pytrace=False)
    pytest.skip("nginx is not installed")


@pytest.fixture
def proxy(live_server, tmp_path: Path) -> Iterator[str]:
    """Return the address of nginx, configured as shipped, before the site."""
    port = free_port()
    upstream = int(live_server.url.rsplit(":", 1)[1])
    config = proxy_config(tmp_path, port=port, upstream_port=upstream)
    with nginx_running(tmp_path, config, port):
        yield f"http://127.0.0.1:{port}"


def _get(url: str, **headers: str) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - local
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            return answer.status, dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_the_shipped_site_configuration_is_valid(tmp_path: Path):
    for conf in DEPLOY.glob("*.conf"):
        (tmp_path / conf.name).write_text(conf.read_text(encoding="utf-8"))
    key, certificate = tmp_path / "site.key", tmp_path / "site.pem"
    subprocess.run(  # noqa: S603 - a throwaway certificate for the syntax check
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=obras.example.gob.mx",
            "-keyout", str(key), "-out", str(certificate),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    site = (tmp_path / "ruta-site.conf").read_text()
    site = site.replace("/etc/ssl/certs/obras.example.gob.mx.pem", str(certificate))
    site = site.replace("/etc/ssl/private/obras.example.gob.mx.key", str(key))
    (tmp_path / "ruta-site.conf").write_text(site)
    http = (tmp_path / "ruta-http.conf").read_text()
    (tmp_path / "ruta-http.conf").write_text(
        http.replace("/var/cache/nginx/ruta", str(tmp_path / "cache"))
    )
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        "events {}\nhttp { include ruta-http.conf; include ruta-site.conf; }\n"
    )
    result = config_test(tmp_path, main)
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_page_is_kept_and_a_signed_in_reader_is_not(proxy):
    first = _get(f"{proxy}/es-mx/")
    second = _get(f"{proxy}/es-mx/")
    signed_in = _get(f"{proxy}/es-mx/", Cookie="sessionid=abc")
    assert (first[0], first[1]["X-Cache"]) == (200, "MISS")
    assert "public" in first[1]["Cache-Control"]
    assert first[1]["ETag"]
    assert (second[0], second[1]["X-Cache"]) == (200, "HIT")
    assert signed_in[1]["X-Cache"] == "BYPASS"


@pytest.mark.django_db(transaction=True)
def test_api_answers_are_kept_and_one_address_is_limited(proxy):
    statuses = [_get(f"{proxy}/api/v1/catalog/states")[0] for _ in range(40)]
    assert statuses[0] == 200
    assert 429 in statuses


@pytest.mark.django_db(transaction=True)
def test_committee_minutes_are_never_served_by_nginx(proxy):
    assert _get(f"{proxy}/media/comites/actas/acta.pdf")[0] == 404
