"""Populated databases: the real catalog, and the catalog with the demo data."""

from __future__ import annotations

import pytest
from django.db import transaction

from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.demo.load import demo_load


@pytest.fixture
def catalog(db) -> None:
    """Load every catalog data file (states, municipalities, regions, agencies)."""
    catalog_load(read_catalog())


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The catalog and the demo data, shared by a module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        catalog_load(read_catalog())
        demo_load()
        yield
        transaction.set_rollback(True)
