"""What a new user gets: the embedded PostgreSQL starts, migrates and serves.

Runs real processes against an embedded server in a temporary data folder,
so it also runs when the rest of the suite uses ``DATABASE_URL``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pgserver
import pytest

from ruta.common.db.embedded import APP_ROLE, OWNER_ROLE, embedded_urls
from testkit.database import (
    schema_current,
    schema_restore,
    template_ensure,
    templates_enabled,
)

# Each test starts an embedded PostgreSQL server of its own.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ruta(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruta", *args],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _wait_for(url: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture
def embedded_env():
    """Return an environment whose database is a fresh embedded server.

    The data folder is made outside pytest's private temporary folder so the
    server's own system user can reach it; it is deleted afterwards.
    """
    pgdata = Path(tempfile.mkdtemp(prefix="ruta-embedded-"))
    server = pgserver.get_server(pgdata, cleanup_mode="delete")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    urls = embedded_urls(pgdata)
    env["DATABASE_URL"] = urls[APP_ROLE]
    env["RUTA_DATABASE_OWNER_URL"] = urls[OWNER_ROLE]
    env["RUTA_DEBUG"] = "0"
    env["RUTA_STATE"] = "26"  # as `make demo` configures it
    yield env
    server.cleanup()


@pytest.fixture
def schema_kept(django_db_blocker) -> bool:
    """Return whether the schema file holds the current schema.

    When it does not (a migration changed), the suite's template build
    migrates and writes it; this waits for that build under the same lock.
    """
    if not templates_enabled():
        return False
    if not schema_current():
        with django_db_blocker.unblock():
            template_ensure()
    return schema_current()


def test_embedded_server_migrates_loads_and_serves_the_home_page(
    embedded_env, schema_kept, tmp_path
):
    # Migrating from zero is what building the suite's template does, on
    # every change of a migration; here the embedded server gets that schema
    # from the schema file, and ``migrate`` finds everything applied and sets
    # up the roles, as on a new user's second run.
    if schema_kept:
        assert schema_restore(embedded_env["RUTA_DATABASE_OWNER_URL"])
    _ruta(embedded_env, "migrate", "--noinput")
    _ruta(embedded_env, "load-catalog")
    _ruta(embedded_env, "collectstatic", "--noinput", "--verbosity", "0")
    port = _free_port()
    # Its own home: gunicorn would put a control socket there, which a second
    # ``ruta serve`` on the machine would share and remove when it stopped.
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "ruta", "serve", f"127.0.0.1:{port}"],
        cwd=REPO,
        env={**embedded_env, "HOME": str(tmp_path)},
    )
    try:
        home = _wait_for(f"http://127.0.0.1:{port}/es-mx/")
        html = _wait_for(f"http://127.0.0.1:{port}/es-mx/acerca-de-los-datos/")
        assert not (tmp_path / ".gunicorn").exists()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Todavía no hay obras publicadas." in home  # a catalog, no works yet
    assert "Municipios de Sonora</dt><dd>72</dd>" in html
    assert "Regiones de Sonora</dt><dd>10</dd>" in html


def test_without_database_url_commands_use_the_embedded_server_as_the_app_role():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruta",
            "shell",
            "-c",
            "from django.db import connection;"
            "cursor = connection.cursor();"
            "cursor.execute('SELECT current_user');"
            "print(cursor.fetchone()[0], connection.connection.info.host)",
        ],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The server listens on a socket in its data folder (the checkout's).
    assert result.stdout.split()[-2:] == [APP_ROLE, str(REPO / ".pgdata")]
