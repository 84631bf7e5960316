"""Reads of action plans for pages, the API and downloads.

Progress semáforos and changes between periods are derived here from the
stored reports (``rules.py``), never stored. Answers that name public
servants are withheld when ``RUTA_WITHHOLD_OFFICIAL_NAMES`` is set.
"""

from __future__ import annotations

from collections.abc import Sequence as _Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse as _reverse
from django.utils.translation import gettext_lazy as _

from ruta.common.text.search import Found, Hit, entries_found, entries_kept, words_of
from ruta.opengov.models import (
    ActionPlan,
    Activity,
    Answer,
    Commitment,
    CommitmentReport,
    DraftRegulation,
    ReportingPeriod,
    ReportStatus,
)
from ruta.opengov.rules import (
    COMPLETE,
    ON_TRACK_FROM,
    UNDERWAY_FROM,
    CommitmentStatus,
    commitment_status,
    names_officials,
)
from ruta.sources.display import FindingText, finding_text
from ruta.sources.models import DocumentFinding

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

STATUS_LABELS = {
    CommitmentStatus.DONE: _("Cumplido"),
    CommitmentStatus.GREEN: _("Avanzado"),
    CommitmentStatus.YELLOW: _("En proceso"),
    CommitmentStatus.RED: _("Rezagado"),
    CommitmentStatus.GREY: _("Sin avance declarado"),
}
# The semáforo's colour on pages; a fulfilled commitment is shown green.
STATUS_COLOURS = {
    CommitmentStatus.DONE: "green",
    CommitmentStatus.GREEN: "green",
    CommitmentStatus.YELLOW: "yellow",
    CommitmentStatus.RED: "red",
    CommitmentStatus.GREY: "grey",
}
COMMITMENT_COLUMNS = {
    "plan": "plan",
    "as_of": "fecha_informe",
    "number": "numero",
    "name": "compromiso",
    "agency": "dependencia",
    "agency_code": "clave_dependencia",
    "progress_pct": "avance_pct",
    "status": "semaforo",
    "next_step": "proximo_avance",
    "evidence_links": "evidencias",
    "demo": "demostracion",
}
ANSWER_COLUMNS = {
    "plan": "plan",
    "as_of": "fecha_informe",
    "commitment": "numero_compromiso",
    "commitment_name": "compromiso",
    "category": "categoria",
    "indicator": "indicador",
    "question": "pregunta",
    "answer": "respuesta",
    "withheld": "reservada",
    "evidence_links": "evidencias",
    "demo": "demostracion",
}


def plan_findings(plan: ActionPlan) -> list[FindingText]:
    """Return the findings of the plan's reports, in the page's language."""
    findings = DocumentFinding.objects.filter(
        document__in=plan.periods.exclude(document=None).values("document")
    ).order_by("document__imported_at", "id")
    return [finding_text(finding) for finding in findings]


def period_exists(*, key: str, as_of: date) -> bool:
    """Return whether the plan of ``key`` already has a report as of ``as_of``.

    A report a demonstration document holds does not count: the next
    document reporting that date takes its place (``action_plan_report_write``).
    """
    return (
        ReportingPeriod.objects.filter(plan__key=key, as_of=as_of)
        .exclude(document__is_demo=True)
        .exists()
    )


def names_withheld() -> bool:
    """Return whether answers naming public servants are withheld."""
    return bool(getattr(settings, "RUTA_WITHHOLD_OFFICIAL_NAMES", False))


@dataclass(frozen=True)
class AnswerView:
    """An answer as published: its text, or None when withheld."""

    category: str
    indicator: str
    question: str
    text: str | None
    evidence_links: tuple[str, ...]
    names_officials: bool
    line: int | None

    @property
    def withheld(self) -> bool:
        return self.text is None


def answer_view(answer: Answer, *, withhold: bool) -> AnswerView:
    """Return ``answer`` as pages and data show it, names withheld if asked."""
    naming = names_officials(indicator=answer.indicator.name, question=answer.question)
    hidden = withhold and naming
    return AnswerView(
        category=answer.indicator.category,
        indicator=answer.indicator.name,
        question=answer.question,
        text=None if hidden else answer.text,
        evidence_links=() if hidden else tuple(answer.evidence_links),
        names_officials=naming,
        line=answer.line,
    )


