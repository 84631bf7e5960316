"""The data requests' task of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskLink, DeskTask
from ruta.accounts.permissions import Action, can_anywhere
from ruta.datarequests.selectors import answerable, requests_waiting

LINKS_SHOWN = 20


def requests_to_answer(user: Any) -> Iterator[DeskLink]:
    """Yield the open requests ``user`` may answer, each to its answer page."""
    for request in answerable(user)[:LINKS_SHOWN]:
        yield DeskLink(
            label=_("Petición %(number)s: %(what)s")
            % {"number": request.pk, "what": request.what[:80]},
            url=reverse("datarequests:answer", args=[request.pk]),
            note=request.agency.name if request.agency else "",
        )


DESK_TASKS = (
    DeskTask(
        key="datarequests-answer",
        area=DeskArea.DATA,
        order=60,
        title=_("Peticiones de datos"),
        summary=_(
            "Lo que la ciudadanía pide y no está publicado: responda o decline "
            "con el motivo; la respuesta es pública."
        ),
        url_name="datarequests:list",
        may=lambda user: can_anywhere(user, Action.VALIDATE),
        waiting=requests_waiting,
        records=requests_to_answer,
    ),
)
