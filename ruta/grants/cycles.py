"""The grants' staff cycles, declared once (``ruta.accounts.cycles``).

An application's file moves through seven kinds of record, each with its
statuses and the steps between them: the application's eligibility, the
documents of its requirements, the agreement, its disbursements, reports and
refunds, and the sanctions on it. Staff of the call's administering body
decide (validate); the organisation submits (a report, a refund's proof, an
invoice). Whoever submitted what staff decide never decides it, as
everywhere on the site, administrators included; whoever scored an
application does not approve its money either.

A step that asks for more than a reason (a date, a cause, a file) or whose
service writes more than the record (the observations of a report, the
sanction of a lapsed agreement, what a cancellation cancels and claims) is
taken on the application's file at its own address (``Step.address``), by
the grants' service; the others at the one page of steps. The application's
status follows its agreement's: signed, it is formalised; lapsed, not
formalised; cancelled, cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.actors import Actor, person
from ruta.accounts.cycles import Cycle, Step
from ruta.accounts.duties import Written
from ruta.accounts.permissions import Action
from ruta.common.refusals import refusal
from ruta.grants.models import (
    Agreement,
    AgreementStatus,
    Application,
    ApplicationDocument,
    ApplicationStatus,
    Cfdi,
    Disbursement,
    DisbursementStatus,
    DocumentStatus,
    Refund,
    RefundStatus,
    Report,
    ReportStatus,
    Sanction,
    SanctionKind,
    SanctionStatus,
)
from ruta.grants.rules.sanctions import may_approve
from ruta.grants.selectors.calls import application_scorers
from ruta.grants.selectors.execution import disbursement_hold_list

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# An eligibility decision's reason lists every requirement missing and why.
ELIGIBILITY_REASON_MAX = 20000
# §5 B: a first and a second review of a report, no third.
REVIEW_ROUNDS = 2


def application_of(record: Any) -> Application:
    """Return the application a record of its file belongs to."""
    if isinstance(record, Application):
        return record
    if isinstance(record, ApplicationDocument | Agreement):
        return record.application
    return record.agreement.application


def _back(record: Any) -> str:
    return application_of(record).get_absolute_url()


def _on_file(name: str) -> Callable[[Any], str]:
    """Return where a step on the application (or its agreement) is taken."""

    def address(record: Any) -> str:
        application = application_of(record)
        return reverse(
            f"grants:{name}", args=[application.call.code, application.folio]
        )

    return address


def _on_record(name: str) -> Callable[[Any], str]:
    """Return where a step on one record of the file is taken."""

    def address(record: Any) -> str:
        application = application_of(record)
        return reverse(
            f"grants:{name}",
            args=[application.call.code, application.folio, record.pk],
        )

    return address


# The application's eligibility (§3.4, §3.4.1): the grants' service reads
# the requirements and takes the one step they give, with their reason.


def _eligible_since(application: Application) -> list[str]:
    """The moment counts for §4.3.2: an organisation's first eligible project."""
    application.eligible_at = timezone.now()
    return ["eligible_at"]


def _eligibility(
    key: str, slug: str, label: StrPromise, target: str, done: StrPromise
) -> Step:
    return Step(
        key=key,
        slug=slug,
        label=label,
        sources=frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.OBSERVED}),
        target=target,
        action=Action.VALIDATE,
        done=done,
        reason="required",
        reason_field="status_reason",
        reason_max=ELIGIBILITY_REASON_MAX,
        separate=True,
        then=_eligible_since if target == ApplicationStatus.ELIGIBLE else None,
        address=_on_file("eligibility"),
    )


APPLICATION = Cycle(
    key="grant_application",
    slug="solicitudes-de-apoyo",
    model=Application,
    what=gettext_lazy("esta solicitud"),
    former_services=frozenset({"application_eligibility_decide"}),
    back=_back,
    steps=(
        _eligibility(
            "eligible",
            "elegible",
            gettext_lazy("Declarar elegible"),
            ApplicationStatus.ELIGIBLE,
            gettext_lazy("Solicitud elegible: cumple los requisitos de §3.4 y §3.4.1."),
        ),
        _eligibility(
            "observe",
            "con-observaciones",
            gettext_lazy("Observar requisitos subsanables"),
            ApplicationStatus.OBSERVED,
            gettext_lazy("Solicitud con observaciones por solventar."),
        ),
        _eligibility(
            "not_eligible",
            "no-elegible",
            gettext_lazy("Declarar no elegible"),
            ApplicationStatus.NOT_ELIGIBLE,
            gettext_lazy("Solicitud no elegible."),
        ),
    ),
)