@dataclass(frozen=True)
class CommitmentSummary:
    """A commitment with its latest stated progress and its semáforo."""

    commitment: Commitment
    latest: CommitmentReport | None
    progress_pct: Decimal | None
    status: CommitmentStatus


def plans() -> QuerySet[ActionPlan]:
    """Return the plans the instance publishes (``here``) with their state,
    newest report first."""
    return ActionPlan.objects.here().select_related("state").prefetch_related("periods")


def current_plans() -> QuerySet[ActionPlan]:
    """Return the plans listed: those not retired (a retired one keeps its page)."""
    return plans().filter(retired_on__isnull=True)


def plan_by_key(key: str) -> ActionPlan | None:
    """Return the plan of ``key``, or None."""
    return plans().filter(key=key).first()


def _reports() -> QuerySet[CommitmentReport]:
    """Return the published reports (read from documents, or reviewed)."""
    return CommitmentReport.objects.published().select_related(
        "period", "period__document"
    )


def published_periods(plan: ActionPlan) -> QuerySet[ReportingPeriod]:
    """Return the plan's periods the public sees: read from a document, or with
    a published report."""
    return (
        plan.periods.filter(
            Q(document__isnull=False) | Q(reports__status=ReportStatus.PUBLISHED)
        )
        .select_related("document")
        .distinct()
        .order_by("as_of")
    )


def commitment_summaries(plan: ActionPlan) -> list[CommitmentSummary]:
    """Return the plan's commitments the instance publishes (``here``), each
    with its latest report and semáforo."""
    commitments = (
        plan.commitments.here()
        .select_related("agency")
        .prefetch_related(
            Prefetch("reports", queryset=_reports().order_by("period__as_of"))
        )
    )
    return [_summary(commitment) for commitment in commitments]


def _summary(commitment: Commitment) -> CommitmentSummary:
    reports = list(commitment.reports.all())
    latest = reports[-1] if reports else None
    pct = latest.progress_pct if latest else None
    return CommitmentSummary(commitment, latest, pct, commitment_status(pct))


@dataclass(frozen=True)
class CommitmentView:
    """A commitment's row on the plan page."""

    summary: CommitmentSummary
    label: str | StrPromise
    colour: str


def commitment_views(plan: ActionPlan) -> list[CommitmentView]:
    """Return the plan page's rows: each commitment with its semáforo label."""
    return [
        CommitmentView(
            summary, STATUS_LABELS[summary.status], STATUS_COLOURS[summary.status]
        )
        for summary in commitment_summaries(plan)
    ]


def status_legend() -> list[tuple[str, str, str]]:
    """Return the semáforo's legend: colour, label and the rule, from ``rules``."""
    return [
        ("green", str(STATUS_LABELS[CommitmentStatus.DONE]), f"{COMPLETE} %"),
        ("green", str(STATUS_LABELS[CommitmentStatus.GREEN]), f"≥ {ON_TRACK_FROM} %"),
        ("yellow", str(STATUS_LABELS[CommitmentStatus.YELLOW]), f"≥ {UNDERWAY_FROM} %"),
        ("red", str(STATUS_LABELS[CommitmentStatus.RED]), f"< {UNDERWAY_FROM} %"),
        ("grey", str(STATUS_LABELS[CommitmentStatus.GREY]), "—"),
    ]


@dataclass(frozen=True)
class ReportDetail:
    """One period's report of a commitment, ready for its page."""

    report: CommitmentReport
    activities: list[Activity]
    answers: list[AnswerView]


def report_details(commitment: Commitment) -> list[ReportDetail]:
    """Return the commitment's reports, newest first, with activities and answers."""
    reports = _reports().filter(commitment=commitment).order_by("-period__as_of")
    return [ReportDetail(report, *report_detail(report)) for report in reports]


@dataclass(frozen=True)
class TimelinePoint:
    """A commitment's progress in one period and its change from the last."""

    as_of: date
    progress_pct: Decimal | None
    change: Decimal | None
    document_name: str
    on_site: bool = False
    is_demo: bool = False


def commitment_by_number(plan: ActionPlan, number: int) -> Commitment | None:
    """Return the plan's commitment ``number``, or None."""
    return (
        plan.commitments.here()
        .select_related("agency", "plan")
        .filter(number=number)
        .first()
    )


