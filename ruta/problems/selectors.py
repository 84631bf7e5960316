"""Reads on problem reports: public lists and timelines, the staff queue.

Public reads never carry the reporter's contact. ``report_contacts`` gives
it to staff allowed to view personal data over the report's work, and
records each read as a ``contact_viewed`` audit event of the report, with
the reader as the event's user (every access to personal data is logged).
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from ruta.accounts.models import User
from ruta.accounts.permissions import Action, can, can_anywhere, reaches
from ruta.accounts.personal import personal_data_read_log
from ruta.common.web.guards import unstorable
from ruta.problems.models import (
    CONTACT_VIEWED,
    ApiKey,
    Category,
    PendingReport,
    PendingStatus,
    ProblemReport,
    StatusChange,
)
from ruta.problems.tokens import api_key_hash
from ruta.works.models import published_condition
from ruta.works.selectors import work_known_without

SUGGESTED = 5
SECTION_REPORTS = 10
MAX_KEY_LENGTH = 100


def categories_active() -> QuerySet[Category]:
    """Return the categories a new report may take, in their order."""
    return Category.objects.filter(is_active=True)


def reports_public(
    *,
    status: str = "",
    municipality_code: str = "",
    work_id: int | None = None,
    work_public_id: str = "",
    category_code: str = "",
) -> QuerySet[ProblemReport]:
    """Return listed reports, newest first, filtered; with what lists show."""
    reports = ProblemReport.objects.listed().select_related(
        "work", "work__municipality", "category"
    )
    if status:
        reports = reports.filter(status=status)
    if municipality_code:
        reports = reports.filter(work__municipality__code=municipality_code)
    if work_id is not None:
        reports = reports.filter(work_id=work_id)
    if work_public_id:
        reports = reports.filter(work__public_id=work_public_id)
    if category_code:
        reports = reports.filter(category__code=category_code)
    return reports.annotate(duplicate_count=Count("duplicates")).order_by(
        "-created", "-pk"
    )


def report_municipalities() -> list[tuple[str, str]]:
    """Return (code, name) of the municipalities with listed reports, by name."""
    return list(
        ProblemReport.objects.listed()
        .filter(work__municipality__isnull=False)
        .values_list("work__municipality__code", "work__municipality__name")
        .distinct()
        .order_by("work__municipality__name")
    )


def report_public(number: int) -> ProblemReport:
    """Return report ``number`` on a published work, or raise ``DoesNotExist``."""
    return (
        ProblemReport.objects.filter(published_condition("work__"))
        .select_related(
            "work",
            "work__municipality",
            "work__executing_agency",
            "category",
            "duplicate_of",
        )
        .get(pk=number)
    )


@dataclass(frozen=True)
class TimelineEntry:
    """A moment of a report's public history."""

    when: datetime
    status: str
    status_label: str
    response: str
    agency: str


def report_timeline(report: ProblemReport) -> list[TimelineEntry]:
    """Return the report's public history: filed, then each change, in order."""
    entries = [TimelineEntry(report.created, "open", _("Reportada"), "", "")]
    for change in report.changes.select_related("agency"):
        entries.append(
            TimelineEntry(
                change.created,
                change.status_to,
                change.get_status_to_display(),
                change.response,
                change.agency.name if change.agency else "",
            )
        )
    return entries


def report_suggestions(work_id: int) -> list[ProblemReport]:
    """Return recent visible reports of a work, to add to instead of repeating."""
    return list(
        reports_public(work_id=work_id)
        .filter(hidden_reason="")
        .exclude(status__in=("resolved", "rejected"))[:SUGGESTED]
    )


def work_reports_section(work: Any, request: Any) -> dict[str, Any] | None:
    """Return the work page's part on reports: their timelines and the form link."""
    if work.published_at is None:
        return None
    # A work read with its kinds of rows, known to have no report: none read.
    reports = [] if work_known_without(work, "problem_reports") else _work_reports(work)
    changes: dict[int, list[StatusChange]] = {report.pk: [] for report in reports}
    if reports:
        for change in StatusChange.objects.filter(report__in=reports).select_related(
            "agency"
        ):
            changes[change.report_id].append(change)
    return {
        "work": work,
        "reports": [(report, changes[report.pk]) for report in reports],
        "total": _listed_total(work, shown=len(reports)),
        # Signed-in staff of the work's agency get the way to answer.
        "may_moderate": can(getattr(request, "user", None), Action.CAPTURE, work),
    }


def _work_reports(work: Any) -> list[ProblemReport]:
    """Return the first ``SECTION_REPORTS`` of ``reports_public(work_id=...)``.

    Read through the work in hand (its section checked it is published):
    each report knows its work without joining the work and its
    municipality again.
    """
    return list(
        work.problem_reports.filter(duplicate_of__isnull=True)
        .select_related("category")
        .annotate(duplicate_count=Count("duplicates"))
        .order_by("-created", "-pk")[:SECTION_REPORTS]
    )


