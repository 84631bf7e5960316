"""A municipality with its government, staff and a published work, built once."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import transaction

from ruta.accounts.models import Role
from ruta.accounts.services import role_assign
from ruta.budgeting import services
from ruta.catalog.models import AgencyKind
from testkit.actors import TEST_ACTOR
from testkit.factories.accounts import UserFactory
from testkit.factories.catalog import AgencyFactory, MunicipalityFactory, StateFactory
from testkit.factories.works import WorkFactory
from testkit.world import constraints_settled

CALENDAR = services.Calendar(
    date(2025, 2, 1),
    date(2025, 3, 1),
    date(2025, 4, 1),
    date(2025, 4, 30),
    date(2025, 5, 15),
)


def staff_user(role: Role, **scope) -> object:
    user = UserFactory()
    role_assign(
        user=user,
        role=role,
        agency_id=getattr(scope.get("agency"), "pk", None),
        municipality_id=getattr(scope.get("municipality"), "pk", None),
        actor=TEST_ACTOR,
    )
    return user


@pytest.fixture(scope="module")
def town(django_db_setup, django_db_blocker):
    """Álamos, its ayuntamiento, capture staff, two validators and a work."""
    with django_db_blocker.unblock(), transaction.atomic():
        sonora = StateFactory(code="26", name="Sonora")
        alamos = MunicipalityFactory(code="26003", name="Álamos", state=sonora)
        other = MunicipalityFactory(code="26030", name="Hermosillo", state=sonora)
        ayuntamiento = AgencyFactory(
            code="ayuntamiento-alamos",
            name="H. Ayuntamiento de Álamos",
            kind=AgencyKind.AYUNTAMIENTO,
            municipality=alamos,
        )
        AgencyFactory(
            code="ayuntamiento-hermosillo",
            name="H. Ayuntamiento de Hermosillo",
            kind=AgencyKind.AYUNTAMIENTO,
            municipality=other,
        )
        world = SimpleNamespace(
            alamos=alamos,
            hermosillo=other,
            ayuntamiento=ayuntamiento,
            capture=staff_user(Role.CAPTURE, municipality=alamos),
            validator=staff_user(Role.VALIDATOR, municipality=alamos),
            assessor=staff_user(Role.VALIDATOR, municipality=alamos),
            stranger=staff_user(Role.CAPTURE, municipality=other),
            work=WorkFactory(
                municipality=alamos,
                public_id="TSAM-2025-0001",
                title="Techumbre en la escuela de La Aduana",
                total_investment=Decimal("450000.00"),
                published=True,
            ),
        )
        constraints_settled()
        yield world
        transaction.set_rollback(True)


def code_in(text: str) -> str:
    """Return the six-digit code a message carries."""
    return re.search(r"\b(\d{6})\b", text)[1]
