"""The audit history's row trackers, declared once in settings.

``PGHISTORY_DEFAULT_TRACKERS`` makes every ``@pghistory.track()`` record
inserts, updates and deletes. pghistory uses that default only when a model
names no tracker, so a model that also takes manual events (a read of
personal data) starts from ``row_trackers()`` and keeps the project's rows.
"""

from __future__ import annotations

import pghistory
import pghistory.config
from django.core.exceptions import ImproperlyConfigured


def row_trackers() -> tuple[pghistory.Tracker, ...]:
    """Return fresh copies of the project's insert, update and delete trackers."""
    trackers = pghistory.config.default_trackers()
    if not trackers:
        raise ImproperlyConfigured(
            "PGHISTORY_DEFAULT_TRACKERS must name the audit history's row trackers"
        )
    return tuple(trackers)
