"""Commitments reported on the site, period by period.

The plan's coordinating unit (``ActionPlan.coordinator``, named by an
administrator) opens a reporting period. Each agency fills in, for each of
its commitments, the period's progress (a percentage and what was done),
its activities, the next step, its evidence (web addresses and documents)
and the standard questionnaire (``rules.STANDARD_QUESTIONNAIRE``), and
sends it. The coordinating unit publishes it — never the person who wrote
or sent it (``ruta.accounts.duties``) — or sends it back with its
observations. Published reports make the commitment's progress over time
(``selectors.commitment_timeline``); a period read from a published report
document stays as imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import BinaryIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, person, service
from ruta.accounts.duties import Written
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency
from ruta.common.files.uploads import file_accept, file_rule
from ruta.common.refusals import refusal
from ruta.opengov.models import (
    ActionPlan,
    Activity,
    Answer,
    Commitment,
    CommitmentReport,
    QuestionnaireIndicator,
    ReportEvidence,
    ReportingPeriod,
    ReportStatus,
)
from ruta.opengov.rules import (
    ACTIVITIES_MAX,
    LINKS_MAX,
    REPORT_TEXT_MAX,
    STANDARD_QUESTIONNAIRE,
    link_problem,
    progress_problem,
    runs_in,
)

EVIDENCE = file_rule("opengov.ReportEvidence.file")
EVIDENCE_FILES_MAX = 10
# A period speaks for a date from the year 2000 to a year ahead.
EARLIEST = date(2000, 1, 1)


@service
def action_plan_coordinator_set(
    *, plan: ActionPlan, coordinator: Agency | None, actor: Actor
) -> ActionPlan:
    """Name the unit that opens periods and publishes reports (administrators)."""
    require(actor, Action.MANAGE_CATALOG)
    plan.coordinator = coordinator
    plan.save(update_fields=["coordinator"])
    return plan


def _current(plan: ActionPlan) -> None:
    """Refuse a change to a retired plan's periods or reports."""
    if plan.retired:
        raise refusal(
            _("El plan se retiró: ya no recibe periodos ni informes."),
            "plan_retired",
        )


@service
def reporting_period_open(
    *, plan: ActionPlan, as_of: date, is_demo: bool = False, actor: Actor
) -> ReportingPeriod:
    """Open a period of the plan, dated by the day it reports to."""
    require(actor, Action.VALIDATE, plan)
    _current(plan)
    latest = timezone.localdate() + timedelta(days=366)
    if not EARLIEST <= as_of <= latest:
        raise refusal(
            _("La fecha del informe va del %(first)s al %(last)s.")
            % {
                "first": date_format(EARLIEST, "DATE_FORMAT"),
                "last": date_format(latest, "DATE_FORMAT"),
            },
            "date_out_of_bounds",
            "as_of",
        )
    if not runs_in(plan.start_year, plan.end_year, as_of.year):
        raise refusal(
            _("El plan corre de %(first)s a %(last)s: la fecha cae fuera.")
            % {"first": plan.start_year, "last": plan.end_year},
            "date_outside_plan",
            "as_of",
        )
    if plan.periods.filter(as_of=as_of).exists():
        raise refusal(
            _("El plan ya tiene un informe al %(date)s.")
            % {"date": date_format(as_of, "DATE_FORMAT")},
            "period_exists",
            "as_of",
        )
    return ReportingPeriod.objects.create(
        plan=plan, as_of=as_of, opened_by=person(actor), is_demo=is_demo
    )


@dataclass(frozen=True)
class ActivityDraft:
    """An activity of the period: what was done, how, with what."""

    name: str
    description: str = ""
    resources: str = ""


@dataclass(frozen=True)
class ReportDraft:
    """What an agency writes of one commitment for one period."""

    progress_pct: Decimal | None
    progress_text: str
    next_step: str = ""
    evidence_links: tuple[str, ...] = ()
    activities: tuple[ActivityDraft, ...] = ()
    # The standard questionnaire's answers, by indicator name.
    answers: Mapping[str, str] = field(default_factory=dict)


def _text(text: str, field_name: str) -> str:
    text = text.strip()
    if len(text) > REPORT_TEXT_MAX:
        raise refusal(
            _("Este texto admite hasta %(max)s caracteres.") % {"max": REPORT_TEXT_MAX},
            "text_too_long",
            field_name,
        )
    return text


def _links(links: Sequence[str]) -> list[str]:
    links = [link.strip() for link in links if link.strip()]
    if len(links) > LINKS_MAX:
        raise refusal(
            _("Hasta %(max)s enlaces de evidencia.") % {"max": LINKS_MAX},
            "too_many_links",
            "evidence_links",
        )
    for link in links:
        if link_problem(link):
            raise refusal(
                _("«%(link)s» no es una dirección web (https://…).")
                % {"link": link[:80]},
                "link_not_web",
                "evidence_links",
            )
    return links


