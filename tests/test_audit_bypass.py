"""Every way a tester rewrote or silenced the audit trail, tried as the app's role.

The suite's own connection is the server's superuser (it creates the test
database). These tests create the application's role, grant it what
``ruta.common.db.roles`` grants in production, connect as it and try each
bypass: all must fail, and tracked writes must still leave events.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg import errors

from ruta.common.audit.history import RECORD_PROCEDURE
from ruta.common.db.roles import event_tables

pytestmark = pytest.mark.server


@dataclass(frozen=True)
class Probe:
    """A cursor connected as the application's role, and the user it made."""

    cursor: psycopg.Cursor
    user_id: int


@pytest.fixture
def app(app_role):
    """Return a cursor as the application's role, in a transaction rolled back."""
    with psycopg.connect(**app_role) as conn:
        with conn.cursor() as cursor:
            cursor.execute(
                "INSERT INTO accounts_user (password, email, full_name, is_active, "
                "is_staff, is_superuser, date_joined) VALUES "
                "('!', 'sonda@example.org', 'Sonda', true, false, false, now()) "
                "RETURNING id"
            )
            yield Probe(cursor, cursor.fetchone()[0])
        conn.rollback()


def _refused(cursor, sql: str, *params) -> str:
    """Run ``sql`` in a savepoint; return the error's SQLSTATE, or fail."""
    cursor.execute("SAVEPOINT attempt")
    try:
        cursor.execute(sql, params or None)
    except psycopg.Error as error:
        cursor.execute("ROLLBACK TO SAVEPOINT attempt")
        return error.sqlstate
    pytest.fail(f"allowed: {sql}")


def _events(cursor, user_id: int) -> int:
    cursor.execute(
        "SELECT count(*) FROM accounts_userevent WHERE pgh_obj_id = %s", [user_id]
    )
    return cursor.fetchone()[0]


def _tracking_trigger(cursor, table: str, operation: str) -> str:
    cursor.execute(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname LIKE %s",
        [table, f"pgtrigger_{operation}_{operation}_%"],
    )
    return cursor.fetchone()[0]


def test_the_apps_tracked_writes_leave_events(app):
    assert _events(app.cursor, app.user_id) == 1
    app.cursor.execute(
        "UPDATE accounts_user SET full_name = 'Otra' WHERE id = %s", [app.user_id]
    )
    assert _events(app.cursor, app.user_id) == 2


def test_events_cannot_be_updated_deleted_or_truncated(app):
    denied = errors.InsufficientPrivilege.sqlstate
    assert (
        _refused(app.cursor, "UPDATE accounts_userevent SET full_name = 'x'") == denied
    )
    assert _refused(app.cursor, "DELETE FROM accounts_userevent") == denied
    assert _refused(app.cursor, "TRUNCATE accounts_userevent") == denied


def test_an_event_cannot_be_forged_by_inserting_it(app):
    forged_delete = (
        "INSERT INTO accounts_userevent (pgh_created_at, pgh_label, pgh_obj_id, id, "
        "email, full_name, is_active, is_staff, is_superuser, date_joined) "
        "SELECT now(), 'delete', id, id, email, full_name, is_active, is_staff, "
        "is_superuser, date_joined FROM accounts_user WHERE id = %s"
    )
    assert (
        _refused(app.cursor, forged_delete, app.user_id)
        == errors.InsufficientPrivilege.sqlstate
    )
    app.cursor.execute(
        "SELECT count(*) FROM accounts_userevent WHERE pgh_obj_id = %s "
        "AND pgh_label = 'delete'",
        [app.user_id],
    )
    assert app.cursor.fetchone()[0] == 0


def test_no_event_table_takes_an_insert_from_the_app(app):
    accepted = {
        table: state
        for table in event_tables()
        if (state := _refused(app.cursor, f'INSERT INTO "{table}" DEFAULT VALUES'))
        != errors.InsufficientPrivilege.sqlstate
    }
    assert accepted == {}


def test_a_key_cannot_change_past_the_audit_triggers(app):
    # The update triggers pair old and new rows by key; a new key and a new
    # name in one statement would leave no event.
    assert (
        _refused(
            app.cursor,
            "UPDATE accounts_user SET id = id + 1000000, full_name = 'Otra' "
            "WHERE id = %s",
            app.user_id,
        )
        == errors.InsufficientPrivilege.sqlstate
    )


def test_a_context_cannot_be_inserted(app):
    assert (
        _refused(
            app.cursor,
            "INSERT INTO pghistory_context (id, metadata, created_at, updated_at) "
            "VALUES (gen_random_uuid(), '{\"user\": 1}', now(), now())",
        )
        == errors.InsufficientPrivilege.sqlstate
    )


def test_event_numbers_cannot_be_drawn_by_the_app(app):
    # A number drawn and never used would read as an event erased.
    assert (
        _refused(
            app.cursor,
            "SELECT nextval(pg_get_serial_sequence('accounts_userevent', 'pgh_id'))",
        )
        == errors.InsufficientPrivilege.sqlstate
    )


def _record(cursor, table: str, label: str, object_id: object) -> int:
    cursor.execute(
        f"CALL {RECORD_PROCEDURE}(%s, %s, %s, NULL)", [table, label, str(object_id)]
    )
    return cursor.fetchone()[0]


def test_the_record_procedure_copies_the_stored_record(app):
    event_id = _record(
        app.cursor, "accounts_userevent", "personal_data_viewed", app.user_id
    )
    app.cursor.execute(
        "SELECT pgh_label, pgh_obj_id, full_name FROM accounts_userevent "
        "WHERE pgh_id = %s",
        [event_id],
    )
    assert app.cursor.fetchone() == ("personal_data_viewed", app.user_id, "Sonda")


