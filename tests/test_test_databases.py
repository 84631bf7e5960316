"""The suite's template database: dumped once, restored whole on another server."""

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


class _Dist:
    def __init__(self, name: str, version: str) -> None:
        self.metadata = {"Name": name}
        self.version = version


def test_the_schema_digest_follows_the_packages_but_not_the_project_s_own_metadata(
    monkeypatch,
):
    installed = [_Dist("Django", "5.2"), _Dist(database.PROJECT, "0.1.0")]
    monkeypatch.setattr(database.metadata, "distributions", lambda: installed)
    before = database.schema_digest()
    installed[1] = _Dist(database.PROJECT, "0.2.0")
    assert database.schema_digest() == before
    installed[0] = _Dist("Django", "5.2.1")
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
    dump = tmp_path / "schema.dump"
    database._dumped("default", source, dump)
    assert dump.exists()
    with connection.creation._nodb_cursor() as cursor:
        database._database_drop(cursor, restored)
        cursor.execute(f"CREATE DATABASE {database._quoted(restored)}")
    try:
        assert database._restored("default", restored, dump)
        expected = _counts(source)
        assert expected[0] > 100  # tables
        assert expected[1] > 100  # triggers
        assert _counts(restored) == expected
    finally:
        with connection.creation._nodb_cursor() as cursor:
            database._database_drop(cursor, restored)
