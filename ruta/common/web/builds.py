"""Downloads built on request: a few at a time for the whole site.

A built download (a workbook, a package of every work) costs seconds of a
web worker and of the database; a handful of anonymous clients asking for it
in a loop would hold every worker. ``built_download`` lets at most
``RUTA_DOWNLOAD_BUILDS`` of them run at once across every process and
machine (PostgreSQL advisory locks on the shared database: a slot is taken
with the transaction the build runs in and given back when it ends, even
when the process dies); whoever finds no slot free gets 503 with
``Retry-After`` at once, and nothing is built for them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _

from ruta.common.ops import metrics

# The first key of the download slots' advisory locks (the second is the
# slot's number); any number no other lock of the database uses.
BUILD_LOCK_SPACE = 7_201_911
# Seconds a refused reader is asked to wait: about one build at the demo's size.
RETRY_AFTER_SECONDS = 10

View = Callable[..., HttpResponseBase]


def build_slot_take() -> int | None:
    """Take a free build slot for the current transaction; return it, or None."""
    with connection.cursor() as cursor:
        for slot in range(settings.RUTA_DOWNLOAD_BUILDS):
            cursor.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)", [BUILD_LOCK_SPACE, slot]
            )
            if cursor.fetchone()[0]:
                return slot
    return None


def builds_busy_response() -> HttpResponse:
    """Return the 503 a reader gets while every build slot is taken."""
    response = HttpResponse(
        _(
            "Otras descargas se están preparando en este momento. "
            "Inténtelo de nuevo en unos segundos."
        ),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def built_download(view: View) -> View:
    """Build ``view``'s answer only in a free slot; else answer 503 at once.

    The view runs inside the slot's transaction (one snapshot of the data
    for the whole file) and must return its bytes built, not a lazy stream:
    the slot is given back when the view returns. HEAD runs the view too, so
    it waits for a slot like GET.
    """

    @wraps(view)
    def wrapper(
        request: HttpRequest, *args: object, **kwargs: object
    ) -> HttpResponseBase:
        with transaction.atomic():
            if build_slot_take() is None:
                metrics.download_refusals.labels(reason="busy").inc()
                return builds_busy_response()
            return view(request, *args, **kwargs)

    # Read by the check that the shipped nginx limits every built download.
    wrapper.built_download = True  # type: ignore[attr-defined]  # a mark the check reads
    return wrapper
