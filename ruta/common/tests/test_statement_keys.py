"""Every key declared checked once per statement has its triggers installed."""

import pytest
from django.apps import apps
from django.db import connection

from ruta.common.statementkeys import (
    StatementCheckedForeignKey,
    statement_key_triggers,
)


def _declared() -> list[tuple[str, str, str]]:
    return [
        (model._meta.db_table, field.column, field.related_model._meta.db_table)
        for model in apps.get_models()
        for field in model._meta.local_fields
        if isinstance(field, StatementCheckedForeignKey)
    ]


def test_some_keys_are_declared_checked_once_per_statement():
    assert ("ingest_publishedrow", "document_id", "ingest_sourcedocument") in (
        _declared()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("table", "column", "parent"), _declared())
def test_each_declared_key_has_its_triggers_and_no_constraint(table, column, parent):
    insert, update, delete = statement_key_triggers(table, column)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname, tgrelid::regclass::text FROM pg_trigger "
            "WHERE tgname = ANY(%s) AND tgenabled <> 'D'",
            [[insert, update, delete]],
        )
        installed = set(cursor.fetchall())
        cursor.execute(
            "SELECT count(*) FROM pg_constraint c JOIN pg_attribute a "
            "ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) "
            "WHERE c.contype = 'f' AND c.conrelid = %s::regclass AND a.attname = %s",
            [table, column],
        )
        (constraints,) = cursor.fetchone()
    assert installed == {(insert, table), (update, table), (delete, parent)}
    assert constraints == 0
