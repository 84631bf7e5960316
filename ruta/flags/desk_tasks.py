"""The right of reply's task on the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskTask, desk_memo
from ruta.flags.selectors import agencies_to_answer, flags_unanswered


def _may(user: Any) -> bool:
    return bool(desk_memo(user, "flag-agencies", agencies_to_answer))


DESK_TASKS = (
    DeskTask(
        key="flag-replies",
        area=DeskArea.WORKS,
        order=70,
        title=_("Responder a las señales"),
        summary=_(
            "Explicar las señales de su dependencia (o dar la explicación del "
            "contratista): la respuesta se publica junto a cada señal."
        ),
        url_name="flags:replies",
        may=_may,
        waiting=flags_unanswered,
        waiting_label=_("Señales sin respuesta"),
    ),
)
