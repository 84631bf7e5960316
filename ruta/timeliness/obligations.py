"""Who owes which report, read from the records that exist.

One reader per kind of report (``ruta.timeliness.kinds``): a POA year owes
its four quarters, an indicator card its years and (once it reports by
quarter) its quarters, an action plan's period a report per commitment, an
agency that publishes an annual report one a year, one that publishes
budget statements one a quarter, a signed grant agreement its reports, an
evaluation's aspect to improve its attention by its committed date.
Each item carries the day it was delivered when a record keeps it: the day
staff captured or sent it on the site, or imported its document; a document
a command loaded (the demo, a bulk load) was delivered on a day no record
keeps, and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.postgres.aggregates import BoolOr
from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.accounting.models import BudgetStatement
from ruta.common.text.folding import fold
from ruta.common.text.workdays import WorkCalendar
from ruta.grants.models import AgreementStatus, Report
from ruta.indicators.models import ImprovementAspect, IndicatorCard, IndicatorResult
from ruta.opengov.models import Commitment, CommitmentReport, ReportingPeriod
from ruta.opengov.models import ReportStatus as CommitmentReportStatus
from ruta.programs.models import PlanStatus, QuarterProgress, UnitProgram, ValueStatus
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.timeliness.kinds import (
    ANNUAL_REPORT,
    BUDGET_STATEMENT,
    COMMITMENT_REPORT,
    GRANT_REPORT,
    IMPROVEMENT_ASPECT,
    INDICATOR_RESULT,
    POA_QUARTER,
    ReportKind,
)
from ruta.timeliness.rules import (
    Standing,
    days_late,
    is_due_soon,
    is_followed,
    quarter_end,
    standing,
)

AgencyIds = Collection[int] | None


@dataclass(frozen=True)
class Obligation:
    """A report one agency owes for one period, and whether it came."""

    kind: ReportKind
    key: str  # unique across kinds: the reminders' and the dataset's key
    agency_id: int
    subject: str
    year: int
    period: str
    due: date
    delivered: date | None
    undated: bool
    url: str
    is_demo: bool = False

    def standing(self, today: date) -> Standing:
        """Return how it stands on ``today``."""
        return standing(self.due, self.delivered, today, undated=self.undated)

    def days_late(self, today: date) -> int:
        """Return the days past due it came, or is still missing (0 if on time)."""
        if self.undated:
            return 0
        return days_late(self.due, self.delivered, today)

    def is_open(self) -> bool:
        """Return whether it is still to be delivered."""
        return self.delivered is None and not self.undated

    def needs_attention(self, today: date) -> bool:
        """Return whether the desk lists it: overdue, or open and due soon."""
        return self.is_open() and (today > self.due or is_due_soon(self.due, today))


Reader = Callable[[WorkCalendar, date, AgencyIds], Iterable[Obligation]]


def _local_day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def _scoped(agency_ids: AgencyIds, field: str) -> Q:
    return Q(**{f"{field}__in": list(agency_ids)}) if agency_ids is not None else Q()


def _day(day: date) -> str:
    """Return ``day`` as pages write a date ("28 de febrero de 2021")."""
    return date_format(day, "DATE_FORMAT")


def _quarter_label(year: int, quarter: int) -> str:
    return _("%(year)s, trimestre %(quarter)s") % {"year": year, "quarter": quarter}


# ---------------------------------------------------------------- POA


def poa_quarters(
    calendar: WorkCalendar, today: date, agency_ids: AgencyIds
) -> Iterator[Obligation]:
    """Return each approved POA year's quarters: due, delivered when captured."""
    years = (
        UnitProgram.objects.filter(
            _scoped(agency_ids, "executing_unit__agency_id"),
            plan_status=PlanStatus.APPROVED,
            executing_unit__agency__isnull=False,
        )
        .select_related("program", "executing_unit")
        .order_by("program__fiscal_year_id", "pk")
    )
    captured = _captured_days(years)
    for unit_program in years:
        year = unit_program.program.fiscal_year_id
        for quarter in range(1, 5):
            due = POA_QUARTER.rule.due(quarter_end(year, quarter), calendar)
            if not is_followed(due, today):
                break
            day = captured.get((unit_program.pk, quarter))
            reported = (unit_program.reported_quarter or 0) >= quarter
            yield Obligation(
                kind=POA_QUARTER,
                key=f"{POA_QUARTER.key}:{unit_program.pk}:{quarter}",
                agency_id=unit_program.executing_unit.agency_id or 0,
                subject=_subject(unit_program),
                year=year,
                period=_quarter_label(year, quarter),
                due=due,
                delivered=day,
                undated=day is None and reported,
                url=unit_program.get_absolute_url(),
                is_demo=unit_program.is_demo,
            )


