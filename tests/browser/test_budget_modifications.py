"""A budget modification in the browser: capture staff capture an ampliación
with its reason, another person approves it from the desk, and the budget page
and the work's page show modified beside approved; axe-core on every page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction
from playwright.sync_api import expect

from ruta.accounts.models import Role
from ruta.works.models import WorkStatus
from testkit.factories.works import WorkFactory, ayuntamiento_of
from tests.browser.conftest import axe_violations, sign_in

NARROW = {"width": 360, "height": 780}


def _fits(page) -> bool:
    page.wait_for_load_state("load")
    return page.evaluate("() => document.documentElement.scrollWidth") <= 360


@pytest.fixture
def contracted(world, make_user):
    hermosillo = world["hermosillo"]
    with transaction.atomic():
        work = WorkFactory(
            municipality=hermosillo,
            executing_agency=ayuntamiento_of(hermosillo),
            public_id="HMO-2024-0300",
            title="Alumbrado del bulevar Colosio",
            status=WorkStatus.CONTRACTED,
            total_investment=Decimal("1000000.00"),
            published=True,
        )
    return {
        "work": work,
        "capture": make_user(Role.CAPTURE, municipality=hermosillo),
        "validator": make_user(Role.VALIDATOR, municipality=hermosillo),
    }


def test_a_modification_captured_by_one_person_is_approved_by_another(page, contracted):
    work = contracted["work"]
    desk = f"/es-mx/captura/obras/{work.public_id}/"
    page.set_viewport_size(NARROW)
    sign_in(page, contracted["capture"], then=desk)
    page.get_by_role("link", name="Capturar una ampliación o reducción").click()
    assert _fits(page)
    assert axe_violations(page) == []
    page.get_by_label("Monto: positivo amplía, negativo reduce").fill("-2000000")
    page.get_by_label("Motivo").fill("Reducción que deja el presupuesto negativo.")
    page.get_by_role("button", name="Capturar la modificación").click()
    expect(page.locator("#id_amount-error")).to_contain_text("no puede ser negativo")
    assert axe_violations(page) == []
    page.get_by_label("Monto: positivo amplía, negativo reduce").fill("250000")
    page.get_by_label("Motivo").fill(
        "Convenio modificatorio: ampliación de la red a 40 luminarias."
    )
    page.get_by_role("button", name="Capturar la modificación").click()
    page.wait_for_url(f"**{desk}")
    expect(page.get_by_role("status")).to_contain_text("Modificación capturada")
    assert "Capturada, por aprobar" in page.locator("main").inner_text()
    page.get_by_role("button", name="Salir").click()

    sign_in(page, contracted["validator"], then="/es-mx/cuentas/mesa/")
    works = page.get_by_role("region", name="Obras")
    assert "Modificaciones por decidir: 1" in works.inner_text()
    page.get_by_role("link", name="Aprobar modificaciones presupuestales").click()
    page.wait_for_url("**/captura/obras/modificaciones/")
    assert axe_violations(page) == []
    assert _fits(page)
    page.get_by_role("button", name=f"Aprobar: {work.public_id}").click()
    expect(page.get_by_role("status")).to_contain_text("Modificación aprobada")
    page.get_by_role("button", name="Salir").click()

    page.goto(f"/es-mx/presupuesto/?year={work.fiscal_year_id}")
    row = page.get_by_role("row", name="Ayuntamiento de Hermosillo")
    expect(row).to_contain_text("$1,250,000.00")  # modified
    expect(row).to_contain_text("$250,000.00")  # modification
    assert axe_violations(page) == []
    page.goto(work.get_absolute_url())
    section = page.locator("section", has=page.locator("#modificaciones"))
    expect(section).to_contain_text("Convenio modificatorio")
    expect(section).to_contain_text("$1,250,000.00")
    assert axe_violations(page) == []
