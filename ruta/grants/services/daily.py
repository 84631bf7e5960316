"""The daily deadlines job: move statuses by their due dates and send notices.

A plain service function (``daily_run``) and a command (``ruta grants
daily``) so it can be scheduled by cron or by a background queue alike. Each
step is a rule of the Peso por Peso rules; running it twice on the same day
changes nothing more and sends nothing twice (``Notice`` is unique per
application and key).

- §3.7.2-8 / §5 table 6: an agreement not signed in 15 natural days lapses;
- §5 A: a report past its deadline (or its extension) is overdue and
  suspends the pending disbursements; §5 A.1: a requested extension holds
  the next month's disbursement while it runs;
- §5 table 1: a report still missing 30 natural days after its deadline
  cancels the support, and what was transferred is to be refunded;
- §5 cancellation 10: observations unsolved 30 natural days after the
  first notice cancel the support;
- reminders: reports due within three days, answers to observations, the
  invoice window (first five days of the month, §3.7.2-16), the payment
  complement (§3.7.2-17), refunds (§4.7).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor
from ruta.grants.models import (
    Agreement,
    AgreementStatus,
    Application,
    CfdiKind,
    Disbursement,
    DisbursementStatus,
    Notice,
    Observation,
    Refund,
    Report,
    ReportStatus,
)
from ruta.grants.rules import deadlines
from ruta.grants.services.agreements import agreement_lapse
from ruta.grants.services.sanctions import cancellation_apply, suspension_apply

REMIND_DAYS = 3


@dataclass
class DailyOutcome:
    """What the day's run changed and sent."""

    today: date
    notify: bool = True
    changes: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Return a summary for the command's output."""
        head = f"{self.today.isoformat()}: {len(self.changes)} cambios, "
        head += f"{len(self.notices)} avisos"
        return [
            head,
            *(f"  - {c}" for c in self.changes),
            *(f"  > {n}" for n in self.notices),
        ]


def daily_run(*, today: date, actor: Actor, notify: bool = True) -> DailyOutcome:
    """Run every deadline rule for ``today``; each step in its own transaction.

    The services each step calls check ``actor``'s permission record by record.
    With ``notify`` false (the demo's replay of past dates) nothing is e-mailed.
    """
    outcome = DailyOutcome(today, notify=notify)
    for step in (
        _lapse_agreements,
        _account_deadlines,
        _overdue_reports,
        _extension_holds,
        _cancel_missing_reports,
        _cancel_unsolved_observations,
        _reminders,
    ):
        with transaction.atomic():
            step(today, actor, outcome)
    return outcome


def _lapse_agreements(today: date, actor: Actor, outcome: DailyOutcome) -> None:
    for agreement in Agreement.objects.filter(
        status=AgreementStatus.CITED, due_on__lt=today
    ).select_related("application__call", "application__organization"):
        agreement_lapse(agreement=agreement, today=today, actor=actor)
        outcome.changes.append(f"{agreement}: convenio no formalizado (§3.7.2-8)")
        _notify(
            outcome,
            agreement.application,
            f"lapsed:{agreement.pk}",
            _("Convenio no formalizado: %(app)s"),
            _(
                "El convenio de la solicitud %(app)s no se firmó a más tardar el "
                "%(due)s (§3.7.2-8); el recurso no se libera y se reasignará "
                "(§4.3.3)."
            ),
            due=date_format(agreement.due_on, "DATE_FORMAT"),
        )


def _account_deadlines(today: date, actor: Actor, outcome: DailyOutcome) -> None:
    """§4.4.2 b) i, §5 table 7: no proven account by its date, no money."""
    for agreement in Agreement.objects.filter(
        status=AgreementStatus.SIGNED
    ).select_related("application__call", "bank_account"):
        account = getattr(agreement, "bank_account", None)
        days = agreement.application.call.bank_account_days
        due = (
            account.due_on
            if account
            else deadlines.bank_account_due(agreement.signed_date, days)
        )
        if (account and account.proven_on) or today <= due:
            continue
        if agreement.sanctions.filter(
            cause="no_bank_account", lifted_on__isnull=True
        ).exists():
            continue
        reason = _(
            "La cuenta bancaria única no se acreditó a más tardar el %(due)s: "
            "el recurso se retiene (§4.4.2 b) i; §5, tabla, causa 7)."
        ) % {"due": date_format(due, "DATE_FORMAT")}
        suspension_apply(
            agreement=agreement,
            cause="no_bank_account",
            reason=reason,
            today=today,
            actor=actor,
        )
        outcome.changes.append(f"{agreement}: cuenta no acreditada; recurso retenido")
        _notify(
            outcome,
            agreement.application,
            f"account:{agreement.pk}",
            _("Cuenta bancaria no acreditada: %(app)s"),
            reason,
        )


