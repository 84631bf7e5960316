"""A publish reads a dataset again only when a table it was read from changed."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import override_settings

from ruta.opendata.datasets import DATASETS, PACKAGE
from ruta.opendata.models import DatasetReading
from ruta.opendata.services import publish_datasets
from ruta.opendata.tests.conftest import ACTOR, world_build
from ruta.programs.models import Goal
from testkit.factories.works import WorkFactory

# The scans PostgreSQL counts, on the embedded server too.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.server]

# Read from tables every visit writes (the site's usage counts, alert
# subscriptions), which keep no version (they would change it for every
# reader): small, and read at every publish.
ALWAYS_READ = {"uso-del-sitio", "avisos-suscripciones"}
TABLES = {slug for slug, dataset in DATASETS.items() if dataset.kind != PACKAGE}
# Everything a publish writes: every dataset, the standards' packages included.
PUBLISHED = set(DATASETS)


@pytest.fixture
def public_world(transactional_db):
    """The records of every dataset, committed (as versions are, at commit)."""
    with transaction.atomic():
        return world_build()


def test_a_publish_with_nothing_changed_reads_no_dataset(public_world):
    first = publish_datasets(actor=ACTOR)
    assert set(first.published) == PUBLISHED
    again = publish_datasets(actor=ACTOR)
    assert set(again.unread) == PUBLISHED - ALWAYS_READ
    assert again.published == []
    assert set(again.unchanged) == ALWAYS_READ
    for slug in ALWAYS_READ:
        assert not DatasetReading.objects.filter(dataset=slug).exists()


def test_a_change_reads_again_only_the_datasets_of_the_changed_table(public_world):
    publish_datasets(actor=ACTOR)
    with transaction.atomic():
        Goal.objects.filter(pk=Goal.objects.order_by("pk").first().pk).update(
            description="Meta corregida"
        )
    outcome = publish_datasets(actor=ACTOR)
    read = set(outcome.published) | set(outcome.unchanged)
    assert "poa-metas" in outcome.published
    assert "paquete" in outcome.published
    assert {"obras", "obras-financiamiento", "indicadores", "oc4ids", "ocds"} <= set(
        outcome.unread
    )
    # Read again: what was read from the goals, what is read at every
    # publish, and the package of the new file.
    from_goals = {
        reading.dataset
        for reading in DatasetReading.objects.filter(dataset__in=TABLES)
        if Goal._meta.db_table in reading.tables
    }
    assert read == from_goals | ALWAYS_READ | {"paquete"}


def test_a_new_work_reads_the_works_again(public_world):
    publish_datasets(actor=ACTOR)
    with transaction.atomic():
        WorkFactory(published=True)
    outcome = publish_datasets(actor=ACTOR)
    assert {"obras", "obras-financiamiento", "oc4ids"} <= set(outcome.published)
    # The POA's goals count works (goal 404's works followed): read again.
    assert "poa-metas" in outcome.unchanged
    assert {"hallazgos", "ayudas-sociales"} <= set(outcome.unread)


def test_changed_settings_read_every_dataset_again(public_world):
    publish_datasets(actor=ACTOR)
    with override_settings(RUTA_DATA_LICENSE="CC0-1.0"):
        outcome = publish_datasets(actor=ACTOR)
    assert outcome.unread == []
    assert "paquete" in outcome.published  # its descriptor names the licence


def test_every_reads_each_dataset_whatever_changed(public_world):
    publish_datasets(actor=ACTOR)
    outcome = publish_datasets(actor=ACTOR, every=True)
    assert outcome.unread == []
    assert set(outcome.unchanged) == PUBLISHED
    assert DatasetReading.objects.count() == len(PUBLISHED) - len(ALWAYS_READ)


def test_without_the_servers_scan_counts_nothing_is_noted(public_world):
    with connection.cursor() as cursor:
        cursor.execute("SET track_counts = off")
    try:
        publish_datasets(actor=ACTOR)
        again = publish_datasets(actor=ACTOR)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET track_counts")
    # No table is known to have been read: every dataset is read each time.
    assert not DatasetReading.objects.exclude(dataset="paquete").exists()
    assert again.unread == ["paquete"]
