"""Refuse requests carrying what no page can use, before any work is done.

PostgreSQL cannot store or compare text with a NUL character, and lone
surrogates cannot be encoded: a search for either used to end in a server
error. Over-long addresses and values only cost work. This middleware
answers all of them up front with 400 (or 414 for an address too long):
a problem document under ``/api/``, a short bilingual page elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse

MAX_PATH_LENGTH = 1024
# The whole query string, as sent (percent-encoded): nginx's default
# request-line buffer. Above the longest query the API's OpenAPI document
# allows (every text parameter at its maximum length, each character four
# UTF-8 bytes), which a test keeps so.
MAX_QUERY_LENGTH = 8192
MAX_VALUE_LENGTH = 1000  # one parameter's value; searches are capped lower
# Values a standard allows to be longer, by the addresses they are sent to:
# Open311 GeoReport v2 limits a description to 4,000 characters, which its
# view refuses in the standard's error list; the guard stops twice that.
LONGER_VALUES = {"/open311/": {"description": 8000}}
PROBLEM_TYPE = "https://rutadeldinero.mx/problems/"

_PAGE = """<!DOCTYPE html>
<html lang="es-MX"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1><p lang="es-MX">{es}</p><p lang="en">{en}</p>
<p><a href="/">Inicio · Home</a></p></main></body></html>
"""


def unstorable(text: str) -> bool:
    """Return whether ``text`` holds a NUL or a lone surrogate (not storable)."""
    return "\x00" in text or any("\ud800" <= char <= "\udfff" for char in text)


def _values(request: HttpRequest) -> Iterable[tuple[str, str]]:
    """Return every name and value a request carries in its query and cookies."""
    for key, values in request.GET.lists():
        for value in values:
            yield key, value
    yield from request.COOKIES.items()
    if request.content_type == "application/x-www-form-urlencoded":
        for key, values in request.POST.lists():
            for value in values:
                yield key, value


def _value_limit(path: str, key: str) -> int:
    """Return how long ``key``'s value may be on ``path``."""
    for prefix, limits in LONGER_VALUES.items():
        if path.startswith(prefix) and key in limits:
            return limits[key]
    return MAX_VALUE_LENGTH


def request_problem(request: HttpRequest) -> tuple[int, str, str] | None:
    """Return (status, code, detail) when ``request`` must be refused, else None."""
    if len(request.path) > MAX_PATH_LENGTH:
        return 414, "path-too-long", f"the path is over {MAX_PATH_LENGTH} characters"
    if unstorable(request.path):
        return 400, "unstorable-character", "the path holds a NUL or invalid character"
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return 414, "query-too-long", f"the query is over {MAX_QUERY_LENGTH} characters"
    for key, value in _values(request):
        if unstorable(key) or unstorable(value):
            return (
                400,
                "unstorable-character",
                f"parameter {key[:40]!r} holds a NUL or invalid character",
            )
        limit = _value_limit(request.path, key)
        if len(value) > limit:
            return (
                400,
                "value-too-long",
                f"parameter {key[:40]!r} is over {limit} characters",
            )
    return None


def problem_body(*, status: int, code: str, title: str, detail: object) -> dict:
    """Return an RFC 7807 problem document with the platform's stable ``code``."""
    return {
        "type": PROBLEM_TYPE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }


def refusal(request: HttpRequest, status: int, code: str, detail: str) -> HttpResponse:
    """Return the refusal: a problem document for the API, a page elsewhere."""
    if request.path.startswith("/api/"):
        body = problem_body(
            status=status, code=code, title="Bad request", detail=detail
        )
        return HttpResponse(
            json.dumps(body), status=status, content_type="application/problem+json"
        )
    page = _PAGE.format(
        title="Solicitud no válida · Bad request",
        es="La dirección o el formulario traen caracteres o longitudes que el sitio "
        "no puede usar. Revísalos e intenta de nuevo.",
        en="The address or the form carries characters or lengths the site cannot "
        "use. Check them and try again.",
    )
    return HttpResponse(page, status=status, content_type="text/html; charset=utf-8")


class RequestGuardMiddleware:
    """Answer a request that carries unusable input before any view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = request_problem(request)
        if found is not None:
            return refusal(request, *found)
        return self.get_response(request)


class InvalidParameter(BadRequest):
    """A request parameter the API cannot read: a 400, checked before any work.

    ``code`` is stable for API clients. The OpenAPI document describes what
    a parameter may be, so a request it allows never gets this answer.
    """

    def __init__(self, parameter: str, reason: str, *, code: str) -> None:
        self.parameter = parameter
        self.reason = reason
        self.code = code
        super().__init__(f"{parameter}: {reason}")


class UnknownValue(Http404):
    """A well-formed parameter naming nothing there is: a 404, as a record is.

    A fiscal year the catalog does not hold, a cursor this API did not give,
    a table a document does not have: the document cannot list them (they
    change with the data), so they are answered as a missing record with
    a stable ``code`` ("unknown-year", "invalid-cursor", …).
    """

    def __init__(self, parameter: str, reason: str, *, code: str) -> None:
        self.parameter = parameter
        self.reason = reason
        self.code = code
        super().__init__(f"{parameter}: {reason}")
