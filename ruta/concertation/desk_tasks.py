"""The concertation's task on the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskTask, desk_memo
from ruta.concertation.selectors import agencies_to_concert


def _may(user: Any) -> bool:
    return bool(desk_memo(user, "concertation-agencies", agencies_to_concert))


DESK_TASKS = (
    DeskTask(
        key="concertation-agreements",
        area=DeskArea.WORKS,
        order=60,
        title=_("Convenios de concertación con los municipios"),
        summary=_(
            "Registre el convenio de cada municipio y ejercicio, su firma, su piso "
            "y los lineamientos cumplidos: sin ellos no se liberan recursos de sus "
            "obras concertadas."
        ),
        url_name="concertation:desk",
        may=_may,
    ),
)
