"""Worlds built once per test process, then put back whole.

The demo's worlds (the demo's records, the whole ``ruta load-demo`` site)
are written through the platform's own services, audit events and all, and
a dozen modules need each. A module shares its world inside one transaction
rolled back when it ends, so every module used to write it again. Here the
first module of a process writes it the real way and takes an image: every
table's rows (``COPY … TO``, audit events, derived figures and the data
version's notes included), the sequences and the files the in-memory
storages hold. Later modules put the image back with the tables' triggers
off (``session_replication_role = replica``, as a logical replica applies
rows it was sent): the rows are exactly those the services wrote, so
nothing is derived or checked again.

An image is taken and put back only on a database holding nothing but what
the migrations wrote, which is how every module starts; ``world_image``
refuses anything else, so a world is never laid over another.

Under pytest-xdist the workers of one run share their images through files
in a folder the run's controller makes (``RUTA_WORLD_IMAGES``) and removes
at its end: a world is written once a run, not once a worker. A worker that
needs a world another is writing waits for it and puts it back.
"""

from __future__ import annotations

import copy
import fcntl
import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pghistory.models
import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, Storage, storages
from django.db import connection, transaction

T = TypeVar("T")

# The session settings ruta.common.db.versioning's triggers keep for the
# transaction (its count of changing statements and the tables they
# changed): put back so the data's version reads as it did after the build.
NOTES = ("ruta.data_changes", "ruta.data_tables")

_TABLES_SQL = """
SELECT format('%I.%I', n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_%%'
ORDER BY 1
"""


@dataclass(frozen=True)
class Image:
    """A written world: its tables' rows, sequences, notes, files and result."""

    rows: tuple[tuple[str, bytes], ...]
    sequences: tuple[tuple[str, int], ...]
    notes: tuple[tuple[str, str], ...]
    files: tuple[tuple[str, str, bytes], ...]
    result: Any


# The settings that scope what an instance writes: a world is imaged per value.
INSTANCE = ("RUTA_STATE", "RUTA_MUNICIPALITY")

_images: dict[tuple[str, ...], Image] = {}
_baseline: list[frozenset[str]] = []


