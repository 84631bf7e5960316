"""The social oversight tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskLink, DeskTask, desk_memo
from ruta.participation.selectors import (
    has_oversight_desk,
    may_form_committees,
    member_committees,
)


def _committees_of(user: Any) -> list:
    return desk_memo(user, "committees", member_committees)


def _oversees(user: Any) -> bool:
    return has_oversight_desk(user, _committees_of(user))


def _committees(user: Any) -> Iterable[DeskLink]:
    for committee in _committees_of(user):
        work = committee.work
        yield DeskLink(
            label=work.title,
            url=reverse("participation:desk-committee", args=[work.public_id]),
            note=f"{work.public_id} · {work.municipality.name}",
        )


DESK_TASKS = (
    DeskTask(
        key="oversight",
        area=DeskArea.OVERSIGHT,
        order=10,
        title=_("Vigilar las obras de mi comité"),
        summary=_(
            "Registre visitas, talleres y el acta de entrega-recepción de las obras "
            "que vigila su comité de contraloría social."
        ),
        url_name="participation:desk",
        may=_oversees,
        records=_committees,
    ),
    DeskTask(
        key="committees-form",
        area=DeskArea.OVERSIGHT,
        order=20,
        title=_("Formar comités ciudadanos"),
        summary=_(
            "Forme el comité de cada obra, registre a sus integrantes (o impórtelos "
            "de una plantilla), reemplácelos con su motivo e invíteles a registrar "
            "la vigilancia con su propia cuenta."
        ),
        url_name="participation:committees",
        may=may_form_committees,
    ),
)