def _subject(unit_program: UnitProgram) -> str:
    return f"{unit_program.program.name} · {unit_program.executing_unit.name}"


def _captured_days(years: Iterable[UnitProgram]) -> dict[tuple[int, int], date]:
    """Return the day each year's quarter was captured whole (its last row's)."""
    rows = (
        QuarterProgress.objects.filter(
            goal__unit_program__in=years,
            captured_at__isnull=False,
            status__in=[ValueStatus.CAPTURED, ValueStatus.APPROVED],
        )
        .values("goal__unit_program_id", "quarter")
        .annotate(last=Max("captured_at"))
    )
    return {
        (row["goal__unit_program_id"], row["quarter"]): timezone.localtime(
            row["last"]
        ).date()
        for row in rows
    }


# ---------------------------------------------------------------- indicators


def indicator_results(
    calendar: WorkCalendar, today: date, agency_ids: AgencyIds
) -> Iterator[Obligation]:
    """Return each card's years to its goal, and quarters once it reports by quarter.

    A period is delivered by a result of it in any place; its day is the
    first capture of one (a result read from a document keeps no day).
    """
    cards = (
        IndicatorCard.objects.in_use()
        .filter(_scoped(agency_ids, "agency_id"))
        .order_by("agency_id", "pk")
    )
    delivered = _result_days(cards)
    for card in cards:
        yield from _card_periods(card, delivered, calendar, today)


def _result_days(
    cards: Iterable[IndicatorCard],
) -> dict[tuple[int, int, int], tuple[date | None, bool]]:
    """Return, per (card, year, quarter or 0), its first capture day and demo mark."""
    rows = (
        IndicatorResult.objects.filter(card__in=cards)
        .values("card_id", "year", "quarter")
        .annotate(first=Min("captured_at"), demo=BoolOr("is_demo"))
    )
    return {
        (row["card_id"], row["year"], row["quarter"] or 0): (
            _local_day(row["first"]),
            bool(row["demo"]),
        )
        for row in rows
    }


def _card_periods(
    card: IndicatorCard,
    delivered: dict[tuple[int, int, int], tuple[date | None, bool]],
    calendar: WorkCalendar,
    today: date,
) -> Iterator[Obligation]:
    periods = [(year, 0) for year in range(card.baseline_year + 1, card.goal_year + 1)]
    quarters = sorted(k[1:] for k in delivered if k[0] == card.pk and k[2])
    if quarters and fold(card.frequency).startswith("trimestral"):
        first_year, first_quarter = quarters[0]
        periods += [
            (year, quarter)
            for year in range(first_year, card.goal_year + 1)
            for quarter in range(1, 5)
            if (year, quarter) >= (first_year, first_quarter)
        ]
    for year, quarter in sorted(periods):
        end = quarter_end(year, quarter) if quarter else date(year, 12, 31)
        due = INDICATOR_RESULT.rule.due(end, calendar)
        if not is_followed(due, today):
            continue
        found = delivered.get((card.pk, year, quarter))
        day, demo = found if found is not None else (None, False)
        yield Obligation(
            kind=INDICATOR_RESULT,
            key=f"{INDICATOR_RESULT.key}:{card.pk}:{year}:{quarter}",
            agency_id=card.agency_id,
            subject=card.name,
            year=year,
            period=_quarter_label(year, quarter) if quarter else str(year),
            due=due,
            delivered=day,
            undated=found is not None and day is None,
            url=reverse("indicators:list"),
            is_demo=demo,
        )


# ---------------------------------------------------------------- commitments


