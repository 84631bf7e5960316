"""Request middleware of the common layer.

Who and where for every audit event written during a request; one data
version per read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from pghistory.middleware import HistoryMiddleware

from ruta.common.db.versioning import version_held
from ruta.common.ops.client import client_address

READS = ("GET", "HEAD")


class AuditContextMiddleware(HistoryMiddleware):
    """pghistory's request context plus the method and the client address.

    Every row the database triggers record while the request runs points at
    this context, so the history says who changed what, from which page.
    """

    def get_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().get_context(request)
        context["method"] = request.method
        context["ip"] = client_address(request)
        # The id of the request's log line and of its error page
        # (ruta.common.ops.requestlog).
        context["request_id"] = getattr(request, "request_id", "")
        return context


class ReadVersionMiddleware:
    """Read the data version once per GET or HEAD request (``version_held``).

    The conditional check before the view, the view's caches and its
    selectors then share the one version, instead of a query each.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in READS:
            return self.get_response(request)
        with version_held():
            return self.get_response(request)
