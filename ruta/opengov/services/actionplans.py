"""Writes on action plans read from their published reports.

``action_plan_report_write`` stores what one report prints as a new
reporting period of its plan, in one transaction: the plan and its
commitments are created the first time and kept after; each period adds its
own reports, activities and answers, so earlier periods stay as history.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ruta.accounts.actors import Actor, service
from ruta.accounts.permissions import Action, Scope, can, require
from ruta.catalog.models import Agency, State
from ruta.common.refusals import Refused
from ruta.opengov.models import (
    ActionPlan,
    Activity,
    ActivityStep,
    Answer,
    Commitment,
    CommitmentReport,
    QuestionnaireIndicator,
    ReportingPeriod,
)
from ruta.opengov.records import PrintedActivity, PrintedCommitment, PrintedPlan
from ruta.opengov.rules import (
    name_key,
    plan_key,
)
from ruta.sources.models import SourceDocument


@service
def action_plan_report_write(
    *,
    plan: PrintedPlan,
    as_of: date,
    document: SourceDocument | None,
    state: State | None,
    agencies: Mapping[int, Agency | None],
    actor: Actor,
) -> ReportingPeriod:
    """Store ``plan``'s report as its period of ``as_of``; refuse a second one.

    A period a demonstration document reported is taken over (``_period``).

    ``agencies`` maps each commitment's number to its catalog agency (None
    when the catalog lacks it); the actor must capture for every one, and
    only an administrator or an import may start a plan.
    """
    stored = _plan(plan, state, actor)
    period = _period(stored, as_of, document)
    for printed in plan.commitments:
        agency = agencies.get(printed.number)
        require(actor, Action.CAPTURE, Scope(agency_id=agency.pk if agency else None))
        commitment = _commitment(stored, printed, agency)
        _report(commitment, period, printed)
    return period


def _period(
    plan: ActionPlan, as_of: date, document: SourceDocument | None
) -> ReportingPeriod:
    """Return the period ``document`` reports: new, or one a demonstration held.

    A demonstration document (``SourceDocument.is_demo``) stands in for a
    published report until one reporting the same date comes: that one takes
    the period over, its reports rewritten from it, so the date is never
    reported twice. Any other period of that date refuses a second report.
    """
    held = plan.periods.filter(as_of=as_of).select_related("document").first()
    if held is None:
        return ReportingPeriod.objects.create(plan=plan, as_of=as_of, document=document)
    if held.document is None or not held.document.is_demo or held.document == document:
        raise ValidationError(
            _("El plan ya tiene un informe al %(date)s."),
            code="period_exists",
            params={"date": date_format(as_of, "DATE_FORMAT")},
        )
    held.document = document
    held.save(update_fields=["document"])
    return held


def _plan(plan: PrintedPlan, state: State | None, actor: Actor) -> ActionPlan:
    key = plan_key(plan.title)
    stored = ActionPlan.objects.filter(key=key).first()
    if stored is not None:
        return stored
    if not can(actor, Action.CAPTURE, Scope()):
        raise Refused(
            f"{actor} may not start an action plan",
            gettext_noop(
                "Solo quien administra la plataforma registra un plan de acción "
                "nuevo: pídale que importe el primer informe del plan; los "
                "siguientes puede importarlos usted."
            ),
        )
    return ActionPlan.objects.create(key=key, title=plan.title[:500], state=state)


def _commitment(
    plan: ActionPlan, printed: PrintedCommitment, agency: Agency | None
) -> Commitment:
    """Return the plan's commitment of that name, brought up to this report."""
    values = {
        "number": printed.number,
        "name": printed.name[:300],
        "agency_printed": printed.agency[:300],
        "agency": agency,
        "objective": printed.objective,
        "description": printed.description,
    }
    commitment, created = Commitment.objects.get_or_create(
        plan=plan, name_key=name_key(printed.name)[:300], defaults=values
    )
    changed = [
        name for name, value in values.items() if getattr(commitment, name) != value
    ]
    if not created and changed:
        for name in changed:
            setattr(commitment, name, values[name])
        commitment.save(update_fields=changed)
    return commitment


def _report(
    commitment: Commitment, period: ReportingPeriod, printed: PrintedCommitment
) -> CommitmentReport:
    report, created = CommitmentReport.objects.update_or_create(
        commitment=commitment,
        period=period,
        defaults={
            "progress_pct": printed.progress_pct,
            "progress_text": printed.progress_text,
            "next_step": printed.next_step,
            "evidence_links": list(printed.evidence_links),
            "section_title": printed.section_title[:300],
            "section_agency": printed.section_agency[:300],
            "line": printed.section_line,
        },
    )
    if not created:  # a demonstration's, taken over: its activities and answers go
        report.activities.all().delete()
        report.answers.all().delete()
    for position, activity in enumerate(printed.activities, 1):
        _activity(report, position, activity)
    indicators: dict[tuple[str, str], QuestionnaireIndicator] = {}
    for position, answer in enumerate(printed.answers, 1):
        pair = (answer.category[:200], answer.indicator[:300])
        if pair not in indicators:
            indicators[pair], _created = QuestionnaireIndicator.objects.get_or_create(
                category=pair[0], name=pair[1]
            )
        Answer.objects.create(
            report=report,
            indicator=indicators[pair],
            position=position,
            question=answer.question,
            text=answer.answer,
            evidence_links=list(answer.links),
            line=answer.line,
        )
    return report


def _activity(
    report: CommitmentReport, position: int, printed: PrintedActivity
) -> None:
    activity = Activity.objects.create(
        report=report,
        position=position,
        name=printed.name[:300],
        description=printed.description,
        resources=printed.resources,
    )
    ActivityStep.objects.bulk_create(
        ActivityStep(
            activity=activity,
            position=number,
            kind=step.kind,
            name=step.name[:300],
            description=step.description,
        )
        for number, step in enumerate(printed.steps, 1)
    )
