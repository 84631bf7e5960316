"""Private files: their storage, outside any public folder, and how they are sent.

Files that hold personal data (applicants' documents, invoices, reports,
refund proofs, committees' signed minutes, reported problems' photos) are
kept in the ``private`` storage (``STORAGES["private"]``: the folder
``RUTA_PRIVATE_ROOT``, or the private bucket ``RUTA_PRIVATE_STORAGE_URL``
names, ``ruta.common.files.storageurls``), which nothing publishes. A view checks
the reader's permission, then ``private_file_response`` hands the file over:

- behind nginx, from the folder (``RUTA_PRIVATE_FILES_ACCEL`` set to the
  ``internal`` location's prefix, ``/_privados/`` in ``deploy/nginx``) with
  an ``X-Accel-Redirect``, so nginx sends the bytes and the worker is free;
- otherwise by streaming it through the storage: from the folder, or from
  the bucket, whose objects have no address anyone is given.

Either way the answer is an attachment under a name the platform chose,
with ``nosniff`` and a ``sandbox`` policy, so nothing in it can run on the
site's origin, and it is never kept by a cache.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import PurePath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import (
    InMemoryStorage,
    Storage,
    storages,
)
from django.core.signals import setting_changed
from django.db.models.fields.files import FieldFile
from django.dispatch import receiver
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header

from ruta.common.files.contents import content_for
from ruta.common.files.wholefiles import WholeFileSystemStorage

PRIVATE_STORAGE_ALIAS = "private"
SANDBOX = "default-src 'none'; sandbox"


class NoAddress:
    """A storage whose files have no address: only a permission check sends them."""

    def url(self, name: str | None) -> str:
        raise ValueError(f"{name} is a private file: it has no public address")


class PrivateFileSystemStorage(NoAddress, WholeFileSystemStorage):
    """Private files in a folder of this machine (``RUTA_PRIVATE_ROOT``)."""


class PrivateInMemoryStorage(NoAddress, InMemoryStorage):
    """Private files in memory, for the test suite."""


class _PrivateStorage(LazyObject):
    """The ``private`` storage, looked up when first used (and after a change)."""

    def _setup(self) -> None:
        self._wrapped = storages[PRIVATE_STORAGE_ALIAS]


_private = _PrivateStorage()


def private_storage() -> Storage:
    """Return the storage of private files (a ``FileField``'s ``storage``)."""
    return _private  # type: ignore[return-value]  # the lazy proxy stands for the Storage


@receiver(setting_changed)
def _storages_changed(*, setting: str, **kwargs: object) -> None:
    """Look the storage up again when a test changes ``STORAGES``."""
    if setting == "STORAGES":
        _private._wrapped = empty  # type: ignore[assignment]  # LazyObject's "not set up"


def is_private(file: FieldFile) -> bool:
    """Return whether ``file`` is kept in the private storage."""
    return file.storage is _private or file.storage is storages[PRIVATE_STORAGE_ALIAS]


def attachment_name(file: FieldFile, shown: str) -> str:
    """Return ``shown`` with the extension of what is stored (``bin`` if unknown)."""
    stem = PurePath(shown).stem or "archivo"
    return stem + (PurePath(_stored_name(file)).suffix or ".bin")


def _stored_name(file: FieldFile) -> str:
    """Return where ``file`` is stored; a field holding no file has no response."""
    if not file.name:
        raise ValueError("the field holds no file")
    return file.name


def private_file_response(
    file: FieldFile, *, name: str, cache: str = "private"
) -> HttpResponseBase:
    """Return ``file`` as an attachment nothing in it can run; never cached.

    ``name`` is the name shown to the reader (the uploader's, kept in the
    database); the extension and type are those of the stored content.
    ``cache="public"`` lets caches keep a file everyone may read (a
    reported problem's photo) for five minutes.
    """
    stored = _stored_name(file)
    content = content_for(stored)
    media_type = content.media_type if content else "application/octet-stream"
    prefix = settings.RUTA_PRIVATE_FILES_ACCEL
    response: HttpResponseBase
    if prefix:
        response = HttpResponse(content_type=media_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(stored)
    else:
        response = FileResponse(file.storage.open(stored, "rb"))
        response["Content-Type"] = media_type
    response["Content-Disposition"] = content_disposition_header(
        True, attachment_name(file, name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    if cache == "public":
        patch_cache_control(response, public=True, max_age=300)
    else:
        patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


# An archive of private files (a project's technical file) is built in a
# temporary file that spills to disk past this size, never all in memory.
ARCHIVE_SPOOL = 8 * 1024 * 1024


def private_archive_response(
    entries: Iterable[tuple[str, FieldFile | bytes]], *, name: str
) -> HttpResponseBase:
    """Return private files (and generated texts) as one ZIP attachment.

    Each entry is the path it takes in the archive and a stored file or
    bytes. The caller has checked the reader's permission over every file,
    as for ``private_file_response``; the answer carries the same headers.
    """
    spool = tempfile.SpooledTemporaryFile(max_size=ARCHIVE_SPOOL)  # noqa: SIM115 - the response closes it
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in entries:
            if isinstance(content, bytes):
                archive.writestr(path, content)
                continue
            source = content.storage.open(_stored_name(content), "rb")
            with source as stored, archive.open(path, "w") as target:
                while chunk := stored.read(1024 * 1024):
                    target.write(chunk)
    spool.seek(0)
    response = FileResponse(spool, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response
