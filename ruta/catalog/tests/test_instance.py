"""The instance object: what a state's deployment covers, and a national one."""

from __future__ import annotations

import pytest

from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, AgencyKind, Municipality
from testkit.factories.catalog import AgencyFactory, MunicipalityFactory, StateFactory
from testkit.factories.works import WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(sonora, hermosillo):
    jalisco = StateFactory(code="14", name="Jalisco")
    guadalajara = MunicipalityFactory(code="14039", name="Guadalajara", state=jalisco)
    state_agency = AgencyFactory(code="cecop", state=sonora)
    city = AgencyFactory(
        code="hmo", municipality=hermosillo, kind=AgencyKind.AYUNTAMIENTO
    )
    federal_here = AgencyFactory(code="conagua-son")
    federal_there = AgencyFactory(code="conagua-jal")
    WorkFactory(executing_agency=federal_here, municipality=hermosillo)
    WorkFactory(executing_agency=federal_there, municipality=guadalajara)
    return state_agency, city, federal_here, federal_there, guadalajara


def test_a_states_instance_covers_its_agencies_and_those_that_built_in_it(
    settings, places
):
    settings.RUTA_STATE = "26"
    state_agency, city, federal_here, _federal_there, _guadalajara = places
    assert set(instance().agencies()) == {state_agency, city}
    assert set(instance().agencies_working()) == {state_agency, city, federal_here}


def test_a_states_instance_has_its_own_places_only(settings, places, hermosillo):
    settings.RUTA_STATE = "26"
    assert list(instance().municipalities()) == [hermosillo]
    assert instance().name() == "Sonora"
    assert not instance().national


def test_a_national_instance_covers_everything(settings, places):
    settings.RUTA_STATE = ""
    assert instance().national
    assert instance().agencies_working().count() == Agency.objects.count()
    assert instance().municipalities().count() == Municipality.objects.count() > 1
    assert instance().name() == "México"
