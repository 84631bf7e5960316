"""Attach who and where to every audit event written during a request."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from pghistory.middleware import HistoryMiddleware

from ruta.common.client import client_address


class AuditContextMiddleware(HistoryMiddleware):
    """pghistory's request context plus the method and the client address.

    Every row the database triggers record while the request runs points at
    this context, so the history says who changed what, from which page.
    """

    def get_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().get_context(request)
        context["method"] = request.method
        context["ip"] = client_address(request)
        return context