# A document presented for a requirement: accepted, or rejected saying why.
DOCUMENT = Cycle(
    key="grant_document",
    slug="documentos-de-solicitudes",
    model=ApplicationDocument,
    what=gettext_lazy("este documento"),
    scope=lambda document: document.application,
    former_services=frozenset({"document_review"}),
    back=_back,
    steps=(
        Step(
            key="accept",
            slug="aceptar",
            label=gettext_lazy("Aceptar"),
            sources=frozenset({DocumentStatus.RECEIVED}),
            target=DocumentStatus.ACCEPTED,
            action=Action.VALIDATE,
            done=gettext_lazy("Documento aceptado."),
            reason="optional",
            reason_label=gettext_lazy("Observación (opcional)"),
            reason_field="note",
            separate=True,
        ),
        Step(
            key="reject",
            slug="rechazar",
            label=gettext_lazy("Rechazar"),
            sources=frozenset({DocumentStatus.RECEIVED}),
            target=DocumentStatus.REJECTED,
            action=Action.VALIDATE,
            done=gettext_lazy("Documento rechazado."),
            reason="required",
            reason_label=gettext_lazy("Observación"),
            reason_field="note",
            separate=True,
        ),
    ),
)


# The agreement (§3.7.2-8): cited by the allocation's service, signed in 15
# natural days or lapsed, cancelled for a cause of §4.4.2 a) or §5. Staff
# alone write and decide it, so no step separates duties.


def _signed_in_time(agreement: Agreement) -> None:
    signed_on = agreement.signed_on
    if signed_on is not None and signed_on > agreement.due_on:
        raise refusal(
            _(
                "El plazo de firma venció el %(due)s (§3.7.2-8): el recurso no se "
                "libera."
            ),
            "signing_late",
            "signed_on",
            due=date_format(agreement.due_on, "DATE_FORMAT"),
        )


def _application_follows(status: str) -> Callable[[Agreement], list[str]]:
    """Return what moves the application with its agreement, with the reason."""

    def follow(agreement: Agreement) -> list[str]:
        application = agreement.application
        application.status = status
        if status == ApplicationStatus.FORMALIZED and agreement.signed_on:
            application.status_reason = _("Convenio firmado el %(date)s.") % {
                "date": date_format(agreement.signed_on, "DATE_FORMAT")
            }
        else:
            application.status_reason = agreement.status_reason
        application.save(update_fields=["status", "status_reason"])
        return []

    return follow


AGREEMENT = Cycle(
    key="grant_agreement",
    slug="convenios-de-apoyo",
    model=Agreement,
    what=gettext_lazy("este convenio"),
    back=_back,
    steps=(
        Step(
            key="sign",
            slug="firmar",
            label=gettext_lazy("Registrar firma"),
            sources=frozenset({AgreementStatus.CITED}),
            target=AgreementStatus.SIGNED,
            action=Action.VALIDATE,
            done=gettext_lazy("Firma del convenio registrada."),
            checks=(_signed_in_time,),
            then=_application_follows(ApplicationStatus.FORMALIZED),
            address=_on_file("agreement_sign"),
            fields=("signed_on",),
        ),
        Step(
            key="lapse",
            slug="no-formalizado",
            label=gettext_lazy("Marcar no formalizado (§4.3.3)"),
            sources=frozenset({AgreementStatus.CITED}),
            target=AgreementStatus.NOT_FORMALIZED,
            action=Action.VALIDATE,
            done=gettext_lazy(
                "Convenio no formalizado: su recurso se reasigna (§4.3.3)."
            ),
            reason="required",
            reason_field="status_reason",
            then=_application_follows(ApplicationStatus.NOT_FORMALIZED),
            address=_on_file("agreement_lapse"),
        ),
        Step(
            key="cancel",
            slug="cancelar",
            label=gettext_lazy("Cancelar el apoyo"),
            # As the cancellation always allowed; the file offers it once signed.
            sources=frozenset(set(AgreementStatus) - {AgreementStatus.CANCELLED}),
            target=AgreementStatus.CANCELLED,
            action=Action.VALIDATE,
            done=gettext_lazy("Apoyo cancelado."),
            reason="required",
            reason_field="status_reason",
            then=_application_follows(ApplicationStatus.CANCELLED),
            address=_on_file("agreement_cancel"),
        ),
    ),
)


