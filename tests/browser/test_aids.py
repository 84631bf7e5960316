"""The social aids by sex in the browser: the page shows the aggregates on a
phone, small groups withheld, and the open-data file carries the same with no
aid and no recipient; axe-core on every page."""

from __future__ import annotations

import csv
import re
from decimal import Decimal

from django.db import transaction
from playwright.sync_api import expect

from ruta.works.models import AidConcept
from tests.browser.conftest import axe_violations

NARROW = {"width": 360, "height": 780}


def _aids(world) -> None:
    from testkit.factories.catalog import AgencyFactory
    from testkit.factories.works import AidFactory

    agency = AgencyFactory(state=world["alamos"].state)
    for n in range(9):
        AidFactory(
            agency=agency,
            municipality=world["hermosillo"],
            recipient_sex="M",
            amount=Decimal("10000.00"),
            is_demo=True,
            public_id=f"AYU-2024-M{n}",
        )
    for n in range(6):
        AidFactory(
            agency=agency,
            municipality=world["hermosillo"],
            recipient_sex="H",
            amount=Decimal("8000.00"),
            is_demo=True,
            public_id=f"AYU-2024-H{n}",
        )
    AidFactory(
        agency=agency,
        municipality=world["alamos"],
        recipient_sex="X",
        amount=Decimal("4321.00"),
        is_demo=True,
        public_id="AYU-2024-UNA",
    )
    for n in range(5):
        AidFactory(
            agency=agency,
            municipality=world["alamos"],
            concept=AidConcept.NONPROFITS,
            amount=Decimal("50000.00"),
            is_demo=True,
            public_id=f"AYU-2024-I{n}",
        )


def test_the_aids_page_and_file_show_aggregates_by_sex_and_no_person(page, world):
    from ruta.accounts.actors import command_actor
    from ruta.opendata.services import publish_datasets

    with transaction.atomic():
        _aids(world)
    publish_datasets(actor=command_actor("tests"))
    page.set_viewport_size(NARROW)
    page.goto("/es-mx/")
    page.get_by_role("link", name="Ayudas sociales por sexo").click()
    page.wait_for_url("**/ayudas-sociales/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ayudas sociales por concepto, municipio y sexo"
    )
    by_concept = page.get_by_role("table", name="por concepto y sexo")
    expect(by_concept).to_contain_text("Ayudas sociales a personas")
    expect(by_concept).to_contain_text("$90,000.00")  # women, 9 aids
    expect(by_concept).to_contain_text("$48,000.00")  # men, 6 aids
    by_place = page.get_by_role("table", name="por municipio y sexo")
    expect(by_place).to_contain_text("reservado")  # one aid in Álamos
    # The one aid in Álamos to a person of another sex shows nowhere alone.
    assert re.search(r"\$4,321\.00", page.content()) is None
    assert "AYU-2024" not in page.content()
    expect(page.get_by_role("note")).to_contain_text("Datos de demostración")
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []

    page.get_by_role("link", name="Descargar estas cifras (datos abiertos)").click()
    page.wait_for_url("**/datos/ayudas-sociales/")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=False).first.click()
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["GRUPO"] for row in rows} >= {"Mujer", "Hombre", "No aplica"}
    assert any(row["RESERVADO"] == "sí" for row in rows)
    assert not any(row["MONTO"] == "4321.00" for row in rows)
    assert not any("AYU-2024" in value for row in rows for value in row.values())
