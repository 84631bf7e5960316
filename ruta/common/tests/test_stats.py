"""Statistics refreshed after a load only where the load changed them."""

import pytest
from django.db import connection

from ruta.catalog.models import Agency
from ruta.common.fast.stats import CHANGED_SHARE, analyze, analyze_changed
from testkit.factories.catalog import AgencyFactory


def _counted(model) -> float:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
            [model._meta.db_table],
        )
        return cursor.fetchone()[0]


def test_a_table_changed_by_a_tenth_of_its_rows_is_analysed_a_lesser_one_not(db):
    AgencyFactory.create_batch(60)
    analyze(Agency)
    agencies = _counted(Agency)
    assert agencies >= 60
    share = CHANGED_SHARE * agencies
    assert analyze_changed({Agency: int(share) - 1}) == []
    assert analyze_changed({Agency: int(share) + 1}) == [Agency]


def test_a_table_whose_statistics_say_empty_is_analysed_whatever_changed(db):
    with connection.cursor() as cursor:
        # As a table never analysed says it (PostgreSQL 14 and later).
        cursor.execute(
            "UPDATE pg_class SET reltuples = -1 WHERE oid = %s::regclass",
            [Agency._meta.db_table],
        )
    assert analyze_changed({Agency: 0}) == [Agency]
    assert _counted(Agency) >= 0


def test_a_negative_count_of_rows_is_refused_before_anything_is_read(db):
    with pytest.raises(ValueError, match="negative"):
        analyze_changed({Agency: -1})
