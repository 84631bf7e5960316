"""What an organisation must do next, with its date: the dashboards' rows.

Each kind of duty is declared once (``DUE_KINDS``): what it is, under which
section of the rules, and what to do about it; the staff's and the
organisation's dashboards both read it. Besides the execution's deadlines
(agreements, bank account, reports, observations, invoices, refunds, read in
``pages.dashboard``), an application still open to completion owes the
documents of §3.4 it has not presented (or had rejected) before its call
closes (§4.2) — the rows a dashboard left out when it said "Nada pendiente"
to an organisation missing most of its requirements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from ruta.grants.models import Application, ApplicationStatus, DocumentStatus
from ruta.grants.rules.requirements import UPLOADED, Requirement

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Applications whose documents may still be completed: received, or observed
# with curable requirements (§4.3).
COMPLETING = (ApplicationStatus.SUBMITTED, ApplicationStatus.OBSERVED)
# Documents that stand for their requirement until staff decide otherwise.
PRESENTED = (DocumentStatus.RECEIVED, DocumentStatus.ACCEPTED)


@dataclass(frozen=True)
class DueKind:
    """One kind of duty: its name (with the rules' section) and what to do."""

    label: StrPromise
    todo: StrPromise


DUE_KINDS: dict[str, DueKind] = {
    "document": DueKind(
        _("Documento faltante (§3.4)"),
        _("Súbalo en la página de la solicitud, en «Documentos»."),
    ),
    "call_closes": DueKind(
        _("Cierre de la convocatoria (§4.2)"),
        _("Complete los documentos que faltan antes de esa fecha."),
    ),
    "agreement": DueKind(
        _("Firma del convenio (§3.7.2-8)"),
        _("Acuda a firmar el convenio con la instancia administradora."),
    ),
    "account": DueKind(
        _("Acreditar la cuenta bancaria (§5 tabla 7)"),
        _("Suba el alta de la cuenta y el estado de cuenta con su CLABE."),
    ),
    "report": DueKind(
        _("Informe (§4.6, §5)"),
        _("Presente el informe técnico-financiero del periodo en la solicitud."),
    ),
    "observation": DueKind(
        _("Respuesta a observaciones (§5 B)"),
        _("Responda las observaciones del informe en la solicitud."),
    ),
    "invoice": DueKind(
        _("CFDI de la ministración (§3.7.2-16)"),
        _("Suba el CFDI (XML) de la ministración del mes."),
    ),
    "refund": DueKind(
        _("Reintegro (§4.7, §5)"),
        _("Deposite el reintegro y suba el comprobante en la solicitud."),
    ),
}


@dataclass(frozen=True)
class DueItem:
    """Something due (or overdue) for an application; ``detail`` names which."""

    due_on: date
    what: str
    application: Application
    overdue: bool
    detail: str = ""

    @property
    def label(self) -> StrPromise:
        """Return what is due, with its section of the rules."""
        return DUE_KINDS[self.what].label

    @property
    def todo(self) -> StrPromise:
        """Return what the organisation does about it."""
        return DUE_KINDS[self.what].todo


def due_item(
    due_on: date, what: str, application: Application, today: date, detail: str = ""
) -> DueItem:
    """Return a duty of ``what`` kind, overdue once ``today`` passed its date."""
    return DueItem(due_on, what, application, due_on < today, detail)


def missing_requirements(application: Application) -> list[Requirement]:
    """Return the uploaded requirements of §3.4 the application lacks.

    Lacking: no document presented, or only rejected ones. 6.2 (DNIAS) only
    where it applies; the bank account (11) is asked once the project is
    approved, as the account's own duty. Reads the prefetched documents.
    """
    presented = {
        document.requirement
        for document in application.documents.all()
        if document.status in PRESENTED
    }
    return [
        requirement
        for requirement in UPLOADED
        if requirement.code not in presented
        and not requirement.when_approved
        and not (requirement.code == "6.2" and not application.dnias_applies)
    ]


def completion_due(application: Application) -> date:
    """Return the date an application's documents are owed by.

    The call's closing while it is received; once observed, the result's
    date (eligibility is settled before it, §4.3), or the closing without one.
    """
    call = application.call
    if application.status == ApplicationStatus.OBSERVED and call.result_on:
        return call.result_on
    return call.closes_on


def completion_duties(
    applications: Iterable[Application], today: date
) -> list[DueItem]:
    """Return each open application's missing documents and its call's closing."""
    items: list[DueItem] = []
    for application in applications:
        if application.status not in COMPLETING:
            continue
        missing = missing_requirements(application)
        due = completion_due(application)
        items.extend(
            due_item(
                due,
                "document",
                application,
                today,
                f"{requirement.code}. {requirement.document}",
            )
            for requirement in missing
        )
        if missing and application.call.closes_on >= today:
            items.append(
                due_item(application.call.closes_on, "call_closes", application, today)
            )
    return items
