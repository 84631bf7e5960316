"""The job queue's tables are left empty after every test that commits.

Flushing a database after a transactional test (``transaction=True``,
``live_server``) skips procrastinate's tables, which Django does not manage:
a job a test queued would stay for the next test to find.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import connection

PROCRASTINATE_TABLES = (
    "procrastinate_periodic_defers",
    "procrastinate_events",
    "procrastinate_jobs",
    "procrastinate_workers",
)


def _commits(request: pytest.FixtureRequest) -> bool:
    """Return whether the test's writes are committed (not rolled back)."""
    marker = request.node.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker is not None and marker.kwargs.get("transaction"))
    )


@pytest.fixture(autouse=True)
def _queue_left_empty(
    request: pytest.FixtureRequest, django_db_blocker
) -> Iterator[None]:
    yield
    if not _commits(request):
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(PROCRASTINATE_TABLES)} CASCADE")


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
