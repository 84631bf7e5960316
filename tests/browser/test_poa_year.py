"""A POA year opened on a phone: written by one, approved and captured by others.

The unit's capture staff open 2024 copying 2023 (goal 307 of the Mexicali
seed: 124 committees, programmed 42, 42, 20, 20), add a goal and submit;
an administrator approves the year and captures the first quarter, and is
refused its approval; a validator approves it and the TMM-F004 form of the
quarter is regenerated from the same rows.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from playwright.sync_api import expect

from ruta.accounts.models import Role
from ruta.catalog.models import AgencyKind
from ruta.programs.models import (
    ExecutingUnit,
    Goal,
    Program,
    QuarterProgress,
    Ramo,
    UnitProgram,
    ValueStatus,
)
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import FiscalYearFactory
from tests.browser.conftest import (
    axe_violations,
    fits_narrow_phone,
    no_sideways_scroll,
    sign_in,
)


@pytest.fixture
def bisom(transactional_db, make_user):
    with transaction.atomic():
        FiscalYearFactory(year=2023)
        FiscalYearFactory(year=2024)
        entity = AgencyFactory(
            code="mexicali-bisom",
            name="Bienestar Social Municipal",
            kind=AgencyKind.ENTIDAD,
        )
        office = AgencyFactory(
            code="mexicali-bisom-participacion",
            name="Departamento de Participación Social",
            kind=AgencyKind.UNIDAD,
            parent=entity,
            official_code="54201",
        )
        ramo = Ramo.objects.create(
            code="54", name="BIENESTAR SOCIAL MUNICIPAL", agency=entity
        )
        unit = ExecutingUnit.objects.create(
            ramo=ramo,
            code="54201",
            name="DEPARTAMENTO DE PARTICIPACIÓN SOCIAL",
            agency=office,
        )
        program = Program.objects.create(
            fiscal_year_id=2023, ramo=ramo, code="542", name="VINCULACIÓN SOCIAL"
        )
        previous = UnitProgram.objects.create(
            program=program,
            executing_unit=unit,
            status=ValueStatus.VERIFIED,
            reported_quarter=4,
        )
        goal = Goal.objects.create(
            unit_program=previous,
            number=307,
            description="Integrar comités comunitarios a fin de organizarlos.",
            unit_of_measure="Comité",
            annual_target=124,
            status=ValueStatus.VERIFIED,
        )
        for quarter, (p, a) in enumerate(((42, 42), (42, 45), (20, 20), (20, 32)), 1):
            QuarterProgress.objects.create(
                goal=goal,
                quarter=quarter,
                programmed=p,
                achieved=a,
                status=ValueStatus.APPROVED,
                captured_by=make_user(),
                approved_by=make_user(),
            )
    return {
        "capture": make_user(Role.CAPTURE, agency=office),
        "validator": make_user(Role.VALIDATOR, agency=entity),
        # The executing unit's and the ramo's responsibles sign after it.
        "unit_head": make_user(Role.VALIDATOR, agency=entity),
        "ramo_head": make_user(Role.VALIDATOR, agency=entity),
        "administrator": make_user(Role.ADMINISTRATOR),
    }


def test_a_year_is_opened_captured_and_approved_by_different_people(page, bisom):
    sign_in(page, bisom["capture"], then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name="Abrir el POA de un año").click()
    page.wait_for_url("**/programas/abrir/")
    assert axe_violations(page) == []
    assert fits_narrow_phone(page)
    page.get_by_label("Unidad ejecutora").select_option(index=1)
    page.get_by_label("Ejercicio").select_option(label="2024")
    page.get_by_role("button", name="Abrir el año").click()
    expect(page.get_by_role("heading", name="Metas y programación")).to_be_visible()
    assert "En preparación" in page.locator("dl.facts-list").first.inner_text()
    assert "T1: 42 · T2: 42 · T3: 20 · T4: 20" in page.content()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Agregar meta").click()
    page.get_by_label("Número de la meta").fill("308")
    page.get_by_label("Meta y acción").fill(
        "Socializar obras de infraestructura social."
    )
    page.get_by_label("Unidad de medida").fill("Reunión")
    page.get_by_label("Meta anual").fill("14")
    page.get_by_label("Programado enero-marzo").fill("4")
    page.get_by_label("Programado abril-junio").fill("4")
    page.get_by_label("Programado julio-septiembre").fill("5")
    page.get_by_label("Programado octubre-diciembre").fill("5")
    page.get_by_role("button", name="Guardar la meta").click()
    assert "18" in page.locator("#id_annual_target-error").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Programado octubre-diciembre").fill("1")
    page.get_by_label("Registra la población atendida por sexo").check()
    page.get_by_role("button", name="Guardar la meta").click()
    expect(page.get_by_role("status")).to_contain_text("Meta guardada")
    page.get_by_role("button", name="Enviar a aprobación").click()
    expect(page.get_by_role("status")).to_contain_text("lo aprueba otra persona")
    assert page.get_by_role("button", name="Aprobar el programa anual").count() == 0
    page.get_by_role("button", name="Salir").click()

    administrator = bisom["administrator"]
    sign_in(page, administrator, then="/es-mx/cuentas/mesa/")
    page.get_by_role(
        "link", name="54201 DEPARTAMENTO DE PARTICIPACIÓN SOCIAL · 2024"
    ).first.click()
    page.get_by_role("button", name="Aprobar el programa anual").click()
    expect(page.get_by_role("status")).to_contain_text("el primer trimestre se abre")
    page.get_by_role("link", name="Capturar el siguiente trimestre").click()
    assert fits_narrow_phone(page)
    page.get_by_label("Meta 307: alcanzado").fill("42")
    page.get_by_label("Meta 308: alcanzado").fill("4")
    assert page.get_by_label("Meta 307: mujeres atendidas").count() == 0
    page.get_by_role("button", name="Guardar captura").click()
    expect(page.get_by_role("alert")).to_contain_text("cuántas mujeres")
    page.get_by_label("Meta 308: mujeres atendidas").fill("31")
    page.get_by_label("Meta 308: hombres atendidos").fill("24")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Guardar captura").click()
    expect(page.get_by_role("status")).to_contain_text("falta la aprobación")
    page.get_by_role("button", name="Aprobar y publicar").click()
    expect(page.get_by_role("status")).to_contain_text(
        "tampoco quien administra el sitio"
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Salir").click()

    sign_in(page, bisom["validator"], then="/es-mx/cuentas/mesa/")
    page.get_by_role(
        "link",
        name="542 VINCULACIÓN SOCIAL · 54201 DEPARTAMENTO DE PARTICIPACIÓN "
        "SOCIAL · 2024",
    ).click()
    page.get_by_role("button", name="Aprobar y publicar").click()
    expect(page.get_by_role("status")).to_contain_text("2 valores aprobados")
    assert no_sideways_scroll(page)
    assert ">31<" in page.content()  # women served, published with the quarter
    page.get_by_role("link", name="para imprimir").first.click()
    expect(page.get_by_text("Integrar comités comunitarios")).to_be_visible()
    assert "ENERO-MARZO 2024" in page.content()
    assert axe_violations(page) == []

    # The form's three responsibles sign it, in its order, each themselves.
    form_url = page.url
    page.get_by_role("button", name="Firmar como responsable del programa").click()
    expect(page.get_by_role("status")).to_contain_text("firma después el de la")
    assert page.get_by_role("button", name="Firmar como responsable").count() == 0
    page.get_by_role("button", name="Salir").click()
    for signer, button in (
        ("unit_head", "Firmar como responsable de la unidad ejecutora"),
        ("ramo_head", "Firmar como responsable del ramo"),
    ):
        sign_in(page, bisom[signer], then="/es-mx/cuentas/mesa/")
        expect(
            page.get_by_role("link", name="Firmar trimestres del POA")
        ).to_be_visible()
        page.get_by_role(
            "link", name="54201 DEPARTAMENTO DE PARTICIPACIÓN SOCIAL · 2024 · T1"
        ).click()
        assert fits_narrow_phone(page)
        assert axe_violations(page) == []
        page.get_by_role("button", name=button).click()
        expect(page.get_by_role("status")).to_contain_text("Firmado como")
        page.get_by_role("button", name="Salir").click()
    page.goto(form_url)
    expect(page.get_by_text("Firmó en la plataforma:")).to_have_count(3)
