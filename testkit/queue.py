"""The job queue in tests: a worker run once, in the test's own process."""

from __future__ import annotations

from unittest import mock

from django.core.management import call_command
from django.db import connection
from procrastinate.contrib.django import app


def run_worker_once() -> None:
    """Run ``ruta worker --one-shot`` on the jobs the test queued, then end the
    connections it left open in asgiref's threads (the test database is
    dropped after the tests), and only those.

    A worker also queues the periodic jobs whose time came in the last
    minutes (the grants' daily job at noon UTC): the test would then run a
    day it did not ask for, depending on when it runs. The one-shot run here
    starts with no periodic job; their schedules are tested on the registry.
    """
    before = _backends()
    try:
        with mock.patch.dict(app.periodic_registry.periodic_tasks, clear=True):
            call_command("worker", "--one-shot")
    finally:
        # Only the worker's own: the process's others (a live server's
        # thread serving the browser tests) stay connected.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND NOT pid = ANY(%s)",
                [sorted(before)],
            )


def _backends() -> set[int]:
    """Return the server processes connected to the test database now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        )
        return {row[0] for row in cursor.fetchall()}
