"""Prepared values: built once per version of the data, rebuilt on change."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import translation

from ruta.common.db.versioning import data_version
from ruta.common.prepared import prepared, prepared_from
from ruta.indicators.models import IndicatorResult
from ruta.works.models import AidStatus
from testkit.factories.indicators import IndicatorCardFactory, IndicatorResultFactory
from testkit.factories.works import AidFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start each test with an empty cache: the database rolls back, it does not."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def builds():
    """Return a build function that counts its calls, and the count."""
    calls = []

    def build():
        calls.append(1)
        return len(calls)

    return build, calls


def test_value_is_built_once_while_the_data_does_not_change(db, builds):
    build, calls = builds
    assert [prepared("thing", build), prepared("thing", build)] == [1, 1]
    assert len(calls) == 1


def test_an_update_of_any_path_gives_a_new_version(db, builds):
    result = IndicatorResultFactory()
    build, _calls = builds
    prepared("thing", build)
    IndicatorResult.objects.filter(pk=result.pk).update(value=Decimal("1"))
    assert prepared("thing", build) == 2


def test_a_delete_gives_a_new_version(db):
    aid = AidFactory(status=AidStatus.REQUESTED)  # a decided aid is kept
    before = data_version().token
    aid.delete()
    assert data_version().token != before


def test_an_insert_gives_a_new_version(db):
    before = data_version().token
    IndicatorCardFactory()
    assert data_version().token != before


def test_each_language_has_its_own_value(db, builds):
    build, _calls = builds
    with translation.override("es-mx"):
        assert prepared("thing", build) == 1
    with translation.override("en"):
        assert prepared("thing", build) == 2


def test_an_empty_value_is_kept_too(db):
    calls = []
    prepared("empty", lambda: calls.append(1) or [])
    prepared("empty", lambda: calls.append(1) or [])
    assert calls == [1]


def test_data_version_is_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        data_version()


def test_any_key_with_a_repr_is_kept_apart_from_another(db, builds):
    build, calls = builds
    assert prepared("thing", build, {"year": 2024}, "a b") == 1
    assert prepared("thing", build, {"year": 2025}, "a b") == 2
    assert prepared("thing", build, {"year": 2024}, "a b") == 1
    assert len(calls) == 2


def test_a_value_prepared_from_inputs_survives_a_change_that_leaves_them(db, builds):
    result = IndicatorResultFactory()
    build, calls = builds
    assert prepared_from("drawing", build, ("same",)) == 1
    IndicatorResult.objects.filter(pk=result.pk).update(value=Decimal("1"))
    assert prepared_from("drawing", build, ("same",)) == 1
    assert prepared_from("drawing", build, ("other",)) == 2
    with translation.override("en"):
        assert prepared_from("drawing", build, ("same",)) == 3
    assert len(calls) == 3
