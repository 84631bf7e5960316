"""The audit history's index: every event's keys in one light view.

pghistory's aggregate of events (``MiddlewareEvents``) is one UNION over
every event table whose rows each compute their data and their changes
from the previous event with correlated subqueries. PostgreSQL plans all of
it for any read, even a count, before a single row is read (most of a
second over the event tables: ``docs/performance.md``). The history page
needs that whole form only for the 50 events it shows.

So the database keeps a plain view, ``ruta_audit_index``, of every event's
keys and filterable values (its model, id, time, label, tracked record,
the user of its context, its row as JSON) with no per-row subquery: it
plans in a tenth of the time. The page finds, counts and orders its events
there, then reads those events whole from pghistory's aggregate across only
their event models (``ruta.accounts.selectors.audit_events_page``).

The view is made again after every ``migrate`` (``after_migrate`` in
``ruta.common.db.roles``) from the event models the code declares, so a new
tracked model is in it at once, and each event table is indexed by its time
and key there too: the page's newest events are read backwards along those
indexes, merged, never sorted.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.db import connection, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import truncate_name

VIEW = "ruta_audit_index"
CONTEXT_TABLE = "pghistory_context"
# A context's user as text, as the contexts are indexed and looked up by it
# (``user_contexts``); the view reads it as a number.
CONTEXT_USER = "metadata->>'user'"
CONTEXT_USER_INDEX = "ruta_context_user"
# A person's contexts looked up at most: past them, the page finds their
# events by walking every event newest first instead.
MOST_USER_CONTEXTS = 1000


def event_models() -> list[type[models.Model]]:
    """Return every audit event model with a table of its own, by table name."""
    from pghistory.models import Event

    return sorted(
        (
            model
            for model in apps.get_models()
            if issubclass(model, Event)
            and not model._meta.proxy
            and model._meta.managed
        ),
        key=lambda model: model._meta.db_table,
    )


def _select(model: type[models.Model], quote: Callable[[str], str]) -> str:
    """Return one event table's part of the view: its own columns only.

    A part that joins another table is planned on its own, without the
    page's order: the view could then only be read whole and sorted. Plain,
    each part is read backwards along its time index (``time_index_name``)
    and the parts merged, so a page costs its own rows.
    """
    table = quote(model._meta.db_table)
    names = {field.name for field in model._meta.get_fields()}
    tracked = getattr(model, "pgh_tracked_model", None)
    obj_model = tracked._meta.label if tracked is not None else ""
    obj_id = "e.pgh_obj_id::text" if "pgh_obj" in names else "''"
    context = "e.pgh_context_id" if "pgh_context" in names else "NULL::uuid"
    label = model._meta.label
    # Names from the models' own metadata, never from a request.
    columns = (
        f"'{label}:' || e.pgh_id AS pgh_slug, '{label}'::text AS pgh_model, "
        "e.pgh_id, e.pgh_created_at, e.pgh_label::text AS pgh_label, "
        f"'{obj_model}'::text AS pgh_obj_model, {obj_id} AS pgh_obj_id, "
        f"row_to_json(e)::jsonb AS pgh_data, {context} AS pgh_context_id"
    )
    return f"SELECT {columns} FROM {table} e"  # noqa: S608


def audit_index_sql(quote: Callable[[str], str]) -> str:
    """Return the view's definition over the event tables the code declares.

    The user of each event's context is joined once, outside the parts: a
    page that does not ask for it does not read the contexts at all.
    """
    parts = "\nUNION ALL\n".join(_select(model, quote) for model in event_models())
    return (
        f"CREATE VIEW {VIEW} AS\n"
        "SELECT e.pgh_slug, e.pgh_model, e.pgh_id, e.pgh_created_at, e.pgh_label, "
        "e.pgh_obj_model, e.pgh_obj_id, e.pgh_data, e.pgh_context_id, "
        f"(c.{CONTEXT_USER})::bigint AS user_id\n"
        f"FROM ({parts}) e\n"
        f"LEFT JOIN {CONTEXT_TABLE} c ON c.id = e.pgh_context_id"
    )


def time_index_name(table: str) -> str:
    """Return the name of ``table``'s index by time, within PostgreSQL's 63."""
    return truncate_name(f"{table}_audit_time", 63)


def time_indexes_sql(quote: Callable[[str], str]) -> list[str]:
    """Return the statements that index every event table by time and key.

    The history page lists events newest first: without these, each page
    sorted every event ever recorded. Each event written keeps one more
    index entry (both measured in docs/performance.md).
    """
    return [
        f"CREATE INDEX IF NOT EXISTS {quote(time_index_name(table))} "
        f"ON {quote(table)} (pgh_created_at, pgh_id)"
        for table in (model._meta.db_table for model in event_models())
    ]


def context_user_index_sql(quote: Callable[[str], str]) -> str:
    """Return the statement that indexes the contexts by their user.

    The page asked for one person's events finds their contexts by it, then
    those contexts' events by the event tables' own index of contexts.
    """
    return (
        f"CREATE INDEX IF NOT EXISTS {quote(CONTEXT_USER_INDEX)} "
        f"ON {quote(CONTEXT_TABLE)} (({CONTEXT_USER}))"
    )


def user_contexts(user_id: int) -> list[str] | None:
    """Return the ids of the contexts ``user_id`` acted in, or None if too many.

    A short list lets the page ask each event table's index of contexts for
    the person's events; a long one (an account of years) would be slower
    to plan than walking the events.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {CONTEXT_TABLE} WHERE {CONTEXT_USER} = %s LIMIT %s",  # noqa: S608
            [str(user_id), MOST_USER_CONTEXTS + 1],
        )
        found = [str(context) for (context,) in cursor.fetchall()]
    return None if len(found) > MOST_USER_CONTEXTS else found


def audit_index_install(db: BaseDatabaseWrapper) -> None:
    """Make the view again over the current event tables (after ``migrate``),
    and index any event table not yet indexed by time."""
    with transaction.atomic(using=db.alias), db.cursor() as cursor:
        cursor.execute(f"DROP VIEW IF EXISTS {VIEW}")
        cursor.execute(audit_index_sql(db.ops.quote_name))
        for statement in time_indexes_sql(db.ops.quote_name):
            cursor.execute(statement)
        cursor.execute(context_user_index_sql(db.ops.quote_name))
