"""The budget's phases per agency and program: approved, modified, paid.

A work's phases come from the latest published file that lists it (the
federal Obra Pública Abierta lists print APROBADO, MODIFICADO and EJERCIDO)
or, for works captured here, from the work itself: its total investment is
what was approved, the modified adds the budget modifications approved on
the site (``BudgetModification``), and what was paid is the cumulative
amount of its latest progress entry. Paid above modified is a finding:
money spent beyond what the modified budget allowed, or a file that
contradicts itself. The authorised budget a report states in its prose
(``StatedBudget``), for a whole agency, is shown beside the phases: no table
breaks it down by program.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import connection

from ruta.works.models import (
    BudgetModification,
    ModificationStatus,
    Progress,
    StatedBudget,
    Work,
    WorkPublication,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

ZERO = Decimal("0.00")
OVERSPENT_SHOWN = 50

# Each published work of a year with its phases, in one pass: its latest
# file read once (by the file's date, then the latest document), the
# approved modifications and the latest progress only for a work no file
# lists. Read with three subqueries a phase, the year's works were looked up
# three times each: 13.6 s for the budget page at 200,000 works of a year,
# 1.8 s in one pass. Then the lines per agency and program, and the works
# paid above their modified, most first.
_PHASES = f"""
    WITH phases AS MATERIALIZED (
        SELECT w.id, w.public_id, w.executing_agency_id, w.program_id,
            ph.approved, ph.modified, ph.paid,
            greatest(ph.paid - ph.modified, 0) AS overspent
        FROM ({{works}}) w
        LEFT JOIN LATERAL (
            SELECT f.approved, f.modified, f.paid
            FROM {WorkPublication._meta.db_table} f
            WHERE f.work_id = w.id
            ORDER BY f.as_of DESC, f.document_id DESC LIMIT 1
        ) f ON true
        CROSS JOIN LATERAL (
            SELECT coalesce(f.approved, w.total_investment) AS approved,
                coalesce(f.modified, w.total_investment + coalesce((
                    SELECT sum(m.amount) FROM {BudgetModification._meta.db_table} m
                    WHERE m.work_id = w.id AND m.status = %s
                ), 0)) AS modified,
                coalesce(f.paid, (
                    SELECT p.amount_paid FROM {Progress._meta.db_table} p
                    WHERE p.work_id = w.id ORDER BY p.date DESC, p.id DESC LIMIT 1
                ), 0) AS paid
        ) ph
    )
    (SELECT a.id, a.name, pr.name, NULL::bigint, count(*), sum(approved),
        sum(modified), sum(paid), sum(overspent),
        count(*) FILTER (WHERE overspent > 0)
    FROM phases
    JOIN catalog_agency a ON a.id = phases.executing_agency_id
    JOIN {Work._meta.get_field("program").related_model._meta.db_table} pr
        ON pr.id = phases.program_id
    GROUP BY a.id, a.name, pr.id, pr.name
    ORDER BY a.name, pr.name)
    UNION ALL
    (SELECT executing_agency_id, '', '', id, 1, approved, modified, paid, overspent, 1
    FROM phases WHERE overspent > 0
    ORDER BY overspent DESC, public_id LIMIT %s)
"""  # noqa: S608 - the models' own tables


class Phases(TypedDict):
    """The money of each phase a work the budget lists as overspent carries."""

    approved: Decimal
    modified: Decimal
    paid: Decimal
    overspent: Decimal


@dataclass(frozen=True)
class BudgetLine:
    """An agency's program in a year: its works and the money in each phase."""

    agency: str
    program: str
    works: int
    approved: Decimal
    modified: Decimal
    paid: Decimal
    overspent_works: int
    overspent: Decimal
    # The executing agency's catalog id (none on the total line).
    agency_id: int | None = None

    @property
    def modification(self) -> Decimal:
        """Return modified minus approved: what the year's changes added or cut."""
        return self.modified - self.approved

    @property
    def unpaid(self) -> Decimal:
        """Return modified minus paid: what remains to be paid (negative: overspent)."""
        return self.modified - self.paid


@dataclass(frozen=True)
class BudgetView:
    """The year's lines, their totals and the works paid above their modified."""

    year: int
    lines: list[BudgetLine]
    total: BudgetLine
    overspent: list[WithAnnotations[Work, Phases]]
    stated: list[StatedBudget]


def budget_phases(year: int) -> BudgetView:
    """Return ``year``'s budget phases per agency and program, with the findings."""
    works, params = (
        Work.objects.published()
        .filter(fiscal_year_id=year)
        .order_by()
        .values(
            "id", "public_id", "executing_agency_id", "program_id", "total_investment"
        )
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        # The works' values come first in the text, then the status, then
        # how many overspent works.
        cursor.execute(
            _PHASES.format(works=works),
            [*params, ModificationStatus.APPROVED, OVERSPENT_SHOWN],
        )
        rows = cursor.fetchall()
    lines = [_line(row) for row in rows if row[3] is None]
    total = BudgetLine(
        agency="",
        program="",
        works=sum(line.works for line in lines),
        approved=sum((line.approved for line in lines), ZERO),
        modified=sum((line.modified for line in lines), ZERO),
        paid=sum((line.paid for line in lines), ZERO),
        overspent_works=sum(line.overspent_works for line in lines),
        overspent=sum((line.overspent for line in lines), ZERO),
    )
    stated = list(
        StatedBudget.objects.filter(fiscal_year_id=year).select_related(
            "agency", "source_document"
        )
    )
    return BudgetView(
        year=year,
        lines=lines,
        total=total,
        overspent=_overspent([row for row in rows if row[3] is not None]),
        stated=stated,
    )


def _line(row: tuple[Any, ...]) -> BudgetLine:
    agency_id, agency, program, _work, works, approved, modified, paid = row[:8]
    overspent, overspent_works = row[8:]
    return BudgetLine(
        agency=agency,
        program=program,
        works=works,
        approved=approved or ZERO,
        modified=modified or ZERO,
        paid=paid or ZERO,
        overspent_works=overspent_works,
        overspent=overspent or ZERO,
        agency_id=agency_id,
    )


def _overspent(rows: list[tuple[Any, ...]]) -> list[WithAnnotations[Work, Phases]]:
    """Return the works of ``rows`` (most overspent first) with their phases."""
    works = (
        Work.objects.filter(pk__in=[row[3] for row in rows])
        .select_related("executing_agency", "program")
        .only("public_id", "title", "executing_agency__name", "program__name")
        .in_bulk()
    )
    found = []
    for *_, work_id, _count, approved, modified, paid, overspent, _works in rows:
        work: Any = works[work_id]
        work.approved, work.modified, work.paid = approved, modified, paid
        work.overspent = overspent
        found.append(work)
    return found
