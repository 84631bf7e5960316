"""What a test that commits leaves behind is put back as migrations left it.

Django empties every table it manages after a transactional test
(``transaction=True``, ``live_server``). That skips procrastinate's tables,
which Django does not manage (a job a test queued would stay for the next
test to find), and it deletes the rows data migrations seeded (the problem
categories), which the next test on the same database expects.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.apps import apps
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
def _committed_rows_put_back(
    request: pytest.FixtureRequest, django_db_blocker
) -> Iterator[None]:
    yield
    if not _commits(request):
        return
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(PROCRASTINATE_TABLES)} CASCADE")
        _seeded_rows_restore()


# The data migrations whose rows tests expect, and their forward function.
SEEDING_MIGRATIONS = (("ruta.problems.migrations.0002_categories", "categories_add"),)


def _seeded_rows_restore() -> None:
    """Run the seeding migrations' forward functions again (they are idempotent)."""
    editor = SimpleNamespace(connection=connection)
    for module, function in SEEDING_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, editor)
