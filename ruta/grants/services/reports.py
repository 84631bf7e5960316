"""Writes on reports and observations (§4.5, §4.6, §5 A and B)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited
from ruta.accounts.permissions import Action, require
from ruta.common.refusals import refusal
from ruta.grants.models import Observation, Report, ReportStatus
from ruta.grants.rules import deadlines
from ruta.grants.services.files import file_read


@transaction.atomic
def report_submit(
    *,
    report: Report,
    submitted_on: date,
    spent: Decimal,
    content: str,
    file: File | None = None,
    actor: Actor,
) -> Report:
    """Receive a report; a late one is received and stays marked late (§5 A)."""
    require(actor, Action.APPLY_GRANT, report.agreement)
    if report.status not in (ReportStatus.PENDING, ReportStatus.OVERDUE):
        raise refusal(_("Este informe ya se entregó."), "report_submitted")
    if spent < 0 or spent > report.agreement.amount:
        raise refusal(
            _("Lo ejercido va de 0 al monto del convenio."), "spent_bounds", "spent"
        )
    report.submitted_on = submitted_on
    report.spent = spent
    report.content = content.strip()
    report.status = ReportStatus.SUBMITTED
    with audited(actor, "report_submit"):
        if file is not None:
            accepted = file_read(file, key="grants.Report.file", field="file")
            report.file_name = accepted.display_name
            report.file.save(accepted.stored_name, accepted.as_file(), save=False)
        report.save()
    return report


@transaction.atomic
def report_extension_request(
    *, report: Report, requested_on: date, days: int, actor: Actor
) -> Report:
    """Extend a report's deadline once, asked before it ends, ≤ 5 days (§5 A.1–2).

    Asking suspends the next month's disbursement (§5 A.1): the daily job
    holds it while the extension runs.
    """
    require(actor, Action.APPLY_GRANT, report.agreement)
    if report.extended_until is not None:
        raise refusal(
            _("Ya se concedió una prórroga; no se otorga otra (§5 A.2)."),
            "extension_used",
        )
    try:
        until = deadlines.report_extension_until(report.due_on, requested_on, days)
    except ValueError:
        raise refusal(
            _(
                "La prórroga se pide antes de que venza el plazo y es de 1 a 5 días "
                "naturales (§5 A.1)."
            ),
            "extension_bounds",
            "days",
        ) from None
    report.extended_until = until
    with audited(actor, "report_extension_request"):
        report.save(update_fields=["extended_until"])
    return report


@transaction.atomic
def observation_notify(
    *, report: Report, text: str, notified_on: date, actor: Actor
) -> Observation:
    """Notify observations on a report: 5 natural days, then 3 (§5 B)."""
    require(actor, Action.VALIDATE, report.agreement)
    if report.status not in (ReportStatus.SUBMITTED, ReportStatus.OBSERVED):
        raise refusal(_("Solo se observan informes entregados."), "not_submitted")
    review_round = report.observations.count() + 1
    if review_round > 2:  # §5 B: a first and a second review
        raise refusal(
            _(
                "Tras la segunda revisión no hay otra; proceda según §5 "
                "(cancelación, causa 10)."
            ),
            "third_round",
        )
    observation = Observation(
        report=report,
        review_round=review_round,
        text=text.strip(),
        notified_on=notified_on,
        answer_due=deadlines.answer_due(notified_on, review_round),
    )
    report.status = ReportStatus.OBSERVED
    with audited(actor, "observation_notify"):
        observation.save()
        report.save(update_fields=["status"])
    return observation


@transaction.atomic
def observation_answer(
    *, observation: Observation, answer: str, answered_on: date, actor: Actor
) -> Observation:
    """Record the organisation's answer to observations."""
    require(actor, Action.APPLY_GRANT, observation.report.agreement)
    if observation.answered_on is not None:
        raise refusal(_("Estas observaciones ya tienen respuesta."), "answered")
    if not answer.strip():
        raise refusal(
            _("Escriba la aclaración o atención."), "answer_required", "answer"
        )
    observation.answer = answer.strip()
    observation.answered_on = answered_on
    with audited(actor, "observation_answer"):
        observation.save(update_fields=["answer", "answered_on"])
    return observation


@transaction.atomic
def observation_resolve(
    *, observation: Observation, resolved: bool, actor: Actor
) -> Observation:
    """Decide, in review, whether the observations were solved (§5 B.3)."""
    require(actor, Action.VALIDATE, observation.report.agreement)
    observation.resolved = resolved
    report = observation.report
    with audited(actor, "observation_resolve"):
        observation.save(update_fields=["resolved"])
        if resolved:
            report.status = ReportStatus.ACCEPTED
            report.save(update_fields=["status"])
    return observation


@transaction.atomic
def report_accept(*, report: Report, actor: Actor) -> Report:
    """Validate a report with no observations."""
    require(actor, Action.VALIDATE, report.agreement)
    if report.status != ReportStatus.SUBMITTED:
        raise refusal(
            _("Solo se valida un informe entregado sin observaciones pendientes."),
            "not_submitted",
        )
    report.status = ReportStatus.ACCEPTED
    with audited(actor, "report_accept"):
        report.save(update_fields=["status"])
    return report