def _limit(report: Report) -> date:
    return report.extended_until or report.due_on


def _overdue_reports(today: date, actor: Actor, outcome: DailyOutcome) -> None:
    pending = Report.objects.filter(
        status=ReportStatus.PENDING, agreement__status=AgreementStatus.SIGNED
    ).select_related("agreement__application")
    for report in pending:
        if today <= _limit(report):
            continue
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.OVERDUE)
        reason = _(
            "Informe del periodo que cerró el %(end)s no entregado; vencía el "
            "%(due)s. Se suspenden las ministraciones (§5 A)."
        ) % {
            "end": date_format(report.period_end, "DATE_FORMAT"),
            "due": date_format(_limit(report), "DATE_FORMAT"),
        }
        suspension_apply(
            agreement=report.agreement,
            cause="report_late",
            reason=reason,
            today=today,
            actor=actor,
        )
        outcome.changes.append(f"{report}: vencido; ministraciones suspendidas (§5 A)")
        _notify(
            outcome,
            report.agreement.application,
            f"overdue:{report.pk}",
            _("Informe vencido: %(app)s"),
            reason,
        )


def _extension_holds(today: date, actor: Actor, outcome: DailyOutcome) -> None:
    """§5 A.1: while an extension runs, the next month's disbursement waits."""
    extended = Report.objects.filter(
        status=ReportStatus.PENDING,
        extended_until__gte=today,
        due_on__lt=today,
        agreement__status=AgreementStatus.SIGNED,
    ).select_related("agreement__application")
    for report in extended:
        until = report.extended_until
        if until is None:
            continue  # filtered on it: every report here has one
        reason = _(
            "Prórroga del informe hasta el %(until)s: la ministración del mes "
            "siguiente se suspende temporalmente (§5 A.1)."
        ) % {"until": date_format(until, "DATE_FORMAT")}
        agreement = report.agreement
        if not agreement.sanctions.filter(
            cause="report_extension", lifted_on__isnull=True
        ).exists():
            suspension_apply(
                agreement=agreement,
                cause="report_extension",
                reason=reason,
                today=today,
                actor=actor,
            )
            outcome.changes.append(f"{report}: prórroga; ministración en espera")


def _cancel_missing_reports(today: date, actor: Actor, outcome: DailyOutcome) -> None:
    for report in Report.objects.filter(
        status=ReportStatus.OVERDUE, agreement__status=AgreementStatus.SIGNED
    ).select_related("agreement__application"):
        if today <= deadlines.late_report_cancels_on(_limit(report)):
            continue
        reason = _(
            "Informe no presentado 30 días naturales después de su plazo "
            "(§5, tabla, causa 1): se cancela el apoyo y se reintegra lo "
            "ministrado."
        )
        cancellation_apply(
            agreement=report.agreement,
            cause="not_started",
            reason=reason,
            today=today,
            actor=actor,
        )
        outcome.changes.append(f"{report.agreement}: cancelado (§5 tabla 1)")
        _notify(
            outcome,
            report.agreement.application,
            f"cancel:{report.pk}",
            _("Apoyo cancelado: %(app)s"),
            reason,
        )


def _cancel_unsolved_observations(
    today: date, actor: Actor, outcome: DailyOutcome
) -> None:
    firsts = Observation.objects.filter(
        review_round=1,
        report__status=ReportStatus.OBSERVED,
        report__agreement__status=AgreementStatus.SIGNED,
    ).select_related("report__agreement__application")
    for first in firsts:
        if first.report.observations.filter(resolved=True).exists():
            continue
        if today <= deadlines.observations_cancel_on(first.notified_on):
            continue
        reason = _(
            "Observaciones sin solventar 30 días naturales después de la "
            "primera notificación (%(date)s): se cancela el apoyo (§5, "
            "causa 10)."
        ) % {"date": date_format(first.notified_on, "DATE_FORMAT")}
        agreement = first.report.agreement
        cancellation_apply(
            agreement=agreement,
            cause="observations_unresolved",
            reason=reason,
            today=today,
            actor=actor,
        )
        outcome.changes.append(f"{agreement}: cancelado (§5 causa 10)")
        _notify(
            outcome,
            agreement.application,
            f"unsolved:{first.pk}",
            _("Apoyo cancelado: %(app)s"),
            reason,
        )


