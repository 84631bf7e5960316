"""An administrator gives a person a staff role on the site, on a phone."""

from __future__ import annotations

from ruta.accounts.models import Role, User
from testkit.factories.works import ayuntamiento_of
from tests.browser.conftest import axe_violations, fits_narrow_phone, sign_in


def test_an_administrator_invites_a_validator_from_the_desk(page, world, make_user):
    agency = ayuntamiento_of(world["hermosillo"])
    administrator = make_user(Role.ADMINISTRATOR)
    sign_in(page, administrator, then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name="Personal y funciones").click()
    page.wait_for_url("**/cuentas/personal/")
    assert axe_violations(page) == []
    page.locator("#id_email").fill("validadora@example.org")
    page.locator("#id_full_name").fill("Laura Méndez")
    page.locator("#id_role").select_option(label="Validador")
    page.locator("#id_agency").select_option(label=agency.name)
    page.get_by_role("button", name="Dar la función").click()
    page.wait_for_url("**/cuentas/personal/")
    assert "Cuenta creada para validadora@example.org" in (
        page.get_by_role("status").inner_text()
    )
    row = page.get_by_role("row").filter(has_text="validadora@example.org")
    assert "Todavía no elige su contraseña" in row.inner_text()
    assert User.objects.get(email="validadora@example.org").assignments.count() == 1
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []
