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
    page.wait_for_url("**/problematicas/gracias/?reporte=*")
    assert "Reporte recibido" in page.get_by_role("heading", level=1).inner_text()
    assert "Su reporte es el número" in page.get_by_role("status").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Ver el reporte número").click()
    page.wait_for_url("**/problematicas/*/")
    assert "Zanja abierta sin señalamientos" in page.content()

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


def test_use_my_location_fills_the_report_s_coordinates_on_a_phone(
    browser, live_server, world
):
    context = browser.new_context(
        base_url=live_server.url,
        locale="es-MX",
        viewport={"width": 360, "height": 740},
        geolocation={"latitude": 27.0253, "longitude": -108.9397},
        permissions=["geolocation"],
    )
    page = context.new_page()
    try:
        page.goto("/es-mx/problematicas/reportar/GSE-2024-0001/")
        page.get_by_role("button", name="Usar mi ubicación").click()
        page.wait_for_function(
            "() => document.getElementById('id_latitude').value !== ''"
        )
        assert page.locator("#id_latitude").input_value() == "27.025300"
        assert page.locator("#id_longitude").input_value() == "-108.939700"
        assert "Listo" in page.locator("[data-locate] [role=status]").inner_text()
    finally:
        context.close()
