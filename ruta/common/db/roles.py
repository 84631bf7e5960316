"""Two database roles: the owner runs migrations, the application owns nothing.

The audit history is written by database triggers into append-only event
tables. A role that owns those tables could still disable the triggers,
truncate the tables, rewrite a context or, as a superuser, stop triggers with
``session_replication_role``. So the application connects as a role that:

- owns no table, function or trigger (it cannot ALTER, DROP or replace them);
- is no superuser (it cannot set ``session_replication_role``);
- may SELECT, INSERT, UPDATE, DELETE ordinary tables and use their sequences;
- may only SELECT event tables and ``pghistory_context``, and not draw their
  ids. Events are written only by functions that run with the owner's rights
  (``ruta.common.audit.eventwriters``): the triggers, from the rows a statement
  really changed, and ``ruta_audit_event_record``, for the manual events the
  models declare; contexts only by ``_pgh_attach_context()``;
- never TRUNCATEs, and creates no temporary table (one named like an event
  table would catch the triggers' writes): an import's temporary tables are
  made by the owner's functions, each creating only the tables it declares
  (``ruta.common.fast.scratch``);
- has no right at all on a table whose comment starts ``ruta:owner-only``
  (such as the notes of the works' funding check), which only functions
  running with the owner's rights write;
- cannot switch triggers off with ``SET pgtrigger.ignore``: the function that
  reads that setting honours it only when the session's own role (and the
  current one) is a member of the role that owns it. The session's, because
  inside an event trigger, which runs as the owner, the current role is
  always the owner.

``database_roles_apply`` sets this up, idempotently; it runs after every
``migrate`` done as the owner, and from ``ruta db-roles``. The context rows
themselves refuse DELETE and any UPDATE that changes a recorded value
(migration ``common.0001``), whoever asks.
"""

from __future__ import annotations

import re

from django.db.backends.base.base import BaseDatabaseWrapper

from ruta.common.audit.auditindex import (
    CONTEXT_TABLE,
    audit_index_install,
    event_models,
)
from ruta.common.audit.eventwriters import (
    RECORD_SIGNATURE,
    SEARCH_PATH,
    event_triggers_harden,
    key_guards_install,
    record_procedure_install,
)
from ruta.common.db.versioning import version_triggers_install
from ruta.common.fast.scratch import scratch_install

OWNER_ONLY_MARK = "ruta:owner-only"
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")

# pgtrigger's own function, with two changes: only a session of a member of
# the role that owns it (the schema owner, running migrations) may ignore
# triggers (the event triggers run as the owner, so the current role alone
# would let everyone), and the setting is read with
# ``current_setting(name, true)`` (NULL when unset) instead of inside
# ``BEGIN … EXCEPTION``. Each such block is a
# subtransaction; one aborted per audited row made PostgreSQL rescan the
# pending deferred trigger events, so a bulk load in one transaction grew
# quadratically with its rows. A setting reset at the end of a transaction
# reads as '' afterwards, hence the NULLIF.
_IGNORE_FUNCTION = """
CREATE OR REPLACE FUNCTION "public"._pgtrigger_should_ignore(trigger_name NAME)
RETURNS BOOLEAN AS $$
    DECLARE
        _pgtrigger_ignore TEXT[];
        _owner OID;
    BEGIN
        _owner := (SELECT proowner FROM pg_proc
                   WHERE oid = '"public"._pgtrigger_should_ignore(name)'::regprocedure);
        IF NOT (pg_has_role(session_user, _owner, 'MEMBER')
                AND pg_has_role(current_user, _owner, 'MEMBER')) THEN
            RETURN FALSE;
        END IF;
        _pgtrigger_ignore := NULLIF(CURRENT_SETTING('pgtrigger.ignore', true), '');
        IF _pgtrigger_ignore IS NOT NULL THEN
            RETURN trigger_name = ANY(_pgtrigger_ignore);
        END IF;
        RETURN FALSE;
    END;
$$ LANGUAGE plpgsql;
"""

# pghistory's context writer, reading its settings the same way (no
# subtransaction per audited row); it runs with the owner's rights, so the
# application can add contexts but not rewrite them.
_ATTACH_CONTEXT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION _pgh_attach_context()
RETURNS pghistory_context.id%TYPE AS $$
    DECLARE
        _pgh_context_id UUID;
        _pgh_context_metadata JSONB;
    BEGIN
        _pgh_context_id := NULLIF(CURRENT_SETTING('pghistory.context_id', true), '');
        _pgh_context_metadata := NULLIF(
            CURRENT_SETTING('pghistory.context_metadata', true), ''
        );
        IF _pgh_context_id IS NOT NULL AND _pgh_context_metadata IS NOT NULL THEN
            INSERT INTO pghistory_context (id, metadata, created_at, updated_at)
                VALUES (_pgh_context_id, _pgh_context_metadata, NOW(), NOW())
                ON CONFLICT (id) DO UPDATE
                    SET metadata = EXCLUDED.metadata,
                        updated_at = EXCLUDED.updated_at
                    WHERE pghistory_context.metadata != EXCLUDED.metadata;
            RETURN _pgh_context_id;
        END IF;
        RETURN NULL;
    END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SEARCH_PATH};
