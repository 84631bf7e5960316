"""A web worker's startup objects, kept out of the garbage collector's scans.

A worker imports Django, the site's apps and views, the libraries they use:
a quarter of a million objects that live as long as the process. Python's
collector scanned them all at every full collection: on the explorer at
100,000 works, one request in about 110 waited 93-123 ms more for it (a
p95 over target from one slow request in twenty in a benchmark's 30). Frozen
once loaded (``gc.freeze``), a full collection scans only what requests
made, and 200 requests in a row met none of those pauses.
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
