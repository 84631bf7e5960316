"""A quarterly result for a municipality, captured on a phone, approved by another.

The CECOP committees card (baseline 90 %, ascending): Hermosillo's 87 % in
the first quarter of 2024 is a setback, red, as the report's own 2024 figure.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from ruta.accounts.models import Role
from testkit.factories.catalog import AgencyFactory
from testkit.factories.indicators import IndicatorCardFactory
from tests.browser.conftest import axe_violations, fits_narrow_phone, sign_in

CARD = "Porcentaje en la Conformación de comités ciudadanos de la Transformación"


@pytest.fixture
def staff(world, make_user):
    cecop = AgencyFactory(code="sonora-cecop", name="CECOP", acronym="CECOP")
    IndicatorCardFactory(
        agency=cecop, name=CARD, baseline_value=Decimal("90"), frequency="Trimestral"
    )
    return {
        "capture": make_user(Role.CAPTURE, agency=cecop),
        "validator": make_user(Role.VALIDATOR, agency=cecop),
    }


def _capture(page, municipality: str, value: str) -> None:
    page.get_by_label("Indicador").select_option(label=CARD)
    page.get_by_label("Año").fill("2024")
    page.get_by_label("Periodo").select_option(label="Enero-marzo")
    page.get_by_label("Un municipio").check()
    page.locator("#id_municipality").select_option(label=municipality)
    page.locator("#id_value").fill(value)
    page.get_by_role("button", name="Guardar el resultado").click()


def test_a_quarterly_result_for_a_municipality_is_published_with_its_semaphore(
    page, staff
):
    sign_in(page, staff["capture"], then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name="Capturar resultados de indicadores").click()
    page.wait_for_url("**/indicadores/captura/")
    assert axe_violations(page) == []
    page.get_by_label("Un municipio").check()
    page.get_by_role("button", name="Guardar el resultado").click()
    assert "Elija el municipio" in page.locator("#id_municipality-error").inner_text()
    _capture(page, "Hermosillo", "87")
    expect(page.get_by_role("status")).to_contain_text("lo aprueba otra persona")
    assert page.get_by_role("button", name="Aprobar y publicar").count() == 0
    assert axe_violations(page) == []
    assert fits_narrow_phone(page)
    page.get_by_role("button", name="Salir").click()

    page.goto("/es-mx/indicadores/")
    assert page.get_by_role("table", name=f"«{CARD}» por periodo y lugar").count() == 0

    sign_in(page, staff["validator"], then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name=CARD, exact=True).click()
    page.wait_for_url("**/indicadores/captura/")
    _capture(page, "Álamos", "92")
    page.get_by_role("button", name=f"Aprobar y publicar: {CARD}").first.click()
    # The newest first: the validator's own Álamos result is refused.
    expect(page.get_by_role("status")).to_contain_text(
        "nadie aprueba su propio trabajo"
    )
    page.get_by_role("button", name=f"Aprobar y publicar: {CARD}").last.click()
    expect(page.get_by_role("status")).to_contain_text("Resultado aprobado")
    page.get_by_role("button", name="Salir").click()

    page.goto("/es-mx/indicadores/")
    table = page.get_by_role("table", name=f"«{CARD}» por periodo y lugar")
    expect(table).to_contain_text("Hermosillo")
    expect(table).to_contain_text("2024, Enero-marzo")
    expect(table).to_contain_text("87%")
    expect(table).to_contain_text("Retroceso")
    assert "Álamos" not in table.inner_text()  # awaits another person
    assert axe_violations(page) == []
    assert fits_narrow_phone(page)
