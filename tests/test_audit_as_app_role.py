"""Every kind of audit event is still recorded when the application's role acts.

The application's role may not insert into event tables
(``ruta.common.audit.eventwriters``): events reach them only through the owner's
trigger functions and the owner's procedure for manual events. These tests
act as that role on the test's own connection (``acting_as_app``) and walk
what the code declares: every tracked model's triggers, every manual event,
every place that logs a read of personal data. A model or a reader added
later is walked too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pghistory
import pgtrigger
import pytest
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Model
from pghistory.models import Event, MiddlewareEvents

from ruta.accounts.personal import personal_data_models
from ruta.common.audit.history import event_record, manual_event_kinds
from testkit.factories.accounts import UserFactory
from testkit.samples import tracked_samples

pytestmark = pytest.mark.server

ROW_EVENTS = ("insert", "update", "delete")


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


@pytest.fixture
def samples(acting_as_app) -> dict[str, Model]:
    """Return a record of every tracked model, each written as the app's role."""
    with acting_as_app():
        return tracked_samples()


def test_every_tracked_models_inserts_are_recorded_as_the_app(samples):
    event_models = _event_models()
    assert set(event_models) - set(samples) == set(), "add them to testkit.samples"
    unrecorded = [
        label
        for label, record in samples.items()
        if not event_models[label]
        .objects.filter(pgh_obj_id=record.pk, pgh_label="insert")
        .exists()
    ]
    assert unrecorded == []


def _changes(field: models.Field) -> str | None:
    """Return an SQL assignment that changes ``field``'s value, if one is simple."""
    column = connection.ops.quote_name(field.column)
    if field.primary_key or field.is_relation:
        return None
    if isinstance(field, models.BooleanField):
        return f"{column} = NOT coalesce({column}, false)"
    if isinstance(field, models.IntegerField | models.DecimalField):
        return f"{column} = coalesce({column}, 0) + 1"
    if isinstance(field, models.DateTimeField):
        return f"{column} = coalesce({column}, now()) + interval '1 day'"
    if isinstance(field, models.DateField):
        return f"{column} = coalesce({column}, current_date) + 1"
    if isinstance(field, models.CharField | models.TextField | models.FileField):
        keep = (field.max_length or 1000) - 1
        return (
            f"{column} = left(coalesce({column}, ''), {keep}) || "
            f"CASE WHEN right({column}, 1) = 'y' THEN 'z' ELSE 'y' END"
        )
    return None


class _Undone(Exception):  # noqa: N818 (not an error: how an attempt is undone)
    """Raised to roll an attempt back, carrying what it found."""


def _tried(attempt: Callable[[], bool]) -> bool:
    """Run ``attempt`` in a savepoint, rolled back; False if the database refused."""
    try:
        with transaction.atomic():
            raise _Undone(attempt())
    except _Undone as undone:
        return undone.args[0]
    except DatabaseError:
        return False


def _update_recorded(
    record: Model, event_model: type[Event], sql: str, *params: object
) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, record.pk])
    return event_model.objects.filter(pgh_obj_id=record.pk, pgh_label="update").exists()


def _updated_by_sql(record: Model, event_model: type[Event]) -> bool:
    """Change one tracked field of ``record`` with SQL; return whether it was recorded.

    Fields are tried in turn (a change a constraint refuses tests no trigger).
    """
    tracked = {field.name for field in event_model._meta.fields}
    table = connection.ops.quote_name(record._meta.db_table)
    pk = connection.ops.quote_name(record._meta.pk.column)
    for field in record._meta.concrete_fields:
        change = _changes(field) if field.name in tracked else None
        if change is None:
            continue
        sql = f"UPDATE {table} SET {change} WHERE {pk} = %s"  # noqa: S608
        if _tried(lambda sql=sql: _update_recorded(record, event_model, sql)):
            return True
    return False


def _another(model: type[Model], pk: object) -> Model:
    """Return a record of ``model`` other than ``pk``: one there, or a copy of it."""
    other = model._default_manager.exclude(pk=pk).first()
    if other is not None:
        return other
    copy = model._default_manager.get(pk=pk)
    copy.pk = None
    for field in model._meta.concrete_fields:
        if isinstance(field, models.CharField) and not field.choices:
            value = (getattr(copy, field.attname) or "")[: field.max_length - 1]
            setattr(copy, field.attname, value + "y")
    copy.save()
    return copy


