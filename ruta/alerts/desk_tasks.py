"""The alerts tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskTask
from ruta.accounts.permissions import Action, Scope, can

DESK_TASKS = (
    DeskTask(
        key="alerts-subscribers",
        area=DeskArea.ADMINISTRATION,
        order=40,
        title=_("Personas suscritas a avisos"),
        summary=_(
            "Suscripciones abiertas con su contacto; cada consulta queda registrada."
        ),
        url_name="alerts:subscribers",
        may=lambda user: can(user, Action.VIEW_PERSONAL_DATA, Scope()),
    ),
)
