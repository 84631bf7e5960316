"""A social aid request in the browser: the aids staff capture it on a phone
(a refusal first, at its field), another person grants it from the desk, and
the aids page counts it with no person shown; axe-core on every page."""

from __future__ import annotations

import pytest
from django.db import transaction
from playwright.sync_api import expect

from ruta.accounts.models import Role
from tests.browser.conftest import axe_violations, fits_narrow_phone, sign_in

NARROW = {"width": 360, "height": 780}
NEW = "/es-mx/captura/obras/ayudas/nueva/"


@pytest.fixture
def aids_staff(world, make_user):
    from testkit.factories.catalog import AgencyFactory

    with transaction.atomic():
        agency = AgencyFactory(
            code="sonora-cecop-departamento-ayudas-diversas",
            name="Departamento de Ayudas Diversas",
            state=world["hermosillo"].state,
        )
    return {
        "capture": make_user(Role.CAPTURE, agency=agency),
        "validator": make_user(Role.VALIDATOR, agency=agency),
    }


def _fill(page, *, age: str) -> None:
    page.get_by_label("Ejercicio fiscal").select_option("2024")
    page.get_by_label("Fecha de la solicitud").fill("2024-03-03")
    page.get_by_label("Concepto (rubro)").select_option("persons")
    page.get_by_label("Monto ($)").fill("15000")
    page.get_by_label("Municipio").select_option("26030")
    page.get_by_label("Nombre de quien solicita (persona)").fill("Rosa Canario")
    page.get_by_label("Sexo de quien la recibe").select_option("M")
    page.get_by_label("Grupo de edad de quien la recibe").select_option(age)


def test_a_request_captured_by_one_person_is_granted_by_another(page, aids_staff):
    page.set_viewport_size(NARROW)
    sign_in(page, aids_staff["capture"], then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name="Capturar solicitudes de ayudas sociales").click()
    page.wait_for_url(f"**{NEW}")
    expect(page.get_by_role("heading", name="Aviso de privacidad")).to_be_visible()
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []
    _fill(page, age="")
    page.get_by_role("button", name="Capturar la solicitud").click()
    expect(page.locator("main")).to_contain_text(
        "Una ayuda a una persona dice su sexo y su grupo de edad"
    )
    assert axe_violations(page) == []
    _fill(page, age="30-59")
    page.get_by_role("button", name="Capturar la solicitud").click()
    expect(page.get_by_role("status")).to_contain_text("capturada")
    page.get_by_role("button", name="Salir").click()

    sign_in(page, aids_staff["validator"], then="/es-mx/cuentas/mesa/")
    assert "Solicitudes por resolver: 1" in page.locator("main").inner_text()
    page.get_by_role("link", name="Resolver solicitudes de ayudas sociales").click()
    page.wait_for_url("**/captura/obras/ayudas/")
    expect(page.locator("main")).to_contain_text("Rosa Canario")
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Otorgar: AYU-2024-0001").click()
    expect(page.get_by_role("status")).to_contain_text("Ayuda otorgada")
    page.get_by_role("button", name="Salir").click()

    page.goto("/es-mx/ayudas-sociales/?year=2024")
    main = page.locator("main")
    expect(main).to_contain_text("Ayudas otorgadas")
    assert "Rosa Canario" not in main.inner_text()
    assert "AYU-2024-0001" not in page.content()
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []


def test_a_years_requests_are_granted_at_once_after_a_confirmation(page, aids_staff):
    from datetime import date
    from decimal import Decimal

    from ruta.catalog.models import Agency, FiscalYear
    from ruta.works.models import Aid
    from ruta.works.services.aids import AidRequest, aid_requests_capture

    with transaction.atomic():
        aid_requests_capture(
            requests=[
                AidRequest(
                    concept="nonprofits",
                    amount=Decimal("1000.00") * n,
                    requested_on=date(2024, 3, n),
                )
                for n in (1, 2, 3)
            ],
            fiscal_year=FiscalYear.objects.get(year=2024),
            agency=Agency.objects.get(code="sonora-cecop-departamento-ayudas-diversas"),
            actor=aids_staff["capture"],
        )
    page.set_viewport_size(NARROW)
    sign_in(page, aids_staff["validator"], then="/es-mx/captura/obras/ayudas/")
    page.get_by_label("O todas las de un ejercicio").select_option("2024")
    page.get_by_role("radio", name="Otorgar").check()
    page.get_by_role("button", name="Revisar la selección").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Va a otorgar 3 solicitudes por $6,000.00."
    )
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirmar: otorgar 3 solicitudes").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Se otorgaron 3 solicitudes por $6,000.00."
    )
    assert Aid.objects.granted().count() == 3
    assert axe_violations(page) == []
