"""A web worker's startup objects, kept out of the garbage collector's scans.

A worker imports Django, the site's apps and views, the libraries they use:
a quarter of a million objects that live as long as the process. Python's
collector scanned them all at every full collection, a pause a request in
a hundred met. Frozen once loaded (``gc.freeze``), a full collection scans
only what requests made (``docs/performance.md``; guarded by ``make
bench``'s p95 at scale).
"""

from __future__ import annotations

import gc

from django.urls import get_resolver


def startup_frozen() -> int:
    """Load the site's views, then freeze every object made so far.

    Returns how many objects the collector no longer scans.
    """
    get_resolver().url_patterns  # noqa: B018 - loads every URLconf and view now
    gc.freeze()
    return gc.get_freeze_count()
