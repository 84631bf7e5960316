"""Writes on reports and observations (§4.5, §4.6, §5 A and B).

A report is submitted, observed, validated and solved by the steps of its
cycle (``ruta.grants.cycles``); submitting and observing it are taken here,
with the file and the observations they write.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited
from ruta.accounts.cycles import step_take
from ruta.accounts.permissions import Action, require
from ruta.common.refusals import refusal
from ruta.grants.cycles import REPORT
from ruta.grants.models import Observation, Report
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
    """Receive a report; a late one is received and stays marked late (§5 A).

    The organisation's step of the report's cycle (``ruta.grants.cycles``),
    with what it reports and its file, checked by its rule.
    """
    require(actor, Action.APPLY_GRANT, report.agreement)
    values: dict[str, object] = {
        "submitted_on": submitted_on,
        "spent": spent,
        "content": content.strip(),
        "file": report.file,
        "file_name": report.file_name,
    }
    if file is not None:
        accepted = file_read(file, key="grants.Report.file", field="file")
        values.update(file=accepted.as_file(), file_name=accepted.display_name)
    return step_take(REPORT, report, "submit", values=values, actor=actor)


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
    """Notify observations on a report: 5 natural days, then 3 (§5 B).

    The step of the report's cycle that observes it (a first and a second
    review, by staff who did not submit it), with the observations.
    """
    with audited(actor, "observation_notify"):
        report = step_take(REPORT, report, "observe", actor=actor)
        review_round = report.observations.count() + 1
        return Observation.objects.create(
            report=report,
            review_round=review_round,
            text=text.strip(),
            notified_on=notified_on,
            answer_due=deadlines.answer_due(notified_on, review_round),
        )


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
