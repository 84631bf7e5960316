"""An agency reports a commitment's period on a phone; the coordinating unit
publishes it; a second period shows the progress over time.

Figures from Guanajuato's report: the budget transparency portal at 40 %,
then (a later period) at 80 %, as the Impulso Social platform stood.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ruta.accounts.models import Role
from ruta.opengov.models import ActionPlan, Commitment
from ruta.opengov.rules import STANDARD_QUESTIONNAIRE
from testkit.factories.catalog import AgencyFactory
from tests.browser.conftest import axe_violations, fits_narrow_phone, sign_in

COMMITMENT = "Portal Estatal de Transparencia Presupuestaria"
PDF = b"%PDF-1.4\n% evidencia de prueba\n%%EOF\n"


@pytest.fixture
def plan(transactional_db, make_user):
    strc = AgencyFactory(code="guanajuato-strc", name="Secretaría de la Transparencia")
    sfia = AgencyFactory(code="guanajuato-sfia", name="Secretaría de Finanzas")
    plan = ActionPlan.objects.create(
        key="pal-guanajuato", title="Plan de Acción Local", coordinator=strc
    )
    Commitment.objects.create(
        plan=plan,
        number=1,
        name=COMMITMENT,
        name_key="portal",
        agency=sfia,
        agency_printed="SFIA",
    )
    return {
        "agency": make_user(Role.CAPTURE, agency=sfia),
        "coordinator": make_user(Role.VALIDATOR, agency=strc),
    }


def _open_period(page, coordinator, as_of: str) -> None:
    sign_in(page, coordinator, then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name="Plan de Acción Local").click()
    page.wait_for_url("**/gobierno-abierto/pal-guanajuato/informes/")
    page.get_by_label("Fecha a la que se informa").fill(as_of)
    page.get_by_role("button", name="Abrir el periodo").click()
    expect(page.get_by_role("status")).to_contain_text("Periodo abierto")
    page.get_by_role("button", name="Salir").click()


def _report(page, agency, progress: str, *, check: bool = False) -> None:
    sign_in(page, agency, then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name=f"1. {COMMITMENT}").first.click()
    page.wait_for_url("**/compromisos/1/periodos/**")
    if check:
        assert axe_violations(page) == []
        assert fits_narrow_phone(page)
    page.get_by_label("Avance del compromiso (%)").fill(progress)
    page.get_by_label("Avance del compromiso: lo que se hizo en el periodo").fill(
        "Arquitectura de la plataforma en desarrollo."
    )
    page.get_by_label("Actividad 1: nombre").fill("Anteproyecto")
    page.get_by_label("Planificación del próximo avance").fill(
        "Publicar los primeros módulos."
    )
    page.get_by_label("Evidencias: direcciones web").fill(
        "https://finanzas.guanajuato.gob.mx/"
    )
    page.get_by_label("Evidencia: un documento o foto").set_input_files(
        files=[
            {"name": "anteproyecto.pdf", "mimeType": "application/pdf", "buffer": PDF}
        ]
    )
    if check:
        page.get_by_role("button", name="Guardar y enviar a revisión").click()
        expect(page.get_by_role("alert")).to_contain_text(
            "Conteste todo el cuestionario"
        )
        assert axe_violations(page) == []
    for number in range(1, len(STANDARD_QUESTIONNAIRE) + 1):
        page.locator(f"#id_answer_{number}").fill("No aplica en este periodo.")
    page.get_by_role("button", name="Guardar y enviar a revisión").click()
    expect(page.get_by_role("status")).to_contain_text("Informe enviado")
    page.get_by_role("button", name="Salir").click()


def _publish(page, coordinator, *, check: bool = False) -> None:
    sign_in(page, coordinator, then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name=f"1. {COMMITMENT}").click()
    page.wait_for_url("**/informes/*/revision/")
    if check:
        assert axe_violations(page) == []
    page.get_by_role("button", name="Publicar el informe").click()
    expect(page.get_by_role("status")).to_contain_text("Informe publicado")


def test_a_commitment_is_reported_twice_and_its_progress_shows_over_time(page, plan):
    _open_period(page, plan["coordinator"], "2020-02-05")
    page.goto("/es-mx/gobierno-abierto/pal-guanajuato/compromisos/1/")
    expect(page.get_by_text("Ningún informe da cuenta")).to_be_visible()

    _report(page, plan["agency"], "40", check=True)
    _publish(page, plan["coordinator"], check=True)
    timeline = page.get_by_role("table", name="Avance declarado en cada informe")
    expect(timeline).to_contain_text("40 %")
    expect(timeline).to_contain_text("Informado en el sitio")
    assert page.get_by_role("link", name="anteproyecto.pdf").count() == 1
    page.get_by_role("button", name="Salir").click()

    _open_period(page, plan["coordinator"], "2020-08-05")
    _report(page, plan["agency"], "80")
    _publish(page, plan["coordinator"])
    rows = page.get_by_role("table", name="Avance declarado en cada informe").locator(
        "tbody tr"
    )
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("80 %")
    expect(rows.nth(1)).to_contain_text("40")
    assert axe_violations(page) == []
    assert fits_narrow_phone(page)


def test_the_coordinator_edits_a_commitment_on_a_phone(page, plan):
    sign_in(
        page,
        plan["coordinator"],
        then="/es-mx/gobierno-abierto/pal-guanajuato/informes/",
    )
    page.get_by_role("link", name="Editar el compromiso 1").click()
    page.wait_for_url("**/compromisos/1/editar/")
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []
    page.get_by_label("Título del compromiso").fill(f"{COMMITMENT} y sus datos")
    page.get_by_role("button", name="Guardar el compromiso").click()
    assert "obligatorio" in page.locator("#id_objective-error").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Objetivo principal").fill("Publicar el presupuesto en datos.")
    page.get_by_label("Año de inicio (opcional)").fill("2020")
    page.get_by_label("Año de término (opcional)").fill("2021")
    page.get_by_role("button", name="Guardar el compromiso").click()
    expect(page.get_by_role("status")).to_contain_text("Compromiso 1 guardado")
    assert Commitment.objects.get(number=1).name == f"{COMMITMENT} y sus datos"
