"""An organisation on its own, in the browser: it signs up, verifies its
representative's e-mail from the message, staff approve it from their page,
and it applies to an open call from a 360 px phone; axe-core on every page."""

from __future__ import annotations

import re
from datetime import timedelta

from django.core import mail
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from ruta.accounts.models import Role
from tests.browser.conftest import axe_violations, sign_in

NARROW = {"width": 360, "height": 780}
PASSWORD = "una-clave-bastante-larga"


def _open_call() -> dict:
    from testkit.grants import company_rfc, make_call, user_with

    today = timezone.localdate()
    with transaction.atomic():
        call = make_call(
            opens_on=today - timedelta(days=5), closes_on=today + timedelta(days=20)
        )
        staff = user_with(Role.VALIDATOR, call.agency)
    return {"call": call, "staff": staff, "rfc": company_rfc(3)}


def _fits(page) -> bool:
    page.wait_for_load_state("load")

    width = page.evaluate("() => document.documentElement.scrollWidth")
    return width <= NARROW["width"]


def _sign_up(page, rfc: str) -> None:
    page.goto("/es-mx/apoyos/registro/")
    expect(page.locator("form.fill input#id_name")).to_have_css(
        "width", re.compile("px")
    )
    assert _fits(page)
    assert axe_violations(page) == []
    page.get_by_label("Nombre de la organización").fill("Comedor Las Palmas")
    page.get_by_label("RFC de la organización").fill(rfc)
    page.get_by_label("CLUNI").fill(rfc[:9] + "2601A")
    page.get_by_label("Correo de la organización para notificaciones").fill(
        "contacto@laspalmas.example.org"
    )
    page.get_by_label("Nombre del representante legal").fill("Persona Ficticia")
    page.get_by_label("Correo del representante legal").fill(
        "representante@laspalmas.example.org"
    )
    page.get_by_label("Teléfono del representante legal").fill("662 000 0000")
    page.get_by_label("Contraseña (12 caracteres o más)").fill(PASSWORD)
    page.get_by_label("Repita la contraseña").fill(PASSWORD)
    page.get_by_label("Leí el aviso de privacidad").check()
    page.get_by_role("button", name="Registrar la organización").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revise su correo")
    assert axe_violations(page) == []


def _verify(page) -> None:
    (message,) = [m for m in mail.outbox if "Verifique el correo" in m.subject]
    link = re.search(r"https?://\S+/registro/verificar/\S+/", message.body)[0]
    page.goto(link[link.index("/es-mx/") :])
    assert axe_violations(page) == []
    page.get_by_role("button", name="Verificar mi correo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correo verificado")
    assert "Por aprobar" in page.get_by_role("status").inner_text()


def _approve(page, staff) -> None:
    sign_in(page, staff, then="/es-mx/apoyos/organizaciones/por-aprobar/")
    assert axe_violations(page) == []
    page.get_by_label("Aprobar").check()
    page.get_by_role(
        "button", name="Guardar la decisión sobre Comedor Las Palmas"
    ).click()
    expect(page.get_by_role("status")).to_contain_text("Comedor Las Palmas: Aprobada")
    page.get_by_role("button", name="Salir").click()


def _apply(page, code: str) -> None:
    from testkit.grants import curp

    page.goto(f"/es-mx/cuentas/entrar/?next=/es-mx/apoyos/{code}/solicitar/")
    page.locator("#id_username").fill("representante@laspalmas.example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.wait_for_url(f"**/apoyos/{code}/solicitar/")
    expect(page.locator("form.fill fieldset").first).to_be_visible()
    assert _fits(page), "the application form scrolls sideways on a 360 px phone"
    assert axe_violations(page) == []
    page.get_by_label("Esquema").select_option("subsidy")
    page.get_by_label("Temática").fill("Seguridad alimentaria y nutrición")
    page.get_by_label("Nombre del proyecto").fill("Comedor para la colonia")
    page.get_by_label("Resumen").fill("Comidas calientes para 80 personas.")
    page.get_by_label("Coordinador operativo").fill("Coordinación ficticia")
    page.get_by_label("CURP del coordinador").fill(curp(3))
    page.get_by_label("Correo del coordinador").fill("coordinacion@example.org")
    for n, concept, category, support, money, kind in (
        (1, "Talleres", "training", "70000", "35000", "35000"),
        (2, "Contador", "accountant", "30000", "30000", "0"),
    ):
        page.locator(f"#id_concept_{n}").fill(concept)
        page.get_by_label(f"Categoría {n}").select_option(category)
        page.get_by_label(f"Apoyo solicitado {n}").fill(support)
        page.get_by_label(f"Aportación monetaria {n}").fill(money)
        page.get_by_label(f"Aportación no monetaria {n}").fill(kind)
    page.get_by_label("No: ningún otro apoyo público vigente").check()
    page.get_by_role("button", name="Enviar solicitud").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Solicitud recibida con el folio 1"
    )
    assert _fits(page)
    assert axe_violations(page) == []


def test_an_organisation_signs_up_verifies_is_approved_and_applies_from_a_phone(
    page, transactional_db
):
    world = _open_call()
    page.set_viewport_size(NARROW)
    _sign_up(page, world["rfc"])
    _verify(page)
    _approve(page, world["staff"])
    _apply(page, world["call"].code)
    page.goto("/es-mx/apoyos/tablero/")
    page.get_by_role("link", name="Comedor Las Palmas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comedor Las Palmas")
    assert "Aprobada" in page.locator("main").inner_text()
    assert "Comedor para la colonia" in page.locator("main").inner_text()
    assert "Documento faltante (§3.4)" in page.locator("main").inner_text()
    assert "Nada pendiente" not in page.locator("main").inner_text()
    assert _fits(page)
    assert axe_violations(page) == []
