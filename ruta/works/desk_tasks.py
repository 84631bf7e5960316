"""The works tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskTask
from ruta.accounts.permissions import Action, can_anywhere
from ruta.works.selectors.desk import (
    aid_agencies,
    aids_to_resolve,
    modifications_to_decide,
    proposals_to_approve,
)


def _captures(user: Any) -> bool:
    return can_anywhere(user, Action.CAPTURE)


def _validates(user: Any) -> bool:
    return can_anywhere(user, Action.VALIDATE)


DESK_TASKS = (
    DeskTask(
        key="works-capture",
        area=DeskArea.WORKS,
        order=10,
        title=_("Capturar y actualizar obras"),
        summary=_(
            "Avance físico y financiero con fotos, contratos, pagos, documentos "
            "y cambios de estado de las obras de su ámbito."
        ),
        url_name="desk:index",
        may=_captures,
        waiting=lambda user: len(proposals_to_approve(user)),
        waiting_label=_("Propuestas por aprobar"),
    ),
    DeskTask(
        key="works-new",
        area=DeskArea.WORKS,
        order=20,
        title=_("Registrar una obra nueva"),
        summary=_(
            "Entra como propuesta, con sus fuentes de financiamiento, y se publica "
            "cuando una persona validadora del ámbito la aprueba."
        ),
        url_name="desk:create",
        may=_captures,
    ),
    DeskTask(
        key="works-modifications",
        area=DeskArea.WORKS,
        order=30,
        title=_("Aprobar modificaciones presupuestales"),
        summary=_(
            "Ampliaciones y reducciones que otra persona capturó en obras de su "
            "ámbito: apruébelas o rechácelas con su motivo."
        ),
        url_name="desk:modifications",
        may=_validates,
        waiting=lambda user: len(modifications_to_decide(user)),
        waiting_label=_("Modificaciones por decidir"),
    ),
    DeskTask(
        key="aids-capture",
        area=DeskArea.WORKS,
        order=40,
        title=_("Capturar solicitudes de ayudas sociales"),
        summary=_(
            "Una solicitud con su concepto, monto, municipio, sexo y grupo de edad "
            "de quien la recibe, o el archivo de un año; otra persona la resuelve."
        ),
        url_name="desk:aid_new",
        may=lambda user: bool(aid_agencies(user)),
    ),
    DeskTask(
        key="aids-resolve",
        area=DeskArea.WORKS,
        order=50,
        title=_("Resolver solicitudes de ayudas sociales"),
        summary=_(
            "Otorgue o declare no procedentes las solicitudes que otra persona "
            "capturó en las dependencias que usted valida."
        ),
        url_name="desk:aids",
        may=_validates,
        waiting=lambda user: aids_to_resolve(user)[1],
        waiting_label=_("Solicitudes por resolver"),
    ),
)
