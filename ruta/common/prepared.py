"""Values prepared once per version of the data: the one cache of the platform.

Sums over many rows (the indicator views, the annual report, the works'
totals and groupings, the filter choices) are what the ground rules
(docs/architecture.md) rule out building per request. ``prepared`` keeps a
built value in Django's cache under the current ``data_version``, so it is
built on the first request after data changes and served from the cache
until the next change: a new version is a new key, and nothing has to
remember to invalidate anything.

``data_version`` (``ruta.common.db.versioning``) is one indexed row that the
database bumps when a transaction that changed public data commits, whatever
path wrote it (bulk, raw SQL, COPY).

The cache is Django's default cache; with several web workers, configure a
shared one (``CACHES``) so a version is built once, not once per worker.
Small rows a page names many times are kept in the process instead
(``ruta.common.db.versioning.version_kept``), under the same version. While
reads are counted (``ruta.common.db.versioning.tables_read``) nothing is
answered from the cache: the value is built, its tables read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from ruta.common.db.versioning import data_version, reads_counted
from ruta.common.web.scope import instance_scope

T = TypeVar("T")

# Long enough to matter, short enough that nothing lingers if a write ever
# bypassed the version (or changed data outside ``RUTA_PUBLIC_DATA_APPS``).
TIMEOUT = 15 * 60
_MISSING = object()


def prepared(
    name: str, build: Callable[[], T], *key: object, timeout: int = TIMEOUT
) -> T:
    """Return ``build()`` as of the current data, built once per version.

    ``name`` and ``key`` say what is built (a report, an agency and a year;
    a list's filters); the active language is part of the key because built
    tables carry translated titles and labels, and so is the instance's
    state (``instance_scope``), which scopes what is read. The key is hashed, so any
    value with a stable ``repr`` may be part of it.
    """
    if reads_counted():
        return build()
    cache_key = _version_key(name, key)
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(cache_key, value, timeout)
    return value


def prepared_ready(name: str, *key: object) -> Any:
    """Return what ``prepared(name, …, *key)`` built for the current data, or None.

    Builds nothing: for a caller that would rather not wait for a build.
    """
    return cache.get(_version_key(name, key))


def _version_key(name: str, key: tuple[object, ...]) -> str:
    asked = repr((get_language() or "", instance_scope(), key)).encode()
    digest = hashlib.sha256(asked).hexdigest()[:24]
    return f"ruta:{name}:{digest}:{data_version().token}"


def prepared_from(
    name: str,
    build: Callable[[], T],
    inputs: object,
    *key: object,
    timeout: int = TIMEOUT,
) -> T:
    """Return ``build()``, built once per distinct ``inputs`` rather than per version.

    For a rendering whose inputs are cheap to read (a few thousand summed
    rows) and costly to draw (a map): a change of data that leaves its
    inputs as they were reuses it, so its first reader after that change
    pays only the reading. ``inputs`` must hold everything ``build`` reads.
    """
    if reads_counted():
        return build()
    asked = repr((get_language() or "", instance_scope(), key, inputs)).encode()
    digest = hashlib.sha256(asked).hexdigest()[:32]
    cache_key = f"ruta:{name}:inputs:{digest}"
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(cache_key, value, timeout)
    return value
