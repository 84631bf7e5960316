"""The owner's functions, the only way events reach the audit history.

The application's role may not INSERT into an event table (nor UPDATE,
DELETE or TRUNCATE it): were it allowed to, it could write any row it
liked, a "delete" of a work that still exists or a change nobody made.
Routines owned by the schema's owner and running with its rights
(``SECURITY DEFINER`` with a fixed ``search_path``) write them instead:

- the statement triggers pghistory installs: each copies the rows its
  statement changed from the statement's transition tables, which hold the
  rows the application really wrote and nothing else;
- the procedure ``ruta_audit_event_record(event_table, label, object_id)``,
  for the events the application records itself (a read of personal data).
  It takes only the kinds declared in code (a model's
  ``pghistory.ManualEvent``), copies the record as stored (never values the
  caller passes), stamps the time and the current context itself, and
  refuses a record that does not exist. So the application can say "this
  reader saw that record", which it alone knows, and nothing else: not an
  insert, an update or a delete, not another time, not other values.

pghistory's update trigger pairs a statement's old and new rows by primary
key, so an UPDATE that also changed the key left no event at all (a
membership moved to another person unseen). No tracked row's key may
change: Django never changes one, and a row-level guard on each tracked
table refuses it whoever asks, firing only when an UPDATE sets the key.

All of this is (re)made after every migrate (``dbroles.triggers_harden``):
a trigger reinstalled by a migration comes back as pgtrigger's plain
function.
"""

from __future__ import annotations

import re

import pgtrigger
from django.apps import apps
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import AutoField, GeneratedField
from pghistory.trigger import Event as EventTrigger

from ruta.common.audit.history import (
    RECORD_PROCEDURE,
    ManualKind,
    manual_event_kinds,
    tracked_model,
)

RECORD_SIGNATURE = f"{RECORD_PROCEDURE}(text, text, text, integer)"
KEY_TRIGGER = "ruta_audit_key_kept"
_KEY_FUNCTION = """
CREATE OR REPLACE FUNCTION ruta_audit_key_kept() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the key of a % row cannot change: its audit history follows it',
        TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
# pg_temp last: a temporary table can never stand in for an event table.
SEARCH_PATH = "pg_catalog, public, pg_temp"
NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def event_trigger_functions() -> list[str]:
    """Return the names of the functions of every audit event trigger."""
    return sorted(
        {
            trigger.get_pgid(model)
            for model, trigger in pgtrigger.registered()
            if isinstance(trigger, EventTrigger)
        }
    )


def event_triggers_harden(connection: BaseDatabaseWrapper) -> None:
    """Make every installed event trigger function run with its owner's rights."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND p.pronargs = 0 "
            "AND p.proname = ANY(%s) "
            "AND NOT (p.prosecdef AND p.proconfig = %s)",
            [event_trigger_functions(), [f"search_path={SEARCH_PATH}"]],
        )
        for (function,) in cursor.fetchall():
            cursor.execute(
                f"ALTER FUNCTION {function} SECURITY DEFINER "
                f"SET search_path = {SEARCH_PATH}"
            )


def tracked_tables() -> dict[str, str]:
    """Return the table of every tracked model, with its primary key's column."""
    from pghistory.models import Event

    tables = {}
    for model in apps.get_models():
        tracked = tracked_model(model) if issubclass(model, Event) else None
        concrete = tracked._meta.concrete_model if tracked is not None else None
        # A view (an unmanaged model) has no rows of its own to guard.
        if concrete is not None and concrete._meta.managed:
            tables[concrete._meta.db_table] = _name(concrete._meta.pk.column)
    return tables


