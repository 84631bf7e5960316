"""A step of a staff cycle taken at its own address, on a phone.

A validator sends a POA year back to preparation: the page of the step asks
for the reason, refuses it empty at the field, and takes it with one.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse
from playwright.sync_api import expect

from ruta.accounts.models import Role
from ruta.catalog.models import AgencyKind
from ruta.programs.models import (
    ExecutingUnit,
    Goal,
    PlanStatus,
    Program,
    Ramo,
    UnitProgram,
    ValueStatus,
)
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import FiscalYearFactory
from tests.browser.conftest import axe_violations, fits_narrow_phone, sign_in


@pytest.fixture
def submitted(transactional_db, make_user):
    with transaction.atomic():
        FiscalYearFactory(year=2024)
        entity = AgencyFactory(
            code="mexicali-bisom",
            name="Bienestar Social Municipal",
            kind=AgencyKind.ENTIDAD,
        )
        ramo = Ramo.objects.create(
            code="54", name="BIENESTAR SOCIAL MUNICIPAL", agency=entity
        )
        unit = ExecutingUnit.objects.create(
            ramo=ramo, code="54201", name="PARTICIPACIÓN SOCIAL", agency=entity
        )
        program = Program.objects.create(
            fiscal_year_id=2024, ramo=ramo, code="542", name="VINCULACIÓN SOCIAL"
        )
        year = UnitProgram.objects.create(
            program=program,
            executing_unit=unit,
            status=ValueStatus.CAPTURED,
            plan_status=PlanStatus.SUBMITTED,
        )
        Goal.objects.create(
            unit_program=year,
            number=307,
            description="Integrar comités comunitarios.",
            unit_of_measure="Comité",
            annual_target=124,
            status=ValueStatus.CAPTURED,
        )
    return year, make_user(Role.VALIDATOR, agency=entity)


def test_a_year_is_sent_back_from_the_steps_own_page(page, submitted):
    year, validator = submitted
    sign_in(page, validator, then=reverse("programs:plan", args=[year.pk]))
    expect(page.get_by_label("Motivo de la devolución")).to_be_visible()
    expect(page.get_by_role("button", name="Aprobar el programa anual")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"/es-mx/cuentas/decidir/programas-anuales/{year.pk}/devolver/")
    expect(page.get_by_role("heading", name="Devolver a preparación")).to_be_visible()
    assert axe_violations(page) == []
    assert fits_narrow_phone(page)
    page.get_by_role("button", name="Devolver a preparación").click()
    expect(page.locator("#id_reason-error")).to_contain_text("motivo")
    assert axe_violations(page) == []
    page.get_by_label("Motivo de la devolución").fill("Falta la meta 308.")
    page.get_by_role("button", name="Devolver a preparación").click()
    page.wait_for_url(f"**/programas/{year.pk}/plan/")
    expect(page.get_by_role("status")).to_contain_text("devuelto a preparación")
    year.refresh_from_db()
    assert year.plan_status == PlanStatus.DRAFT