def _draft_checked(draft: ReportDraft) -> None:
    if progress_problem(draft.progress_pct):
        raise refusal(
            _("El avance va de 0 a 100 %, con hasta dos decimales."),
            "progress_out_of_bounds",
            "progress_pct",
        )
    if len(draft.activities) > ACTIVITIES_MAX:
        raise refusal(
            _("Hasta %(max)s actividades por informe.") % {"max": ACTIVITIES_MAX},
            "too_many_activities",
        )
    known = {indicator for _category, indicator, _question in STANDARD_QUESTIONNAIRE}
    if set(draft.answers) - known:
        raise ValueError(f"not of the questionnaire: {set(draft.answers) - known}")


def _editable(report: CommitmentReport | None) -> None:
    if report is not None and report.status != ReportStatus.DRAFT:
        raise refusal(
            _("El informe está «%(status)s»: ya no se cambia.")
            % {"status": report.get_status_display()},
            "report_not_draft",
        )


@service
def commitment_report_save(
    *,
    commitment: Commitment,
    period: ReportingPeriod,
    draft: ReportDraft,
    is_demo: bool = False,
    actor: Actor,
) -> CommitmentReport:
    """Write (or rewrite) an agency's report of a commitment for a period."""
    require(actor, Action.CAPTURE, commitment)
    _current(commitment.plan)
    if period.plan_id != commitment.plan_id or period.document_id is not None:
        raise refusal(
            _(
                "Ese periodo no se informa en el sitio: viene de un documento "
                "publicado."
            ),
            "period_not_on_site",
        )
    if not runs_in(commitment.start_year, commitment.end_year, period.as_of.year):
        raise refusal(
            _(
                "El compromiso corre de %(first)s a %(last)s: no se informa en ese "
                "periodo."
            )
            % {"first": commitment.start_year, "last": commitment.end_year},
            "period_outside_commitment",
        )
    _draft_checked(draft)
    report = (
        CommitmentReport.objects.select_for_update()
        .filter(commitment=commitment, period=period)
        .first()
    )
    _editable(report)
    values = {
        "progress_pct": draft.progress_pct,
        "progress_text": _text(draft.progress_text, "progress_text"),
        "next_step": _text(draft.next_step, "next_step"),
        "evidence_links": _links(draft.evidence_links),
        "status": ReportStatus.DRAFT,
        "section_agency": commitment.agency_printed,
        "is_demo": is_demo,
    }
    report, _created = CommitmentReport.objects.update_or_create(
        commitment=commitment, period=period, defaults=values
    )
    _activities_write(report, draft.activities)
    _answers_write(report, draft.answers)
    return report


def _activities_write(
    report: CommitmentReport, activities: Sequence[ActivityDraft]
) -> None:
    report.activities.all().delete()
    Activity.objects.bulk_create(
        Activity(
            report=report,
            position=position,
            name=_text(activity.name, "activities")[:300],
            description=_text(activity.description, "activities"),
            resources=_text(activity.resources, "activities"),
        )
        for position, activity in enumerate(
            (a for a in activities if a.name.strip()), start=1
        )
    )


def _answers_write(report: CommitmentReport, answers: Mapping[str, str]) -> None:
    report.answers.all().delete()
    for position, (category, name, question) in enumerate(STANDARD_QUESTIONNAIRE, 1):
        text = _text(answers.get(name, ""), f"answer_{position}")
        if not text:
            continue
        indicator, _created = QuestionnaireIndicator.objects.get_or_create(
            category=category, name=name
        )
        Answer.objects.create(
            report=report,
            indicator=indicator,
            position=position,
            question=question,
            text=text,
        )


@service
def report_evidence_add(
    *, report: CommitmentReport, file: BinaryIO, name: str, actor: Actor
) -> ReportEvidence:
    """Attach a document or photo to a report in preparation (checked by its bytes)."""
    require(actor, Action.CAPTURE, report)
    _editable(report)
    if report.evidence_files.count() >= EVIDENCE_FILES_MAX:
        raise refusal(
            _("Hasta %(max)s archivos de evidencia por informe.")
            % {"max": EVIDENCE_FILES_MAX},
            "too_many_files",
            "evidence_file",
        )
    accepted = file_accept(EVIDENCE, file, name=name)
    evidence = ReportEvidence(report=report, name=accepted.display_name)
    evidence.file.save(accepted.stored_name, accepted.as_file(), save=False)
    evidence.save()
    return evidence


def report_complete(report: CommitmentReport) -> None:
    """A report is sent with its progress and the whole questionnaire answered."""
    if report.progress_pct is None and not report.progress_text:
        raise refusal(
            _("Escriba el avance del compromiso: su porcentaje o lo que se hizo."),
            "progress_missing",
            "progress_text",
        )
    answered = set(report.answers.values_list("indicator__name", flat=True))
    missing = [
        name
        for _category, name, _question in STANDARD_QUESTIONNAIRE
        if name not in answered
    ]
    if missing:
        raise refusal(
            _(
                "Conteste todo el cuestionario (escriba «No aplica» si es el caso); "
                "falta: %(missing)s."
            )
            % {"missing": "; ".join(missing)},
            "questionnaire_incomplete",
        )


def report_records(report: CommitmentReport) -> list[Written]:
    """Return every row a report is made of, those since removed included."""
    return [
        Written(CommitmentReport, [report.pk]),
        Written(Activity, where={"report_id": report.pk}),
        Written(Answer, where={"report_id": report.pk}),
        Written(ReportEvidence, where={"report_id": report.pk}),
    ]