def key_guards_install(connection: BaseDatabaseWrapper) -> int:
    """Guard the key of every tracked table that lacks it; return how many got one."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(_KEY_FUNCTION)
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [KEY_TRIGGER],
        )
        present = {name for (name,) in cursor.fetchall()}
        missing = {t: pk for t, pk in tracked_tables().items() if t not in present}
        for table, pk in sorted(missing.items()):
            cursor.execute(
                f"CREATE TRIGGER {KEY_TRIGGER} BEFORE UPDATE OF {quote(pk)} "
                f"ON {quote(table)} FOR EACH ROW "
                f"WHEN (OLD.{quote(pk)} IS DISTINCT FROM NEW.{quote(pk)}) "
                f"EXECUTE FUNCTION {KEY_TRIGGER}()"
            )
    return len(missing)


def _name(value: str | None) -> str:
    """Return ``value``, a table, column or label name, after checking it is plain."""
    if value is None or not NAME.fullmatch(value):
        raise ValueError(f"not a plain name: {value!r}")
    return value


def _copy_statement(kind: ManualKind, connection: BaseDatabaseWrapper) -> str:
    """Return the INSERT recording ``kind`` from the stored row of ``object_id``."""
    event_model, label = kind.event_model, _name(kind.label)
    origin = tracked_model(event_model)
    tracked = origin._meta.concrete_model if origin is not None else None
    if tracked is None:
        raise ValueError(f"{event_model.__name__} keeps no model's history")
    tracked_names = {field.name for field in tracked._meta.fields}
    values = {
        _name(field.column): f'_row."{_name(field.column)}"'
        for field in event_model._meta.fields
        if field.concrete
        and field.name in tracked_names
        and not isinstance(field, (AutoField, GeneratedField))
    }
    pk = tracked._meta.pk
    values["pgh_created_at"] = "clock_timestamp()"
    values["pgh_label"] = f"'{label}'"
    values["pgh_obj_id"] = f'_row."{_name(pk.column)}"'
    values["pgh_context_id"] = "_pgh_attach_context()"
    columns = ", ".join(f'"{column}"' for column in values)
    # Names only, each checked by ``_name``; the one value is a parameter.
    cast = pk.rel_db_type(connection)
    event_table, table = event_model._meta.db_table, tracked._meta.db_table
    selected = ", ".join(values.values())
    return (
        f'INSERT INTO "{_name(event_table)}" ({columns}) SELECT {selected} '  # noqa: S608
        f'FROM "{_name(table)}" AS _row '
        f'WHERE _row."{_name(pk.column)}" = _object_id::{cast} '
        "RETURNING pgh_id INTO _event_id;"
    )


def record_procedure_sql(connection: BaseDatabaseWrapper) -> str:
    """Return the definition of the procedure recording the declared manual events.

    A procedure, called with ``CALL``: pghistory passes the audit context
    with every statement but a ``SELECT``. One branch per declared kind;
    anything else is refused. The arguments' names start with ``_`` so that
    no column of a copied record can be mistaken for one.
    """
    refused = (
        "RAISE EXCEPTION 'no manual audit event % on %', _label, _event_table "
        "USING ERRCODE = 'insufficient_privilege';"
    )
    branches = [
        f"IF _event_table = '{_name(kind.event_model._meta.db_table)}' "
        f"AND _label = '{_name(kind.label)}' THEN\n"
        f"            {_copy_statement(kind, connection)}"
        for kind in manual_event_kinds()
    ]
    chosen = (
        "\n        ELS".join(branches) + f"\n        ELSE {refused}\n        END IF;"
        if branches
        else refused
    )
    return f"""
CREATE OR REPLACE PROCEDURE {RECORD_PROCEDURE}(
    _event_table text, _label text, _object_id text,
    INOUT _event_id integer DEFAULT NULL
) AS $$
    BEGIN
        _event_id := NULL;
        {chosen}
        IF _event_id IS NULL THEN
            RAISE EXCEPTION 'audit event %: no record % to record', _label, _object_id
                USING ERRCODE = 'no_data_found';
        END IF;
    END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SEARCH_PATH};
REVOKE ALL ON PROCEDURE {RECORD_SIGNATURE} FROM PUBLIC;
"""


def record_procedure_install(connection: BaseDatabaseWrapper) -> None:
    """(Re)make the procedure recording manual events, for the kinds declared now."""
    with connection.cursor() as cursor:
        cursor.execute(record_procedure_sql(connection))
