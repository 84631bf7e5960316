"""Published aggregates, prepared once per version of the data they read.

The indicator views and the annual report are built from thousands of rows;
building them per request is what DESIGN.md rules out. ``prepared`` keeps a
built value in Django's cache under the current ``data_version``, so it is
built on the first request after data changes and served from the cache
until the next change: a new version is a new key, and nothing has to
remember to invalidate anything.

``data_version`` (``ruta.common.versioning``) is one indexed row that the
database bumps when a transaction that changed public data commits, whatever
path wrote it (bulk, raw SQL, COPY).

The cache is Django's default cache; with several web workers, configure a
shared one (``CACHES``) so a version is built once, not once per worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from ruta.common.versioning import data_version as current_version

T = TypeVar("T")

# Long enough to matter, short enough that nothing lingers if a write ever
# bypassed the version.
TIMEOUT = 15 * 60
_MISSING = object()


def data_version() -> str:
    """Return a token that changes whenever the public data does."""
    return current_version().token


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
