"""Writes of the data requests: filing one, answering it, telling the requester.

Anyone files a request without an account (the named system actor
``REQUESTER``; the request's URL is in the audit context); staff of the
agency asked answer it on the site. The answer's e-mail goes through the
mail queue in the same transaction, and the requester's address is erased
at once: it was kept only for that message.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, SystemActor, person, service
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency
from ruta.common.refusals import refusal
from ruta.datarequests import rules
from ruta.datarequests.models import DataRequest, RequestStatus
from ruta.opendata.datasets import dataset_get

REQUESTER = SystemActor("data requester")


@service
def data_request_file(
    *,
    what: str,
    dataset: str = "",
    page: str = "",
    agency: Agency | None = None,
    email: str = "",
    language: str = "es-mx",
    is_demo: bool = False,
    actor: Actor,
) -> DataRequest:
    """File a request for missing data about a dataset or one of the site's pages.

    ``is_demo`` marks one the demo files, so its pages say so.
    """
    what = what.strip()
    if not rules.WHAT_MIN <= len(what) <= rules.WHAT_MAX:
        raise refusal(
            _("Diga qué datos faltan en %(least)s a %(most)s caracteres."),
            "what_length",
            "what",
            least=rules.WHAT_MIN,
            most=rules.WHAT_MAX,
        )
    if dataset and dataset_get(dataset) is None:
        raise refusal(_("No hay un conjunto de datos con esa clave."), "dataset")
    if page and not rules.page_valid(page):
        raise refusal(_("La página debe ser una de este sitio."), "page")
    return DataRequest.objects.create(
        what=what,
        dataset=dataset,
        page=page,
        agency=agency,
        contact_email=email.strip().lower(),
        language=language[:10],
        is_demo=is_demo,
    )


@service
def data_request_answer(
    *,
    request: DataRequest,
    outcome: str,
    answer: str,
    answer_url: str = "",
    actor: Actor,
) -> DataRequest:
    """Answer (or decline) an open request, and tell the requester if they asked.

    Staff who validate the asked agency's data answer; a request naming no
    agency is answered by an administrator.
    """
    require(actor, Action.VALIDATE, request.permission_scope())
    request = DataRequest.objects.select_for_update().get(pk=request.pk)
    if not rules.answer_allowed(request.status, outcome):
        raise refusal(_("Esta petición ya fue respondida."), "already_answered")
    answer = answer.strip()
    if not rules.ANSWER_MIN <= len(answer) <= rules.ANSWER_MAX:
        raise refusal(
            _("La respuesta va de %(least)s a %(most)s caracteres."),
            "answer_length",
            "answer",
            least=rules.ANSWER_MIN,
            most=rules.ANSWER_MAX,
        )
    request.status = RequestStatus(outcome)
    request.answer, request.answer_url = answer, answer_url.strip()
    request.answered_by = person(actor)
    request.answered_at = timezone.now()
    if request.contact_email:
        _notify(request)
        request.contact_email = ""  # kept only for this message
    request.save()
    return request


def _notify(request: DataRequest) -> None:
    """Queue the answer to the requester, in the language they asked in."""
    with translation.override(request.language):
        link = settings.RUTA_SITE_URL.rstrip("/") + reverse(
            "datarequests:detail", args=[request.pk]
        )
        subject = _("Respuesta a su petición de datos %(number)s") % {
            "number": request.pk
        }
        body = "\n\n".join(
            [
                _("Su petición: %(what)s") % {"what": request.what},
                _("Respuesta (%(status)s): %(answer)s")
                % {"status": request.get_status_display(), "answer": request.answer},
                *([request.answer_url] if request.answer_url else []),
                _("La petición y su respuesta son públicas: %(link)s") % {"link": link},
                _("Su correo se borró al enviar este mensaje; no recibirá nada más."),
            ]
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [request.contact_email])
