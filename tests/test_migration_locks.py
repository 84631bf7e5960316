"""A migration that locks or rewrites a table says why; none waits long for a lock."""

from __future__ import annotations

import pytest
from django.contrib.postgres.operations import AddIndexConcurrently
from django.core.management.sql import emit_pre_migrate_signal
from django.db import connection, migrations, models
from django.db.migrations.loader import MigrationLoader

from ruta.common.db import migrationlocks
from ruta.common.db.migrationlocks import (
    INDEX,
    NOT_NULL_DEFAULT,
    REASONS,
    TYPE_CHANGE,
    Risk,
    migration_risks,
    project_risks,
    risks_unexplained,
    widened_only,
)


def test_every_migration_that_locks_or_rewrites_a_table_states_why():
    risks = project_risks()
    assert [str(risk) for risk in risks_unexplained(risks)] == []
    # And no reason is left over for a migration that holds no lock.
    assert set(REASONS) == {risk.migration for risk in risks}


class BadMigration(migrations.Migration):
    """What the check is there to stop: three long locks on the aids table."""

    dependencies = [("works", "0001_initial")]
    operations = [
        migrations.AddField("aid", "checked", models.BooleanField(default=False)),
        migrations.AddIndex(
            "aid", models.Index(fields=["description"], name="aid_description")
        ),
        migrations.AlterField("aid", "concept", models.IntegerField(default=0)),
        # Fine: built concurrently, a column that may be null, a longer text.
        AddIndexConcurrently(
            "aid", models.Index(fields=["declaration"], name="aid_declaration")
        ),
        migrations.AddField("aid", "note", models.TextField(null=True)),
        migrations.AlterField("aid", "description", models.TextField(blank=True)),
    ]


def test_the_check_fails_on_a_deliberately_bad_migration(monkeypatch):
    state = MigrationLoader(None, ignore_no_migrations=True).project_state()
    bad = BadMigration("9999_bad", "works")
    found = list(migration_risks(bad, state))
    assert [(index, kind) for index, kind, _ in found] == [
        (0, NOT_NULL_DEFAULT),
        (1, INDEX),
        (2, TYPE_CHANGE),
    ]
    risks = [Risk("works.9999_bad", index, kind, text) for index, kind, text in found]
    assert risks_unexplained(risks) == risks
    monkeypatch.setitem(migrationlocks.REASONS, "works.9999_bad", "   ")
    assert risks_unexplained(risks) == risks  # a blank reason is none
    monkeypatch.setitem(migrationlocks.REASONS, "works.9999_bad", "An empty table.")
    assert risks_unexplained(risks) == []


@pytest.mark.parametrize(
    ("old", "new", "widened"),
    [
        ("varchar(30)", "varchar(300)", True),
        ("varchar(30)", "text", True),
        ("numeric(16, 2)", "numeric(18, 2)", True),
        ("varchar(300)", "varchar(30)", False),
        ("numeric(18, 2)", "numeric(18, 4)", False),
        ("jsonb", "json", False),
        ("varchar(30)", "integer", False),
    ],
)
def test_only_a_widening_postgresql_does_without_a_rewrite_passes(old, new, widened):
    assert widened_only(old, new) is widened


@pytest.mark.django_db
def test_every_migration_runs_under_the_lock_timeout(settings):
    settings.RUTA_MIGRATION_LOCK_TIMEOUT = 7
    emit_pre_migrate_signal(verbosity=0, interactive=False, db="default")
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone() == ("7s",)
