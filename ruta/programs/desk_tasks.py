"""The annual operating program tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskLink, DeskTask, desk_memo
from ruta.accounts.permissions import Action, can_anywhere
from ruta.programs.selectors import review_queue, units_awaiting_approval


def _units(user: Any) -> list:
    return desk_memo(user, "programs-awaiting", units_awaiting_approval)


def _awaiting(user: Any) -> Iterable[DeskLink]:
    for unit in _units(user):
        yield DeskLink(label=str(unit), url=unit.get_absolute_url())


DESK_TASKS = (
    DeskTask(
        key="programs-capture",
        area=DeskArea.PROGRAMS,
        order=10,
        title=_("Capturar el avance trimestral del POA"),
        summary=_(
            "El avance de cada meta por trimestre en las unidades responsables "
            "de su ámbito; lo aprueba otra persona."
        ),
        url_name="programs:index",
        may=lambda user: can_anywhere(user, Action.CAPTURE),
    ),
    DeskTask(
        key="programs-review",
        area=DeskArea.PROGRAMS,
        order=20,
        title=_("Revisar valores del POA"),
        summary=_(
            "Cifras que el documento importado no deja claras o que se contradicen: "
            "confírmelas o corríjalas con su fuente a la vista."
        ),
        url_name="programs:review",
        may=lambda user: can_anywhere(user, Action.VALIDATE),
        waiting=lambda user: len(review_queue(user)),
        waiting_label=_("Valores por revisar"),
    ),
    DeskTask(
        key="programs-approve",
        area=DeskArea.PROGRAMS,
        order=30,
        title=_("Aprobar trimestres capturados"),
        summary=_(
            "Unidades con valores del trimestre en espera de aprobación; quien los "
            "capturó no puede aprobarlos."
        ),
        url_name="programs:index",
        may=lambda user: can_anywhere(user, Action.VALIDATE),
        waiting=lambda user: len(_units(user)),
        waiting_label=_("Unidades en espera"),
        records=_awaiting,
    ),
)