def world_image(name: str, build: Callable[[], T]) -> T:
    """Write the world ``name`` with ``build`` once per run, or put it back.

    Call it inside the transaction that holds the world, on a database
    holding only what the migrations wrote. Return what ``build`` returned
    (the first time it ran; a copy, so a test that changes it changes only
    its own).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("a world image is written inside a transaction")
    filled = _tables_with_rows()
    events = _event_tables()
    records = frozenset(
        table for table in filled if table.rsplit(".", 1)[-1].strip('"') not in events
    )
    if not _baseline:
        _baseline.append(records)
    if records != _baseline[0]:
        raise RuntimeError(
            f"the world {name!r} needs a database holding only what the "
            f"migrations wrote; these tables hold rows: "
            f"{', '.join(sorted(records ^ _baseline[0]))}"
        )
    key = (name, *(str(getattr(settings, setting, "")) for setting in INSTANCE))
    if not _superuser():
        return build()
    image = _images.get(key)
    if image is None:
        with _shared_turn(key):
            image = _shared_read(key)
            if image is None:
                result = build()
                _images[key] = _image_take(result)
                _shared_write(key, _images[key])
                return result
    _image_put(image, filled)
    _caches_clear()
    return copy.deepcopy(image.result)


# The folder a run's workers share images through (set by its controller).
SHARED = "RUTA_WORLD_IMAGES"


def pytest_configure(config: pytest.Config) -> None:
    """Make the run's shared folder, on the controller of a distributed run."""
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None):
        return
    os.environ[SHARED] = tempfile.mkdtemp(prefix="ruta-worlds-")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the run's shared folder, once its workers are done."""
    if hasattr(config, "workerinput"):
        return
    folder = os.environ.pop(SHARED, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def _shared_path(key: tuple[str, ...]) -> Path | None:
    folder = os.environ.get(SHARED)
    if not folder or not os.environ.get("PYTEST_XDIST_WORKER"):
        return None
    return Path(folder) / hashlib.sha256(repr(key).encode()).hexdigest()[:32]


def _shared_read(key: tuple[str, ...]) -> Image | None:
    """Return the image another worker of this run wrote, if it has."""
    path = _shared_path(key)
    if path is None or not path.exists():
        return None
    with path.open("rb") as handle:
        image = pickle.load(handle)  # noqa: S301 - written by this run's workers
    _images[key] = image
    return image


@contextmanager
def _shared_turn(key: tuple[str, ...]) -> Iterator[None]:
    """Hold the run's lock on writing world ``key``; wait for it if held.

    Waiting for the worker that writes it costs less than writing it beside
    it: the two writes would share the machine's cores with the database.
    Worlds written inside another's build take their locks inside its lock,
    always in that order.
    """
    path = _shared_path(key)
    if path is None:
        yield
        return
    with open(f"{path}.lock", "wb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _shared_write(key: tuple[str, ...], image: Image) -> None:
    """Write ``image`` for the run's other workers, whole or not at all."""
    path = _shared_path(key)
    if path is None:
        return
    try:
        data = pickle.dumps(image, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return  # a result that cannot cross processes is written by each
    partial = path.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(path)


def _event_tables() -> frozenset[str]:
    """Return the names of the audit event tables.

    Left out of the check that the database holds only what the migrations
    wrote: a flush after a test that commits writes the migrations' rows
    again, and their triggers add events a fresh copy does not hold. The
    image's own events replace them.
    """
    return frozenset(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, pghistory.models.Event)
    )


def _caches_clear() -> None:
    """Forget what was cached from an earlier copy of the world.

    A world put back has the keys it had when written (the same primary
    keys, the same data version), so a result cached over an earlier copy,
    then changed by that test, would be served as this copy's.
    """
    for cache in caches.all():
        cache.clear()


def _superuser() -> bool:
    """Return whether this connection may turn triggers off (a superuser)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(_TABLES_SQL)
        return [row[0] for row in cursor.fetchall()]


def _tables_with_rows() -> frozenset[str]:
    """Return the tables holding at least one row, in one statement."""
    tables = _tables()
    probes = " UNION ALL ".join(
        f"SELECT {index} WHERE EXISTS (SELECT FROM {table})"  # noqa: S608 - quoted names
        for index, table in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(probes)
        return frozenset(tables[row[0]] for row in cursor.fetchall())


def _image_take(result: Any) -> Image:
    rows = []
    with connection.cursor() as cursor:
        for table in sorted(_tables_with_rows()):
            with cursor.copy(f"COPY {table} TO STDOUT") as copy:
                rows.append((table, b"".join(bytes(block) for block in copy)))
        cursor.execute(
            "SELECT format('%I.%I', schemaname, sequencename), last_value "
            "FROM pg_sequences WHERE last_value IS NOT NULL"
        )
        sequences = tuple(cursor.fetchall())
        cursor.execute(
            "SELECT name, coalesce(current_setting(name, true), '') "
            "FROM unnest(%s::text[]) AS name",
            [list(NOTES)],
        )
        notes = tuple(cursor.fetchall())
    return Image(
        rows=tuple(rows),
        sequences=sequences,
        notes=notes,
        files=tuple(_files_read()),
        result=result,
    )


def _image_put(image: Image, filled: frozenset[str]) -> None:
    """Empty the migrations' rows, copy the image back, move sequences on."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        for table in sorted(filled):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - quoted names
        for table, rows in image.rows:
            with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                copy.write(rows)
        for sequence, value in image.sequences:
            cursor.execute(
                "SELECT setval(%s, greatest(%s, (SELECT last_value FROM "  # noqa: S608
                f"{sequence})))",
                [sequence, value],
            )
        for note, said in image.notes:
            cursor.execute("SELECT set_config(%s, %s, true)", [note, said])
        cursor.execute("SET LOCAL session_replication_role = origin")
        cursor.execute("ANALYZE " + ", ".join(table for table, _ in image.rows))
    _files_write(image.files)


def _memory_storages() -> list[tuple[str, Storage]]:
    return [
        (alias, storages[alias])
        for alias in settings.STORAGES
        if isinstance(storages[alias], InMemoryStorage)
    ]


def _files_read() -> list[tuple[str, str, bytes]]:
    """Return every file of the in-memory storages: (alias, name, content)."""
    found = []
    for alias, storage in _memory_storages():
        folders = [""]
        while folders:
            folder = folders.pop()
            subfolders, names = storage.listdir(folder)
            folders += [f"{folder}{sub}/" for sub in subfolders]
            for name in names:
                with storage.open(folder + name) as handle:
                    found.append((alias, folder + name, handle.read()))
    return found


def _files_write(files: tuple[tuple[str, str, bytes], ...]) -> None:
    """Put the image's files back where a storage lost or changed them."""
    for alias, name, content in files:
        storage = storages[alias]
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(content))
