"""Answer a question about the public consultations on draft regulations.

Read off the consultations the site publishes (``opengov.consultations``),
each in its state on the question's day (``opengov.rules.consultation_state``):
which take comments now, which will, and which ended or were closed.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ruta.opengov.consultations import drafts
from ruta.opengov.models import DraftRegulation
from ruta.opengov.rules import ConsultationState, consultation_state
from ruta.portal.questions.parse import Question, Slot
from ruta.portal.questions.results import Answer, Citation, Figure

# The most consultations an answer names; the list page has every one.
NAMED = 5


def consultations_answer(question: Question) -> Answer:
    """Return the consultations open on the question's day, and how many
    there are in each other state; only the open ones when it says so."""
    listed = drafts()
    year = question.get(Slot.YEAR)
    if year is not None:
        listed = listed.filter(opens_on__year=int(year))
    by_state: dict[ConsultationState, list[DraftRegulation]] = {
        state: [] for state in ConsultationState
    }
    for draft in listed.order_by("-opens_on", "slug"):
        by_state[_state(draft, question)].append(draft)
    opened = by_state[ConsultationState.OPEN]
    sources = [Citation(_("Las consultas públicas"), reverse("opengov:drafts"))]
    sources += [
        Citation(draft.title, reverse("opengov:draft", args=[draft.slug]))
        for draft in opened[:NAMED]
    ]
    if opened:
        text = ngettext(
            "%(count)s consulta pública recibe comentarios hoy: %(listed)s.",
            "%(count)s consultas públicas reciben comentarios hoy: %(listed)s.",
            len(opened),
        ) % {
            "count": len(opened),
            "listed": "; ".join(_open_said(draft) for draft in opened[:NAMED]),
        }
    else:
        text = _("Ninguna consulta pública recibe comentarios hoy.")
    total = sum(len(found) for found in by_state.values())
    text = (
        ngettext(
            "Hay %(count)s consulta pública publicada.",
            "Hay %(count)s consultas públicas publicadas.",
            total,
        )
        % {"count": total}
        + " "
        + text
    )
    if Slot.OPEN not in question.slots:
        text += " " + _(
            "Próximas: %(upcoming)s; terminadas: %(ended)s; cerradas con su "
            "informe: %(closed)s."
        ) % {
            "upcoming": len(by_state[ConsultationState.UPCOMING]),
            "ended": len(by_state[ConsultationState.ENDED]),
            "closed": len(by_state[ConsultationState.CLOSED]),
        }
    return Answer(
        text,
        figures=[
            Figure(_("Consultas"), str(total)),
            Figure(_("Abiertas"), str(len(opened))),
            Figure(_("Próximas"), str(len(by_state[ConsultationState.UPCOMING]))),
            Figure(_("Terminadas"), str(len(by_state[ConsultationState.ENDED]))),
            Figure(_("Cerradas"), str(len(by_state[ConsultationState.CLOSED]))),
        ],
        sources=sources,
    )


def _state(draft: DraftRegulation, question: Question) -> ConsultationState:
    return consultation_state(
        opens_on=draft.opens_on,
        closes_on=draft.closes_on,
        closed=draft.closed_at is not None,
        today=question.today or timezone.localdate(),
    )


def _open_said(draft: DraftRegulation) -> str:
    return _("«%(title)s», de %(agency)s, hasta el %(date)s") % {
        "title": draft.title,
        "agency": draft.agency.name,
        "date": date_format(draft.closes_on, "DATE_FORMAT"),
    }
