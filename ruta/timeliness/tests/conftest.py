"""A small world: one unit's POA year 2024 with its first quarter captured.

A planning agency whose unit captured the first quarter of 2024 on 10 April
(due the 12th) and nothing after; its 2023 annual report loaded from a
document (no delivery day kept); capture staff and a validator of the
agency, and capture staff of another agency.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import transaction

from ruta.accounts.models import Role
from ruta.accounts.services import role_assign
from ruta.programs.models import (
    ExecutingUnit,
    Goal,
    Program,
    QuarterProgress,
    Ramo,
    UnitProgram,
    ValueStatus,
)
from ruta.sources.models import DocumentKind, SourceDocument
from testkit.actors import TEST_ACTOR
from testkit.factories.accounts import UserFactory
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import FiscalYearFactory
from testkit.world import constraints_settled


def staff_user(role: Role, agency: object) -> object:
    user = UserFactory()
    role_assign(user=user, role=role, agency_id=agency.pk, actor=TEST_ACTOR)
    return user


def _poa_year(agency: object, capture: object) -> UnitProgram:
    ramo = Ramo.objects.create(code="98", name="Ramo del calendario", agency=agency)
    unit = ExecutingUnit.objects.create(
        ramo=ramo, code="98101", name="Unidad del calendario", agency=agency
    )
    program = Program.objects.create(
        fiscal_year=FiscalYearFactory(year=2024), ramo=ramo, code="981", name="Obra"
    )
    unit_program = UnitProgram.objects.create(
        program=program,
        executing_unit=unit,
        status=ValueStatus.CAPTURED,
        reported_quarter=1,
    )
    goal = Goal.objects.create(
        unit_program=unit_program,
        number=1,
        description="Informe trimestral",
        unit_of_measure="Informe",
        annual_target=4,
        status=ValueStatus.CAPTURED,
    )
    zone = ZoneInfo(settings.TIME_ZONE)
    QuarterProgress.objects.create(
        goal=goal,
        quarter=1,
        programmed=1,
        achieved=1,
        status=ValueStatus.CAPTURED,
        captured_by=capture,
        captured_at=datetime(2024, 4, 10, 12, tzinfo=zone),
    )
    return unit_program


@pytest.fixture(scope="module")
def unit(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        agency = AgencyFactory(code="planeacion-calendario", name="Planeación")
        other = AgencyFactory(code="otra-calendario", name="Otra dependencia")
        capture = staff_user(Role.CAPTURE, agency)
        world = SimpleNamespace(
            agency=agency,
            capture=capture,
            validator=staff_user(Role.VALIDATOR, agency),
            stranger=staff_user(Role.CAPTURE, other),
            unit_program=_poa_year(agency, capture),
        )
        FiscalYearFactory(year=2023)
        SourceDocument.objects.create(
            sha256="a" * 64,
            kind=DocumentKind.CECOP_ANNUAL_REPORT,
            name="informe-2023.pdf",
            fiscal_year_id=2023,
            agency=agency,
        )
        constraints_settled()
        yield world
        transaction.set_rollback(True)
