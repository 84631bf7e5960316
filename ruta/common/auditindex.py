"""The audit history's index: every event's keys in one light view.

pghistory's aggregate of events (``MiddlewareEvents``) is one UNION over
every event table whose rows each compute their data and their changes
from the previous event with correlated subqueries. PostgreSQL plans all of
it for any read, even a count: about 0.7 s of planning for the 96 event
tables, before a single row is read. The history page needs that whole
form only for the 50 events it shows.

So the database keeps a plain view, ``ruta_audit_index``, of every event's
keys and filterable values (its model, id, time, label, tracked record,
the user of its context, its row as JSON) with no per-row subquery: it
plans in a tenth of the time. The page finds, counts and orders its events
there, then reads those events whole from pghistory's aggregate across only
their event models (``ruta.accounts.selectors.audit_events_page``).

The view is made again after every ``migrate`` (``after_migrate`` in
``ruta.common.dbroles``) from the event models the code declares, so a new
tracked model is in it at once.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.db import models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

VIEW = "ruta_audit_index"


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
    """Return one event table's part of the view."""
    table = quote(model._meta.db_table)
    names = {field.name for field in model._meta.get_fields()}
    tracked = getattr(model, "pgh_tracked_model", None)
    obj_model = tracked._meta.label if tracked is not None else ""
    obj_id = "e.pgh_obj_id::text" if "pgh_obj" in names else "''"
    if "pgh_context" in names:
        user = "(c.metadata->>'user')::bigint"
        join = "LEFT JOIN pghistory_context c ON c.id = e.pgh_context_id"
    else:
        user, join = "NULL::bigint", ""
    label = model._meta.label
    # Names from the models' own metadata, never from a request.
    columns = (
        f"'{label}:' || e.pgh_id AS pgh_slug, '{label}'::text AS pgh_model, "
        "e.pgh_id, e.pgh_created_at, e.pgh_label::text AS pgh_label, "
        f"'{obj_model}'::text AS pgh_obj_model, {obj_id} AS pgh_obj_id, "
        f"row_to_json(e)::jsonb AS pgh_data, {user} AS user_id"
    )
    return f"SELECT {columns} FROM {table} e {join}"  # noqa: S608


def audit_index_sql(quote: Callable[[str], str]) -> str:
    """Return the view's definition over the event tables the code declares."""
    parts = [_select(model, quote) for model in event_models()]
    return f"CREATE VIEW {VIEW} AS\n" + "\nUNION ALL\n".join(parts)


def audit_index_install(db: BaseDatabaseWrapper) -> None:
    """Make the view again over the current event tables (after ``migrate``)."""
    with transaction.atomic(using=db.alias), db.cursor() as cursor:
        cursor.execute(f"DROP VIEW IF EXISTS {VIEW}")
        cursor.execute(audit_index_sql(db.ops.quote_name))
