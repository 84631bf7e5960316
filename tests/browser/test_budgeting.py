"""A municipality's participatory budget walked on a phone, from opening to a work.

Staff open it and review; a citizen proposes; two citizens verified by an
e-mail code vote and a third, unverified, cannot; another validator publishes
the result; the winner is linked to the work that carries it out. Every page
is checked by axe-core and at 360 px.
"""

from __future__ import annotations

import re

import pytest

from ruta.accounts.models import Role
from ruta.budgeting.models import Ballot, Period
from ruta.catalog.models import Agency, AgencyKind
from testkit.factories.catalog import AgencyFactory
from tests.browser.conftest import (
    axe_violations,
    fits_narrow_phone,
    no_sideways_scroll,
    sign_in,
)

DESK = "/es-mx/cuentas/mesa/"
TITLE = "Presupuesto participativo de Álamos 2025"
PROPOSAL = "Techumbre en la cancha de la escuela de La Aduana"


@pytest.fixture
def staff(world, make_user):
    """Álamos's government: capture staff, and a validator who publishes."""
    alamos = world["alamos"]
    if not Agency.objects.ayuntamientos().filter(municipality=alamos).exists():
        AgencyFactory(
            code="ayuntamiento-alamos",
            name="H. Ayuntamiento de Álamos",
            kind=AgencyKind.AYUNTAMIENTO,
            municipality=alamos,
        )
    return (
        make_user(Role.CAPTURE, municipality=alamos),
        make_user(Role.VALIDATOR, municipality=alamos),
    )


def checked(page) -> None:
    """Assert the page passes axe and fits a 360 px phone."""
    assert axe_violations(page) == []
    assert no_sideways_scroll(page)
    assert fits_narrow_phone(page)


def sign_out(page) -> None:
    page.get_by_role("button", name="Salir").click()


def test_a_budget_from_opening_to_a_winning_work(page, staff, world, mailoutbox):
    capture, validator = staff
    _staff_open(page, capture)
    period = Period.objects.get()
    _citizen_proposes(page, period)
    _staff_review(page, capture, period)
    for voter in ("vecina.uno@example.org", "vecino.dos@example.org"):
        _citizen_votes(page, period, voter, mailoutbox)
    _unverified_cannot_vote(page, period, mailoutbox)
    assert Ballot.objects.filter(period=period).count() == 2
    _validator_publishes(page, validator, period)
    _staff_link_the_work(page, capture, period, world["vado"].public_id)
    _english_pages(page, period)


def _staff_open(page, capture) -> None:
    sign_in(page, capture, then=DESK)
    page.locator("main").get_by_role("link", name="Presupuesto participativo").click()
    page.get_by_role("link", name="Abrir un presupuesto participativo").click()
    checked(page)
    page.get_by_label("Municipio").select_option(label="Álamos")
    page.get_by_label("Año").fill("2025")
    page.get_by_label("Título").fill(TITLE)
    page.get_by_label("Presupuesto total (pesos)").fill("1000000")
    page.get_by_label("Presupuesto por boleta (pesos)").fill("600000")
    page.get_by_label("Inicio de recepción de propuestas").fill("2025-02-01")
    page.get_by_label("Inicio de la revisión").fill("2025-01-01")
    page.get_by_label("Inicio de la votación").fill("2025-04-01")
    page.get_by_label("Fin de la votación").fill("2025-04-30")
    page.get_by_label("Publicación de resultados").fill("2025-05-15")
    page.get_by_label("Reglas").fill(
        "Una boleta por persona; obras viables que sumen hasta el tope por boleta."
    )
    page.get_by_role("button", name="Abrir el presupuesto").click()
    assert "fechas van en orden" in page.locator("main").inner_text()
    page.get_by_label("Inicio de la revisión").fill("2025-03-01")
    page.get_by_role("button", name="Abrir el presupuesto").click()
    page.wait_for_url("**/presupuesto-participativo/mesa/alamos-2025/")
    assert "ya recibe propuestas" in page.get_by_role("status").inner_text()
    checked(page)
    sign_out(page)


def _citizen_proposes(page, period) -> None:
    page.goto("/es-mx/presupuesto-participativo/")
    checked(page)
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Proponer una obra").click()
    page.get_by_label("Título de la propuesta").fill(PROPOSAL)
    page.get_by_label("Describa la obra y a quién beneficia").fill(
        "Una techumbre para dar sombra a los 300 estudiantes en el recreo."
    )
    page.get_by_label("Localidad, colonia o referencia del lugar").fill("La Aduana")
    page.get_by_label("Costo estimado (pesos)").fill("420000")
    page.get_by_label("Su nombre").fill("Vecina Proponente")
    page.get_by_role("button", name="Enviar la propuesta").click()
    assert "Deje un correo o un teléfono" in page.locator("main").inner_text()
    checked(page)
    page.get_by_label("Su correo (correo o teléfono)").fill("propone@example.org")
    page.get_by_role("button", name="Enviar la propuesta").click()
    page.wait_for_url("**/propuestas/1/?recibida=1")
    assert "Propuesta recibida" in page.get_by_role("status").inner_text()
    assert "propone@example.org" not in page.content()
    checked(page)


