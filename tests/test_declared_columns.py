"""Every column of an app's table is declared by a model a reader can find.

A column only a migration's SQL knows (kept by a trigger, read by raw SQL)
is invisible to whoever reads ``models/``: each must be a field of the
table's model or of an unmanaged model over the same table
(``works.WorkPhaseInputs``).
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.apps import apps
from django.db import connection

pytestmark = pytest.mark.django_db


def _declared() -> dict[str, set[str]]:
    columns: dict[str, set[str]] = defaultdict(set)
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy:
            continue
        columns[model._meta.db_table] |= {
            field.column for field in model._meta.concrete_fields
        }
    return columns


def _present(tables: set[str]) -> dict[str, set[str]]:
    columns: dict[str, set[str]] = defaultdict(set)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ANY(%s)",
            [sorted(tables)],
        )
        for table, column in cursor.fetchall():
            columns[table].add(column)
    return columns


def test_every_column_of_an_apps_table_is_declared_by_a_model():
    declared = _declared()
    present = _present(set(declared))
    undeclared = {
        table: sorted(columns - declared[table])
        for table, columns in present.items()
        if columns - declared[table]
    }
    assert undeclared == {}


def test_the_works_kept_phase_inputs_are_declared_apart_from_the_work():
    work = apps.get_model("works", "Work")
    inputs = apps.get_model("works", "WorkPhaseInputs")
    kept = {field.column for field in inputs._meta.concrete_fields} - {"id"}
    assert kept
    assert kept.isdisjoint(field.column for field in work._meta.concrete_fields)
    assert inputs._meta.db_table == work._meta.db_table
    assert not inputs._meta.managed
