"""Count each answered public read, without looking at who asked."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ruta.usage.counter import usage_count
from ruta.usage.rules import classify


class UsageCountMiddleware:
    """Add one to the section's, dataset's or API part's count of the day.

    Reads only the method, the path and the status: no address, no cookie.
    The count goes to an in-process tally (``counter.py``), so a request
    costs a dictionary update and, now and then, one UPSERT.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method in ("GET", "HEAD"):
            hit = classify(request.path, response.status_code)
            if hit is not None:
                usage_count(hit.kind, hit.name)
        return response
