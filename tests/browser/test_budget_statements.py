"""A budget statement in the browser: staff upload the entity's accounting file,
read its findings (an inconsistent row) before anything is written, confirm,
and the budget page shows the statement in every phase on a phone; axe-core on
every page."""

from __future__ import annotations

import re
from decimal import Decimal

from django.db import transaction
from playwright.sync_api import expect

from ruta.accounts.models import Role
from tests.browser.conftest import axe_violations, sign_in

NARROW = {"width": 360, "height": 780}


def _fits(page) -> bool:
    page.wait_for_load_state("load")
    return page.evaluate("() => document.documentElement.scrollWidth") <= 360


def _statement(folder) -> str:
    from testkit.statements import changed, example_rows, statement_file

    rows = example_rows()
    for row in rows:
        row.update(EJERCICIO="2024", CORTE="2024-12-31")
    rows = changed(rows, "3300", MODIFICADO=Decimal("950000.00"))
    return str(statement_file(folder, rows, fmt="xlsx", name="egresos_2024.xlsx"))


def test_a_statement_is_read_its_finding_shown_imported_and_published(
    page, world, make_user, tmp_path, import_folder
):
    from ruta.ingest.jobs import import_job_run
    from ruta.ingest.models import ImportJob
    from testkit.factories.catalog import AgencyFactory

    with transaction.atomic():
        # The works' program already made it, without its state.
        cecop = AgencyFactory(code="sonora-cecop")
        cecop.state = world["alamos"].state
        cecop.save()
    staff = make_user(Role.CAPTURE, agency=cecop)
    page.set_viewport_size(NARROW)
    sign_in(page, staff, then="/es-mx/importaciones/documento/")
    assert _fits(page)
    assert axe_violations(page) == []
    page.get_by_label("Tipo de documento").select_option("budget-statement")
    page.locator("#id_file").set_input_files(_statement(tmp_path))
    page.get_by_role("button", name="Leer y revisar").click()
    findings = page.locator("#lectura ~ ul").first
    expect(findings).to_contain_text(
        "Clave 3300: el modificado 950,000.00 no es Aprobado 1,000,000.00"
    )
    expect(findings).to_contain_text("renglón 4 (línea 5), clave 3300")
    assert _fits(page)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirmar e importar").click()
    page.wait_for_url("**/importaciones/")
    expect(page.get_by_role("status")).to_contain_text("quedó en cola")
    job = import_job_run(job_id=ImportJob.objects.get().pk)
    assert job.status == "succeeded", job.error
    page.get_by_role("button", name="Salir").click()

    page.goto("/es-mx/presupuesto/?year=2024")
    section = page.get_by_role(
        "region",
        name=re.compile("Estado Analítico del Ejercicio del Presupuesto de Egresos"),
    )
    expect(section).to_contain_text("Clasificación por objeto del gasto")
    for phase in ("Aprobado", "Modificado", "Devengado", "Pagado", "Subejercicio"):
        expect(section).to_contain_text(phase)
    expect(section).to_contain_text("$10,000,000.00")
    expect(section).to_contain_text("3 hallazgos")
    assert _fits(page)
    assert axe_violations(page) == []
