"""Fixtures for works tests: places with regions, roles scoped to them."""

from __future__ import annotations

import pytest

from ruta.accounts.models import Role
from testkit.factories.catalog import MunicipalityFactory, RegionFactory


@pytest.fixture
def capital(sonora):
    return RegionFactory(state=sonora, number=7, name="Capital")


@pytest.fixture
def rio_mayo(sonora):
    return RegionFactory(state=sonora, number=10, name="Río Mayo")


@pytest.fixture
def alamos(sonora, rio_mayo):
    return MunicipalityFactory(code="26003", name="Álamos", region=rio_mayo)


@pytest.fixture
def hermosillo_in_capital(hermosillo, capital):
    hermosillo.region = capital
    hermosillo.save()
    return hermosillo


@pytest.fixture
def hermosillo_capture(make_user, hermosillo):
    return make_user(Role.CAPTURE, municipality=hermosillo)


@pytest.fixture
def cajeme_capture(make_user, cajeme):
    return make_user(Role.CAPTURE, municipality=cajeme)


@pytest.fixture
def hermosillo_validator(make_user, hermosillo):
    return make_user(Role.VALIDATOR, municipality=hermosillo)