def commitment_reports(
    calendar: WorkCalendar, today: date, agency_ids: AgencyIds
) -> Iterator[Obligation]:
    """Return a report per commitment with an agency and each period of its plan.

    A report is delivered when its agency sent it (a draft is not); one read
    from the plan's published document keeps no day.
    """
    periods = ReportingPeriod.objects.select_related("plan").order_by("as_of", "pk")
    commitments = Commitment.objects.filter(
        _scoped(agency_ids, "agency_id"), agency__isnull=False
    ).order_by("plan_id", "number")
    sent = {
        (report.commitment_id, report.period_id): report
        for report in CommitmentReport.objects.filter(commitment__in=commitments)
        .exclude(status=CommitmentReportStatus.DRAFT)
        .only("commitment_id", "period_id", "submitted_at", "is_demo")
    }
    by_plan: dict[int, list[Commitment]] = {}
    for commitment in commitments.select_related("plan"):
        by_plan.setdefault(commitment.plan_id, []).append(commitment)
    for period in periods:
        due = COMMITMENT_REPORT.rule.due(period.as_of, calendar)
        if not is_followed(due, today):
            continue
        for commitment in by_plan.get(period.plan_id, []):
            report = sent.get((commitment.pk, period.pk))
            if report is None and period.plan.retired_on is not None:
                continue  # a retired plan is no longer reported
            day = _local_day(report.submitted_at) if report else None
            yield Obligation(
                kind=COMMITMENT_REPORT,
                key=f"{COMMITMENT_REPORT.key}:{commitment.pk}:{period.pk}",
                agency_id=commitment.agency_id or 0,
                subject=commitment.name,
                year=period.as_of.year,
                period=_("al %(date)s") % {"date": _day(period.as_of)},
                due=due,
                delivered=day,
                undated=report is not None and day is None,
                url=commitment.get_absolute_url(),
                is_demo=period.is_demo or bool(report and report.is_demo),
            )


# ---------------------------------------------------------------- documents


def _document_day(document: SourceDocument) -> date | None:
    """Return the day a person imported it on the site; None when a command did."""
    if document.imported_by_id is None:
        return None
    return _local_day(document.imported_at)


def annual_reports(
    calendar: WorkCalendar, today: date, agency_ids: AgencyIds
) -> Iterator[Obligation]:
    """Return a report a year for each agency that publishes one, from its first."""
    documents = (
        SourceDocument.objects.filter(
            _scoped(agency_ids, "agency_id"),
            kind=DocumentKind.CECOP_ANNUAL_REPORT,
            agency__isnull=False,
            fiscal_year__isnull=False,
        )
        .select_related("agency")
        .order_by("agency_id", "fiscal_year_id", "imported_at")
    )
    by_agency: dict[int, dict[int, SourceDocument]] = {}
    for row in documents:
        years = by_agency.setdefault(row.agency_id or 0, {})
        years.setdefault(row.fiscal_year_id or 0, row)
    for agency_id, years in by_agency.items():
        for year in range(min(years), today.year + 1):
            due = ANNUAL_REPORT.rule.due(date(year, 12, 31), calendar)
            if not is_followed(due, today):
                continue
            document = years.get(year)
            day = _document_day(document) if document else None
            yield Obligation(
                kind=ANNUAL_REPORT,
                key=f"{ANNUAL_REPORT.key}:{agency_id}:{year}",
                agency_id=agency_id,
                subject=str(ANNUAL_REPORT.label),
                year=year,
                period=str(year),
                due=due,
                delivered=day,
                undated=document is not None and day is None,
                url=_annual_url(document, year),
                is_demo=bool(document and document.is_demo),
            )


def _annual_url(document: SourceDocument | None, year: int) -> str:
    if document is None or document.agency is None:
        return reverse("reports:index")
    return reverse("reports:annual", args=[document.agency.code, year])


def budget_statements(
    calendar: WorkCalendar, today: date, agency_ids: AgencyIds
) -> Iterator[Obligation]:
    """Return a statement a quarter for each agency that publishes them.

    A quarter is delivered by the first statement with figures to its close
    or later in the same year (the statements are cumulative).
    """
    statements = (
        BudgetStatement.objects.filter(_scoped(agency_ids, "agency_id"))
        .select_related("source_document")
        .order_by("agency_id", "as_of", "pk")
    )
    by_agency: dict[int, list[BudgetStatement]] = {}
    for statement in statements:
        by_agency.setdefault(statement.agency_id, []).append(statement)
    for agency_id, rows in by_agency.items():
        for year in range(rows[0].fiscal_year_id, today.year + 1):
            yield from _statement_quarters(agency_id, year, rows, calendar, today)


