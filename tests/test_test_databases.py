"""The suite's template database: its schema kept as SQL, restored whole elsewhere."""

from __future__ import annotations

import pytest
from django.db import connection

from testkit import database

TRIGGERS = "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"
TABLES = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
FUNCTIONS = (
    "SELECT count(*) FROM pg_proc JOIN pg_namespace ON pg_namespace.oid = pronamespace"
    " WHERE nspname = 'public'"
)
MIGRATIONS = "SELECT count(*) FROM django_migrations"


def test_only_column_options_of_another_server_build_are_left_out_of_a_restore():
    assert database.FOREIGN_OPTION.match(
        b"ALTER TABLE ONLY public.procrastinate_jobs ALTER COLUMN worker_id "
        b"SET (pg_attver=319640752);"
    )
    assert not database.FOREIGN_OPTION.match(
        b"ALTER TABLE ONLY public.works_work ALTER COLUMN id SET DEFAULT 1;"
    )


def test_the_schema_digest_follows_the_apps_packages_and_no_other(monkeypatch):
    versions = {"Django": "5.2", "ruff": "0.17.5"}
    real_version = database.metadata.version
    monkeypatch.setattr(
        database.metadata,
        "version",
        lambda name: versions.get(name) or real_version(name),
    )
    before = database.schema_digest()
    versions["ruff"] = "0.18.0"  # a tool, behind no installed app
    assert database.schema_digest() == before
    versions["Django"] = "5.2.1"
    assert database.schema_digest() != before


def _counts(name: str) -> tuple[int, ...]:
    from django.db import connections

    alias = connections["default"]
    saved = alias.settings_dict["NAME"]
    alias.close()
    alias.settings_dict["NAME"] = name
    try:
        with alias.cursor() as cursor:
            found = []
            for query in (TABLES, TRIGGERS, FUNCTIONS, MIGRATIONS):
                cursor.execute(query)
                found.append(cursor.fetchone()[0])
    finally:
        alias.close()
        alias.settings_dict["NAME"] = saved
    return tuple(found)


@pytest.mark.django_db(transaction=True)
def test_a_dumped_database_restores_with_every_table_trigger_and_migration(tmp_path):
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored"
    path = tmp_path / "schema.sql.gz"
    database._dumped("default", source, "d1g3st", path)
    assert database._schema_sql("another", path) is None  # another schema's
    with connection.creation._nodb_cursor() as cursor:
        database._database_drop(cursor, restored)
        cursor.execute(f"CREATE DATABASE {database._quoted(restored)}")
    try:
        assert database._restored("default", restored, "d1g3st", path)
        expected = _counts(source)
        assert expected[0] > 100  # tables
        assert expected[1] > 100  # triggers
        assert _counts(restored) == expected
    finally:
        with connection.creation._nodb_cursor() as cursor:
            database._database_drop(cursor, restored)
