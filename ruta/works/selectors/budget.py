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
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

from django.db import connection

from ruta.catalog.models import Agency
from ruta.works.models import (
    BudgetModification,
    Progress,
    StatedBudget,
    Work,
    WorkPublication,
    WorksProgram,
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
_LINE, _OVERSPENT = 0, 1
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
                    SELECT sum(m.amount) FROM ({{approved}}) m WHERE m.work_id = w.id
                ), 0)) AS modified,
                coalesce(f.paid, (
                    SELECT p.amount_paid FROM {Progress._meta.db_table} p
                    WHERE p.work_id = w.id ORDER BY p.date DESC, p.id DESC LIMIT 1
                ), 0) AS paid
        ) ph
    )
    SELECT * FROM (
        SELECT {_LINE}, row_number() OVER (ORDER BY a.name, pr.name),
            a.id, a.name, pr.name, NULL::bigint, count(*), sum(approved),
            sum(modified), sum(paid), sum(overspent),
            count(*) FILTER (WHERE overspent > 0)
        FROM phases
        JOIN {Agency._meta.db_table} a ON a.id = phases.executing_agency_id
        JOIN {WorksProgram._meta.db_table} pr ON pr.id = phases.program_id
        GROUP BY a.id, a.name, pr.id, pr.name
        UNION ALL
        (SELECT {_OVERSPENT}, row_number() OVER (ORDER BY overspent DESC, public_id),
            executing_agency_id, '', '', id, 1, approved, modified, paid,
            overspent, 1
        FROM phases WHERE overspent > 0
        ORDER BY overspent DESC, public_id LIMIT %s)
    ) parts
    ORDER BY 1, 2
"""  # noqa: S608 - the models' own tables


class _Part(NamedTuple):
    """A row of ``_PHASES``: a line (agency and program) or an overspent work."""

    part: int
    place: int
    agency_id: int
    agency: str
    program: str
    work_id: int | None
    works: int
    approved: Decimal | None
    modified: Decimal | None
    paid: Decimal | None
    overspent: Decimal | None
    overspent_works: int


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
    approved, approved_params = (
        BudgetModification.objects.approved()
        .order_by()
        .values("work_id", "amount")
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        # The works' values come first in the text, then the modifications',
        # then how many overspent works.
        cursor.execute(
            _PHASES.format(works=works, approved=approved),
            [*params, *approved_params, OVERSPENT_SHOWN],
        )
        rows = [_Part(*row) for row in cursor.fetchall()]
    lines = [_line(row) for row in rows if row.part == _LINE]
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
        overspent=_overspent([row for row in rows if row.part == _OVERSPENT]),
        stated=stated,
    )


def _line(row: _Part) -> BudgetLine:
    return BudgetLine(
        agency=row.agency,
        program=row.program,
        works=row.works,
        approved=row.approved or ZERO,
        modified=row.modified or ZERO,
        paid=row.paid or ZERO,
        overspent_works=row.overspent_works,
        overspent=row.overspent or ZERO,
        agency_id=row.agency_id,
    )


def _overspent(rows: list[_Part]) -> list[WithAnnotations[Work, Phases]]:
    """Return the works of ``rows`` (most overspent first) with their phases."""
    works = (
        Work.objects.filter(pk__in=[row.work_id for row in rows])
        .select_related("executing_agency", "program")
        .only("public_id", "title", "executing_agency__name", "program__name")
        .in_bulk()
    )
    found = []
    for row in rows:
        work: Any = works[row.work_id]
        work.approved, work.modified, work.paid = row.approved, row.modified, row.paid
        work.overspent = row.overspent
        found.append(work)
    return found
