"""A module's world committed once and served by ``ruta serve``, as ``make demo`` does.

``served_world`` writes the world in the test database (committed, so
another process reads it) with its files in folders of the module's own,
starts ``ruta serve`` (gunicorn, the development settings with
``RUTA_DEBUG=0``: ``testkit.serve_settings``) on them, and when the module
is done stops it and empties the database as a transactional test's end
does. One world and one server per module, however many tests read them.

pytest-django sets up the test database only when some test of the run
asks for one: a module using this marks its tests ``django_db`` (each
then reads inside a transaction it rolls back, writing nothing), and
``served_world`` refuses to write anywhere but the test database.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction
from django.db.backends.base.creation import TEST_DATABASE_PREFIX
from django.test import override_settings

from ruta.common.db.urls import database_url
from testkit.nginx import free_port
from testkit.nodes import Node, node_environment, web_node


@dataclass
class Served:
    """The world a builder returned, the site serving it and its folders."""

    world: Any
    node: Node
    media: Path
    private: Path

    @property
    def url(self) -> str:
        return self.node.url


def folder_storages(media: Path, private: Path) -> dict[str, dict]:
    """Return ``STORAGES`` keeping files in folders, as a server does."""
    return {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": "/media/"},
        },
        "private": {
            "BACKEND": "ruta.common.files.privatefiles.PrivateFileSystemStorage",
            "OPTIONS": {"location": private},
        },
        "imports": {
            "BACKEND": "ruta.common.files.privatefiles.PrivateFileSystemStorage",
            "OPTIONS": {"location": private / "imports"},
        },
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


def _first_page(node: Node) -> None:
    """Ask for the home page once, so no test waits for the worker's first page.

    A worker's first page imports and reads what every later one reuses
    (tens of seconds on a busy machine).
    """
    with urllib.request.urlopen(f"{node.url}/es-mx/", timeout=300) as answer:  # noqa: S310 - the test's own server
        answer.read()


def _test_database_ensure() -> None:
    """Refuse to go on unless the connection names the test database."""
    name = connection.settings_dict["NAME"]
    named = connection.settings_dict.get("TEST", {}).get("NAME")
    if name != named and not name.startswith(TEST_DATABASE_PREFIX):
        raise RuntimeError(
            f"the connection names {name!r}, not the test database: mark the "
            "module's tests django_db so pytest-django sets it up"
        )


@contextmanager
def served_world(
    folder: Path, django_db_blocker: Any, build: Callable[[], Any]
) -> Iterator[Served]:
    """Commit ``build()``'s world with its files under ``folder``; serve it."""
    media, private = folder / "media", folder / "private"
    with django_db_blocker.unblock():
        _test_database_ensure()
        try:
            # A work's funding is checked at commit: the world is one transaction.
            with (
                override_settings(STORAGES=folder_storages(media, private)),
                transaction.atomic(),
            ):
                world = build()
            env = node_environment(
                DJANGO_SETTINGS_MODULE="testkit.serve_settings",
                DATABASE_URL=database_url(connection.settings_dict),
                RUTA_DEBUG="0",
                RUTA_STATE="26",
                RUTA_MEDIA_ROOT=str(media),
                RUTA_PRIVATE_ROOT=str(private),
                RUTA_IMPORT_DIR=str(private / "imports"),
                RUTA_WORKERS="1",
                # The first page (``_first_page``) may take longer than
                # gunicorn's 30 s on a busy machine, which would end it.
                RUTA_REQUEST_TIMEOUT="300",
            )
            with web_node(free_port(), env, folder / "serve.log") as node:
                _first_page(node)
                yield Served(world, node, media, private)
        finally:
            call_command("flush", verbosity=0, interactive=False)
