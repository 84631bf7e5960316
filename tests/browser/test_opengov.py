"""The open-government plan and a commitment, on a phone, checked by axe-core."""

from __future__ import annotations

from ruta.ingest.loaders.actionplan import action_plan_import
from ruta.opengov.models import ActionPlan
from testkit.actors import TEST_ACTOR
from testkit.seeds import GTO_ACTION_PLAN, seed_or_demonstration
from tests.browser.conftest import axe_violations, no_sideways_scroll


def _plan(catalog_loaded) -> ActionPlan:
    action_plan_import(path=seed_or_demonstration(GTO_ACTION_PLAN), actor=TEST_ACTOR)
    return ActionPlan.objects.get()


def test_plan_page_from_the_menu_with_bars_and_semaforos(page, catalog):
    plan = _plan(catalog)
    page.goto("/es-mx/")
    page.get_by_role("link", name="Gobierno abierto").first.click()
    page.get_by_role("link", name=plan.title).click()
    assert page.locator("h1").inner_text() == plan.title
    assert page.locator("progress").count() == 3
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []


def test_commitment_page_with_timeline_and_answers(page, catalog):
    plan = _plan(catalog)
    page.goto(f"/es-mx/gobierno-abierto/{plan.key}/compromisos/5/")
    assert page.get_by_role(
        "table", name="Avance declarado en cada informe"
    ).is_visible()
    assert "64 solicitudes atendidas" in page.locator("main").inner_text()
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []


def test_consultation_page_takes_a_comment(page, catalog):
    from datetime import timedelta

    from django.utils import timezone

    from ruta.catalog.models import Agency
    from ruta.opengov.models import Comment
    from ruta.opengov.services import draft_create

    today = timezone.localdate()
    draft = draft_create(
        agency=Agency.objects.get(acronym="STRC"),
        slug="anteproyecto-prueba",
        title="Anteproyecto de prueba",
        text="Artículo 1. Objeto.\nArtículo 2. Autoridades.\n",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=1),
        actor=TEST_ACTOR,
    )
    page.goto(draft.get_absolute_url())
    page.get_by_label("Sobre").select_option(label="Artículo 2")
    page.get_by_label("Comentario").fill("Propongo precisar las autoridades.")
    page.get_by_label("Nombre").fill("Ana")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Enviar comentario").click()
    assert "se publicará después de moderarlo" in page.locator("main").inner_text()
    assert Comment.objects.get().anchor == "art-2"
    assert no_sideways_scroll(page)
