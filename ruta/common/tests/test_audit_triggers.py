"""The audit triggers read their settings without a subtransaction per row.

A ``BEGIN … EXCEPTION`` block around ``current_setting()`` made every
audited row with the setting unset abort a subtransaction, and PostgreSQL
then rescanned the pending deferred trigger events: a bulk load in one
transaction went quadratic. ``ruta.common.db.roles`` installs both functions
reading ``current_setting(name, true)`` instead.
"""

from __future__ import annotations

import pghistory
import pgtrigger
import pytest
from django.db import connection

from ruta.catalog.models import FiscalYear

pytestmark = [pytest.mark.django_db, pytest.mark.server]


def _source(function: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_functiondef(%s::regprocedure)", [function])
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    "function", ["_pgtrigger_should_ignore(name)", "_pgh_attach_context()"]
)
def test_audit_functions_open_no_subtransaction(function):
    source = _source(function).upper()
    assert "EXCEPTION" not in source
    assert "CURRENT_SETTING(" in source


def _year_events(year: int) -> list[tuple]:
    event = FiscalYear._meta.get_field("events").related_model
    # In the order written: without one, PostgreSQL returns rows in whatever
    # order it finds them.
    return list(
        event.objects.filter(pgh_obj_id=year)
        .order_by("pgh_id")
        .values_list("pgh_label", "pgh_context")
    )


def test_a_context_reset_to_empty_writes_the_event_without_context():
    with connection.cursor() as cursor:
        # After SET LOCAL ends, a custom setting reads '' rather than failing.
        cursor.execute("SELECT set_config('pghistory.context_id', '', true)")
        cursor.execute("SELECT set_config('pghistory.context_metadata', '', true)")
        cursor.execute("SELECT set_config('pgtrigger.ignore', '', true)")
    FiscalYear.objects.create(year=2090)
    assert _year_events(2090) == [("insert", None)]


def test_a_context_set_is_attached_to_the_event():
    with pghistory.context(service="probe"):
        FiscalYear.objects.create(year=2091)
    [(label, context)] = _year_events(2091)
    assert label == "insert"
    assert context is not None


def test_the_owner_may_still_ignore_a_trigger():
    with pgtrigger.ignore("catalog.FiscalYear:insert_insert"):
        FiscalYear.objects.create(year=2092)
    assert _year_events(2092) == []


def _audit_triggers() -> list[tuple[str, str, bool, bool]]:
    """Return each pghistory trigger: table, name, per row?, transition tables?"""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT tgrelid::regclass::text, tgname, (tgtype & 1) = 1,
                   tgnewtable IS NOT NULL OR tgoldtable IS NOT NULL
            FROM pg_trigger
            WHERE NOT tgisinternal
              AND tgname ~ '^pgtrigger_(insert_insert|update_update|delete_delete)_'
            """
        )
        return cursor.fetchall()


def test_every_audit_trigger_fires_once_per_statement_with_its_rows():
    triggers = _audit_triggers()
    assert len(triggers) > 100
    assert [t for t in triggers if t[2] or not t[3]] == []


def test_a_statement_over_many_rows_leaves_one_event_per_row_changed():
    with pghistory.context(service="probe"), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO catalog_fiscalyear (year, is_closed, notes) "
            "SELECT y, false, %s FROM generate_series(2093, 2097) AS y",
            [""],
        )
        cursor.execute(
            "UPDATE catalog_fiscalyear SET is_closed = (year = 2094) "
            "WHERE year BETWEEN 2093 AND 2097"
        )
    events = [_year_events(year) for year in range(2093, 2098)]
    assert [[label for label, _ in rows] for rows in events] == [
        ["insert"],
        ["insert", "update"],
        ["insert"],
        ["insert"],
        ["insert"],
    ]
    contexts = {context for rows in events for _, context in rows}
    assert len(contexts) == 1
    assert None not in contexts
