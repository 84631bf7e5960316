"""Liveness and readiness: up or down for anyone, the detail for administrators.

Readiness runs its checks in threads of their own, on connections of their
own, so they see only what is committed: a worker's heartbeat is written by a
connection apart (``beating_worker``), as ``ruta worker`` writes it.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import psycopg
import pytest
from django.db import connection, connections
from django.urls import reverse

pytestmark = pytest.mark.server


@pytest.fixture
def beating_worker(db) -> Iterator[None]:
    """A worker whose heartbeat is fresh, committed as the worker commits it."""
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        row = other.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) VALUES (now()) "
            "RETURNING id"
        ).fetchone()
        assert row is not None
        try:
            yield
        finally:
            other.execute("DELETE FROM procrastinate_workers WHERE id = %s", [row[0]])


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never says a word: a hung server."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


def _ready(client) -> tuple[int, dict, float]:
    # A process's first answer loads its translations (seconds, once): a
    # web worker has long done so when a balancer asks.
    client.get(reverse("health-live"))
    started = time.monotonic()
    response = client.get(reverse("health-ready"))
    return response.status_code, response.json(), time.monotonic() - started


def test_liveness_touches_nothing(client):
    # Without the ``db`` fixture any query would raise.
    response = client.get(reverse("health-live"))
    assert response.status_code == 200
    assert response.json() == {"status": "up"}
    assert "no-store" in response["Cache-Control"]


def test_readiness_is_up_and_tells_an_anonymous_caller_nothing_more(
    client, beating_worker
):
    status, body, _ = _ready(client)
    assert (status, body) == (200, {"status": "up"})


def test_readiness_shows_an_administrator_every_component(
    client, administrator, beating_worker
):
    client.force_login(administrator)
    status, body, _ = _ready(client)
    assert status == 200
    assert set(body["checks"]) == {
        "DatabaseReady:default",
        "QueueReady",
        "StorageReady:default",
        "StorageReady:private",
        "StorageReady:imports",
        "MailReady",
    }
    assert all(check["up"] for check in body["checks"].values())


def _down(client, administrator) -> dict:
    status, body, seconds = _ready(client)
    assert (status, body) == (503, {"status": "down"})
    assert seconds < 2
    client.force_login(administrator)
    status, body, seconds = _ready(client)
    assert status == 503
    assert seconds < 2
    return {name for name, check in body["checks"].items() if not check["up"]}


def test_readiness_is_down_without_a_beating_worker(client, administrator, db):
    assert _down(client, administrator) == {"QueueReady"}


def test_readiness_is_down_with_a_stalled_job(client, administrator, beating_worker):
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        job = other.execute(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, status, args) "
            "VALUES ('default', 'ruta.test', 'doing', '{}') RETURNING id"
        ).fetchone()
        assert job is not None
        try:
            assert _down(client, administrator) == {"QueueReady"}
        finally:
            other.execute("DELETE FROM procrastinate_jobs WHERE id = %s", [job[0]])


def test_readiness_is_down_within_two_seconds_when_the_database_hangs(
    client, administrator, beating_worker, silent_port, monkeypatch
):
    # The checks' threads connect anew, by these settings; the test's own
    # connection is already open.
    settings_dict = connections.settings["default"]
    monkeypatch.setitem(settings_dict, "HOST", "127.0.0.1")
    monkeypatch.setitem(settings_dict, "PORT", str(silent_port))
    assert _down(client, administrator) == {"DatabaseReady:default", "QueueReady"}


def test_readiness_is_down_when_private_storage_cannot_keep_a_file(
    client, administrator, beating_worker, settings, tmp_path
):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocked)},
        },
    }
    assert _down(client, administrator) == {"StorageReady:private"}


def test_readiness_is_down_within_two_seconds_when_the_mail_server_hangs(
    client, administrator, beating_worker, settings, silent_port
):
    settings.RUTA_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = silent_port
    assert _down(client, administrator) == {"MailReady"}
