"""Public files under ``MEDIA_URL``, sent by the application when nginx is not there.

Behind nginx (production, ``deploy/nginx``) nginx sends the public folders
of ``MEDIA_ROOT`` and never passes ``/media/`` on. ``ruta serve`` alone (the
demo, a development machine) has no nginx, and without this middleware
every photo of a work, of a committee's visit and of the gallery answered
404. ``PublicMediaMiddleware`` answers ``/media/`` as nginx does, from the
default storage:

- only names inside a folder ``ruta.common.files.uploads`` declares public; any
  other name under ``/media/`` is 404, even a file an older version left
  there, and so is a folder (no listing) or a name with a part that is
  empty, hidden or ``..``;
- with the media type of the content the folder's rule declares for the
  name's extension; a name of any other extension is sent as bytes to
  download; always ``nosniff``, and a policy that runs nothing;
- with ``Last-Modified`` and an ``ETag`` (answered 304 when the reader's
  copy is current) and a public ``Cache-Control``.

``RUTA_SERVE_MEDIA`` turns it on (the default but in production settings,
where nginx sends the files). Private files are never in the default
storage (``ruta.common.files.privatefiles``), so nothing here can reach them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed, SuspiciousFileOperation
from django.core.files.storage import Storage, default_storage
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
)
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date, quote_etag

from ruta.common.files.contents import PDF, content_for
from ruta.common.files.uploads import FILE_RULES, FileRule

# A public file's name is never written again (``RandomName``), but a file
# may be removed (a photo taken down): readers keep it an hour, then ask
# again with its validators, which costs a 304.
MAX_AGE = 3600
# One part of a stored name: letters, digits, dots, dashes and underscores,
# not starting with a dot (no ``..``, no hidden file).
_PART = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}")
# Nothing in a photo or a data file runs; a PDF is left to the browser's
# viewer, which a sandboxed answer would refuse to open.
SANDBOX = "default-src 'none'; sandbox"
OCTET_STREAM = "application/octet-stream"


def public_rule(name: str) -> FileRule | None:
    """Return the public rule whose folder holds ``name``; None for any other name."""
    parts = name.split("/")
    if len(parts) < 2 or not all(_PART.fullmatch(part) for part in parts):
        return None
    for rule in FILE_RULES.values():
        if not rule.private and name.startswith(rule.folder + "/"):
            return rule
    return None


def _inside_location(storage: Storage, name: str) -> bool:
    """Return whether a folder storage's file really lies in its folder.

    A name is checked part by part already; this refuses a link inside
    ``MEDIA_ROOT`` that points elsewhere (to the private files).
    """
    try:
        path = Path(storage.path(name))
    except NotImplementedError:  # a bucket: its names are only names
        return True
    except SuspiciousFileOperation:
        return False
    root = Path(os.path.realpath(storage.location))  # type: ignore[attr-defined]
    return path.is_file() and Path(os.path.realpath(path)).is_relative_to(root)


def public_file_response(request: HttpRequest, name: str) -> HttpResponseBase:
    """Return the public file ``name`` (a 304 when the reader's copy is it), or 404."""
    rule = public_rule(name)
    storage = default_storage
    if rule is None or not _inside_location(storage, name):
        return _not_found()
    try:
        size = storage.size(name)
        modified = storage.get_modified_time(name)
    except (OSError, NotImplementedError):
        return _not_found()
    stamp = int(modified.astimezone(UTC).timestamp())
    etag = quote_etag(f"{stamp:x}-{size:x}")
    response: HttpResponseBase | None = get_conditional_response(
        request, etag=etag, last_modified=stamp
    )
    if response is None:
        response = _file_answer(request, storage, name, rule)
        if response is None:
            return _not_found()
        response["Content-Length"] = str(size)
        response["Last-Modified"] = http_date(stamp)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _file_answer(
    request: HttpRequest, storage: Storage, name: str, rule: FileRule
) -> HttpResponseBase | None:
    """Return the file's answer, typed as its rule declares; None if it is gone."""
    content = content_for(name)
    declared = content is not None and content in rule.accepts
    media_type = content.media_type if content and declared else OCTET_STREAM
    if request.method == "HEAD":
        response: HttpResponseBase = HttpResponse(content_type=media_type)
    else:
        try:
            response = FileResponse(storage.open(name, "rb"), content_type=media_type)
        except OSError:
            return None
    if not declared:
        response["Content-Disposition"] = content_disposition_header(
            True, Path(name).name
        )
    response["X-Content-Type-Options"] = "nosniff"
    if content != PDF:
        response["Content-Security-Policy"] = SANDBOX
    return response


def _not_found() -> HttpResponse:
    response = HttpResponseNotFound(b"Not found", content_type="text/plain")
    response["X-Content-Type-Options"] = "nosniff"
    return response


class PublicMediaMiddleware:
    """Answer ``MEDIA_URL`` with the public files, before any other work is done."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        if not settings.RUTA_SERVE_MEDIA or not settings.MEDIA_URL.startswith("/"):
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.prefix = settings.MEDIA_URL.rstrip("/") + "/"

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path_info.startswith(self.prefix):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return public_file_response(request, request.path_info[len(self.prefix) :])