@pytest.mark.parametrize(
    ("table", "label"),
    [
        ("accounts_userevent", "delete"),
        ("accounts_userevent", "update"),
        ("works_workevent", "personal_data_viewed"),
        ("pghistory_context", "personal_data_viewed"),
    ],
)
def test_the_record_procedure_refuses_what_no_model_declares(app, table, label):
    assert (
        _refused(
            app.cursor,
            f"CALL {RECORD_PROCEDURE}(%s, %s, %s, NULL)",
            table,
            label,
            str(app.user_id),
        )
        == errors.InsufficientPrivilege.sqlstate
    )


def test_the_record_procedure_refuses_a_record_that_does_not_exist(app):
    missing = str(app.user_id + 1_000_000)
    assert (
        _refused(
            app.cursor,
            f"CALL {RECORD_PROCEDURE}(%s, %s, %s, NULL)",
            "accounts_userevent",
            "personal_data_viewed",
            missing,
        )
        == errors.NoDataFound.sqlstate
    )


def test_a_context_cannot_be_rewritten_to_name_another_user(app):
    denied = errors.InsufficientPrivilege.sqlstate
    assert (
        _refused(app.cursor, "UPDATE pghistory_context SET metadata = '{\"user\": 1}'")
        == denied
    )
    assert _refused(app.cursor, "DELETE FROM pghistory_context") == denied


def test_ignoring_triggers_is_not_honoured_for_the_app(app):
    update = _tracking_trigger(app.cursor, "accounts_user", "update")
    app.cursor.execute(f"SET LOCAL pgtrigger.ignore = '{{{update}}}'")
    app.cursor.execute(
        "UPDATE accounts_user SET full_name = 'Oculta' WHERE id = %s", [app.user_id]
    )
    assert _events(app.cursor, app.user_id) == 2
    assert (
        _refused(app.cursor, "UPDATE accounts_userevent SET full_name = 'x'")
        == errors.InsufficientPrivilege.sqlstate
    )


def test_triggers_cannot_be_switched_off_dropped_or_replaced(app):
    update = _tracking_trigger(app.cursor, "accounts_user", "update")
    denied = {errors.InsufficientPrivilege.sqlstate}
    assert _refused(app.cursor, "SET session_replication_role = replica") in denied
    assert (
        _refused(app.cursor, "ALTER TABLE accounts_user DISABLE TRIGGER ALL") in denied
    )
    assert _refused(app.cursor, f"DROP TRIGGER {update} ON accounts_user") in denied
    assert (
        _refused(
            app.cursor,
            f"CREATE OR REPLACE FUNCTION {update}() RETURNS trigger AS "
            "'BEGIN RETURN NEW; END' LANGUAGE plpgsql",
        )
        in denied
    )
    assert (
        _refused(
            app.cursor,
            "CREATE OR REPLACE FUNCTION _pgtrigger_should_ignore(n name) "
            "RETURNS boolean AS 'SELECT true' LANGUAGE sql",
        )
        in denied
    )


def test_the_owners_writers_cannot_be_replaced_or_changed(app):
    update = _tracking_trigger(app.cursor, "accounts_user", "update")
    denied = {errors.InsufficientPrivilege.sqlstate}
    for sql in (
        f"ALTER FUNCTION {update}() SECURITY INVOKER",
        f"CREATE OR REPLACE PROCEDURE {RECORD_PROCEDURE}"
        "(a text, b text, c text, INOUT d integer DEFAULT NULL) "
        "AS 'BEGIN END' LANGUAGE plpgsql",
        "CREATE OR REPLACE FUNCTION _pgh_attach_context() RETURNS uuid "
        "AS 'SELECT NULL::uuid' LANGUAGE sql",
    ):
        assert _refused(app.cursor, sql) in denied, sql


def test_a_temporary_table_cannot_shadow_an_event_table(app):
    assert _refused(
        app.cursor, "CREATE TEMP TABLE accounts_userevent (LIKE accounts_user)"
    ) in {errors.InsufficientPrivilege.sqlstate}


def test_the_funding_check_is_out_of_the_apps_reach(app):
    denied = errors.InsufficientPrivilege.sqlstate
    for sql in (
        "ALTER TABLE works_work DISABLE TRIGGER work_funding_adds_up",
        "DROP TRIGGER work_funding_adds_up ON works_work",
        "ALTER TABLE works_work DROP CONSTRAINT work_funding_lines_valid",
        "SET session_replication_role = replica",
    ):
        assert _refused(app.cursor, sql) == denied, sql


def test_even_the_owner_cannot_change_who_a_context_records(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO pghistory_context (id, metadata, created_at, updated_at) "
            "VALUES (gen_random_uuid(), '{\"user\": 7}', now(), now()) RETURNING id"
        )
        context = cursor.fetchone()[0]
        cursor.execute(
            'UPDATE pghistory_context SET metadata = metadata || \'{"url": "/x"}\' '
            "WHERE id = %s",
            [context],
        )
        with pytest.raises(Exception, match="who acted and from where cannot change"):
            cursor.execute(
                "UPDATE pghistory_context SET metadata = '{\"user\": 8}' WHERE id = %s",
                [context],
            )


def test_the_grants_command_needs_the_owner_role(db):
    with pytest.raises(CommandError, match="RUTA_DATABASE_OWNER_URL"):
        call_command("db_roles")
