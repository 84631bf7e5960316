"""Mexicali's own instance in Chromium: its first screen, its POA, the
explorer and its map, at a 1366 px laptop and a 360 px phone."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.browser.conftest import axe_violations
from tests.browser.test_narrow_screens import TABLES_OUTSIDE_A_BOX

SIZES = {
    "laptop": {"width": 1366, "height": 768},
    "phone": {"width": 360, "height": 740},
}


@pytest.fixture
def mexicali(transactional_db, settings, tmp_path):
    """Mexicali's works, POA and budget statement of 2024, beside its neighbours'."""
    from ruta.ingest.loaders.statement import budget_statement_import
    from testkit.actors import TEST_ACTOR
    from testkit.factories.catalog import MunicipalityFactory, StateFactory
    from testkit.municipal import MEXICALI, mexicali_world, poa_of
    from testkit.statements import example_rows, statement_file

    with transaction.atomic():
        sonora = StateFactory(code="26", name="Sonora")
        hermosillo = MunicipalityFactory(code="26030", name="Hermosillo", state=sonora)
        world = mexicali_world(hermosillo)
        poa_of(world["unit"], 2024, ramo="54", achieved=(2, 3, 0))
        poa_of(world["tijuana_city"], 2024, ramo="61", achieved=(2,))
        rows = example_rows()
        for row in rows:
            row.update(ENTE="ayto-mexicali", EJERCICIO="2024", CORTE="2024-12-31")
        budget_statement_import(path=statement_file(tmp_path, rows), actor=TEST_ACTOR)
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = MEXICALI
    return world


def _readable(page, size: dict) -> None:
    """Check the page fits its width, its tables scroll in their own box and
    axe-core finds nothing."""
    page.wait_for_load_state("load")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= size["width"], size
    assert page.evaluate(TABLES_OUTSIDE_A_BOX) == []
    assert axe_violations(page) == []


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_the_first_screen_leads_to_the_poa_of_a_unit(page, mexicali, size):
    page.set_viewport_size(size)
    page.goto("/es-mx/")
    assert page.locator("h1").inner_text() == "El dinero público de Mexicali"
    poa = page.locator("section[aria-labelledby=poa]").inner_text()
    assert "2 metas al día" in poa
    assert "1 meta atrasada" in poa
    assert "Región" not in page.locator("main").inner_text()
    _readable(page, size)
    page.get_by_role("link", name="Bienestar Social").first.click()
    page.wait_for_load_state("load")
    assert "Bienestar Social" in page.locator("h1").inner_text()
    _readable(page, size)
    page.goto("/es-mx/programas/")
    assert mexicali["tijuana_city"].name not in page.locator("main").inner_text()
    _readable(page, size)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_the_explorer_lists_the_municipality_s_works_only(page, mexicali, size):
    page.set_viewport_size(size)
    page.goto("/es-mx/obras/")
    text = page.locator("main").inner_text()
    assert all(folio in text for folio in ("MXL-MUN", "MXL-EDO", "MXL-FED", "TIJ-MXL"))
    assert not any(folio in text for folio in ("TIJ-EDO", "TIJ-MUN", "SON-1"))
    assert page.locator("#id_region").count() == 0
    _readable(page, size)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_the_map_shows_the_municipality_alone(page, mexicali, size):
    page.set_viewport_size(size)
    page.goto("/es-mx/mapa/")
    assert page.locator("h1").inner_text() == "Mapa de la inversión: Mexicali"
    assert page.locator("svg.choropleth path").count() == 1
    assert "Región" not in page.locator("main").inner_text()
    _readable(page, size)
