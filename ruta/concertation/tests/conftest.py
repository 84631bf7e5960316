"""Hermosillo's concertation with CECOP in 2024, built once per module."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import transaction

from ruta.accounts.models import Role
from ruta.accounts.services import role_assign
from ruta.concertation import services
from ruta.works.models import FundingSource
from testkit.actors import TEST_ACTOR
from testkit.factories.accounts import UserFactory
from testkit.factories.catalog import AgencyFactory, MunicipalityFactory, StateFactory
from testkit.factories.works import (
    FiscalYearFactory,
    WorkFactory,
    WorksProgramFactory,
)
from testkit.world import constraints_settled


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


def concerted_work(world: SimpleNamespace, public_id: str, state: str) -> object:
    """Return an approved concerted work of Hermosillo with ``state`` pesos of
    the state's money and 10 % more from the ayuntamiento."""
    amount = Decimal(state)
    municipal = (amount / 10).quantize(Decimal("0.01"))
    return WorkFactory(
        public_id=public_id,
        program=world.program,
        executing_agency=world.cecop,
        municipality=world.hermosillo,
        total_investment=amount + municipal,
        funding=[
            (FundingSource.STATE, amount),
            (FundingSource.MUNICIPALITY, municipal),
        ],
        published=True,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """CECOP, its concerted program, Hermosillo's agreement (unsigned, nothing
    met, floor $1,000,000), its staff and two approved works."""
    with django_db_blocker.unblock(), transaction.atomic():
        sonora = StateFactory(code="26", name="Sonora")
        hermosillo = MunicipalityFactory(code="26030", name="Hermosillo", state=sonora)
        FiscalYearFactory(year=2024)
        program = WorksProgramFactory()
        cecop = program.agency
        world = SimpleNamespace(
            hermosillo=hermosillo,
            cajeme=MunicipalityFactory(code="26018", name="Cajeme", state=sonora),
            program=program,
            cecop=cecop,
            planner=staff_user(Role.VALIDATOR, agency=cecop),
            capture=staff_user(Role.CAPTURE, agency=cecop),
            auditor=staff_user(Role.AUDITOR, agency=cecop),
            elsewhere=staff_user(Role.VALIDATOR, agency=AgencyFactory()),
        )
        world.agreement = services.agreement_record(
            agency=cecop,
            municipality=hermosillo,
            year=2024,
            floor=Decimal("1000000.00"),
            municipal_contribution=Decimal("100000.00"),
            community_contribution=Decimal("50000.00"),
            actor=world.planner,
        )
        world.first = concerted_work(world, "TSAM-2024-0001", "700000.00")
        world.second = concerted_work(world, "TSAM-2024-0002", "400000.00")
        constraints_settled()
        yield world
        transaction.set_rollback(True)