# A disbursement (§4.4): invoiced by the organisation, approved when nothing
# holds it by staff who neither presented its invoice nor scored the
# application, then transferred.


def _nothing_holds(disbursement: Disbursement) -> None:
    holds = disbursement_hold_list(disbursement)
    if holds:
        raise refusal(
            _("No procede el pago: %(holds)s."),
            "held",
            holds=", ".join(f"§{h.section} {h.code}" for h in holds),
        )


def _not_its_scorer(disbursement: Disbursement, actor: Actor) -> None:
    """Who judges a project does not also pay it."""
    approver = person(actor)
    scorers = application_scorers(disbursement.agreement.application)
    if approver is not None and not may_approve(approver.pk, scorers):
        raise refusal(
            _("Quien calificó la solicitud no aprueba sus ministraciones."),
            "scorer_may_not_approve",
        )


DISBURSEMENT = Cycle(
    key="grant_disbursement",
    slug="ministraciones",
    model=Disbursement,
    what=gettext_lazy("la factura de esta ministración"),
    written=lambda disbursement: [
        Written(Cfdi, where={"disbursement_id": disbursement.pk})
    ],
    back=_back,
    steps=(
        Step(
            key="invoice",
            slug="facturar",
            label=gettext_lazy("Presentar CFDI"),
            sources=frozenset({DisbursementStatus.SCHEDULED}),
            target=DisbursementStatus.INVOICED,
            action=Action.APPLY_GRANT,
            done=gettext_lazy("CFDI recibido."),
            address=_on_record("disbursement_cfdi"),
        ),
        Step(
            key="approve",
            slug="aprobar",
            label=gettext_lazy("Aprobar"),
            sources=frozenset({DisbursementStatus.INVOICED}),
            target=DisbursementStatus.APPROVED,
            action=Action.VALIDATE,
            done=gettext_lazy("Ministración aprobada."),
            separate=True,
            stamps="approved",
            person_checks=(_not_its_scorer,),
            checks=(_nothing_holds,),
        ),
        Step(
            key="transfer",
            slug="transferir",
            label=gettext_lazy("Registrar transferencia"),
            sources=frozenset({DisbursementStatus.APPROVED}),
            target=DisbursementStatus.TRANSFERRED,
            action=Action.VALIDATE,
            done=gettext_lazy(
                "Transferencia registrada: el complemento de pago vence en cinco "
                "días naturales (§3.7.2-17)."
            ),
            address=_on_record("disbursement_transfer"),
            fields=("transferred_on",),
        ),
    ),
)


# A technical-financial report (§4.5, §4.6, §5): submitted by the
# organisation, validated or observed (twice at most) by staff who did not
# submit it, and validated once its observations are solved (§5 B.3).


def _spent_within_agreement(report: Report) -> None:
    spent = report.spent
    if spent is None or spent < 0 or spent > report.agreement.amount:
        raise refusal(
            _("Lo ejercido va de 0 al monto del convenio."), "spent_bounds", "spent"
        )


def _another_review_left(report: Report) -> None:
    if report.observations.count() >= REVIEW_ROUNDS:
        raise refusal(
            _(
                "Tras la segunda revisión no hay otra; proceda según §5 "
                "(cancelación, causa 10)."
            ),
            "third_round",
        )


def _observations_solved(report: Report) -> list[str]:
    report.observations.filter(resolved=False).update(resolved=True)
    return []


REPORT = Cycle(
    key="grant_report",
    slug="informes-de-proyectos",
    model=Report,
    what=gettext_lazy("este informe"),
    # The schedule that creates the reports is staff's, not writing them.
    former_services=frozenset(
        {"schedule_set", "report_accept", "observation_notify", "observation_resolve"}
    ),
    back=_back,
    steps=(
        Step(
            key="submit",
            slug="entregar",
            label=gettext_lazy("Entregar informe"),
            sources=frozenset({ReportStatus.PENDING, ReportStatus.OVERDUE}),
            target=ReportStatus.SUBMITTED,
            action=Action.APPLY_GRANT,
            done=gettext_lazy("Informe entregado."),
            checks=(_spent_within_agreement,),
            address=_on_record("report_submit"),
            fields=("submitted_on", "spent", "content", "file", "file_name"),
        ),
        Step(
            key="accept",
            slug="validar",
            label=gettext_lazy("Validar"),
            sources=frozenset({ReportStatus.SUBMITTED}),
            target=ReportStatus.ACCEPTED,
            action=Action.VALIDATE,
            done=gettext_lazy("Informe validado."),
            separate=True,
        ),
        Step(
            key="observe",
            slug="observar",
            label=gettext_lazy("Notificar observaciones"),
            sources=frozenset({ReportStatus.SUBMITTED, ReportStatus.OBSERVED}),
            target=ReportStatus.OBSERVED,
            action=Action.VALIDATE,
            done=gettext_lazy("Observaciones notificadas."),
            separate=True,
            checks=(_another_review_left,),
            address=_on_record("report_observe"),
        ),
        Step(
            key="resolve",
            slug="solventar",
            label=gettext_lazy("Solventadas"),
            sources=frozenset({ReportStatus.OBSERVED}),
            target=ReportStatus.ACCEPTED,
            action=Action.VALIDATE,
            done=gettext_lazy("Observaciones solventadas: informe validado."),
            separate=True,
            then=_observations_solved,
        ),
    ),
)


