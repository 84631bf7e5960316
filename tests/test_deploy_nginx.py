"""The nginx configuration in ``deploy/nginx``, run in front of the site.

Skipped where nginx is not installed; CI installs it and sets
``RUTA_REQUIRE_NGINX=1``, which turns a missing nginx into a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection, connections

from ruta.opendata.models import DatasetVersion, PublishedFile
from ruta.works.models import Work
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


def _certificate(folder: Path) -> tuple[Path, Path]:
    """Write a throwaway key and certificate for the site's name; return both."""
    key, certificate = folder / "site.key", folder / "site.pem"
    subprocess.run(  # noqa: S603 - openssl, fixed arguments
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=obras.example.gob.mx",
            "-keyout", str(key), "-out", str(certificate),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    return key, certificate


def test_the_shipped_site_configuration_is_valid(tmp_path: Path):
    for conf in DEPLOY.glob("*.conf"):
        (tmp_path / conf.name).write_text(conf.read_text(encoding="utf-8"))
    key, certificate = _certificate(tmp_path)
    site = (tmp_path / "ruta-site.conf").read_text()
    site = site.replace("/etc/ssl/certs/obras.example.gob.mx.pem", str(certificate))
    site = site.replace("/etc/ssl/private/obras.example.gob.mx.key", str(key))
    (tmp_path / "ruta-site.conf").write_text(site)
    locations = (tmp_path / "ruta-locations.conf").read_text()
    (tmp_path / "ruta-locations.conf").write_text(
        locations.replace("/var/log/nginx/ruta-usage.log", str(tmp_path / "usage.log"))
    )
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


def _tls_site(folder: Path) -> tuple[Path, int]:
    """Write the shipped TLS site on a free port, its upstream down; return both."""
    for conf in DEPLOY.glob("*.conf"):
        (folder / conf.name).write_text(conf.read_text(encoding="utf-8"))
    key, certificate = _certificate(folder)
    port = free_port()
    replaced = {
        "ruta-site.conf": {
            "/etc/ssl/certs/obras.example.gob.mx.pem": str(certificate),
            "/etc/ssl/private/obras.example.gob.mx.key": str(key),
            "listen 443 ssl http2;": f"listen 127.0.0.1:{port} ssl http2;",
            "listen 80;": f"listen 127.0.0.1:{free_port()};",
        },
        "ruta-locations.conf": {"/var/log/nginx/ruta-usage.log": str(folder / "u.log")},
        "ruta-http.conf": {
            "/var/cache/nginx/ruta": str(folder / "cache"),
            "server 127.0.0.1:8000;": f"server 127.0.0.1:{free_port()};",  # down
        },
    }
    for name, changes in replaced.items():
        text = (folder / name).read_text()
        for old, new in changes.items():
            assert old in text, (name, old)
            text = text.replace(old, new)
        (folder / name).write_text(text)
    user = "user root root;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(
        f"{user} pid {folder}/nginx.pid; error_log {folder}/error.log;\n"
        f"events {{}}\nhttp {{ access_log off; client_body_temp_path {folder}/b; "
        f"proxy_temp_path {folder}/p; include ruta-http.conf; "
        "include ruta-site.conf; }\n"
    )
    return main, port


def _handshake(port: int, *options: str) -> bool:
    """Return whether a TLS client with ``options`` completes a handshake."""
    done = subprocess.run(  # noqa: S603 - openssl's own client, on this machine
        ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", *options],
        input="",
        capture_output=True,
        text=True,
        timeout=30,
    )
    return done.returncode == 0 and "Cipher is (NONE)" not in done.stdout


