"""Evaluations' "aspectos susceptibles de mejora", recorded and followed on the site."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone
from pghistory.models import Events

from ruta.accounts.models import Role
from ruta.indicators.models import Evaluation, ImprovementAspect
from testkit.factories.catalog import AgencyFactory

pytestmark = pytest.mark.django_db

DESK = "/es-mx/indicadores/evaluaciones/mesa/"


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def evaluation(db, make_user):
    cecop = AgencyFactory(code="sonora-cecop", name="CECOP")
    planner = make_user(Role.VALIDATOR, agency=cecop)
    sent = _as(planner).post(
        "/es-mx/indicadores/evaluaciones/nueva/",
        {
            "agency": cecop.pk,
            "title": "Evaluación de diseño del programa TSAM",
            "year": "2024",
            "evaluator": "Universidad de Sonora",
        },
    )
    assert sent.status_code == 302
    found = Evaluation.objects.get()
    found.planner = planner
    found.capture = make_user(Role.CAPTURE, agency=cecop)
    return found


def test_the_planner_records_an_aspect_the_unit_follows_and_the_public_reads_it(
    evaluation,
):
    _as(evaluation.planner).post(
        f"/es-mx/indicadores/evaluaciones/{evaluation.pk}/aspectos/",
        {
            "description": "Definir la población objetivo del programa.",
            "responsible": "Dirección General de Concertación",
            "due_on": "2025-06-30",
        },
    )
    aspect = ImprovementAspect.objects.get()
    assert aspect.due_on == date(2025, 6, 30)
    _as(evaluation.capture).post(
        f"/es-mx/indicadores/aspectos/{aspect.pk}/avance/",
        {"progress": "100", "evidence": "Diagnóstico publicado, oficio 45/2025."},
    )
    aspect.refresh_from_db()
    assert aspect.attended
    assert aspect.attended_on == timezone.localdate()  # the calendar's delivery day
    event = Events.objects.tracks(aspect).filter(pgh_label="update").get()
    assert event.pgh_context["service"] == "aspect_progress"
    page = Client().get("/es-mx/indicadores/evaluaciones/").text
    assert "Definir la población objetivo del programa." in page
    assert "atendido" in page


def test_progress_never_goes_back_and_capture_staff_do_not_add_aspects(evaluation):
    aspect = ImprovementAspect.objects.create(
        evaluation=evaluation,
        description="Medir la satisfacción de los beneficiarios.",
        responsible="Dirección General de Organización Social",
        due_on=date(2025, 3, 31),
        progress=50,
    )
    page = _as(evaluation.capture).post(
        f"/es-mx/indicadores/aspectos/{aspect.pk}/avance/",
        {"progress": "20", "evidence": "Encuesta"},
        follow=True,
    )
    assert "no retrocede" in page.text
    aspect.refresh_from_db()
    assert aspect.progress == 50
    refused = _as(evaluation.capture).post(
        f"/es-mx/indicadores/evaluaciones/{evaluation.pk}/aspectos/",
        {"description": "Otro", "responsible": "Otra", "due_on": "2025-01-31"},
    )
    assert refused.status_code == 403
    assert "(vencido)" in Client().get("/es-mx/indicadores/evaluaciones/").text
