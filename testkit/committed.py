"""What a test that commits leaves behind is put back as migrations left it.

Django empties every table it manages after a transactional test
(``transaction=True``, ``live_server``), then sends ``post_migrate`` as
``migrate`` does (that is how its content types come back). Flushing skips
procrastinate's tables, which Django does not manage (a job a test queued
would stay for the next test to find), and it deletes the rows data
migrations seeded (the problem categories), which the next test on the same
database expects: on that signal, the queue's tables are emptied and the
seeding migrations' forward functions run again (they are idempotent).

After the suite's own flush, which deletes rows only (``testkit.postgresql``),
the signal is not sent at all: its other receivers would install again
triggers, functions and grants no DELETE touched, and find the content types
and permissions there. The seeding migrations run alone.
"""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps as global_apps
from django.core.management.commands import flush
from django.db import connections
from django.db.models.signals import post_migrate

PROCRASTINATE_TABLES = (
    "procrastinate_periodic_defers",
    "procrastinate_events",
    "procrastinate_jobs",
    "procrastinate_workers",
)
# The data migrations whose rows tests expect, and their forward function.
SEEDING_MIGRATIONS = (("ruta.problems.migrations.0002_categories", "categories_add"),)
# The app whose signal does the work: sent once per app, it is acted on once.
SIGNAL_SENDER = "ruta.problems"


def _flushed_database_restore(sender, using: str, apps=global_apps, **kwargs) -> None:
    """Empty the queue's tables and seed again (``apps``: absent after a flush)."""
    if sender.name != SIGNAL_SENDER:
        return
    connection = connections[using]
    with connection.cursor() as cursor:
        # The suite's flush (testkit.postgresql) has emptied them already;
        # TRUNCATE costs a quarter of a second even on empty tables.
        exists = (f"EXISTS (SELECT FROM {t})" for t in PROCRASTINATE_TABLES)
        cursor.execute("SELECT " + " OR ".join(exists))  # noqa: S608 - our table names
        if cursor.fetchone()[0]:
            cursor.execute(f"TRUNCATE {', '.join(PROCRASTINATE_TABLES)} CASCADE")
    _seeded_again(connection, apps)


def _seeded_again(connection, apps=global_apps) -> None:
    editor = SimpleNamespace(connection=connection)
    for module, function in SEEDING_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, editor)


def _flush_signal_skipped() -> None:
    """Send ``post_migrate`` after a flush only when it truncated the tables."""
    sent = flush.emit_post_migrate_signal
    if getattr(sent, "after_truncate_only", False):
        return

    def emitted(verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
        connection = connections[db]
        if getattr(connection, "rows_deleted_only", False):
            connection.rows_deleted_only = False
            _seeded_again(connection)
            return
        sent(verbosity, interactive, db, **kwargs)

    emitted.after_truncate_only = True  # type: ignore[attr-defined]
    flush.emit_post_migrate_signal = emitted


def pytest_configure(config: pytest.Config) -> None:
    post_migrate.connect(_flushed_database_restore, dispatch_uid=__name__)
    _flush_signal_skipped()
