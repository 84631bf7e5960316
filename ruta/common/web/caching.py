"""HTTP caching of public pages and API answers, validated by the data version.

Public pages are the same for every anonymous reader (no CSRF token, no
per-user text), so browsers, nginx or a CDN may keep them for a few minutes
and revalidate them. Their ETag and Last-Modified come from the data version
(``ruta.common.db.versioning``), the address, the language, the release and the
date, all known before the view runs: a reader who has the current page gets
``304 Not Modified`` for one indexed row, and nothing is rendered. Django's
``condition`` decorator answers the conditional request, for the pages and
the API alike (``version_validated``). A
signed-in user's copy of the same page may name them or offer links only
they may follow, so it is ``private``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial, wraps
from importlib.metadata import PackageNotFoundError, version
from typing import TypeVar, overload

from django.db import OperationalError
from django.forms import Form
from django.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag
from django.utils.translation import get_language
from django.views.decorators.http import condition

from ruta.common.db.replica import replica_reads, replica_unavailable
from ruta.common.db.versioning import data_version, version_held
from ruta.common.web.scope import instance_scope

# How long a shared cache may serve a public page without revalidating it.
PUBLIC_MAX_AGE = 300
SAFE = ("GET", "HEAD")

View = Callable[..., HttpResponseBase]

try:
    RELEASE = version("ruta-del-dinero")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    RELEASE = "0"


def version_etag(request: HttpRequest, token: str) -> str:
    """Return the ETag of the answer ``request`` gets at data version ``token``.

    The answer depends on the address, the language, who asks, the release,
    (for deadlines computed from it) the date and the instance's state.
    """
    user = getattr(request, "user", None)
    who = user.pk if user is not None and user.is_authenticated else 0
    parts = [
        request.get_full_path(),
        get_language() or "",
        str(who),
        RELEASE,
        timezone.localdate().isoformat(),
        instance_scope(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
    return quote_etag(f"{token}-{digest}")


def _version_etag(request: HttpRequest, *args: object, **kwargs: object) -> str:
    """Return the ETag of ``request``'s answer at the current data version."""
    return version_etag(request, data_version().token)


def _version_changed(
    request: HttpRequest, *args: object, **kwargs: object
) -> datetime | None:
    """Return when the data last changed: the answer's Last-Modified."""
    return data_version().changed


@contextmanager
def public_reads() -> Iterator[None]:
    """Read the replica in the block, when there is one, and its version first.

    The version is read before anything else of the view, on the replica,
    and held for the block: the replica only moves forward, so every row
    the view reads after it is at least as new (``ruta.common.db.replica``).
    A replica that does not answer leaves the block to the primary.
    """
    with replica_reads() as on_replica:
        if not on_replica:
            yield
            return
        with version_held():
            try:
                data_version()
            except OperationalError as error:
                replica_unavailable(error)
            yield


def version_validated(view: View) -> View:
    """Answer an anonymous read of ``view`` from the data version, by ``condition``.

    A client whose ETag or date names the current answer gets ``304 Not
    Modified`` before the view runs. Only a page (200) or a 304 keeps the
    validators: an error or a redirect with a Last-Modified would be kept by
    browsers heuristically, past the change that answers it, and an
    ``unsettled`` page would be taken for current once it is not. A signed-in
    reader's answer also depends on their roles, which the version does not
    follow, so it is never answered from it. With a replica, an anonymous
    read runs on it (``public_reads``).
    """
    conditional = condition(
        etag_func=_version_etag, last_modified_func=_version_changed
    )(view)

    @wraps(view)
    def wrapper(
        request: HttpRequest, *args: object, **kwargs: object
    ) -> HttpResponseBase:
        if request.user.is_authenticated or request.method not in SAFE:
            return view(request, *args, **kwargs)
        with public_reads():
            response = conditional(request, *args, **kwargs)
        if response.status_code not in (200, 304) or is_unsettled(response):
            for header in ("ETag", "Last-Modified"):
                if response.has_header(header):
                    del response[header]
        return response

    return wrapper


