"""Published aggregates, prepared once per version of the data they read.

The indicator views and the annual report are built from thousands of rows;
building them per request is what DESIGN.md rules out. ``prepared`` keeps a
built value in Django's cache under the current ``data_version``, so it is
built on the first request after data changes and served from the cache
until the next change: a new version is a new key, and nothing has to
remember to invalidate anything.

``data_version`` is one cheap query. For each table the aggregates read it
takes the row count (which changes on a delete) and the latest insert,
update or delete event of its audit history (which changes on every write,
bulk or raw SQL included, because pghistory records them with triggers).
The latest event is read from the end of a primary-key index; the count
scans an index (milliseconds at a state's size, far less than rebuilding
the grouped tables it spares). Tables
without history (the catalog, the works programs) are not in the version:
the cache entry expires after ``TIMEOUT`` to pick their rare edits up.

The cache is Django's default cache; with several web workers, configure a
shared one (``CACHES``) so a version is built once, not once per worker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache as memoize
from typing import TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from django.utils.translation import get_language

T = TypeVar("T")

TIMEOUT = 15 * 60
# The tables the annual report and the indicator views read, as app labels.
VERSIONED_MODELS = (
    "works.Work",
    "works.Funding",
    "works.Aid",
    "works.EmergencyAction",
    "participation.Committee",
    "indicators.IndicatorCard",
    "indicators.IndicatorResult",
    "sources.SourceDocument",
)
# Manual events (such as a committee's members being viewed) change no data.
_WRITE_EVENTS = "('insert', 'update', 'delete')"
_MISSING = object()


def _event_model(model: type[Model]) -> type[Model]:
    """Return the pghistory event model that tracks ``model``."""
    return next(
        candidate
        for candidate in apps.get_models()
        if getattr(candidate, "pgh_tracked_model", None) is model
    )


@memoize
def _version_sql() -> str:
    """Return the version query; names come from model metadata, quoted."""
    quote = connection.ops.quote_name
    parts = []
    for label in VERSIONED_MODELS:
        model = apps.get_model(label)
        table = quote(model._meta.db_table)
        events = quote(_event_model(model)._meta.db_table)
        parts += [
            f"(SELECT count(*) FROM {table})",  # noqa: S608
            f"(SELECT max(pgh_id) FROM {events} "  # noqa: S608
            f"WHERE pgh_label IN {_WRITE_EVENTS})",
        ]
    return f"SELECT {', '.join(parts)}"


def data_version() -> str:
    """Return a token that changes whenever the data of published aggregates does."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql())
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:20]


def prepared(name: str, build: Callable[[], T], *key: object) -> T:
    """Return ``build()`` as of the current data, built once per version.

    ``name`` and ``key`` say what is built (a report, an agency and a year);
    the active language is part of the key because built tables carry
    translated titles and labels.
    """
    parts = ["ruta", name, get_language() or "", *map(str, key), data_version()]
    cache_key = ":".join(parts)
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(cache_key, value, TIMEOUT)
    return value
