"""Reads for commitments reported on the site: who reports what, what awaits review.

Reports in preparation or sent are seen only by the commitment's agency and
the plan's coordinating unit; the public pages read published ones
(``selectors``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ruta.accounts.permissions import Action, agencies_where, can
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency
from ruta.opengov.cycles import REPORT
from ruta.opengov.models import (
    ActionPlan,
    Commitment,
    CommitmentReport,
    ReportingPeriod,
)
from ruta.opengov.rules import runs_in

_NOT_STARTED = _("Sin empezar")


def periods_on_site(plan: ActionPlan) -> list[ReportingPeriod]:
    """Return the plan's periods opened on the site, newest first."""
    return list(plan.periods.filter(document=None).order_by("-as_of"))


def may_coordinate(user: Any, plan: ActionPlan) -> bool:
    """Return whether ``user`` opens periods and publishes reports of ``plan``."""
    return can(user, Action.VALIDATE, plan)


@dataclass(frozen=True)
class ReportTask:
    """A commitment an agency reports for an open period, and how far it is."""

    commitment: Commitment
    period: ReportingPeriod
    report: CommitmentReport | None

    @property
    def status_label(self) -> str:
        if self.report is None:
            return str(_NOT_STARTED)
        return str(self.report.get_status_display())


def report_tasks(user: Any, plan: ActionPlan | None = None) -> list[ReportTask]:
    """Return the commitments ``user`` reports in each period opened on the site."""
    periods = ReportingPeriod.objects.filter(
        document=None, plan__retired_on__isnull=True
    ).select_related("plan")
    if plan is not None:
        periods = periods.filter(plan=plan)
    tasks = []
    for period in periods.order_by("-as_of"):
        commitments = period.plan.commitments.select_related("agency", "plan")
        reports = {
            report.commitment_id: report
            for report in CommitmentReport.objects.filter(period=period)
        }
        tasks += [
            ReportTask(commitment, period, reports.get(commitment.pk))
            for commitment in commitments.order_by("number")
            if runs_in(commitment.start_year, commitment.end_year, period.as_of.year)
            and can(user, Action.CAPTURE, commitment)
        ]
    return tasks


def reports_to_publish(
    user: Any, plan: ActionPlan | None = None
) -> list[CommitmentReport]:
    """Return the reports sent for review that ``user`` coordinates."""
    submitted = CommitmentReport.objects.filter(
        REPORT.in_step("publish")
    ).select_related("commitment__plan", "period")
    if plan is not None:
        submitted = submitted.filter(commitment__plan=plan)
    return REPORT.awaiting(user, "publish", submitted.order_by("submitted_at", "pk"))


def plan_reported(plan: ActionPlan) -> bool:
    """Return whether any report of the plan's commitments exists (it is then
    retired, not removed)."""
    return CommitmentReport.objects.filter(commitment__plan=plan).exists()


def plans_reported(user: Any) -> list[ActionPlan]:
    """Return the plans ``user`` coordinates or reports commitments of."""
    return [
        plan
        for plan in ActionPlan.objects.current()
        .prefetch_related("commitments")
        .order_by("title")
        if may_coordinate(user, plan)
        or any(can(user, Action.CAPTURE, c) for c in plan.commitments.all())
    ]


def agencies_for_plans(user: Any) -> QuerySet[Agency]:
    """Return the instance's agencies ``user`` may coordinate a new plan for."""
    agencies = instance().agencies().only("pk", "parent_id", "kind", "municipality_id")
    ids = [agency.pk for agency in agencies_where(user, Action.VALIDATE, agencies)]
    return Agency.objects.filter(pk__in=ids).order_by("name")
