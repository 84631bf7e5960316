"""The job queue in tests: a worker run once, in the test's own process."""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection


def run_worker_once() -> None:
    """Run ``ruta worker --one-shot``, then end the connections it left open in
    asgiref's threads (the test database is dropped after the tests)."""
    try:
        call_command("worker", "--one-shot")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
