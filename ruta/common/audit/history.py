"""The audit history's row trackers, declared once in settings.

``PGHISTORY_DEFAULT_TRACKERS`` makes every ``@pghistory.track()`` record
inserts, updates and deletes. pghistory uses that default only when a model
names no tracker, so a model that also takes manual events (a read of
personal data) starts from ``row_trackers()`` and keeps the project's rows.

pghistory deep-copies the default trackers for each model, and pgtrigger
tells a statement-level trigger's transition tables by comparing the
operation with its own ``Insert``/``Update``/``Delete`` objects by
identity: a copied operation matches none, and the trigger is built without
them. The trackers here copy themselves by construction, keeping
pgtrigger's operation objects.

The application's role cannot insert into event tables
(``ruta.common.audit.eventwriters``): an event the application records itself
(a read of personal data, declared as a ``pghistory.ManualEvent``) goes
through ``event_record``, never ``pghistory.create_event``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import pghistory
import pghistory.config
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models
from django.utils.module_loading import import_string

from ruta.common.statementkeys import StatementCheckedForeignKey

# The owner's procedure that records manual events (``ruta.common.audit.eventwriters``).
RECORD_PROCEDURE = "ruta_audit_event_record"


class _RebuiltOnCopy:
    """A row tracker whose copies are built anew, not copied field by field."""

    def __deepcopy__(self, memo: dict[int, Any]) -> pghistory.RowEvent:
        # Mixed into a pghistory.RowEvent, which its label and level rebuild.
        tracker = cast(pghistory.RowEvent, self)
        return type(tracker)(label=tracker.label, level=tracker.level)


class InsertEvent(_RebuiltOnCopy, pghistory.InsertEvent):
    """pghistory's insert tracker, safe to copy."""


class UpdateEvent(_RebuiltOnCopy, pghistory.UpdateEvent):
    """pghistory's update tracker (any change of a tracked field), safe to copy."""


class DeleteEvent(_RebuiltOnCopy, pghistory.DeleteEvent):
    """pghistory's delete tracker, safe to copy."""


def row_trackers() -> tuple[pghistory.Tracker, ...]:
    """Return fresh copies of the project's insert, update and delete trackers."""
    trackers = pghistory.config.default_trackers()
    if not trackers:
        raise ImproperlyConfigured(
            "PGHISTORY_DEFAULT_TRACKERS must name the audit history's row trackers"
        )
    return tuple(trackers)


def track_keys_unindexed(
    *trackers: pghistory.Tracker, attrs: dict[str, Any] | None = None, **options: Any
) -> Callable[[type[models.Model]], type[models.Model]]:
    """Return ``pghistory.track(*trackers, **options)`` leaving copied keys unindexed.

    pghistory indexes every foreign key it copies into an event model. The
    history is read by record (``pgh_obj``) and by context, which keep their
    indexes; a model whose history nobody asks by any of its keys (a work's
    municipality, say) uses this, and each write of it saves an index entry
    per key. A model whose history is asked by a key keeps ``pghistory.track``.
    """

    def track(model: type[models.Model]) -> type[models.Model]:
        copies = {
            field.name: _unindexed_copy(field)
            for field in model._meta.local_fields
            if isinstance(field, models.ForeignKey)
        }
        given = {**(attrs or {}), **copies}
        return pghistory.track(*trackers, attrs=given, **options)(model)

    return track


def _unindexed_copy(field: models.ForeignKey) -> models.Field:
    """Return the event model's copy of the key ``field``, unindexed.

    Built as pghistory builds its copies (the field's own arguments, then
    the configured ones for a foreign key), with no index.
    """
    # Not swappable while copied: deconstructing a swappable key asks the
    # app registry, which is still loading the models (pghistory does so too).
    field = copy.copy(field)
    field.swappable = False  # type: ignore[attr-defined]  # not in the stubs
    _, path, args, kwargs = field.deconstruct()
    if isinstance(field, StatementCheckedForeignKey):
        # An event names its row's parent as it was: no check of any kind.
        path = "django.db.models.ForeignKey"
    kwargs.update(pghistory.config.foreign_key_field().kwargs)
    kwargs["db_index"] = False
    return cast(models.Field, import_string(path)(*args, **kwargs))


@dataclass(frozen=True)
class ManualKind:
    """An event the application records itself: its event model and label."""

    event_model: type[models.Model]
    label: str


def history_of(model: type[models.Model]) -> type[Any]:
    """Return the event model keeping ``model``'s row history (its ``events``).

    pghistory makes it at runtime: its fields are the tracked model's and its own.
    """
    history = model._meta.get_field("events").related_model
    if not isinstance(history, type):
        raise ValueError(f"{model.__name__} keeps no row history")
    return history


def tracked_model(event_model: type[models.Model]) -> type[models.Model] | None:
    """Return the model whose history ``event_model`` keeps; None for another model.

    pghistory sets ``pgh_tracked_model`` on each event model it makes.
    """
    return getattr(event_model, "pgh_tracked_model", None)


def manual_event_kinds() -> list[ManualKind]:
    """Return every declared manual event (a model's ``pghistory.ManualEvent``)."""
    from pghistory.models import Event

    return sorted(
        (
            ManualKind(model, tracker.label)
            for model in apps.get_models()
            if issubclass(model, Event) and getattr(model, "pgh_tracked_model", None)
            for tracker in getattr(model, "pgh_trackers", None) or ()
            if isinstance(tracker, pghistory.ManualEvent) and tracker.label
        ),
        key=lambda kind: (kind.event_model._meta.db_table, kind.label),
    )


def event_record(obj: models.Model, *, label: str, using: str = "default") -> int:
    """Record the manual event ``label`` of ``obj``, as stored; return the event's id.

    In the current audit context (``pghistory.context``), like
    ``pghistory.create_event``, but through the owner's procedure: the values
    are the record's in the database, and the application's role can record
    nothing but the manual events its models declare.
    """
    kind = next(
        (
            kind
            for kind in manual_event_kinds()
            if tracked_model(kind.event_model) is type(obj) and kind.label == label
        ),
        None,
    )
    if kind is None:
        raise ValueError(
            f'"{label}" is not a manual audit event of {type(obj).__name__}'
        )
    with connections[using].cursor() as cursor:
        # CALL, not SELECT: pghistory adds the audit context to the statement.
        cursor.execute(
            f"CALL {RECORD_PROCEDURE}(%s, %s, %s, NULL)",
            [kind.event_model._meta.db_table, label, str(obj.pk)],
        )
        return cursor.fetchone()[0]
