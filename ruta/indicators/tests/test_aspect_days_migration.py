"""Aspects attended before their day was kept get it from their history."""

from __future__ import annotations

import importlib
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pgtrigger
import pytest
from django.apps import apps
from django.db import connection

from ruta.indicators.models import Evaluation, ImprovementAspect
from testkit.factories.catalog import AgencyFactory

pytestmark = pytest.mark.django_db

# Only the scene is set by rewriting history: its tables are append-only.
HISTORY = "indicators.ImprovementAspectEvent:append_only"

migration = importlib.import_module(
    "ruta.indicators.migrations.0013_aspects_attended_on_from_history"
)


def _aspect(evaluation: Evaluation, description: str, progress: int):
    return ImprovementAspect.objects.create(
        evaluation=evaluation,
        description=description,
        responsible="Dirección de Planeación",
        due_on=date(2025, 6, 30),
        progress=progress,
    )


def _history_at(aspect: ImprovementAspect, label: str, moment: datetime) -> None:
    with pgtrigger.ignore(HISTORY), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE indicators_improvementaspectevent SET pgh_created_at = %s"
            " WHERE pgh_obj_id = %s AND pgh_label = %s",
            [moment, aspect.pk, label],
        )


def test_an_attended_aspect_gets_the_local_day_its_history_first_shows_it_attended(
    settings,
):
    settings.TIME_ZONE = "America/Hermosillo"
    evaluation = Evaluation.objects.create(
        agency=AgencyFactory(), title="Evaluación de diseño", year=2024, evaluator="X"
    )
    followed = _aspect(evaluation, "Seguido en el sitio", 40)
    followed.progress = 100
    followed.save()
    # Reached 100 % at 03:00 UTC on the 10th: still the 9th in Sonora (UTC−7).
    _history_at(followed, "update", datetime(2025, 3, 10, 3, tzinfo=UTC))
    _history_at(followed, "insert", datetime(2025, 1, 5, 17, tzinfo=UTC))
    loaded = _aspect(evaluation, "Cargado ya atendido, sin historia", 100)
    with pgtrigger.ignore(HISTORY), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM indicators_improvementaspectevent WHERE pgh_obj_id = %s",
            [loaded.pk],
        )
    _aspect(evaluation, "Aún en curso", 60)
    migration.attended_on_from_history(apps, SimpleNamespace(connection=connection))
    days = dict(ImprovementAspect.objects.values_list("description", "attended_on"))
    assert days == {
        "Seguido en el sitio": date(2025, 3, 9),
        "Cargado ya atendido, sin historia": None,
        "Aún en curso": None,
    }


def test_the_evaluations_page_says_when_an_aspect_was_attended_or_that_no_day_is_kept(
    client,
):
    evaluation = Evaluation.objects.create(
        agency=AgencyFactory(), title="Evaluación de diseño", year=2024, evaluator="X"
    )
    dated = _aspect(evaluation, "Con día", 100)
    dated.attended_on = date(2025, 3, 9)
    dated.save()
    _aspect(evaluation, "Sin día", 100)
    page = client.get("/es-mx/indicadores/evaluaciones/").text
    assert "atendido el 9 de marzo de 2025" in page
    assert "atendido (sin fecha registrada)" in page