def _statement_quarters(
    agency_id: int,
    year: int,
    rows: list[BudgetStatement],
    calendar: WorkCalendar,
    today: date,
) -> Iterator[Obligation]:
    for quarter in range(1, 5):
        end = quarter_end(year, quarter)
        due = BUDGET_STATEMENT.rule.due(end, calendar)
        if not is_followed(due, today):
            return
        first = next(
            (s for s in rows if s.fiscal_year_id == year and s.as_of >= end), None
        )
        day = _document_day(first.source_document) if first else None
        yield Obligation(
            kind=BUDGET_STATEMENT,
            key=f"{BUDGET_STATEMENT.key}:{agency_id}:{year}:{quarter}",
            agency_id=agency_id,
            subject=str(BUDGET_STATEMENT.label),
            year=year,
            period=_quarter_label(year, quarter),
            due=due,
            delivered=day,
            undated=first is not None and day is None,
            url=reverse("portal:budget"),
            is_demo=bool(first and first.is_demo),
        )


# ---------------------------------------------------------------- grants


def grant_reports(
    calendar: WorkCalendar, today: date, agency_ids: AgencyIds
) -> Iterator[Obligation]:
    """Return the reports of the signed agreements, by the call's administering body."""
    reports = (
        Report.objects.filter(
            _scoped(agency_ids, "agreement__application__call__agency_id"),
            agreement__status__in=[AgreementStatus.SIGNED, AgreementStatus.CONCLUDED],
        )
        .select_related("agreement__application__call")
        .order_by("due_on", "pk")
    )
    for report in reports:
        due = GRANT_REPORT.rule.due(report.extended_until or report.due_on, calendar)
        if not is_followed(due, today):
            continue
        application = report.agreement.application
        yield Obligation(
            kind=GRANT_REPORT,
            key=f"{GRANT_REPORT.key}:{report.pk}",
            agency_id=application.call.agency_id,
            subject=application.reference,
            year=report.period_end.year,
            period=_("del %(start)s al %(end)s")
            % {
                "start": _day(report.period_start),
                "end": _day(report.period_end),
            },
            due=due,
            delivered=report.submitted_on,
            undated=False,
            url=application.get_absolute_url(),
            is_demo=application.is_demo,
        )


# ---------------------------------------------------------------- evaluations


def improvement_aspects(
    calendar: WorkCalendar, today: date, agency_ids: AgencyIds
) -> Iterator[Obligation]:
    """Return each evaluation's aspects, owed by the evaluated agency.

    Due on its committed date; delivered on the day its progress reached
    100 % on the site (an aspect attended with no such day kept is
    delivered without a day).
    """
    aspects = (
        ImprovementAspect.objects.filter(_scoped(agency_ids, "evaluation__agency_id"))
        .select_related("evaluation")
        .order_by("due_on", "pk")
    )
    for aspect in aspects:
        due = IMPROVEMENT_ASPECT.rule.due(aspect.due_on, calendar)
        if not is_followed(due, today):
            continue
        evaluation = aspect.evaluation
        yield Obligation(
            kind=IMPROVEMENT_ASPECT,
            key=f"{IMPROVEMENT_ASPECT.key}:{aspect.pk}",
            agency_id=evaluation.agency_id,
            subject=f"{evaluation.title}: {aspect}",
            year=due.year,
            period=_("evaluación %(year)s; área responsable: %(area)s")
            % {"year": evaluation.year, "area": aspect.responsible},
            due=due,
            delivered=aspect.attended_on if aspect.attended else None,
            undated=aspect.attended and aspect.attended_on is None,
            url=evaluation.get_absolute_url(),
        )


READERS: dict[str, Reader] = {
    POA_QUARTER.key: poa_quarters,
    INDICATOR_RESULT.key: indicator_results,
    COMMITMENT_REPORT.key: commitment_reports,
    ANNUAL_REPORT.key: annual_reports,
    BUDGET_STATEMENT.key: budget_statements,
    GRANT_REPORT.key: grant_reports,
    IMPROVEMENT_ASPECT.key: improvement_aspects,
}