Answer = TypeVar("Answer", bound=HttpResponseBase)


def unsettled(response: Answer) -> Answer:
    """Mark ``response`` as one the same data version will answer otherwise soon.

    A page that says its totals are being summed carries none of the
    version's validators, or a reader holding it would be told it is
    current (304) once the sums are there; a public one is kept
    ``UNSETTLED_MAX_AGE`` seconds. Kept at all, not ``no-store``: nginx
    serves a page it holds while it asks for the new one, and would keep
    serving the last version's if the new one could never be kept.
    """
    setattr(response, _UNSETTLED, True)  # noqa: B010 - a mark no header carries
    return response


def is_unsettled(response: HttpResponseBase) -> bool:
    """Return whether ``response`` was marked ``unsettled``."""
    return getattr(response, _UNSETTLED, False)


_UNSETTLED = "ruta_unsettled"
# Seconds a cache may keep an unsettled public answer.
UNSETTLED_MAX_AGE = 2


def canonical_address(request: HttpRequest, known: frozenset[str]) -> str | None:
    """Return ``request``'s address without the parameters not in ``known``.

    None when every parameter is known. A parameter the page does not read
    would make another copy of the same page in every cache, and each copy is
    built again: the address without it is the one page.
    """
    unknown = [name for name in request.GET if name not in known]
    if not unknown:
        return None
    query = request.GET.copy()
    for name in unknown:
        del query[name]
    encoded = query.urlencode()
    return request.path + (f"?{encoded}" if encoded else "")


@overload
def public_page(
    view: View, *, query: Iterable[str] = (), max_age: int = PUBLIC_MAX_AGE
) -> View: ...


@overload
def public_page(
    view: None = None, *, query: Iterable[str] = (), max_age: int = PUBLIC_MAX_AGE
) -> Callable[[View], View]: ...


def public_page(
    view: View | None = None,
    *,
    query: Iterable[str] = (),
    max_age: int = PUBLIC_MAX_AGE,
) -> View | Callable[[View], View]:
    """Make ``view`` cacheable for anonymous readers, and private for users.

    Anonymous GETs get ``Cache-Control: public, max-age=300`` (``max_age``:
    0 has every cache check each time), validators from the data version
    and ``304 Not Modified`` when they match, without running the view
    (``version_validated``); an ``unsettled`` answer is kept a moment, with
    no validator. Signed-in users get ``Cache-Control: private``. Both vary
    on the cookie, so no cache serves one to the other. ``query`` names the
    parameters the page reads (usually its form's fields); a read with any
    other is sent, before any work, to the address without them (301).
    """
    if view is None:
        return partial(_public_page, query=query, max_age=max_age)
    return _public_page(view, query=query, max_age=max_age)


def _public_page(view: View, *, query: Iterable[str], max_age: int) -> View:
    """Wrap ``view`` as ``public_page`` describes."""
    known = frozenset(query)
    validated = version_validated(view)

    @wraps(view)
    def wrapper(
        request: HttpRequest, *args: object, **kwargs: object
    ) -> HttpResponseBase:
        if request.method in SAFE:
            canonical = canonical_address(request, known)
            if canonical is not None:
                return HttpResponsePermanentRedirect(canonical)
        response = validated(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True)
        elif request.method in SAFE and is_unsettled(response):
            patch_cache_control(response, public=True, max_age=UNSETTLED_MAX_AGE)
        elif request.method in SAFE and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=max_age)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


def form_query(*forms: type[Form], also: Iterable[str] = ()) -> tuple[str, ...]:
    """Return the parameters ``forms`` read, and ``also``: a page's ``query``."""
    return (*(name for form in forms for name in form.base_fields), *also)


def any_origin(view: View) -> View:
    """Let a script on any site read ``view``'s answers (CORS ``*``).

    For open data: no cookie is sent across sites with ``*``, so what such a
    script reads is what anyone reads.
    """

    @wraps(view)
    def wrapper(
        request: HttpRequest, *args: object, **kwargs: object
    ) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Repr-Digest"
        return response

    return wrapper
