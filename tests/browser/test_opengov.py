"""The open-government plan and a commitment, on a phone, checked by axe-core."""

from __future__ import annotations

from ruta.ingest.loaders.actionplan import action_plan_import
from ruta.opengov.models import ActionPlan
from testkit.actors import TEST_ACTOR
from testkit.seeds import GTO_ACTION_PLAN, seed_path
from tests.browser.conftest import PHONE, axe_violations


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def _plan(catalog_loaded) -> ActionPlan:
    action_plan_import(path=seed_path(GTO_ACTION_PLAN), actor=TEST_ACTOR)
    return ActionPlan.objects.get()


def test_plan_page_from_the_menu_with_bars_and_semaforos(page, catalog):
    plan = _plan(catalog)
    page.goto("/es-mx/")
    page.get_by_role("link", name="Gobierno abierto").first.click()
    page.get_by_role("link", name=plan.title).click()
    assert page.locator("h1").inner_text() == plan.title
    assert page.locator("progress").count() == 3
    assert _no_sideways_scroll(page)
    assert axe_violations(page) == []


def test_commitment_page_with_timeline_and_answers(page, catalog):
    plan = _plan(catalog)
    page.goto(f"/es-mx/gobierno-abierto/{plan.key}/compromisos/5/")
    assert page.get_by_role(
        "table", name="Avance declarado en cada informe"
    ).is_visible()
    assert "64 solicitudes atendidas" in page.locator("main").inner_text()
    assert _no_sideways_scroll(page)
    assert axe_violations(page) == []
