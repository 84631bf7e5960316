"""The planning unit defines its indicator cards on the site."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client
from pghistory.models import Events

from ruta.accounts.models import Role
from ruta.catalog.models import PlanElement, PlanElementKind, PlanLevel
from ruta.indicators.models import IndicatorCard
from testkit.factories.catalog import AgencyFactory, PlanFrameworkFactory

pytestmark = pytest.mark.django_db

CARD = {
    "name": "Porcentaje de obras concertadas liberadas",
    "responsible_unit": "Consejo Estatal de Concertación para la Obra Pública",
    "executing_unit": "Dirección General de Concertación y Apoyo Técnico",
    "objective": "Fomentar la participación de la sociedad civil.",
    "indicator_objective": "Medir las obras liberadas frente a las aprobadas.",
    "description": "",
    "method": "Obras liberadas / obras aprobadas × 100",
    "direction": "ascending",
    "frequency": "Anual",
    "source": "Dirección General de Concertación y Apoyo Técnico",
    "unit_of_measure": "Porcentaje",
    "value_unit": "percent",
    "additional_reference": "",
    "baseline_year": "2021",
    "baseline_value": "90",
    "goal_year": "2027",
    "goal_value": "100",
}


@pytest.fixture
def cecop(db):
    return AgencyFactory(code="sonora-cecop", name="CECOP")


def _as(make_user, role, agency) -> Client:
    client = Client()
    client.force_login(make_user(role, agency=agency))
    return client


def test_a_card_created_on_the_site_shows_on_the_indicators_page_without_results(
    make_user, cecop
):
    planner = _as(make_user, Role.VALIDATOR, cecop)
    sent = planner.post(
        "/es-mx/indicadores/cedulas/nueva/", {**CARD, "agency": cecop.pk}
    )
    assert sent.status_code == 302
    card = IndicatorCard.objects.get()
    assert card.key == "PORCENTAJE DE OBRAS CONCERTADAS LIBERADAS"
    page = Client().get("/es-mx/indicadores/").text
    assert CARD["name"] in page
    assert "Sin información" in page  # grey: no result yet
    event = Events.objects.tracks(card).get(pgh_label="insert")
    assert event.pgh_context["service"] == "indicator_card_define"


def test_a_goal_before_its_baseline_is_refused_and_nothing_is_stored(make_user, cecop):
    planner = _as(make_user, Role.VALIDATOR, cecop)
    page = planner.post(
        "/es-mx/indicadores/cedulas/nueva/",
        {**CARD, "agency": cecop.pk, "goal_year": "2020"},
    )
    assert page.status_code == 200
    assert "anterior al de la línea base" in page.text
    assert not IndicatorCard.objects.exists()


def test_capture_staff_do_not_define_cards(make_user, cecop):
    capture = _as(make_user, Role.CAPTURE, cecop)
    assert capture.get("/es-mx/indicadores/cedulas/").status_code == 403


def test_an_edit_keeps_the_earlier_version_and_a_retired_card_leaves_the_page(
    make_user, cecop
):
    planner = _as(make_user, Role.VALIDATOR, cecop)
    planner.post("/es-mx/indicadores/cedulas/nueva/", {**CARD, "agency": cecop.pk})
    card = IndicatorCard.objects.get()
    edited = planner.post(
        f"/es-mx/indicadores/cedulas/{card.pk}/", {**CARD, "goal_value": "95"}
    )
    assert edited.status_code == 302
    versions = Events.objects.tracks(card).order_by("pgh_created_at")
    assert [e.pgh_data["goal_value"] for e in versions] == [100.0, 95.0]
    refused = planner.post(f"/es-mx/indicadores/cedulas/{card.pk}/retirar/", {})
    assert refused.status_code == 400
    planner.post(
        f"/es-mx/indicadores/cedulas/{card.pk}/retirar/",
        {"reason": "Se sustituye por otro indicador."},
    )
    card.refresh_from_db()
    assert card.retired_at is not None
    assert CARD["name"] not in Client().get("/es-mx/indicadores/").text


def _plans() -> tuple[PlanElement, PlanElement, PlanElement]:
    """An SDG, an axis of a state's plan and one of a municipality's plan."""
    goals = PlanFrameworkFactory(code="ods", level=PlanLevel.GLOBAL)
    state_plan = PlanFrameworkFactory(code="ped", level=PlanLevel.STATE)
    town_plan = PlanFrameworkFactory(code="pmd", level=PlanLevel.MUNICIPAL)
    return (
        PlanElement.objects.create(
            framework=goals,
            key="ods/11",
            kind=PlanElementKind.GOAL,
            number="11",
            name="Ciudades y comunidades sostenibles",
        ),
        PlanElement.objects.create(
            framework=state_plan,
            key="ped/eje-2",
            kind=PlanElementKind.AXIS,
            number="2",
            name="El Presupuesto Social",
        ),
        PlanElement.objects.create(
            framework=town_plan,
            key="pmd/eje-1",
            kind=PlanElementKind.AXIS,
            number="1",
            name="Ciudad segura",
        ),
    )


def test_a_card_is_aligned_to_its_plans_and_sdgs_shown_on_the_page_and_kept(
    make_user, cecop
):
    goal, axis, elsewhere = _plans()
    planner = _as(make_user, Role.VALIDATOR, cecop)
    sent = planner.post(
        "/es-mx/indicadores/cedulas/nueva/",
        {**CARD, "agency": cecop.pk, "plan_elements": [goal.pk, axis.pk]},
    )
    assert sent.status_code == 302
    card = IndicatorCard.objects.get()
    assert {a.element for a in card.alignments.all()} == {goal, axis}
    page = Client().get("/es-mx/indicadores/").text
    assert "Ciudades y comunidades sostenibles" in page
    assert "El Presupuesto Social" in page
    # Another place's plan is not offered, and nothing changes when sent.
    refused = planner.post(
        f"/es-mx/indicadores/cedulas/{card.pk}/",
        {**CARD, "plan_elements": [goal.pk, elsewhere.pk]},
    )
    assert refused.status_code == 200
    assert card.alignments.count() == 2
    planner.post(
        f"/es-mx/indicadores/cedulas/{card.pk}/", {**CARD, "plan_elements": [goal.pk]}
    )
    assert [a.element for a in card.alignments.all()] == [goal]
    history = apps.get_model("indicators", "IndicatorAlignmentEvent").objects
    assert history.filter(pgh_label="delete", element=axis.pk).count() == 1
