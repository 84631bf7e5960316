"""The open government tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ruta.accounts.desk import DeskArea, DeskLink, DeskTask, desk_memo
from ruta.accounts.permissions import Action, can_anywhere
from ruta.opengov.consultations import drafts_to_moderate


def _moderated(user: Any) -> list:
    return desk_memo(user, "opengov-drafts", drafts_to_moderate)


def _drafts(user: Any) -> Iterable[DeskLink]:
    for draft in _moderated(user):
        note = ngettext(
            "%(count)d comentario por moderar",
            "%(count)d comentarios por moderar",
            draft.pending,
        ) % {"count": draft.pending}
        yield DeskLink(
            label=draft.title,
            url=reverse("opengov:draft_desk", args=[draft.slug]),
            note=note,
        )


def _pending_comments(user: Any) -> int:
    return sum(draft.pending for draft in _moderated(user))


DESK_TASKS = (
    DeskTask(
        key="opengov-consultations",
        area=DeskArea.OPEN_GOVERNMENT,
        order=10,
        title=_("Moderar y responder consultas públicas"),
        summary=_(
            "Publique o no los comentarios recibidos y responda cada uno; el "
            "informe de la consulta se arma con sus respuestas."
        ),
        url_name="opengov:drafts",
        may=lambda user: bool(_moderated(user)),
        waiting=_pending_comments,
        waiting_label=_("Comentarios por moderar"),
        records=_drafts,
    ),
    DeskTask(
        key="opengov-new-draft",
        area=DeskArea.OPEN_GOVERNMENT,
        order=20,
        title=_("Poner a consulta un proyecto de norma"),
        summary=_(
            "Publique el texto por artículos, con sus fechas, para que la gente lo "
            "comente."
        ),
        url_name="opengov:draft_new",
        may=lambda user: can_anywhere(user, Action.CAPTURE),
    ),
)
