from decimal import Decimal

import pytest

from ruta.works.models import FundingSource, WorkStatus
from testkit.cecop import (  # noqa: F401
    catalog,
    demonstration_file,
    imported_demonstration,
)
from testkit.factories.catalog import MunicipalityFactory, RegionFactory
from testkit.factories.works import FiscalYearFactory, WorkFactory


@pytest.fixture
def places(sonora, hermosillo, settings):
    """Hermosillo (936,263 inhabitants) and Álamos (24,976) in their regions."""
    settings.RUTA_STATE = "26"
    hermosillo.region = RegionFactory(state=sonora, number=7, name="Capital")
    hermosillo.population_2020 = 936263
    hermosillo.save()
    alamos = MunicipalityFactory(
        code="26003",
        name="Álamos",
        state=sonora,
        population_2020=24976,
        region=RegionFactory(state=sonora, number=10, name="Río Mayo"),
    )
    return hermosillo, alamos


@pytest.fixture
def works(places):
    hermosillo, alamos = places
    WorkFactory(
        municipality=hermosillo,
        total_investment=Decimal("936263.00"),
        beneficiaries=50,
        funding=[
            (FundingSource.STATE, Decimal("736263.00")),
            (FundingSource.MUNICIPALITY, Decimal("200000.00")),
        ],
        realized=True,
    )
    WorkFactory(
        municipality=alamos,
        public_id="GSE-2024-0001",
        total_investment=Decimal("249760.00"),
        beneficiaries=420,
        published=True,
        status=WorkStatus.RELEASED,
    )
    old = FiscalYearFactory(year=2023)
    WorkFactory(municipality=alamos, fiscal_year=old, total_investment=5, realized=True)
    WorkFactory(municipality=alamos, total_investment=777)  # not published
    return places
