"""The formats' benchmark writes the works dataset whole, in both formats."""

from __future__ import annotations

import pytest

from bench.formats import measured, report
from ruta.works.models import Work
from testkit.factories.works import WorkFactory

pytestmark = pytest.mark.django_db


def test_the_works_csv_and_parquet_hold_every_published_work():
    WorkFactory.create_batch(3, published=True)
    WorkFactory()  # proposed: not in the dataset
    result = measured()
    assert result.rows == Work.objects.published().count() == 3
    assert result.csv_megabytes > 0
    assert result.parquet_megabytes > 0
    assert report(result).startswith("Works dataset of 3 rows")
