"""The accounts tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskTask
from ruta.accounts.permissions import Action, can

DESK_TASKS = (
    DeskTask(
        key="audit",
        area=DeskArea.ADMINISTRATION,
        order=10,
        title=_("Historial de cambios (auditoría)"),
        summary=_("Quién cambió qué y cuándo, por registro, persona y fecha."),
        url_name="accounts:audit",
        may=lambda user: can(user, Action.VIEW_AUDIT),
    ),
    DeskTask(
        key="administration",
        area=DeskArea.ADMINISTRATION,
        order=20,
        title=_("Catálogos"),
        summary=_("Dependencias, programas, regiones y años fiscales."),
        url_name="admin:index",
        may=lambda user: bool(user.is_staff and can(user, Action.MANAGE_USERS)),
    ),
    DeskTask(
        key="staff",
        area=DeskArea.ADMINISTRATION,
        order=15,
        title=_("Personal y funciones"),
        summary=_(
            "Dar cuenta y funciones al personal por dependencia o municipio, "
            "y quitarlas."
        ),
        url_name="accounts:staff",
        may=lambda user: can(user, Action.MANAGE_USERS),
    ),
    DeskTask(
        key="second-factors",
        area=DeskArea.ADMINISTRATION,
        order=30,
        title=_("Segundos factores"),
        summary=_(
            "Restablecer el segundo factor de quien perdió su teléfono y sus "
            "códigos de recuperación."
        ),
        url_name="accounts:second-factors",
        may=lambda user: can(user, Action.MANAGE_USERS),
    ),
)
