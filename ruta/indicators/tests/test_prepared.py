"""Prepared aggregates: built once per version of the data, rebuilt on change."""

from decimal import Decimal

import pytest
from django.utils import translation

from ruta.indicators.factories import IndicatorCardFactory, IndicatorResultFactory
from ruta.indicators.models import IndicatorResult
from ruta.indicators.prepared import data_version, prepared
from ruta.works.factories import AidFactory


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
    aid = AidFactory()
    before = data_version()
    aid.delete()
    assert data_version() != before


def test_an_insert_gives_a_new_version(db):
    before = data_version()
    IndicatorCardFactory()
    assert data_version() != before


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
