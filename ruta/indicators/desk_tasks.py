"""The indicators' tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskLink, DeskTask, desk_memo
from ruta.accounts.permissions import Action, can_anywhere
from ruta.indicators.selectors import agencies_defining_cards, results_to_approve


def _to_approve(user: Any) -> list:
    return desk_memo(user, "indicator-results", results_to_approve)


def _waiting(user: Any) -> Iterable[DeskLink]:
    for result in _to_approve(user):
        period = f"{result.year}" + (f" T{result.quarter}" if result.quarter else "")
        place = result.municipality or result.region
        yield DeskLink(
            label=result.card.name,
            url=reverse("indicators:capture"),
            note=f"{period} · {place.name}" if place else period,
        )


def _defines(user: Any) -> bool:
    return bool(desk_memo(user, "indicator-agencies", agencies_defining_cards))


DESK_TASKS = (
    DeskTask(
        key="indicators-cards",
        area=DeskArea.INDICATORS,
        order=5,
        title=_("Definir cédulas de indicadores"),
        summary=_(
            "Cree, corrija o retire las cédulas de su dependencia: unidad "
            "responsable y ejecutora, método de cálculo, frecuencia, línea base "
            "y meta."
        ),
        url_name="indicators:cards",
        may=_defines,
    ),
    DeskTask(
        key="indicators-evaluations",
        area=DeskArea.INDICATORS,
        order=30,
        title=_("Evaluaciones y aspectos susceptibles de mejora"),
        summary=_(
            "Registre las evaluaciones de su dependencia y sus aspectos "
            "susceptibles de mejora, y el avance de cada uno con su evidencia."
        ),
        url_name="indicators:evaluation-desk",
        may=lambda user: can_anywhere(user, Action.CAPTURE),
    ),
    DeskTask(
        key="indicators-capture",
        area=DeskArea.INDICATORS,
        order=10,
        title=_("Capturar resultados de indicadores"),
        summary=_(
            "El resultado de cada indicador de su dependencia por trimestre o año, "
            "para el estado, un municipio o una región; lo aprueba otra persona."
        ),
        url_name="indicators:capture",
        may=lambda user: can_anywhere(user, Action.CAPTURE),
    ),
    DeskTask(
        key="indicators-approve",
        area=DeskArea.INDICATORS,
        order=20,
        title=_("Aprobar resultados de indicadores"),
        summary=_(
            "Resultados capturados que esperan publicarse con su semáforo; quien "
            "los capturó no puede aprobarlos."
        ),
        url_name="indicators:capture",
        may=lambda user: bool(_to_approve(user)),
        waiting=lambda user: len(_to_approve(user)),
        waiting_label=_("Resultados por aprobar"),
        records=_waiting,
    ),
)
