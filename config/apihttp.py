"""HTTP for the public API: unknown parameters, rate limits, CORS, caching.

- A query parameter the endpoint does not take is refused (400,
  ``unknown-parameter``, naming it) rather than silently ignored: a
  misspelt filter would otherwise return the unfiltered list. What an
  endpoint takes is what the published OpenAPI document declares for it.
- Each client (its address, as ``ruta.common.ops.client`` reads it behind trusted
  proxies) may make ``RUTA_API_REQUESTS_PER_MINUTE`` requests a minute; the
  next gets 429 with ``Retry-After``. Counted by the platform's one rate
  counter (``ruta.common.web.ratelimit``), in Django's cache (shared across
  workers when ``RUTA_CACHE_URL`` points at Redis).
- GET and HEAD may come from any origin (CORS ``*``; no credentials are ever
  sent cross-origin, so it is the anonymous view).
- Every anonymous GET answer carries an ETag and Last-Modified derived from
  the data version before the operation runs (``version_validated``, which
  ``config.api`` puts on every operation), so a client that already has the
  current answer gets ``304 Not Modified`` for the price of one indexed row;
  this middleware says who may cache it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern
from django.utils.cache import patch_cache_control, patch_vary_headers

from ruta.common.ops.client import client_address
from ruta.common.web.guards import problem_body
from ruta.common.web.ratelimit import RateCount, rate_hit

API_PREFIX = "/api/"
READS = ("GET", "HEAD")
# What a browser script may read of an answer besides the simple headers.
EXPOSED = "ETag, Last-Modified, Retry-After, RateLimit-Limit, RateLimit-Remaining"
WINDOW_SECONDS = 60
# A shared cache may keep an anonymous answer this long before revalidating.
PUBLIC_MAX_AGE = 60
# A path converter of a Django route ("<int:year>"), and the OpenAPI
# template segment it is documented as ("{year}").
_CONVERTER = re.compile(r"<(?:[^>:]+:)?([^>]+)>")


def _problem(status: int, code: str, title: str, detail: object) -> HttpResponse:
    body = problem_body(status=status, code=code, title=title, detail=detail)
    return HttpResponse(
        json.dumps(body), status=status, content_type="application/problem+json"
    )


@cache
def declared_parameters() -> dict[tuple[str, str], dict[str, bool]]:
    """Return the query parameters each operation's OpenAPI document declares.

    Keyed by (path template below the API's root, method); each name maps
    to whether it may repeat (an array, such as ``by``). Read once per
    process from the document the API publishes, so what is refused is
    what it does not document.
    """
    from config.api import api

    declared: dict[tuple[str, str], dict[str, bool]] = {}
    for path, operations in api.get_openapi_schema(path_prefix="")["paths"].items():
        for method, operation in operations.items():
            declared[(path, method.upper())] = {
                parameter["name"]: _is_array(parameter.get("schema", {}))
                for parameter in operation.get("parameters", [])
                if parameter["in"] == "query"
            }
    return declared


def _is_array(schema: dict) -> bool:
    """Return whether a parameter's JSON schema is a list, maybe optional."""
    kinds = [schema, *schema.get("anyOf", [])]
    return any(kind.get("type") == "array" for kind in kinds)


@cache
def _templates() -> dict[str, str]:
    """Return the path template of each of the API's URL names.

    Django's route ("works/<public_id>") is the document's path with other
    brackets ("/works/{public_id}"), below the API's root wherever the site
    is mounted.
    """
    from config.api import api

    patterns, _app, _namespace = api.urls
    return {
        pattern.name: "/" + _CONVERTER.sub(r"{\1}", str(pattern.pattern))
        for pattern in patterns
        if isinstance(pattern, URLPattern) and pattern.name
    }


def operation_template(request: HttpRequest) -> str | None:
    """Return the OpenAPI path template ``request`` resolved to, if any."""
    from config.api import api

    match = request.resolver_match
    if match is None or match.namespace != api.urls_namespace:
        return None
    return _templates().get(match.url_name or "")


def _parameters_taken(request: HttpRequest) -> dict[str, bool] | None:
    """Return the query parameters ``request``'s operation takes.

    ``None`` when the request resolved to no documented operation (the docs
    page, the document itself).
    """
    template = operation_template(request)
    method = "GET" if request.method == "HEAD" else request.method
    return declared_parameters().get((template or "", method or ""))


class ApiHttpMiddleware:
    """The API's HTTP behaviour (module docstring); other paths pass through."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ORIGIN" in request.META:
            return self._preflight()
        counted = self._counted(request)
        if counted.exceeded:
            response = _problem(
                429,
                "rate-limited",
                "Too many requests",
                f"at most {counted.limit} requests a minute",
            )
            response["Retry-After"] = str(counted.reset)
        else:
            response = self.get_response(request)
        self._cacheability(request, response)
        response["RateLimit-Limit"] = str(counted.limit)
        response["RateLimit-Remaining"] = str(counted.remaining)
        if request.method in READS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED
        return response

    def process_view(
        self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        if not request.path_info.startswith(API_PREFIX) or request.method not in READS:
            return None
        taken = _parameters_taken(request)
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
        return None

    @staticmethod
    def _cacheability(request: HttpRequest, response: HttpResponse) -> None:
        """Say who may cache a read's answer.

        An anonymous read of an operation already carries its validators
        (``version_validated``); a signed-in reader's answer depends on
        their roles, so no cache may keep it.
        """
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
            return
        if request.method not in READS or not response.has_header("ETag"):
            return
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])

    @staticmethod
    def _counted(request: HttpRequest) -> RateCount:
        """Count the request in its client's minute."""
        return rate_hit(
            "api",
            client_address(request) or "-",
            limit=settings.RUTA_API_REQUESTS_PER_MINUTE,
            seconds=WINDOW_SECONDS,
        )

    @staticmethod
    def _preflight() -> HttpResponse:
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response["Access-Control-Max-Age"] = "86400"
        return response