# A sanction (§4.4.2, §5): a suspension or retention in force is lifted;
# the service then releases what it held. The daily job applies them.


def _liftable(sanction: Sanction) -> None:
    if sanction.kind == SanctionKind.CANCELLATION:
        raise refusal(_("Esta sanción no está en vigor o no se levanta."), "not_active")


SANCTION = Cycle(
    key="grant_sanction",
    slug="sanciones-de-apoyos",
    model=Sanction,
    what=gettext_lazy("esta sanción"),
    back=_back,
    steps=(
        Step(
            key="lift",
            slug="levantar",
            label=gettext_lazy("Levantar"),
            sources=frozenset({SanctionStatus.IN_FORCE}),
            target=SanctionStatus.LIFTED,
            action=Action.VALIDATE,
            done=gettext_lazy("Sanción levantada."),
            checks=(_liftable,),
            address=_on_record("sanction_lift"),
            fields=("lifted_on",),
        ),
    ),
)


# A refund (§4.7, §5): the organisation records it with its proof; staff who
# did not record it confirm it, or reject the proof saying why (it is owed
# again). Claiming it (the year's unspent money, a cancellation) is staff's
# decision, not writing it.


def _paid_by_now(refund: Refund) -> None:
    if refund.paid_on is not None and refund.paid_on > timezone.localdate():
        raise refusal(
            _("La confirmación no puede ser anterior al reintegro."),
            "refund_confirm_date",
            "confirmed_on",
        )


def _confirmed_today(refund: Refund) -> list[str]:
    refund.confirmed_on = timezone.localdate()
    return ["confirmed_on"]


def _owed_again(refund: Refund) -> list[str]:
    refund.paid_on = None
    return ["paid_on"]


REFUND = Cycle(
    key="grant_refund",
    slug="reintegros",
    model=Refund,
    what=gettext_lazy("este reintegro"),
    former_services=frozenset(
        {
            "refund_confirm",
            "refund_reject",
            "unspent_refund_claim",
            "cancellation_apply",
            "grant_agreement_cancel",
        }
    ),
    back=_back,
    steps=(
        Step(
            key="pay",
            slug="registrar",
            label=gettext_lazy("Registrar reintegro"),
            sources=frozenset({RefundStatus.OWED}),
            target=RefundStatus.PAID,
            action=Action.APPLY_GRANT,
            done=gettext_lazy("Reintegro registrado: el personal lo confirma."),
            address=_on_record("refund_pay"),
            fields=("paid_on", "proof", "proof_name"),
        ),
        Step(
            key="confirm",
            slug="confirmar",
            label=gettext_lazy("Confirmar reintegro"),
            sources=frozenset({RefundStatus.PAID}),
            target=RefundStatus.CONFIRMED,
            action=Action.VALIDATE,
            done=gettext_lazy("Reintegro confirmado."),
            separate=True,
            checks=(_paid_by_now,),
            clears=("rejection_reason",),
            then=_confirmed_today,
        ),
        Step(
            key="reject",
            slug="rechazar-comprobante",
            label=gettext_lazy("Rechazar comprobante"),
            sources=frozenset({RefundStatus.PAID}),
            target=RefundStatus.OWED,
            action=Action.VALIDATE,
            done=gettext_lazy(
                "Comprobante rechazado: el reintegro se adeuda de nuevo."
            ),
            reason="required",
            reason_label=gettext_lazy("Motivo del rechazo"),
            reason_field="rejection_reason",
            separate=True,
            then=_owed_again,
        ),
    ),
)

CYCLES = (APPLICATION, DOCUMENT, AGREEMENT, DISBURSEMENT, REPORT, SANCTION, REFUND)