def _reminders(today: date, actor: Actor, outcome: DailyOutcome) -> None:
    soon = today + timedelta(days=REMIND_DAYS)
    for report in Report.objects.filter(
        status=ReportStatus.PENDING,
        due_on__gte=today,
        due_on__lte=soon,
        agreement__status=AgreementStatus.SIGNED,
    ).select_related("agreement__application"):
        _notify(
            outcome,
            report.agreement.application,
            f"report-due:{report.pk}",
            _("Informe por vencer: %(app)s"),
            _("El informe del periodo que cierra el %(end)s vence el %(due)s."),
            end=date_format(report.period_end, "DATE_FORMAT"),
            due=date_format(report.due_on, "DATE_FORMAT"),
        )
    for observation in Observation.objects.filter(
        answered_on__isnull=True, answer_due__gte=today, answer_due__lte=soon
    ).select_related("report__agreement__application"):
        _notify(
            outcome,
            observation.report.agreement.application,
            f"answer-due:{observation.pk}",
            _("Observaciones por responder: %(app)s"),
            _("Responda las observaciones a más tardar el %(due)s (§5 B)."),
            due=date_format(observation.answer_due, "DATE_FORMAT"),
        )
    _invoice_window(today, outcome)
    _complements(today, outcome)
    for refund in Refund.objects.filter(paid_on__isnull=True, due_on__lte=soon):
        _notify(
            outcome,
            refund.agreement.application,
            f"refund:{refund.pk}",
            _("Reintegro pendiente: %(app)s"),
            _("Reintegro de %(amount)s a más tardar el %(due)s (§4.7, §5)."),
            amount=f"{refund.amount:.2f}",
            due=date_format(refund.due_on, "DATE_FORMAT"),
        )


def _invoice_window(today: date, outcome: DailyOutcome) -> None:
    """§3.7.2-16: the month's invoice in its first five natural days."""
    month = today.replace(day=1)
    for disbursement in Disbursement.objects.filter(
        month=month, status=DisbursementStatus.SCHEDULED
    ).select_related("agreement__application"):
        _notify(
            outcome,
            disbursement.agreement.application,
            f"invoice:{disbursement.pk}",
            _("Factura del mes: %(app)s"),
            _(
                "Presente el CFDI (XML y PDF) de la ministración %(n)s a más tardar "
                "el %(due)s (§3.7.2-16)."
            ),
            n=disbursement.number,
            due=date_format(deadlines.invoice_due(month), "DATE_FORMAT"),
        )


def _complements(today: date, outcome: DailyOutcome) -> None:
    """§3.7.2-17: the payment complement within five days of the transfer."""
    for disbursement in (
        Disbursement.objects.filter(status=DisbursementStatus.TRANSFERRED)
        .exclude(cfdis__kind=CfdiKind.PAYMENT)
        .select_related("agreement__application")
    ):
        due = deadlines.complement_due(disbursement.transferred_date)
        _notify(
            outcome,
            disbursement.agreement.application,
            f"complement:{disbursement.pk}",
            _("Complemento de pago: %(app)s"),
            _(
                "Presente el complemento de pago de la ministración %(n)s a más "
                "tardar el %(due)s (§3.7.2-17)."
            ),
            n=disbursement.number,
            due=date_format(due, "DATE_FORMAT"),
        )


def _notify(
    outcome: DailyOutcome,
    application: Application,
    key: str,
    subject: str,
    body: str,
    **params: object,
) -> None:
    """Send a notice once to the organisation and the coordinator."""
    if not outcome.notify:
        return
    figures = {"app": application.reference, **params}
    subject_text, body_text = subject % figures, body % figures
    try:
        with transaction.atomic():
            Notice.objects.create(
                application=application, key=key, subject=subject_text[:250]
            )
    except IntegrityError:
        return  # already sent
    recipients = sorted(
        {application.organization.contact_email, application.coordinator_email} - {""}
    )
    send_mail(subject_text, body_text, settings.DEFAULT_FROM_EMAIL, recipients)
    outcome.notices.append(f"{subject_text} → {len(recipients)}")
