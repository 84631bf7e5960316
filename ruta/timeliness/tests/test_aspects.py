"""An evaluation's aspects to improve in the calendar: due on their committed date."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from ruta.accounts.actors import command_actor
from ruta.indicators.models import Evaluation, ImprovementAspect
from ruta.timeliness.kinds import IMPROVEMENT_ASPECT
from ruta.timeliness.rules import Standing
from ruta.timeliness.selectors import desk_obligations, obligations, timeliness_rows
from ruta.timeliness.services import reminders_send

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def aspects(unit):
    evaluation = Evaluation.objects.create(
        agency=unit.agency,
        title="Evaluación de diseño",
        year=TODAY.year - 1,
        evaluator="Universidad de Sonora",
    )

    def aspect(description, due_in, progress=0, attended_on=None):
        return ImprovementAspect.objects.create(
            evaluation=evaluation,
            description=description,
            responsible="Dirección de Planeación",
            due_on=TODAY + timedelta(days=due_in),
            progress=progress,
            attended_on=attended_on,
        )

    return SimpleNamespace(
        overdue=aspect("Actualizar la matriz de indicadores", -10, progress=40),
        tomorrow=aspect("Publicar el diagnóstico", 1),
        late=aspect("Medir la satisfacción", -20, 100, TODAY - timedelta(days=5)),
        loaded=aspect("Definir la población objetivo", -30, progress=100),
    )


def _standings(unit):
    items = obligations(TODAY, [unit.agency.pk])
    return {
        i.key: (i.standing(TODAY), i.days_late(TODAY))
        for i in items
        if i.kind == IMPROVEMENT_ASPECT
    }


def test_an_aspect_is_due_on_its_date_and_delivered_when_attended(unit, aspects):
    key = f"{IMPROVEMENT_ASPECT.key}:%s"
    assert _standings(unit) == {
        key % aspects.overdue.pk: (Standing.OVERDUE, 10),
        key % aspects.tomorrow.pk: (Standing.PENDING, 0),
        key % aspects.late.pk: (Standing.LATE, 15),
        key % aspects.loaded.pk: (Standing.DELIVERED, 0),
    }


def test_an_overdue_aspect_shows_on_the_desk_the_public_page_and_the_dataset(
    client, unit, aspects
):
    desk = [i.key for i in desk_obligations(unit.capture, TODAY)]
    assert f"{IMPROVEMENT_ASPECT.key}:{aspects.overdue.pk}" in desk
    assert f"{IMPROVEMENT_ASPECT.key}:{aspects.tomorrow.pk}" in desk
    assert f"{IMPROVEMENT_ASPECT.key}:{aspects.late.pk}" not in desk
    page = client.get(reverse("calendar:agency", args=[unit.agency.code])).text
    assert "Actualizar la matriz de indicadores" in page
    rows = [r for r in timeliness_rows() if r["TIPO"] == IMPROVEMENT_ASPECT.key]
    assert sorted(r["SITUACION"] for r in rows) == sorted(
        ["overdue", "pending", "late", "delivered"]
    )


def test_the_day_before_an_aspect_is_due_its_staff_are_reminded(unit, aspects):
    sent = reminders_send(today=TODAY, actor=command_actor("calendar tests")).sent
    assert f"{IMPROVEMENT_ASPECT.key}:{aspects.tomorrow.pk} → 2" in sent
    assert not any(f":{aspects.overdue.pk} " in line for line in sent)
