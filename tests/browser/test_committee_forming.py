"""Staff form a committee on a phone, add a member and invite them; they sign in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ruta.accounts.models import Role
from tests.browser.conftest import (
    axe_violations,
    fits_narrow_phone,
    no_sideways_scroll,
    sign_in,
)

MEMBER_PASSWORD = "una-clave-de-vecina-2025"


@pytest.fixture
def staff(world, make_user):
    work = world["vado"]
    return make_user(Role.VALIDATOR, agency=work.executing_agency), work


def test_staff_form_a_committee_and_the_invited_member_signs_in(
    page, staff, mailoutbox
):
    validator, work = staff
    sign_in(page, validator, then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name="Formar comités ciudadanos").click()
    page.wait_for_url("**/obras/comites/")
    assert axe_violations(page) == []
    assert fits_narrow_phone(page)
    page.get_by_label("Buscar una obra").fill(work.public_id)
    page.get_by_role("main").get_by_role("button", name="Buscar").click()
    page.get_by_role("link", name=f"Formar comité: obra {work.public_id}").click()
    page.wait_for_url(f"**/obras/{work.public_id}/comite/formar/")
    page.get_by_label("Fecha de conformación").fill("2999-01-01")
    page.get_by_role("button", name="Formar el comité").click()
    assert "posterior a hoy" in page.locator("#id_formed_on-error").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Fecha de conformación").fill("2024-03-01")
    page.get_by_role("button", name="Formar el comité").click()
    page.wait_for_url(f"**/obras/{work.public_id}/comite/")
    assert "Comité conformado" in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="Registrar integrante").click()
    page.get_by_label("Nombre completo").fill("Vecina Ficticia de Navegador")
    page.get_by_label("Cargo").select_option(label="Presidencia")
    page.get_by_label("Correo electrónico (opcional)").fill("vecina@example.org")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Guardar integrante").click()
    page.wait_for_url(f"**/obras/{work.public_id}/comite/")
    page.get_by_role("link", name="Registrar integrante").click()
    page.get_by_label("Nombre completo").fill("Otra Persona Ficticia")
    page.get_by_label("Cargo").select_option(label="Presidencia")
    page.get_by_role("button", name="Guardar integrante").click()
    assert "ya tiene quien ocupe" in page.locator("#id_role-error").inner_text()
    page.goto(f"/es-mx/obras/{work.public_id}/comite/")
    page.get_by_role(
        "button", name="Crear cuenta e invitar: Vecina Ficticia de Navegador"
    ).click()
    assert "la invitación va en camino" in page.get_by_role("status").inner_text()
    assert axe_violations(page) == []
    assert no_sideways_scroll(page)
    assert fits_narrow_phone(page)
    page.get_by_role("button", name="Salir").click()

    (invitation,) = mailoutbox
    link = re.search(r"https?://[^/\s]+(/\S+/)", invitation.body)[1]
    page.goto(link)
    expect(page.get_by_role("heading", name="Elija su contraseña")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Contraseña nueva", exact=True).fill(MEMBER_PASSWORD)
    page.get_by_label("Confirmación de contraseña nueva").fill(MEMBER_PASSWORD)
    page.get_by_role("button", name="Guardar mi contraseña").click()
    page.wait_for_url("**/cuentas/entrar/")
    assert "Contraseña guardada" in page.get_by_role("status").inner_text()
    page.locator("#id_username").fill("vecina@example.org")
    page.locator("#id_password").fill(MEMBER_PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.wait_for_url("**/cuentas/mesa/")
    assert page.get_by_role("link", name=work.title).count() == 1
    page.get_by_role("link", name="Vigilar las obras de mi comité").click()
    page.wait_for_url("**/obras/vigilancia/")
    expect(page.get_by_role("link", name="Registrar visita")).to_have_count(1)

    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("ya se usó o venció")