def _listed_total(work: Any, *, shown: int) -> int:
    """Return how many listed reports ``work`` has, ``shown`` of them read.

    A section short of ``SECTION_REPORTS`` already holds them all (the
    same filter): counting again would be a second query for nothing.
    """
    if shown < SECTION_REPORTS:
        return shown
    return ProblemReport.objects.listed().filter(work=work).count()


# ------------------------------------------------------------- staff


def may_moderate(user: Any, report: ProblemReport) -> bool:
    """Return whether ``user`` may answer or moderate ``report`` (agency staff)."""
    return can(user, Action.CAPTURE, report)


def may_view_contact(user: Any, report: ProblemReport) -> bool:
    """Return whether ``user`` may read the reporter's contact of ``report``."""
    return can(user, Action.VIEW_PERSONAL_DATA, report)


def may_open_queue(user: Any) -> bool:
    """Return whether to offer ``user`` the moderation queue at all."""
    return can_anywhere(user, Action.CAPTURE)


def reports_in_queue(*, user: User, status: str = "") -> list[ProblemReport]:
    """Return the reports on works within ``user``'s scope, oldest open first.

    Checked record by record with the permission rules themselves (agency
    lineages are read once per agency), so the scope has one definition.
    """
    reports = ProblemReport.objects.select_related(
        "work", "work__municipality", "category"
    ).order_by("created", "pk")
    if status:
        reports = reports.filter(status=status)
    return [report for report in reports if may_moderate(user, report)]


def report_contacts(
    *, reports: Iterable[ProblemReport], user: User, purpose: str = ""
) -> dict[int, ProblemReport]:
    """Return the reports whose contact ``user`` may read, logging each read."""
    shown = {}
    for report in reports:
        if report.has_contact and may_view_contact(user, report):
            contact_read_record(report=report, user=user, purpose=purpose)
            shown[report.pk] = report
    return shown


def contact_read_record(
    *, report: ProblemReport, user: Any, purpose: str = "", service: str = "report"
) -> None:
    """Record that ``user`` read the reporter's contact of ``report``."""
    personal_data_read_log(report, user, purpose, service, label=CONTACT_VIEWED)


# ------------------------------------------------ the audit history's view


def report_holders(events: Iterable[Any]) -> dict[str, tuple[Any, Any]]:
    """Return each report event's report, whose work's scope guards its values."""
    events = list(events)
    ids = {event.pgh_data.get("id") for event in events} - {None}
    reports = ProblemReport.objects.select_related("work").in_bulk(ids)
    holders = {}
    for event in events:
        report = reports.get(event.pgh_data.get("id"))
        if report is not None:
            holders[event.pgh_slug] = (report, report)
    return holders


def report_events_within_reach(reader: User) -> Q:
    """Return the report events a reader may list: their reports in reach."""
    reports = ProblemReport.objects.select_related("work").only(
        "pk", "work__executing_agency_id", "work__municipality_id"
    )
    return Q(pgh_data__id__in=[r.pk for r in reports if reaches(reader, r)])


def api_key_active(secret: str) -> ApiKey | None:
    """Return the unrevoked key ``secret`` is, or ``None``."""
    prefix = secret.split(".", 1)[0]
    if not secret or len(secret) > MAX_KEY_LENGTH or len(prefix) > 12:
        return None
    if unstorable(secret):  # PostgreSQL cannot compare it
        return None
    key = ApiKey.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
    if key is None or not hmac.compare_digest(key.key_hash, api_key_hash(secret)):
        return None
    return key


def api_keys() -> QuerySet[ApiKey]:
    """Return every key issued, newest first, with how many reports it filed."""
    return ApiKey.objects.annotate(filed=Count("reports"))


def pending_waiting() -> QuerySet[PendingReport]:
    """Return the civic apps' reports waiting to be placed, oldest first."""
    return PendingReport.objects.filter(status=PendingStatus.WAITING).select_related(
        "category", "api_key"
    )


def may_decline_pending(user: Any, pending: PendingReport) -> bool:
    """Return whether ``user`` may decline ``pending`` (it names no agency yet)."""
    return can(user, Action.CAPTURE, pending)


def pending_holders(events: Iterable[Any]) -> dict[str, tuple[Any, Any]]:
    """Return each kept report's event's record: only the whole instance's
    staff (administrators) may read its contact before it is placed."""
    events = list(events)
    ids = {event.pgh_data.get("id") for event in events} - {None}
    kept = PendingReport.objects.in_bulk(ids)
    return {
        event.pgh_slug: (kept[event.pgh_data["id"]], kept[event.pgh_data["id"]])
        for event in events
        if event.pgh_data.get("id") in kept
    }


def pending_events_within_reach(reader: User) -> Q:
    """Return the kept reports' events a non-administrator may list: none."""
    return Q(pk__in=[])


def pending_contact(
    *, pending: PendingReport, user: User, purpose: str = ""
) -> PendingReport | None:
    """Return ``pending`` when ``user`` may read its contact, logging the read."""
    has_contact = (
        pending.reporter_name or pending.reporter_email or pending.reporter_phone
    )
    if not has_contact or not can(user, Action.VIEW_PERSONAL_DATA, pending):
        return None
    personal_data_read_log(pending, user, purpose, label=CONTACT_VIEWED)
    return pending