def commitment_timeline(commitment: Commitment) -> list[TimelinePoint]:
    """Return the commitment's progress over the plan's periods, oldest first."""
    points: list[TimelinePoint] = []
    previous: Decimal | None = None
    for report in _reports().filter(commitment=commitment).order_by("period__as_of"):
        pct = report.progress_pct
        change = None if previous is None or pct is None else pct - previous
        document = report.period.document
        points.append(
            TimelinePoint(
                report.period.as_of,
                pct,
                change,
                document.name if document else "",
                on_site=document is None,
                is_demo=report.is_demo,
            )
        )
        previous = pct if pct is not None else previous
    return points


def report_detail(report: CommitmentReport) -> tuple[list[Activity], list[AnswerView]]:
    """Return a report's activities (with steps) and answers as published."""
    activities = list(report.activities.prefetch_related("steps"))
    withhold = names_withheld()
    answers = [
        answer_view(answer, withhold=withhold)
        for answer in report.answers.select_related("indicator")
    ]
    return activities, answers


def answer_rows(plan: ActionPlan | None = None) -> list[dict[str, object]]:
    """Return every answer of every period as open-data rows (names withheld if set)."""
    answers = (
        Answer.objects.filter(
            report__status=ReportStatus.PUBLISHED,
            report__commitment__in=Commitment.objects.here(),
        )
        .select_related("indicator", "report__commitment__plan", "report__period")
        .order_by(
            "report__commitment__plan",
            "report__period__as_of",
            "report__commitment__number",
            "position",
        )
    )
    if plan is not None:
        answers = answers.filter(report__commitment__plan=plan)
    withhold = names_withheld()
    rows = []
    for answer in answers:
        view = answer_view(answer, withhold=withhold)
        rows.append(
            {
                "plan": answer.report.commitment.plan.key,
                "as_of": answer.report.period.as_of.isoformat(),
                "commitment": answer.report.commitment.number,
                "commitment_name": answer.report.commitment.name,
                "category": view.category,
                "indicator": view.indicator,
                "question": view.question,
                "answer": view.text,
                "withheld": view.withheld,
                "evidence_links": list(view.evidence_links),
                "demo": answer.report.is_demo,
            }
        )
    return rows


def commitment_rows(plan: ActionPlan | None = None) -> list[dict[str, object]]:
    """Return each commitment's report of each period as open-data rows."""
    reports = (
        _reports()
        .filter(commitment__in=Commitment.objects.here())
        .select_related("commitment__plan", "commitment__agency")
        .order_by("commitment__plan", "period__as_of", "commitment__number")
    )
    if plan is not None:
        reports = reports.filter(commitment__plan=plan)
    return [
        {
            "plan": report.commitment.plan.key,
            "as_of": report.period.as_of.isoformat(),
            "number": report.commitment.number,
            "name": report.commitment.name,
            "agency": report.commitment.agency_printed,
            "agency_code": report.commitment.agency.code
            if report.commitment.agency
            else None,
            "progress_pct": None
            if report.progress_pct is None
            else float(report.progress_pct),
            "status": commitment_status(report.progress_pct).value,
            "next_step": report.next_step,
            "evidence_links": list(report.evidence_links),
            "demo": report.is_demo,
        }
        for report in reports
    ]


def commitments_search(words: _Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the published commitments whose name holds every word
    (the site search)."""
    entries = entries_kept(
        "commitments",
        lambda: Commitment.objects.here().select_related("plan", "agency"),
        ["name"],
        lambda commitment: Hit(
            title=commitment.name,
            url=commitment.get_absolute_url(),
            detail=commitment.plan.title,
        ),
    )
    return entries_found(entries, words, offset, limit)


def commitments_search_words() -> set[str]:
    """Return the words of the published commitments' names."""
    return words_of(Commitment.objects.here().values_list("name", flat=True))


def consultations_search(words: _Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the drafts put to consultation whose title or summary
    holds every word (the site search)."""
    entries = entries_kept(
        "consultations",
        lambda: DraftRegulation.objects.here().select_related("agency"),
        ["title", "summary"],
        lambda draft: Hit(
            title=draft.title,
            url=_reverse("opengov:draft", args=[draft.slug]),
            detail=draft.agency.name,
        ),
    )
    return entries_found(entries, words, offset, limit)


def consultations_search_words() -> set[str]:
    """Return the words of the consultations' titles and summaries."""
    return words_of(
        text
        for pair in DraftRegulation.objects.here().values_list("title", "summary")
        for text in pair
    )