def _staff_review(page, capture, period) -> None:
    sign_in(page, capture, then=f"/es-mx/presupuesto-participativo/mesa/{period.slug}/")
    page.get_by_role("button", name="Cerrar propuestas y pasar a revisión").click()
    assert "Revisión de viabilidad" in page.get_by_role("status").inner_text()
    page.get_by_role("link", name=f"Propuesta 1: {PROPOSAL}").click()
    # Capture staff hold no right to personal data: the contact stays hidden.
    assert "propone@example.org" not in page.locator("main").inner_text()
    checked(page)
    page.get_by_label("Viable", exact=True).check()
    page.get_by_label("Costo evaluado (pesos; si es viable)").fill("450000")
    page.get_by_label("Razones (se publican)").fill(
        "La escuela es municipal; el costo sigue el catálogo de precios unitarios."
    )
    page.get_by_role("button", name="Guardar dictamen").click()
    assert "Dictamen guardado" in page.get_by_role("status").inner_text()
    page.get_by_role("link", name=period.title).click()
    page.get_by_role("button", name="Abrir la votación").click()
    assert "Votación" in page.get_by_role("status").inner_text()
    sign_out(page)


def _citizen_votes(page, period, address, mailoutbox) -> None:
    page.goto(period.get_absolute_url())
    page.get_by_role("link", name="Votar").click()
    checked(page)
    page.get_by_label("¿Dónde recibe su código?").select_option(
        label="Correo electrónico"
    )
    page.get_by_label("Su correo o su número de WhatsApp").fill(address)
    page.get_by_role("button", name="Enviarme el código").click()
    page.wait_for_url("**/votar/codigo/?t=*")
    code = re.search(r"\b(\d{6})\b", mailoutbox[-1].body)[1]
    assert mailoutbox[-1].to == [address]
    page.get_by_label("Código recibido").fill(code)
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/votar/boleta/?t=*")
    checked(page)
    page.get_by_label(re.compile(PROPOSAL)).check()
    page.get_by_role("button", name="Emitir mi voto").click()
    assert "Folio de su boleta" in page.get_by_role("status").inner_text()
    checked(page)


def _unverified_cannot_vote(page, period, mailoutbox) -> None:
    page.goto(f"{period.get_absolute_url()}votar/")
    page.get_by_label("Su correo o su número de WhatsApp").fill("tercera@example.org")
    page.get_by_role("button", name="Enviarme el código").click()
    page.wait_for_url("**/votar/codigo/?t=*")
    code = re.search(r"\b(\d{6})\b", mailoutbox[-1].body)[1]
    page.get_by_label("Código recibido").fill(f"{(int(code) + 1) % 10**6:06d}")
    page.get_by_role("button", name="Verificar").click()
    assert "no es correcto" in page.locator("#id_code-error").inner_text()
    checked(page)
    page.goto(f"{period.get_absolute_url()}votar/boleta/")
    assert "Verifique su contacto" in page.locator("h1").inner_text()
    checked(page)


def _validator_publishes(page, validator, period) -> None:
    sign_in(
        page, validator, then=f"/es-mx/presupuesto-participativo/mesa/{period.slug}/"
    )
    page.get_by_role("button", name="Cerrar la votación y publicar resultados").click()
    page.wait_for_url(f"**/presupuesto-participativo/{period.slug}/resultados/")
    main = page.locator("main").inner_text()
    assert "Ganadora" in main
    assert "Boletas:\n2" in main or "Boletas: 2" in main
    checked(page)
    sign_out(page)


def _staff_link_the_work(page, capture, period, public_id) -> None:
    sign_in(
        page,
        capture,
        then=f"/es-mx/presupuesto-participativo/mesa/{period.slug}/propuestas/1/",
    )
    page.get_by_label("Folio de la obra que la ejecuta").fill(public_id)
    page.get_by_role("button", name="Ligar a la obra").click()
    assert "ligada a su obra" in page.get_by_role("status").inner_text()
    sign_out(page)
    page.goto(f"{period.get_absolute_url()}propuestas/1/")
    page.get_by_role("link", name=re.compile(public_id)).click()
    page.wait_for_url(f"**/obras/{public_id}/")
    section = page.locator("section[aria-labelledby=presupuesto-participativo]")
    assert PROPOSAL in section.inner_text()
    assert axe_violations(page) == []


def _english_pages(page, period) -> None:
    page.goto(f"/en/presupuesto-participativo/{period.slug}/resultados/")
    assert page.locator("h1").inner_text().startswith("Results")
    checked(page)
    page.goto(f"/en/presupuesto-participativo/{period.slug}/")
    assert "Proposals" in page.locator("main").inner_text()
    checked(page)
