"""Whether a dataset must be read again: have the tables it came from changed?

Reading a dataset to learn that nothing changed costs as much as reading it
to write it: at a million works, most of a publish that changes nothing.
So each read notes which tables PostgreSQL scanned for it
(``ruta.common.db.versioning.tables_read``) and their versions beforehand
(``table_versions``); the next publish reads it again only when one of
those tables has a newer version, or the code or settings that shape its
rows differ (``fingerprint``).

A dataset read from a table whose writes keep no version (outside
``RUTA_PUBLIC_DATA_APPS``), or from a table its own transaction had changed
uncommitted, gets no note: it is read every time.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

import ruta
from ruta.common.db.versioning import table_versions, tables_read, versioned_tables
from ruta.opendata.models import DatasetReading

# Settings a dataset's rows may depend on besides the platform's own.
_SHAPING_SETTINGS = ("LANGUAGE_CODE", "TIME_ZONE", "USE_TZ")


@functools.cache
def _code_digest() -> str:
    """Return the SHA-256 of every file of the platform's package, once a process."""
    root = Path(ruta.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint() -> str:
    """Return what, besides the tables, shapes the files: code and settings.

    Every file of the package (a new release, a changed column) and every
    ``RUTA_`` setting (withheld names, the licence).
    """
    names = sorted(name for name in dir(settings) if name.startswith("RUTA_"))
    digest = hashlib.sha256(_code_digest().encode())
    for name in (*names, *_SHAPING_SETTINGS):
        digest.update(f"{name}={getattr(settings, name, None)!r}\n".encode())
    return digest.hexdigest()


def built_from(slug: str, sources: str) -> bool:
    """Return whether ``slug`` was last built from ``sources`` (a digest of
    its inputs: the data package's, of its members' files) under the same
    code and settings."""
    return DatasetReading.objects.filter(
        dataset=slug, fingerprint=_with_code(sources), tables={}
    ).exists()


def built_from_note(slug: str, sources: str) -> None:
    """Note that ``slug`` was built from ``sources``."""
    DatasetReading.objects.update_or_create(
        dataset=slug,
        defaults={
            "fingerprint": _with_code(sources),
            "tables": {},
            "read_at": timezone.now(),
        },
    )


def _with_code(sources: str) -> str:
    return hashlib.sha256(f"{fingerprint()} {sources}".encode()).hexdigest()


def reading_current(slug: str) -> bool:
    """Return whether dataset ``slug``'s last reading still holds."""
    noted = DatasetReading.objects.filter(dataset=slug).first()
    if noted is None or noted.fingerprint != fingerprint():
        return False
    versions = table_versions()
    return all(versions.get(table, 0) == kept for table, kept in noted.tables.items())


@dataclass
class Reading:
    """One read of a dataset under way: the versions before, the tables read."""

    slug: str
    versions: dict[str, int | None]
    tables: set[str] = field(default_factory=set)

    def note(self) -> None:
        """Note the reading for the next publish, or forget the last one.

        Called once the files read are published (or found unchanged): a
        publish that failed leaves no note, so the next one reads again.
        """
        noted = {table: self.versions.get(table, 0) for table in self.tables}
        unversioned = self.tables - set(versioned_tables())
        if not noted or unversioned or None in noted.values():
            DatasetReading.objects.filter(dataset=self.slug).delete()
            return
        DatasetReading.objects.update_or_create(
            dataset=self.slug,
            defaults={
                "fingerprint": fingerprint(),
                "tables": noted,
                "read_at": timezone.now(),
            },
        )


@contextmanager
def reading(slug: str) -> Iterator[Reading]:
    """Read dataset ``slug`` in the block; the reading learns what it read.

    The versions are taken before the block's reads: a change committed
    while they run gives a newer version, so the next publish reads again.
    """
    read = Reading(slug, table_versions())
    with tables_read() as tables:
        yield read
    read.tables = tables
