"""Populated databases: the real catalog, and the catalog with the demo data."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.demo.grants import grants_demo_load
from ruta.demo.load import DemoSummary, demo_load
from ruta.demo.published import seed_documents_load
from testkit.images import world_image
from testkit.snapshots import Snapshot, app_tables, snapshot_restore, snapshot_take

# The catalog as the first test of this process loaded it (testkit.snapshots).
_catalog: list[Snapshot] = []


@pytest.fixture
def catalog(request: pytest.FixtureRequest) -> None:
    """Load every catalog data file (states, municipalities, regions, agencies).

    The first test of a process loads them; later ones get the same rows back
    by ``COPY``. A test that commits (``transaction=True``) gets them the same
    way, and they are emptied after it with the rest.
    """
    request.getfixturevalue("transactional_db" if _commits(request) else "db")
    if _catalog:
        snapshot_restore(_catalog[0])
        return
    catalog_load(read_catalog())
    _catalog.append(snapshot_take(app_tables("catalog")))


def _commits(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        marker is not None
        and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    ) or bool({"transactional_db", "live_server"} & set(request.fixturenames))


def constraints_settled() -> None:
    """Fire, once, the deferred constraint checks of a world a module shares.

    Call it when the world is written, before its first test. Each test's
    teardown checks constraints (``SET CONSTRAINTS ALL IMMEDIATE``) inside the
    savepoint it rolls back: the world's pending checks would fire there, and
    again at every test, since the rollback leaves them pending (measured: a
    third of a second per test over the demo, a minute over a module).
    """
    connection.check_constraints()


def demo_written() -> DemoSummary:
    """Write the catalog and the demo's records (once a process: ``world_image``).

    Call it first in the transaction that holds a module's world; return
    what ``demo_load`` said it wrote.
    """
    return world_image("demo", _demo_write)


def _demo_write() -> DemoSummary:
    catalog_load(read_catalog())
    return demo_load()


def demo_documents_written() -> None:
    """Write the demo, its grants and the seed documents (once a run).

    The questions' and the site search's worlds start from it: the seed
    documents are read from their PDFs, the longest part of both.
    """
    world_image("demo-grants-documents", _demo_documents_write)


def _demo_documents_write() -> None:
    demo_written()
    grants_demo_load()
    seed_documents_load()


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The catalog and the demo data, shared by a module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_written()
        constraints_settled()
        yield
        transaction.set_rollback(True)
