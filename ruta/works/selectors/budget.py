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

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import BooleanField, Sum
from django.db.models.expressions import RawSQL

from ruta.common.fields import MoneyField
from ruta.common.text.figures import MomentFigures, moments_added
from ruta.common.text.money import ZERO
from ruta.works.models import StatedBudget, Work
from ruta.works.models.phases import phase_sql
from ruta.works.selectors.summary import work_groups

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

OVERSPENT_SHOWN = 50

# The phases are kept on each work's row and summed by the summary rows
# (``works.models.phases``): a year's lines are a sum of its groups, and its
# overspent works come, most first, from an index of them alone. Read from
# each work's latest file, modifications and progress, its first reader
# waited seconds (guarded by ``python -m bench first-reader``).
_PHASE_SUMS = ("approved", "modified", "paid", "overspent", "overspent_works")


def _phase(name: str) -> RawSQL:
    """Return phase ``name`` of the works table's row as an expression."""
    field = MoneyField()
    text = phase_sql(name, Work._meta.db_table)
    return RawSQL(text, (), output_field=field)  # noqa: S611 - the model's own text


class Phases(TypedDict):
    """The money of each phase a work the budget lists as overspent carries."""

    approved: Decimal
    modified: Decimal
    paid: Decimal
    overspent: Decimal


@dataclass(frozen=True, kw_only=True)
class BudgetLine(MomentFigures):
    """An agency's program in a year: its works and the money in each moment."""

    agency: str
    program: str
    # The executing agency's catalog id (none on the total line).
    agency_id: int | None = None


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
    lines = [_line(group) for group in _groups(year)]
    total = BudgetLine(agency="", program="", **asdict(moments_added(lines)))
    stated = list(
        StatedBudget.objects.filter(fiscal_year_id=year).select_related(
            "agency", "source_document"
        )
    )
    return BudgetView(
        year=year,
        lines=lines,
        total=total,
        overspent=_overspent(year),
        stated=stated,
    )


def _groups(year: int) -> list[dict[str, Any]]:
    """Return the published works' sums of ``year`` per agency and program."""
    groups: Any = (
        work_groups()
        .filter(fiscal_year_id=year)
        .values(
            "executing_agency_id",
            "executing_agency__name",
            "program_id",
            "program__name",
        )
        .annotate(works_count=Sum("works"), **{name: Sum(name) for name in _PHASE_SUMS})
        .order_by("executing_agency__name", "program__name")
    )
    return list(groups)


def _line(group: dict[str, Any]) -> BudgetLine:
    return BudgetLine(
        agency=group["executing_agency__name"],
        program=group["program__name"],
        works=group["works_count"],
        approved=group["approved"] or ZERO,
        modified=group["modified"] or ZERO,
        paid=group["paid"] or ZERO,
        overspent_works=group["overspent_works"],
        overspent=group["overspent"] or ZERO,
        agency_id=group["executing_agency_id"],
    )


def _overspent(year: int) -> list[WithAnnotations[Work, Phases]]:
    """Return ``year``'s published works paid above their modified, most first.

    The condition and the order are the ``work_overspent`` index's own text.
    """
    overspent = phase_sql("overspent", Work._meta.db_table)
    works: Any = (
        Work.objects.published()
        .filter(fiscal_year_id=year)
        .filter(RawSQL(f"{overspent} > 0", (), output_field=BooleanField()))  # noqa: S611
        .annotate(**{name: _phase(name) for name in Phases.__annotations__})
        .select_related("executing_agency", "program")
        .only("public_id", "title", "executing_agency__name", "program__name")
        .order_by(_phase("overspent").desc(), "public_id")
    )
    return list(works[:OVERSPENT_SHOWN])
