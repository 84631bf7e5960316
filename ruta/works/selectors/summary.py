"""Reads from the works' summary rows: sums that cost the same at any size.

``works.models.summary`` holds the published works' counts and money
already grouped by year, program, subprogram, agency, place and status,
kept by the database as works change. A list filtered only by those (or by
what a municipality carries: its region, its marginalisation) is read here
in a few hundred rows through an index, so the first reader after a change
pays what the second does. For a filter the groups cannot answer (words,
a funding source, an amount range, a contractor, delay) ``summary_answers``
says no, and the caller reads the works themselves, prepared once per data
version.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q, QuerySet, Sum

from ruta.common.text.glossary import MoneyGroup
from ruta.works.models import (
    APPROVED_STATUSES,
    GROUP_STATUSES,
    REALIZED_STATUSES,
    FundingSummary,
    ModificationStatus,
    WorkSummary,
    instance_condition,
)
from ruta.works.models.phases import INPUTS, PHASES, phase_sql

if TYPE_CHECKING:
    from ruta.works.selectors.works import WorkFilters

# The filters the groups answer; any other one set sends a read to the works.
SUMMARY_FILTERS = frozenset(
    {
        "year",
        "program",
        "subprogram",
        "municipality",
        "region",
        "status",
        "agency",
        "marginalization",
        "sort",  # the order of a list changes no sum
    }
)


def summary_answers(filters: WorkFilters) -> bool:
    """Return whether the summary rows answer sums over ``filters``."""
    default = type(filters)()
    return all(
        getattr(filters, item.name) == getattr(default, item.name)
        for item in fields(filters)
        if item.name not in SUMMARY_FILTERS
    )


def _published_condition() -> Q:
    return Q(published=True) & instance_condition()


def _condition(filters: WorkFilters) -> Q:
    """Return the published, covered groups matching ``filters`` (as ``work_list``)."""
    condition = _published_condition()
    if filters.year:
        condition &= Q(fiscal_year_id=filters.year)
    if filters.program:
        condition &= Q(program__code=filters.program)
    if filters.subprogram:
        condition &= Q(subprogram__code=filters.subprogram)
    if filters.municipality:
        condition &= Q(municipality_id=filters.municipality)
    if filters.region:
        condition &= Q(municipality__region=filters.region)
    if filters.status:
        condition &= Q(status=filters.status)
    if filters.agency:
        condition &= Q(executing_agency__code=filters.agency) | Q(
            executing_agency__parent__code=filters.agency
        )
    if filters.marginalization:
        condition &= Q(municipality__marginalization__grade=filters.marginalization)
    return condition


def work_groups(filters: WorkFilters | None = None) -> QuerySet[WorkSummary]:
    """Return the summary rows of the published works matching ``filters``.

    ``filters`` must be ones the summary answers (``summary_answers``).
    """
    condition = _condition(filters) if filters else _published_condition()
    return WorkSummary.objects.filter(condition).order_by()


def funding_groups(filters: WorkFilters | None = None) -> QuerySet[FundingSummary]:
    """Return the funding summary rows of the published works matching ``filters``."""
    condition = _condition(filters) if filters else _published_condition()
    return FundingSummary.objects.filter(condition).order_by()


def published_years() -> list[int]:
    """Return the years with published works the instance covers, newest first."""
    return list(
        work_groups()
        .values_list("fiscal_year_id", flat=True)
        .distinct()
        .order_by("-fiscal_year_id")
    )


def invested_years() -> list[int]:
    """Return the years with money invested in the instance's works, newest first.

    Invested as every total says it (``MoneyGroup.INVESTED``: funds
    released), in published works the instance covers; a year whose works
    are only proposed, approved or cancelled is not one of them.
    """
    return list(
        work_groups()
        .filter(status__in=GROUP_STATUSES[MoneyGroup.INVESTED])
        .values("fiscal_year_id")
        .annotate(invested=Sum("investment"))
        .filter(invested__gt=0)
        .order_by("-fiscal_year_id")
        .values_list("fiscal_year_id", flat=True)
    )


# Each work's phase inputs (``works.models.phases``) read afresh from the
# tables they come from, and as the triggers kept them on its row.
_INPUTS = ", ".join(INPUTS)
_INPUTS_FRESH = f"""
SELECT w.id, f.approved, f.modified, f.paid, coalesce(m.amount, 0), g.amount_paid
FROM works_work w
LEFT JOIN LATERAL (
    SELECT approved, modified, paid FROM works_workpublication
    WHERE work_id = w.id ORDER BY as_of DESC, document_id DESC LIMIT 1
) f ON true
LEFT JOIN LATERAL (
    SELECT sum(amount) AS amount FROM works_budgetmodification
    WHERE work_id = w.id AND status = '{ModificationStatus.APPROVED}'
) m ON true
LEFT JOIN LATERAL (
    SELECT amount_paid FROM works_progress
    WHERE work_id = w.id ORDER BY date DESC, id DESC LIMIT 1
) g ON true
"""  # noqa: S608 - the model's own constant
_INPUTS_KEPT = f"SELECT id, {_INPUTS} FROM works_work"  # noqa: S608
_PHASE_SUMS = ", ".join(
    [
        *(f"sum({phase_sql(name, 'p')})" for name in PHASES),
        f"count(*) FILTER (WHERE {phase_sql('overspent', 'p')} > 0)",
    ]
)
_WORKS_FRESH = f"""
SELECT w.fiscal_year_id, w.program_id, w.subprogram_id, w.executing_agency_id,
       w.municipality_id, w.state_id, w.status, w.is_demo,
       w.published_at IS NOT NULL, count(*), sum(w.total_investment),
       sum(w.beneficiaries), {_PHASE_SUMS},
       count(*) FILTER (WHERE w.latitude IS NULL OR w.longitude IS NULL)
