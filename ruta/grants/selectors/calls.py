"""Reads on calls and applications: scores, requested amounts, the results."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum

from ruta.common.text.money import ZERO
from ruta.grants.models import (
    AllocationEntry,
    AllocationRun,
    Application,
    Call,
    Score,
)
from ruta.grants.reasons import reason_text
from ruta.grants.rules.scoring import application_score, reviewer_total
from ruta.sources.models import SourceDocument


def application_scores(
    applications: Iterable[Application],
) -> dict[int, Decimal | None]:
    """Return each application's score: the mean of its reviewers' totals."""
    ids = [app.pk for app in applications]
    marks: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    rows = Score.objects.filter(application_id__in=ids).values_list(
        "application_id", "reviewer_id", "criterion__number", "points"
    )
    for app_id, reviewer_id, number, points in rows:
        marks[app_id][reviewer_id][number] = points
    return {
        app_id: application_score([reviewer_total(m) for m in marks[app_id].values()])
        for app_id in ids
    }


def application_requested(applications: Iterable[Application]) -> dict[int, Decimal]:
    """Return the support each application asks for (the sum of its lines)."""
    ids = [app.pk for app in applications]
    totals = dict(
        Application.objects.filter(pk__in=ids)
        .annotate(total=Sum("budget_lines__support"))
        .values_list("pk", "total")
    )
    return {pk: totals.get(pk) or ZERO for pk in ids}


def application_scorers(application: Application) -> set[int]:
    """Return the ids of the reviewers who scored ``application``."""
    return set(
        Score.objects.filter(application=application).values_list(
            "reviewer_id", flat=True
        )
    )


def calls_public() -> QuerySet[Call]:
    """Return the published calls the instance publishes (``here``), newest
    first, with their budgets."""
    calls = Call.objects.published().here()
    return calls.select_related("agency").prefetch_related("budgets")


def call_latest_run(call: Call) -> AllocationRun | None:
    """Return the call's latest allocation run (the result in force)."""
    return call.allocation_runs.order_by("-ran_at", "-pk").first()


@dataclass(frozen=True)
class ResultRow:
    """One application of the published result: no personal data."""

    folio: int
    organization: str
    organization_rfc: str
    title: str
    scheme: str
    theme: str
    municipality: str
    requested: Decimal
    score: Decimal | None
    rank: int | None
    allocation: str
    allocation_label: str
    amount: Decimal
    status: str
    status_label: str
    reason: str
    is_demo: bool


def call_results(call: Call) -> list[ResultRow]:
    """Return the call's result (fallo): every application, its score and reason."""
    run = call_latest_run(call)
    applications = list(
        call.applications.select_related("organization", "municipality").order_by(
            "folio"
        )
    )
    requested = application_requested(applications)
    scores = application_scores(applications)
    entries = {}
    if run is not None:
        entries = {e.application_id: e for e in run.entries.all()}
    rows = []
    for app in applications:
        entry = entries.get(app.pk)
        rows.append(
            ResultRow(
                folio=app.folio,
                organization=app.organization.name,
                organization_rfc=app.organization.rfc,
                title=app.title,
                scheme=app.get_scheme_display(),
                theme=app.theme,
                municipality=app.municipality.name if app.municipality else "",
                requested=requested[app.pk],
                score=scores[app.pk],
                rank=entry.rank if entry else None,
                allocation=entry.status if entry else "",
                allocation_label=entry.status_label if entry else "",
                amount=entry.amount if entry else ZERO,
                status=app.status,
                status_label=app.get_status_display(),
                reason=_reason(app, entry, run),
                is_demo=app.is_demo,
            )
        )
    return rows


def _reason(app: Application, entry: AllocationEntry | None, run) -> str:
    if entry is None or app.status in ("not_eligible", "observed", "submitted"):
        return app.status_reason
    text = reason_text(entry.reason_code, entry.reason_params, run.shortfall)
    if app.status in ("supported", "eligible_not_supported", "eligible"):
        return text
    return f"{app.status_reason} — {text}" if app.status_reason else text


def runs_with_entries(call: Call) -> QuerySet[AllocationRun]:
    """Return the call's runs, newest first, with their entries and applications."""
    entries = AllocationEntry.objects.select_related("application").order_by(
        "application__folio"
    )
    return call.allocation_runs.order_by("-ran_at", "-pk").prefetch_related(
        Prefetch("entries", queryset=entries)
    )


@dataclass(frozen=True)
class CallRules:
    """The published rules a call is run by, as its page shows them."""

    document: SourceDocument
    findings: int  # where the rules and the platform disagree, among others
    # The most per project the rules print (§3.6 B), when it is not the call's.
    other_maximum: Decimal | None = None


def call_rules(call: Call) -> CallRules | None:
    """Return the rules of operation ``call`` is run by, or None if not named."""
    document = call.rules_document
    if document is None:
        return None
    printed = document.summary.get("max_per_project")
    maximum = Decimal(printed) if printed else None
    return CallRules(
        document=document,
        findings=document.findings.count(),
        other_maximum=maximum if maximum != call.max_per_project else None,
    )


@dataclass(frozen=True)
class ActRow:
    """One application in the dictamination act: each member's total, the
    score and the decision."""

    folio: int
    organization: str
    title: str
    member_totals: tuple[Decimal | None, ...]
    score: Decimal | None
    decision: str
    amount: Decimal


@dataclass(frozen=True)
class DictaminationAct:
    """The commission's act (§4.3): when the result was run, who scored (the
    members present, by reference), every application's scores and decision."""

    ran_at: datetime
    members: tuple[int, ...]
    rows: tuple[ActRow, ...]


def dictamination_act(call: Call) -> DictaminationAct | None:
    """Return the call's act as the latest allocation run left it; ``None``
    before the commission has decided."""
    run = call_latest_run(call)
    if run is None:
        return None
    results = call_results(call)
    by_folio = dict(call.applications.values_list("folio", "pk"))
    totals: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    rows = Score.objects.filter(application__call=call).values_list(
        "application_id", "reviewer_id", "criterion__number", "points"
    )
    for app_id, reviewer_id, number, points in rows:
        totals[app_id][reviewer_id][number] = points
    members = tuple(sorted({r for marks in totals.values() for r in marks}))
    return DictaminationAct(
        ran_at=run.ran_at,
        members=members,
        rows=tuple(
            ActRow(
                folio=row.folio,
                organization=row.organization,
                title=row.title,
                member_totals=tuple(
                    reviewer_total(totals[by_folio[row.folio]][member])
                    if member in totals[by_folio[row.folio]]
                    else None
                    for member in members
                ),
                score=row.score,
                decision=row.status_label,
                amount=row.amount,
            )
            for row in results
        ),
    )
