"""HTTP caching of public pages and API answers, validated by the data version.

Public pages are the same for every anonymous reader (no CSRF token, no
per-user text), so browsers, nginx or a CDN may keep them for a few minutes
and revalidate them. Their ETag and Last-Modified come from the data version
(``ruta.common.versioning``), the address, the language, the release and the
date, all known before the view runs: a reader who has the current page gets
``304 Not Modified`` for one indexed row, and nothing is rendered. A
signed-in user's copy of the same page may name them or offer links only
they may follow, so it is ``private``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from importlib.metadata import PackageNotFoundError, version

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import get_language

from ruta.common.versioning import data_version

# How long a shared cache may serve a public page without revalidating it.
PUBLIC_MAX_AGE = 300

View = Callable[..., HttpResponse]

try:
    RELEASE = version("ruta-del-dinero")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    RELEASE = "0"


def version_etag(request: HttpRequest, token: str) -> str:
    """Return the ETag of the answer ``request`` gets at data version ``token``.

    The answer depends on the address, the language, who asks, the release
    and (for deadlines computed from it) the date.
    """
    user = getattr(request, "user", None)
    who = user.pk if user is not None and user.is_authenticated else 0
    parts = [
        request.get_full_path(),
        get_language() or "",
        str(who),
        RELEASE,
        timezone.localdate().isoformat(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
    return quote_etag(f"{token}-{digest}")


def client_has(request: HttpRequest, etag: str, changed: datetime | None) -> bool:
    """Return whether the client's conditional headers name the current answer."""
    asked = request.META.get("HTTP_IF_NONE_MATCH")
    if asked is not None:
        tags = {tag.strip().removeprefix("W/") for tag in asked.split(",")}
        return etag in tags or "*" in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return bool(since and changed and int(changed.timestamp()) <= since)


def validators_set(
    response: HttpResponse, etag: str, changed: datetime | None
) -> HttpResponse:
    """Give ``response`` its ETag and Last-Modified."""
    response["ETag"] = etag
    if changed is not None:
        response["Last-Modified"] = http_date(changed.timestamp())
    return response


def public_page(view: View) -> View:
    """Make ``view`` cacheable for anonymous readers, and private for users.

    Anonymous GETs get ``Cache-Control: public, max-age=300``, validators
    from the data version and ``304 Not Modified`` when they match, without
    running the view. Signed-in users get ``Cache-Control: private``. Both
    vary on the cookie, so no cache serves one to the other.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.user.is_authenticated or request.method not in ("GET", "HEAD"):
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True)
        else:
            response = _shared(view, request, *args, **kwargs)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


def _shared(view: View, request: HttpRequest, *args: object, **kwargs: object):
    current = data_version()
    etag = version_etag(request, current.token)
    if client_has(request, etag, current.changed):
        not_modified = HttpResponse(status=304)
        del not_modified["Content-Type"]  # a 304 has no body to describe
        return validators_set(not_modified, etag, current.changed)
    response = view(request, *args, **kwargs)
    if response.status_code == 200:
        validators_set(response, etag, current.changed)
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def any_origin(view: View) -> View:
    """Let a script on any site read ``view``'s answers (CORS ``*``).

    For open data: no cookie is sent across sites with ``*``, so what such a
    script reads is what anyone reads.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Digest"
        return response

    return wrapper
