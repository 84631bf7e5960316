"""A citizen reports a problem from a phone; staff answer; the work shows it."""

from __future__ import annotations

import pytest

from ruta.accounts.models import Role
from tests.browser.conftest import axe_violations, sign_in

WORK = "/es-mx/obras/GSE-2024-0001/"


@pytest.fixture
def capture_staff(world, make_user):
    return make_user(Role.CAPTURE, agency=world["vado"].executing_agency)


def test_a_citizen_reports_staff_answer_and_the_work_shows_the_timeline(
    page, capture_staff
):
    page.goto(WORK)
    page.get_by_role("link", name="Reportar un problema con esta obra").click()
    page.wait_for_url("**/problematicas/reportar/GSE-2024-0001/")
    assert axe_violations(page) == []
    page.get_by_label("¿Qué tipo de problema es?").select_option("riesgo-seguridad")
    page.get_by_label("Describa el problema").fill(
        "Zanja abierta sin señalamientos junto al vado."
    )
    page.get_by_label("Su correo").fill("vecina.ficticia@example.org")
    page.get_by_role("button", name="Enviar el reporte").click()
    page.wait_for_url("**/problematicas/gracias/")
    assert "Reporte recibido" in page.get_by_role("heading", level=1).inner_text()
    assert axe_violations(page) == []

    sign_in(page, capture_staff, then="/es-mx/problematicas/moderacion/")
    assert axe_violations(page) == []
    assert "vecina.ficticia" not in page.content()  # capture staff: no contact
    page.get_by_role("link", name="Reporte #").first.click()
    page.wait_for_url("**/problematicas/moderacion/*/")
    assert axe_violations(page) == []
    page.get_by_label("Nuevo estado").select_option("acknowledged")
    page.get_by_label("Respuesta pública de la dependencia").fill(
        "Recibido: la supervisión señalizará la zanja hoy mismo."
    )
    page.get_by_role("button", name="Guardar estado y respuesta").click()
    assert "Estado actualizado" in page.get_by_role("status").inner_text()
    page.get_by_role("button", name="Salir").click()

    page.goto(WORK)
    section = page.locator("section", has=page.locator("#problematicas"))
    text = section.inner_text()
    assert "Zanja abierta sin señalamientos junto al vado." in text
    assert "Recibido: la supervisión señalizará la zanja hoy mismo." in text
    assert "vecina.ficticia" not in page.content()
    assert axe_violations(page) == []