def _linked_by_sql(record: Model, event_model: type[Event]) -> bool:
    """Point a foreign key of ``record`` at another record; return whether recorded.

    For rows with no plain field to change (a link between two records).
    """
    table = connection.ops.quote_name(record._meta.db_table)
    pk = connection.ops.quote_name(record._meta.pk.column)
    for field in record._meta.concrete_fields:
        if not field.is_relation:
            continue
        column = connection.ops.quote_name(field.column)
        sql = f"UPDATE {table} SET {column} = %s WHERE {pk} = %s"  # noqa: S608

        def attempt(field=field, sql=sql) -> bool:
            other = _another(field.related_model, getattr(record, field.attname))
            return _update_recorded(record, event_model, sql, other.pk)

        if _tried(attempt):
            return True
    return False


def _refuses_updates(model: type[Model]) -> bool:
    """Return whether ``model``'s rows are immutable (a trigger protects them)."""
    return any(
        isinstance(trigger, pgtrigger.Protect) and "UPDATE" in str(trigger.operation)
        for trigger in model._meta.triggers
    )


def test_every_tracked_models_updates_are_recorded_as_the_app(samples, acting_as_app):
    event_models = _event_models()
    with acting_as_app():
        unrecorded = [
            label
            for label, record in samples.items()
            if not _refuses_updates(type(record))
            and not _updated_by_sql(record, event_models[label])
            and not _linked_by_sql(record, event_models[label])
        ]
    assert unrecorded == []


def _key_change_refused(record: Model) -> bool:
    """Return whether the database refuses to change ``record``'s key.

    By the key guard, or by the trigger that protects an immutable row. A
    number key is changed by adding one, a text key (an INEGI code) by
    putting a letter first, its length kept.
    """
    table = connection.ops.quote_name(record._meta.db_table)
    pk = connection.ops.quote_name(record._meta.pk.column)
    for changed in (f"{pk} + 1", f"overlay({pk} placing 'x' from 1 for 1)"):
        sql = f"UPDATE {table} SET {pk} = {changed} WHERE {pk} = %s"  # noqa: S608
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [record.pk])
        except DatabaseError as error:
            if "operator does not exist" in str(error):
                continue
            return "cannot change" in str(error) or _refuses_updates(type(record))
        return False
    return False


def test_no_tracked_rows_key_can_change_unrecorded(samples, acting_as_app):
    # The update triggers pair old and new rows by key: a changed key would
    # leave no event at all.
    with acting_as_app():
        changed = [
            label
            for label, record in samples.items()
            if not _key_change_refused(record)
        ]
    assert changed == []


def test_every_declared_manual_event_is_recorded_as_the_app(samples, acting_as_app):
    reader = UserFactory()
    kinds = manual_event_kinds()
    assert kinds, "no manual events are declared"
    with acting_as_app(), pghistory.context(user=reader.pk, service="prueba"):
        recorded = {
            (kind.event_model._meta.label, kind.label): event_record(
                samples[kind.event_model.pgh_tracked_model._meta.label],
                label=kind.label,
            )
            for kind in kinds
        }
    unrecorded = [
        key
        for key, event_id in recorded.items()
        if not MiddlewareEvents.objects.filter(
            pgh_model=key[0], pgh_id=event_id, pgh_label=key[1], user=reader.pk
        ).exists()
    ]
    assert unrecorded == []


def _reads_logged(holder: Model, reader: Model) -> int:
    return (
        MiddlewareEvents.objects.tracks(holder)
        .filter(user=reader.pk)
        .exclude(pgh_label__in=ROW_EVENTS)
        .count()
    )


def test_every_read_of_personal_data_is_logged_as_the_app(samples, acting_as_app):
    reader = UserFactory()
    unlogged = []
    for label, entry in personal_data_models().items():
        events = MiddlewareEvents.objects.tracks(samples[label])
        holder = next(iter(entry.holders(events).values()))[0]
        before = _reads_logged(holder, reader)
        with acting_as_app():
            entry.log_read(holder, reader, "/prueba/")
        if _reads_logged(holder, reader) != before + 1:
            unlogged.append(label)
    assert unlogged == []


def test_pghistorys_own_event_writer_is_refused_to_the_app(samples, acting_as_app):
    user = samples["accounts.User"]
    with (
        acting_as_app(),
        pytest.raises(DatabaseError, match="permission denied"),
        transaction.atomic(),
    ):
        pghistory.create_event(user, label="personal_data_viewed")


def test_no_code_writes_events_but_through_the_owners_procedure():
    root = Path(settings.BASE_DIR)
    writers = [
        str(path.relative_to(root))
        for folder in ("ruta", "config", "testkit", "bench")
        for path in (root / folder).rglob("*.py")
        if "create_event(" in path.read_text(encoding="utf-8")
    ]
    assert writers == []
