"""The citizens' reports tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskTask
from ruta.accounts.permissions import Action, can
from ruta.problems.models import ReportStatus
from ruta.problems.selectors import may_open_queue, pending_waiting, reports_in_queue


def _open_reports(user: Any) -> int:
    return len(reports_in_queue(user=user, status=ReportStatus.OPEN))


DESK_TASKS = (
    DeskTask(
        key="problems-queue",
        area=DeskArea.PROBLEMS,
        order=10,
        title=_("Atender reportes ciudadanos"),
        summary=_(
            "Revise, responda y cierre los reportes sobre las obras de su ámbito; "
            "cada consulta de los datos de contacto queda registrada."
        ),
        url_name="problems:queue",
        may=may_open_queue,
        waiting=_open_reports,
        waiting_label=_("Reportes abiertos"),
    ),
    DeskTask(
        key="problems-pending",
        area=DeskArea.PROBLEMS,
        order=20,
        title=_("Ubicar reportes de aplicaciones cívicas"),
        summary=_(
            "Reportes llegados por Open311 cuya dirección no nombra una sola obra: "
            "ubíquelos en la obra que corresponda o descártelos con su motivo."
        ),
        url_name="problems:pending",
        may=may_open_queue,
        waiting=lambda user: pending_waiting().count(),
        waiting_label=_("Por ubicar"),
    ),
    DeskTask(
        key="problems-keys",
        area=DeskArea.ADMINISTRATION,
        order=30,
        title=_("Claves de aplicaciones cívicas (Open311)"),
        summary=_(
            "Emita y revoque las claves con que otras aplicaciones envían reportes."
        ),
        url_name="problems:keys",
        may=lambda user: can(user, Action.MANAGE_USERS),
    ),
)
