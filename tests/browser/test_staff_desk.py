"""Capture staff record a work in the browser; a validator's approval publishes it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction
from PIL import Image

from ruta.accounts.models import Role
from ruta.works.models import Work, WorkStatus
from testkit.factories.works import WorkFactory, ayuntamiento_of
from tests.browser.conftest import (
    PASSWORD,
    axe_violations,
    no_sideways_scroll,
    second_factor_ready,
    second_step,
    sign_in,
)

INVOICE = "6F1C2B3A-4D5E-4F60-8A9B-0C1D2E3F4A5B"


@pytest.fixture
def staff(world, make_user):
    hermosillo = world["hermosillo"]
    ayuntamiento_of(hermosillo)
    return {
        "capture": make_user(Role.CAPTURE, municipality=hermosillo),
        "validator": make_user(Role.VALIDATOR, municipality=hermosillo),
    }


def _fill_a_work(page) -> None:
    page.locator("#id_public_id").fill("HMO-2024-0100")
    page.locator("#id_fiscal_year").select_option(label="2024")
    page.locator("#id_program").select_option(index=1)
    page.locator("#id_subprogram").select_option(index=1)
    page.locator("#id_executing_agency").select_option(index=1)
    page.locator("#id_municipality").select_option(label="Hermosillo")
    page.locator("#id_title").fill("Rehabilitación de la cancha de la colonia Pitic")
    page.locator("#id_beneficiaries").fill("850")
    page.locator("#id_total_investment").fill("450000.00")
    page.locator("#id_funding-0-source").select_option("state")
    page.locator("#id_funding-0-amount").fill("360000.00")
    page.locator("#id_funding-1-source").select_option("community")
    page.locator("#id_funding-1-amount").fill("90000.00")


def test_a_captured_work_is_public_once_a_validator_approves_it(page, staff):
    sign_in(page, staff["capture"], then="/es-mx/captura/obras/nueva/")
    assert axe_violations(page) == []
    _fill_a_work(page)
    page.get_by_role("button", name="Registrar la obra").click()
    page.wait_for_url("**/captura/obras/HMO-2024-0100/")
    assert "Obra registrada como propuesta" in page.get_by_role("status").inner_text()
    assert page.get_by_role("button", name="Aprobar").count() == 0
    assert axe_violations(page) == []
    page.get_by_role("button", name="Salir").click()

    sign_in(page, staff["validator"], then="/es-mx/captura/obras/HMO-2024-0100/")
    page.get_by_role("button", name="Aprobar").click()
    page.wait_for_url("**/captura/obras/HMO-2024-0100/")
    assert "Aprobada" in page.locator("dl.facts").inner_text()
    page.get_by_role("button", name="Salir").click()

    page.goto("/es-mx/obras/?q=HMO-2024-0100")
    assert page.get_by_role("status").inner_text() == "1 obra encontrada"
    totals = page.locator(".totals").inner_text()
    assert "Por liberar\n$450,000.00" in totals
    # Approved is not invested: the map adds it when its funds are released.
    page.goto("/es-mx/mapa/")
    assert page.get_by_role("link", name="Hermosillo: $1,000,000.00 en 1 obras").count()


def test_funding_that_does_not_add_up_is_explained_at_the_rows(page, staff):
    sign_in(page, staff["capture"], then="/es-mx/captura/obras/nueva/")
    _fill_a_work(page)
    page.locator("#id_funding-1-amount").fill("1.00")
    page.get_by_role("button", name="Registrar la obra").click()
    assert (
        "pero la inversión total es $450,000.00"
        in page.locator("#funding-error").inner_text()
    )
    assert axe_violations(page) == []


def test_the_staff_pages_pass_the_accessibility_check(page, staff):
    sign_in(page, staff["validator"], then="/es-mx/captura/obras/")
    failures = {}
    for address in (
        "/es-mx/captura/obras/",
        "/es-mx/cuentas/auditoria/",
        "/es-mx/programas/revision/",
    ):
        page.goto(address)
        violations = axe_violations(page)
        if violations:
            failures[address] = violations
    assert failures == {}


def _contracted_work(hermosillo) -> Work:
    with transaction.atomic():
        return WorkFactory(
            municipality=hermosillo,
            executing_agency=ayuntamiento_of(hermosillo),
            public_id="HMO-2024-0200",
            title="Techado de la plaza de la colonia Centro",
            status=WorkStatus.CONTRACTED,
            total_investment=Decimal("1000000.00"),
            published=True,
        )


def _a_pdf(folder) -> str:
    path = folder / "contrato.pdf"
    Image.new("RGB", (40, 40), "white").save(path, format="PDF")
    return str(path)


def test_a_contract_its_payment_and_a_pdf_reach_the_public_page(
    page, staff, world, tmp_path
):
    work = _contracted_work(world["hermosillo"])
    desk = f"/es-mx/captura/obras/{work.public_id}/"
    sign_in(page, staff["capture"], then=desk)
    page.get_by_role("link", name="Registrar un contrato").click()
    assert axe_violations(page) == []
    page.locator("#id_number").fill("HMO-OP-2024-200")
    page.locator("#id_contractor_name").fill("Constructora del Desierto, S.A. de C.V.")
    page.locator("#id_contractor_rfc").fill("CDD150312AB1")
    page.locator("#id_procedure").select_option("invitacion_tres")
    page.locator("#id_amount").fill("900000.00")
    page.locator("#id_signed_on").fill("2024-03-01")
    page.get_by_role("button", name="Registrar el contrato").click()
    page.wait_for_url(f"**{desk}")

    page.get_by_role("link", name="Registrar un pago").click()
    page.locator("#id_contract").select_option(index=1)
    page.locator("#id_paid_on").fill("2024-04-15")
    page.locator("#id_amount").fill("950000.00")
    page.locator("#id_invoice").fill(INVOICE.lower())
    page.get_by_role("button", name="Registrar el pago").click()
    assert "más que su monto" in page.locator("#id_amount-error").inner_text()
    assert axe_violations(page) == []
    page.locator("#id_amount").fill("300000.00")
    page.get_by_role("button", name="Registrar el pago").click()
    page.wait_for_url(f"**{desk}")
    assert (
        "$600,000.00"
        in page.locator("section[aria-labelledby=contratos] table").inner_text()
    )

    page.get_by_role("link", name="Subir un documento (PDF)").click()
    page.locator("#id_title").fill("Contrato firmado")
    page.locator("#id_kind").select_option("contract")
    page.locator("#id_file").set_input_files(_a_pdf(tmp_path))
    page.get_by_role("button", name="Subir el documento").click()
    page.wait_for_url(f"**{desk}")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Salir").click()

    page.goto(f"/es-mx/obras/{work.public_id}/")
    payments = page.locator("section[aria-labelledby=pagos] table").inner_text()
    assert INVOICE in payments
    assert "$300,000.00" in payments
    assert page.get_by_role("link", name="Contrato firmado").count() == 1
    assert axe_violations(page) == []


def test_signing_in_opens_the_desk_with_every_task_of_the_person(page, staff):
    with transaction.atomic():  # a work's funding adds up when it commits
        WorkFactory(
            municipality=staff["validator"].assignments.get().municipality,
            municipal=True,
            title="Banquetas de la calle Reforma",
        )
    second_factor_ready(staff["validator"])
    page.goto("/es-mx/cuentas/entrar/")
    page.locator("#id_username").fill(staff["validator"].email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    second_step(page, staff["validator"])
    page.wait_for_url("**/cuentas/mesa/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mi mesa de trabajo"
    works = page.get_by_role("region", name="Obras")
    assert "Propuestas por aprobar: 1" in works.inner_text()
    for area in ("Reportes ciudadanos", "Programas (POA)"):
        assert page.get_by_role("heading", name=area, exact=True).count() == 1
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Capturar y actualizar obras").click()
    page.wait_for_url("**/captura/obras/")
    assert "Banquetas de la calle Reforma" in page.content()
    # Every page's menu leads back to the desk.
    page.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="Mi mesa"
    ).click()
    page.wait_for_url("**/cuentas/mesa/")