def test_the_tls_site_speaks_only_modern_tls_and_always_sends_hsts(tmp_path: Path):
    config, port = _tls_site(tmp_path)
    with nginx_running(tmp_path, config, port):
        assert _handshake(port, "-tls1_3")
        assert _handshake(port, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256")
        assert not _handshake(port, "-tls1_1")
        # A suite without forward secrecy, and a CBC one.
        assert not _handshake(port, "-tls1_2", "-cipher", "AES128-GCM-SHA256")
        assert not _handshake(port, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA")
        # nginx's own answer (its upstream is down) carries HSTS, once,
        # and does not name nginx's version.
        answer = subprocess.run(  # noqa: S603 - curl, on this machine
            ["curl", "-sk", "-D", "-", "-o", "/dev/null",
             f"https://127.0.0.1:{port}/es-mx/"],
            capture_output=True, text=True, timeout=30,
        ).stdout  # fmt: skip
    headers = answer.lower().splitlines()
    assert headers[0].split()[1] == "502"
    assert [h for h in headers if h.startswith("strict-transport-security:")] == [
        "strict-transport-security: max-age=31536000; includesubdomains; preload"
    ]
    assert "server: nginx" in headers


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
def test_liveness_through_nginx_is_never_kept_nor_limited(proxy):
    answers = [_get(f"{proxy}/health/live/") for _ in range(60)]
    assert {status for status, _ in answers} == {200}
    assert all("X-Cache" not in headers for _, headers in answers)


@pytest.mark.django_db(transaction=True)
def test_api_answers_are_kept_and_one_address_is_limited(proxy):
    statuses = [_get(f"{proxy}/api/v1/catalog/states")[0] for _ in range(40)]
    assert statuses[0] == 200
    assert 429 in statuses


@pytest.mark.django_db(transaction=True)
def test_committee_minutes_are_never_served_by_nginx(proxy, tmp_path: Path):
    minutes = tmp_path / "media" / "comites" / "actas" / "acta.pdf"
    minutes.parent.mkdir(parents=True)
    minutes.write_bytes(b"%PDF-1.4\n")
    assert _get(f"{proxy}/media/comites/actas/acta.pdf")[0] == 404


# ------------------------------------------------------------- private files


@pytest.fixture
def files_world(settings, tmp_path: Path):
    """Return an application's document kept on disk, as nginx reads it."""
    from django.core.files.base import ContentFile

    from ruta.accounts.models import Role
    from ruta.grants import services
    from testkit.grants import apply, make_call, make_organization, user_with

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
        "private": {
            "BACKEND": "ruta.common.files.privatefiles.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    settings.RUTA_PRIVATE_FILES_ACCEL = "/_privados/"
    call = make_call()
    applicant = user_with(Role.APPLICANT)
    application = apply(call, make_organization(1, applicant), applicant, 1)
    document = services.document_upload(
        application=application,
        requirement="9",
        file=ContentFile(PRIVATE_PDF, name="comprobante de domicilio.pdf"),
        actor=applicant,
    )
    rival = user_with(Role.APPLICANT)
    make_organization(2, rival)
    url = (
        f"/es-mx/apoyos/{call.code}/solicitudes/{application.folio}"
        f"/archivos/documento/{document.pk}/"
    )
    return {"url": url, "document": document, "applicant": applicant, "rival": rival}


PRIVATE_PDF = b"%PDF-1.4\n% comprobante de domicilio con CLABE\n%%EOF\n"


def _session(client, user) -> str:
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def _read(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - local
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


@pytest.mark.django_db(transaction=True)
def test_through_nginx_the_owner_gets_a_private_file_as_a_sandboxed_attachment(
    proxy, files_world, client
):
    cookie = _session(client, files_world["applicant"])
    status, headers, body = _read(proxy + files_world["url"], Cookie=cookie)
    assert (status, body) == (200, PRIVATE_PDF)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == (
        'attachment; filename="requisito-9-comprobante de domicilio.pdf"'
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in headers["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_through_nginx_anonymous_and_other_organisations_get_not_found(
    proxy, files_world, client
):
    url = proxy + files_world["url"]
    assert _read(url)[0] == 404
    assert _read(url, Cookie=_session(client, files_world["rival"]))[0] == 404


@pytest.mark.django_db(transaction=True)
def test_through_nginx_the_private_folder_cannot_be_asked_for(proxy, files_world):
    name = files_world["document"].file.name
    assert _read(f"{proxy}/_privados/{name}")[0] == 404
    assert _read(f"{proxy}/media/{name}")[0] == 404


@pytest.mark.django_db(transaction=True)
def test_through_nginx_old_guessable_media_addresses_are_not_found(
    proxy, tmp_path: Path
):
    # Files an older version kept under MEDIA_ROOT, before they were moved.
    for name in (
        "grants/documents/2026/evil.html",
        "grants/documents/2026/requisito-12.pdf",
        "grants/reports/2026/informe-3.pdf",
        "grants/refunds/reintegro-3.pdf",
        "problems/2026/foto.jpg",
    ):
        path = tmp_path / "media" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4\n<html><script>alert(1)</script>")
        assert _read(f"{proxy}/media/{name}")[0] == 404


def test_through_nginx_a_public_photo_is_served_as_a_jpeg_and_nothing_else_renders(
    proxy, tmp_path: Path
):
    photos = tmp_path / "media" / "comites" / "fotos" / "2026"
    photos.mkdir(parents=True)
    (photos / "a.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    (photos / "b.html").write_bytes(b"<script>alert(1)</script>")
    (photos / "c.csv").write_bytes("año,monto\n2024,1\n".encode())
    status, headers, _body = _read(f"{proxy}/media/comites/fotos/2026/c.csv")
    assert headers["Content-Type"] == "text/csv; charset=utf-8"
    status, headers, _body = _read(f"{proxy}/media/comites/fotos/2026/a.jpg")
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, _body = _read(f"{proxy}/media/comites/fotos/2026/b.html")
    assert headers["Content-Type"] == "application/octet-stream"


@pytest.mark.django_db(transaction=True)
def test_through_nginx_one_address_builds_one_download_at_a_time(proxy):
    url = f"{proxy}/es-mx/obras/descarga.csv"
    holder = connections["default"].copy()
    holder.set_autocommit(False)
    with holder.cursor() as cursor:  # the first build waits on the works table
        cursor.execute(f"LOCK TABLE {Work._meta.db_table} IN ACCESS EXCLUSIVE MODE")
    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            first = pool.submit(_get, url)
            _until_waiting_on_a_lock()
            second, _ = _get(f"{url}?year=2024")
        finally:
            holder.rollback()
            holder.close()
        assert first.result(timeout=60)[0] == 200
    assert second == 429


def _until_waiting_on_a_lock() -> None:
    """Wait until a backend of the site waits on a lock (the held table)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:  # autocommit: a fresh view each time
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.1)
    raise AssertionError("the first download never reached the database")


def _data_file(folder: Path, megabytes: int) -> str:
    """Write a published data file of ``megabytes`` in the proxy's media
    folder; return its address under /media/."""
    name = "datos/obras/obras-20260101T000000-0123456789ab.csv"
    path = folder / "media" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"a" * (megabytes << 20))
    return f"/media/{name}"


def _asked_unread(proxy: str, path: str, source: str = "127.0.0.1") -> socket.socket:
    """Ask for ``path`` from ``source`` and read nothing: nginx keeps sending."""
    host, port = proxy.removeprefix("http://").split(":")
    held = socket.create_connection((host, int(port)), source_address=(source, 0))
    held.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    return held


def _status_from(proxy: str, path: str, source: str) -> int:
    held = _asked_unread(proxy, path, source)
    with held:
        return int(held.recv(64).split(b" ", 2)[1])


def _two_held_then(proxy: str, path: str) -> tuple[int, int]:
    """Hold two downloads of ``path`` from 127.0.0.1; return the status a third
    gets from the same address and from 127.0.0.2."""
    holding = [_asked_unread(proxy, path) for _ in range(2)]
    try:
        for held in holding:  # both are being sent
            assert held.recv(12) == b"HTTP/1.1 200"
        return _status_from(proxy, path, "127.0.0.1"), _status_from(
            proxy, path, "127.0.0.2"
        )
    finally:
        for held in holding:
            held.close()


def test_through_nginx_an_address_gets_two_data_files_at_a_time(proxy, tmp_path):
    path = _data_file(tmp_path, 24)
    assert _two_held_then(proxy, path) == (429, 200)


@pytest.mark.django_db(transaction=True)
def test_through_nginx_the_site_addresses_of_data_files_count_two_at_a_time(
    proxy, tmp_path, settings
):
    settings.RUTA_PUBLIC_FILES_ACCEL = "/media/"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {  # the folder nginx sends from, as deployed
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    name = _data_file(tmp_path, 24).removeprefix("/media/")
    version = DatasetVersion.objects.create(dataset="obras", data_sha256="0" * 64)
    PublishedFile.objects.create(
        version=version, format="csv", size=24 << 20, sha256="0" * 64, file=name
    )
    assert _two_held_then(proxy, "/es-mx/datos/obras/ultimo.csv") == (429, 200)


def test_through_nginx_a_data_file_past_its_first_10_mb_is_sent_at_10_mb_a_second(
    proxy, tmp_path
):
    path = _data_file(tmp_path, 13)
    start = time.monotonic()
    status, _headers, body = _read(f"{proxy}{path}")
    assert (status, len(body)) == (200, 13 << 20)
    # 3 MB at 10 MB/s: 0.3 s at least (unlimited, it takes a few milliseconds).
    assert time.monotonic() - start >= 0.25
