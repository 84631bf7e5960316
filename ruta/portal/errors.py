"""Error pages in the site's layout and the reader's language, each saying why.

Django's own answers for 400, 403 and 405 are bare English (or render a
template without the request, so the layout cannot be drawn); these are
the site's instead: ``config/urls.py`` names the handlers, the settings the
CSRF failure view and the middleware that gives a page's 405 its page. A
refusal of the permission rules (``ruta.common.refusals.Refused``) says
what the person may not do; every page says what to do next.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.utils.translation import gettext as _

from ruta.common.files.wholefiles import storage_full
from ruta.common.refusals import refusal_sentence


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Answer a 400 (a request no page can read) in the site's layout."""
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Answer a 403 saying why, and what the person can do instead.

    A bare ``PermissionDenied`` carries an internal message (or none): the
    page then says only that the account may not, never that text.
    """
    reason = (
        refusal_sentence(exception) if isinstance(exception, PermissionDenied) else ""
    )
    return render(request, "403.html", {"reason": reason}, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Answer a form refused by the CSRF check: say how to send it again.

    Django's ``reason`` is English and technical: it is logged by Django,
    not shown.
    """
    return render(request, "403_csrf.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """Answer a 500 in the site's layout and the reader's language.

    Django's own handler renders without the request, so the layout (the
    site's name, the language links) cannot be drawn; when even the layout
    fails, a plain page says the same. A database that cannot be reached is
    no error of the page: that answer is a 503 with ``Retry-After``, which
    nginx's stale cache covers (``deploy/nginx``) and clients retry. Nor is
    a full disk: 507, nothing was kept (the transaction rolled back, the
    partial file removed: ``ruta.common.files.wholefiles``).
    """
    error = sys.exc_info()[1]
    if database_unreachable(error):
        return _unavailable()
    if storage_full(error):
        return _no_room(request)
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 - the error page must answer whatever failed
        return HttpResponseServerError(
            _("Error del servidor. Intente de nuevo en unos minutos."),
            content_type="text/plain; charset=utf-8",
        )


def database_unreachable(error: BaseException | None) -> bool:
    """Return whether ``error`` is the database being out of reach.

    A connection refused or lost (no SQLSTATE, or class 08) or a server
    shutting down (57P01–57P03); not a query that failed or ran too long.
    """
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    state = getattr(error.__cause__, "sqlstate", None)
    return state is None or state.startswith("08") or state in SHUTTING_DOWN


SHUTTING_DOWN = {"57P01", "57P02", "57P03"}
RETRY_SECONDS = 30


def _unavailable() -> HttpResponse:
    """Answer a 503 saying the site will be back; the layout needs the database."""
    response = HttpResponse(
        _(
            "El sitio no puede leer sus datos en este momento. Intente de nuevo "
            "en unos minutos."
        ),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_SECONDS)
    return response


def _no_room(request: HttpRequest) -> HttpResponse:
    """Answer a 507: the server had no room to keep a file; nothing was kept."""
    try:
        response = render(request, "507.html", status=507)
    except Exception:  # noqa: BLE001 - the answer must go out whatever failed
        response = HttpResponse(
            _("El servidor no tiene espacio para guardar archivos ahora."),
            status=507,
            content_type="text/plain; charset=utf-8",
        )
    response["Retry-After"] = str(RETRY_SECONDS)
    return response


def _is_page(request: HttpRequest) -> bool:
    """Return whether ``request`` is for a page: under a language's prefix.

    The API and Open311 answer their own problem documents.
    """
    return any(
        request.path.startswith(f"/{code}/") for code, _name in settings.LANGUAGES
    )


class MethodNotAllowedPageMiddleware:
    """Give a page's bare 405 (``require_http_methods``) the site's page.

    One place for every view: the status and the ``Allow`` header are kept,
    the empty body becomes a page saying the address takes a form's button.
    """

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        response = self.get_response(request)
        if response.status_code != 405 or response.content or not _is_page(request):
            return response
        page = render(request, "405.html", status=405)
        page["Allow"] = response.get("Allow", "")
        return page
