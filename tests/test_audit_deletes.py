"""Every tracked model records deletes: a delete of any record leaves an event.

The walk reads the tracked models from the app registry, so a model tracked
later is walked too (and fails until ``testkit.samples`` makes a record of
it). Deletes are raw SQL, the path that skips everything in Django, run as
the application's role, which may not write events itself. A kept record
(``ruta.common.audit.kept``: a decision) is not deleted at all.
"""

from __future__ import annotations

import pghistory
import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.db.models import Model
from pghistory.models import Event

from ruta.common.audit.kept import is_kept
from testkit.samples import tracked_samples

pytestmark = pytest.mark.server

ROW_EVENTS = {"insert", "update", "delete"}


def _event_models() -> dict[str, type[Event]]:
    """Return each tracked model's event model, by the tracked model's label.

    Tracked: its rows' writes are events. ``Funding``'s event model keeps the
    events of the table its lines were kept in and tracks nothing now.
    """
    return {
        model.pgh_tracked_model._meta.label: model
        for model in apps.get_models()
        if issubclass(model, Event)
        and getattr(model, "pgh_tracked_model", None)
        and any(isinstance(t, pghistory.RowEvent) for t in model.pgh_trackers)
    }


def _row_labels(event_model: type[Event]) -> set[str]:
    return {
        tracker.label
        for tracker in event_model.pgh_trackers
        if isinstance(tracker, pghistory.RowEvent)
    }


REFUSED = -1


def _deleted_by_sql(record: Model, event_model: type[Event]) -> int:
    """Delete ``record`` with SQL in a savepoint; return the delete events it left.

    ``REFUSED`` when the database refused the delete.
    """
    table = connection.ops.quote_name(record._meta.db_table)
    column = connection.ops.quote_name(record._meta.pk.column)
    sql = f"DELETE FROM {table} WHERE {column} = %s"  # noqa: S608
    savepoint = transaction.savepoint()
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, [record.pk])
        return event_model.objects.filter(
            pgh_obj_id=record.pk, pgh_label="delete"
        ).count()
    except DatabaseError:
        return REFUSED
    finally:
        transaction.savepoint_rollback(savepoint)


def test_every_tracked_model_records_inserts_updates_and_deletes():
    missing = {
        label: ROW_EVENTS - _row_labels(event_model)
        for label, event_model in _event_models().items()
        if ROW_EVENTS - _row_labels(event_model)
    }
    assert missing == {}


@pytest.mark.parametrize("label", ["catalog.Agency", "catalog.FiscalYear"])
def test_agencies_and_fiscal_years_are_tracked(label):
    assert label in _event_models()


def test_a_delete_of_any_tracked_record_leaves_an_event(acting_as_app):
    samples = tracked_samples()
    event_models = _event_models()
    assert set(event_models) - set(samples) == set(), "add them to testkit.samples"
    with acting_as_app():
        unexpected = {
            label: found
            for label, record in samples.items()
            if (found := _deleted_by_sql(record, event_models[label]))
            != (REFUSED if is_kept(record) else 1)
        }
    assert unexpected == {}