"""  # noqa: S608


def event_tables() -> list[str]:
    """Return the tables of every audit event model."""
    return [model._meta.db_table for model in event_models()]


def owner_only_tables(connection: BaseDatabaseWrapper) -> list[str]:
    """Return the tables whose comment marks them for the owner alone."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
            "AND c.relkind = 'r' AND obj_description(c.oid, 'pg_class') LIKE %s "
            "ORDER BY 1",
            [f"{OWNER_ONLY_MARK}%"],
        )
        return [name for (name,) in cursor.fetchall()]


def _quoted(connection: BaseDatabaseWrapper, name: str) -> str:
    """Return a role or table name quoted; only plain identifiers are taken."""
    if not IDENTIFIER.fullmatch(name):
        raise ValueError(f"not a plain role or table name: {name!r}")
    return connection.ops.quote_name(name)


def triggers_harden(connection: BaseDatabaseWrapper) -> None:
    """Make trigger ignoring owner-only and every audit writer run as the owner.

    Trigger installations (in migrations) put pgtrigger's plain functions
    back, and pghistory's migrations its context writer, so this runs after
    every migrate: the ignore check and the context writer read their
    settings without a subtransaction per row; the event triggers and the
    manual events' procedure write with the owner's rights, and no tracked
    row's key may change (``ruta.common.audit.eventwriters``).
    """
    with connection.cursor() as cursor:
        cursor.execute(_IGNORE_FUNCTION)
        cursor.execute(_ATTACH_CONTEXT_FUNCTION)
    event_triggers_harden(connection)
    record_procedure_install(connection)
    key_guards_install(connection)


def _event_sequences(connection: BaseDatabaseWrapper, tables: list[str]) -> list[str]:
    """Return the sequences that number the events of ``tables`` (those that exist)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_serial_sequence(t, 'pgh_id') FROM unnest(%s::text[]) t "
            "WHERE to_regclass(t) IS NOT NULL "
            "AND pg_get_serial_sequence(t, 'pgh_id') IS NOT NULL ORDER BY 1",
            [tables],
        )
        return [name for (name,) in cursor.fetchall()]


def database_roles_apply(connection: BaseDatabaseWrapper, *, app_role: str) -> None:
    """Grant ``app_role`` what the application needs on ``connection``'s database.

    Run as the owner of the schema; idempotent.
    """
    app = _quoted(connection, app_role)
    statements = [
        # A temporary table named like an event table would shadow it for
        # the triggers' unqualified INSERT: no temporary tables at all.
        "DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', "
        "current_database()); END $$",
        "DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM "
        f"{app}', current_database()); END $$",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public "
        f"FROM {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ]
    tables = event_tables()
    for table in tables:
        quoted = _quoted(connection, table)
        statements.append(f"REVOKE INSERT, UPDATE, DELETE ON {quoted} FROM {app}")
    for table in owner_only_tables(connection):
        statements.append(f"REVOKE ALL ON {_quoted(connection, table)} FROM {app}")
    context = _quoted(connection, CONTEXT_TABLE)
    statements.append(f"REVOKE INSERT, UPDATE, DELETE ON {context} FROM {app}")
    statements.append(f"REVOKE INSERT, UPDATE, DELETE ON django_migrations FROM {app}")
    triggers_harden(connection)
    # Schema-qualified names from the catalog, not identifiers to quote.
    for sequence in _event_sequences(connection, tables):
        statements.append(f"REVOKE ALL ON SEQUENCE {sequence} FROM {app}")
    statements.append(f"GRANT EXECUTE ON PROCEDURE {RECORD_SIGNATURE} TO {app}")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def after_migrate(*, using: str, **kwargs: object) -> None:
    """After ``migrate``: the audit index, the triggers, the imports' scratch
    functions; as the owner, the grants."""
    from django.conf import settings
    from django.db import connections

    connection = connections[using]
    audit_index_install(connection)
    triggers_harden(connection)
    version_triggers_install(connection)
    scratch_install(connection)
    app_role = settings.DATABASES["default"].get("USER")
    owner = settings.DATABASES.get("owner")
    if using == "owner" and owner and app_role and app_role != owner.get("USER"):
        database_roles_apply(connection, app_role=app_role)