FROM works_work w
JOIN (
    SELECT i.*, v.total_investment
    FROM ({_INPUTS_FRESH}) AS i (id, {_INPUTS}) JOIN works_work v ON v.id = i.id
) AS p ON p.id = w.id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
"""  # noqa: S608
_WORKS_KEPT = """
SELECT fiscal_year_id, program_id, subprogram_id, executing_agency_id,
       municipality_id, state_id, status, is_demo,
       published, works, investment, beneficiaries, approved, modified, paid,
       overspent, overspent_works, unlocated
FROM works_worksummary
"""
_FUNDING_FRESH = """
SELECT w.fiscal_year_id, w.program_id, w.subprogram_id, w.executing_agency_id,
       w.municipality_id, w.state_id, w.status, w.is_demo,
       w.published_at IS NOT NULL, m.source, sum(m.positive::int), sum(m.amount)
FROM (
    SELECT work_id, source, sum(amount) AS amount, bool_or(amount > 0) AS positive
    FROM works_funding GROUP BY 1, 2
) AS m JOIN works_work w ON w.id = m.work_id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
HAVING sum(m.positive::int) <> 0 OR sum(m.amount) <> 0
"""
_FUNDING_KEPT = """
SELECT fiscal_year_id, program_id, subprogram_id, executing_agency_id,
       municipality_id, state_id, status, is_demo,
       published, source, works, amount
FROM works_fundingsummary
"""


# Each work's marks of approval and release, from its row and its whole
# history (``WorkReached``): the statuses are the models', so a list the
# triggers spell otherwise shows as drift.
_REACHED_FRESH = """
SELECT w.id, w.fiscal_year_id, w.program_id, w.municipality_id, w.status,
       least(CASE WHEN w.status = ANY(%(approved)s)
             THEN works_reached_mark(w.as_of, w.created) END, h.approved),
       least(CASE WHEN w.status = ANY(%(released)s)
             THEN works_reached_mark(w.as_of, w.created) END, h.released)
FROM works_work w LEFT JOIN (
    SELECT pgh_obj_id,
           min(works_reached_mark(as_of, pgh_created_at))
               FILTER (WHERE status = ANY(%(approved)s)) AS approved,
           min(works_reached_mark(as_of, pgh_created_at))
               FILTER (WHERE status = ANY(%(released)s)) AS released
    FROM works_workevent GROUP BY 1
) AS h ON h.pgh_obj_id = w.id
"""
_REACHED_KEPT = """
SELECT work_id, fiscal_year_id, program_id, municipality_id, status, approved,
       released
FROM works_workreached
"""
_REACHED_SUMS_FRESH = f"""
SELECT fiscal_year_id, program_id, municipality_id, status, approved, released,
       count(*)
FROM ({_REACHED_FRESH}) AS fresh (id, fiscal_year_id, program_id, municipality_id,
                                  status, approved, released)
GROUP BY 1, 2, 3, 4, 5, 6
"""  # noqa: S608
_REACHED_SUMS_KEPT = """
SELECT fiscal_year_id, program_id, municipality_id, status, approved, released,
       works
FROM works_reachedsummary
"""


def summary_drift() -> int:
    """Return how many summary rows differ from a fresh GROUP BY of the works.

    Zero when the triggers kept every sum (and every work's marks of
    approval and release, read afresh from its history, and its budget
    phases' inputs, read afresh from its files, modifications and
    progress); a scan of every
    work, for tests and for ``ruta check``-style audits, never for pages.
    """
    statuses = {
        "approved": list(APPROVED_STATUSES),
        "released": list(REALIZED_STATUSES),
    }
    drift = 0
    with connection.cursor() as cursor:
        for fresh, kept in (
            (_INPUTS_FRESH, _INPUTS_KEPT),
            (_WORKS_FRESH, _WORKS_KEPT),
            (_FUNDING_FRESH, _FUNDING_KEPT),
            (_REACHED_FRESH, _REACHED_KEPT),
            (_REACHED_SUMS_FRESH, _REACHED_SUMS_KEPT),
        ):
            for first, second in ((fresh, kept), (kept, fresh)):
                cursor.execute(
                    f"SELECT count(*) FROM (({first}) EXCEPT ({second})) AS drift",  # noqa: S608
                    statuses,
                )
                drift += cursor.fetchone()[0]
    return drift
