"""HTTP for the public API: unknown parameters, rate limits, CORS, conditional GET.

- A query parameter the endpoint does not take is refused (400,
  ``unknown-parameter``, naming it) rather than silently ignored: a
  misspelt filter would otherwise return the unfiltered list.
- Each client (its address, as ``ruta.common.client`` reads it behind trusted
  proxies) may make ``RUTA_API_REQUESTS_PER_MINUTE`` requests a minute; the
  next gets 429 with ``Retry-After``. Counters live in Django's cache (shared
  across workers when ``RUTA_CACHE_URL`` points at Redis).
- GET and HEAD may come from any origin (CORS ``*``; no credentials are ever
  sent cross-origin, so it is the anonymous view).
- Every GET answer carries an ETag and Last-Modified derived from the data
  version (``ruta.common.versioning``) before the view runs, so a client that
  already has the current answer gets ``304 Not Modified`` for the price of
  one indexed row.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import get_origin

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from pydantic import BaseModel

from ruta.common.caching import client_has, validators_set, version_etag
from ruta.common.client import client_address
from ruta.common.guards import problem_body
from ruta.common.versioning import data_version

API_PREFIX = "/api/"
READS = ("GET", "HEAD")
# What a browser script may read of an answer besides the simple headers.
EXPOSED = "ETag, Last-Modified, Retry-After, RateLimit-Limit, RateLimit-Remaining"
WINDOW_SECONDS = 60
# A shared cache may keep an anonymous answer this long before revalidating.
PUBLIC_MAX_AGE = 60


def _problem(status: int, code: str, title: str, detail: object) -> HttpResponse:
    body = problem_body(status=status, code=code, title=title, detail=detail)
    return HttpResponse(
        json.dumps(body), status=status, content_type="application/problem+json"
    )


def _operations(view: Callable) -> list:
    """Return the operations of the ninja path whose view ``view`` is.

    ninja's view is a closure over its ``PathView`` (django-ninja 1.7).
    """
    for cell in getattr(view, "__closure__", None) or ():
        operations = getattr(cell.cell_contents, "operations", None)
        if isinstance(operations, list):
            return operations
    return []


def _operation_parameters(view: Callable, method: str) -> dict[str, bool] | None:
    """Return the query parameters the operation behind ``view`` takes.

    Each name maps to whether it may repeat (a list, such as ``by``).
    ``None`` when ``view`` is not an API operation (the docs page, the schema).
    """
    for operation in _operations(view):
        if method in operation.methods or (
            method == "HEAD" and "GET" in operation.methods
        ):
            names: dict[str, bool] = {}
            for model in operation.signature.models:
                if model.__ninja_param_source__ == "query":
                    names.update(_fields(model))
            return names
    return None


def _fields(model: type[BaseModel]) -> dict[str, bool]:
    """Return ``model``'s fields, nested query schemas flattened, and if lists."""
    found: dict[str, bool] = {}
    for name, field in model.model_fields.items():
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            found.update(_fields(kind))
        else:
            found[field.alias or name] = get_origin(kind) is list
    return found


class ApiHttpMiddleware:
    """The API's HTTP behaviour (module docstring); other paths pass through."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ORIGIN" in request.META:
            return self._preflight()
        limited, remaining, reset = self._counted(request)
        if limited:
            response = _problem(
                429,
                "rate-limited",
                "Too many requests",
                f"at most {settings.RUTA_API_REQUESTS_PER_MINUTE} requests a minute",
            )
            response["Retry-After"] = str(reset)
        else:
            response = self.get_response(request)
        self._validated(request, response)
        response["RateLimit-Limit"] = str(settings.RUTA_API_REQUESTS_PER_MINUTE)
        response["RateLimit-Remaining"] = str(remaining)
        if request.method in READS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED
        return response

    def process_view(
        self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX) or request.method not in READS:
            return None
        taken = _operation_parameters(view, request.method)
        if taken is None:
            return None
        unknown = sorted(set(request.GET) - set(taken))
        repeated = sorted(
            name
            for name in request.GET
            if name in taken and not taken[name] and len(request.GET.getlist(name)) > 1
        )
        if repeated:
            return _problem(
                400,
                "repeated-parameter",
                "Bad request",
                f"{', '.join(repeated)}: given more than once; it takes one value",
            )
        if unknown:
            return _problem(
                400,
                "unknown-parameter",
                "Bad request",
                f"{', '.join(unknown)}: not a parameter of this endpoint"
                + (f" (it takes {', '.join(sorted(taken))})" if taken else ""),
            )
        return self._conditional(request)

    @staticmethod
    def _conditional(request: HttpRequest) -> HttpResponse | None:
        """Answer 304 when the client has the current answer; else note its tags.

        Only for anonymous readers: what a signed-in user may see also depends
        on their roles, which the data version does not follow.
        """
        if request.user.is_authenticated:
            return None
        current = data_version()
        request.api_validators = (version_etag(request, current.token), current.changed)
        if client_has(request, *request.api_validators):
            not_modified = HttpResponse(status=304)
            del not_modified["Content-Type"]
            return not_modified
        return None

    @staticmethod
    def _validated(request: HttpRequest, response: HttpResponse) -> None:
        """Give a read's answer its validators and who may cache it."""
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
            return
        validators = getattr(request, "api_validators", None)
        if validators is None or response.status_code not in (200, 304):
            return
        validators_set(response, *validators)
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])

    @staticmethod
    def _counted(request: HttpRequest) -> tuple[bool, int, int]:
        """Count the request in its client's minute; return (limited, left, reset)."""
        limit = settings.RUTA_API_REQUESTS_PER_MINUTE
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        reset = WINDOW_SECONDS - int(now % WINDOW_SECONDS)
        key = f"ruta:api-rate:{client_address(request) or '-'}:{window}"
        cache.add(key, 0, WINDOW_SECONDS + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS + 5)
            count = 1
        return count > limit, max(limit - count, 0), reset

    @staticmethod
    def _preflight() -> HttpResponse:
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response["Access-Control-Max-Age"] = "86400"
        return response
