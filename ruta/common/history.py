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
"""

from __future__ import annotations

from typing import Any

import pghistory
import pghistory.config
from django.core.exceptions import ImproperlyConfigured


class _RebuiltOnCopy:
    """A row tracker whose copies are built anew, not copied field by field."""

    label: str
    level: Any

    def __deepcopy__(self, memo: dict[int, Any]) -> _RebuiltOnCopy:
        return type(self)(label=self.label, level=self.level)


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
