"""Supervision in the browser: the call's staff record a visit with a photo
from a phone, open the project's technical file and download it whole;
axe-core on every page."""

from __future__ import annotations

import io
import zipfile

from django.db import transaction
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in

NARROW = {"width": 360, "height": 780}


def _fits(page) -> bool:
    page.wait_for_load_state("load")
    return page.evaluate("() => document.documentElement.scrollWidth") <= 360


def test_staff_record_a_visit_and_open_the_technical_file(
    page, transactional_db, tmp_path
):
    from testkit.grants import funded_agreement
    from testkit.oversight import jpeg_with_location

    with transaction.atomic():
        agreement, staff, _applicant = funded_agreement()
    application = agreement.application
    base = f"/es-mx/apoyos/{application.call.code}/solicitudes/{application.folio}/"
    photo = tmp_path / "comedor.jpg"
    photo.write_bytes(jpeg_with_location())
    page.set_viewport_size(NARROW)

    sign_in(page, staff, then=base)
    page.get_by_role("link", name="Expediente técnico").click()
    page.wait_for_url(f"**{base}expediente/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Registrar una visita").click()
    expect(page.locator("form.fill fieldset, form.fill p").first).to_be_visible()
    assert _fits(page)
    assert axe_violations(page) == []
    page.get_by_label("Tipo de visita").select_option("supervision")
    page.get_by_label("Fecha de la visita").fill("2021-07-10")
    page.get_by_label("Lo que se encontró").fill(
        "El comedor no abrió el día de la visita y no hay registros de atención."
    )
    page.get_by_label("Seguimiento acordado").fill("Visita de seguimiento en 15 días.")
    page.get_by_label("Seguimiento a más tardar").fill("2021-07-25")
    page.get_by_label("Causa de §5 que aplica, si alguna").select_option(
        "services_stopped"
    )
    page.locator("#id_photos").set_input_files(str(photo))
    page.get_by_role("button", name="Registrar la visita").click()
    page.wait_for_url(f"**{base}expediente/#visitas")
    expect(page.get_by_role("status")).to_contain_text("Visita registrada")
    visits = page.get_by_role("region", name="Visitas de supervisión y seguimiento")
    expect(visits).to_contain_text("El comedor no abrió")
    expect(visits).to_contain_text("§5 causa 5")
    expect(visits.get_by_role("link", name="Foto 1")).to_be_visible()
    assert _fits(page)
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar el expediente completo").click()
    path = download.value.path()
    archive = zipfile.ZipFile(path)
    (stored,) = [name for name in archive.namelist() if name.startswith("6-visitas/")]
    assert not Image.open(io.BytesIO(archive.read(stored))).getexif()
    assert "indice.csv" in archive.namelist()
