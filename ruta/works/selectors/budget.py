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
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from ruta.works.models import (
    BudgetModification,
    Progress,
    StatedBudget,
    Work,
    WorkPublication,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=16, decimal_places=2)
OVERSPENT_SHOWN = 50


def _latest_file(field: str) -> Subquery:
    return Subquery(
        WorkPublication.objects.filter(work=OuterRef("pk"))
        .order_by("-as_of", "-document_id")
        .values(field)[:1],
        output_field=MONEY,
    )


def _approved_modifications() -> Subquery:
    """Return what the approved budget modifications add to the work read."""
    return Subquery(
        BudgetModification.objects.approved()
        .filter(work=OuterRef("pk"))
        .order_by()
        .values("work")
        .annotate(total=Sum("amount"))
        .values("total")[:1],
        output_field=MONEY,
    )


def _latest_paid() -> Subquery:
    return Subquery(
        Progress.objects.filter(work=OuterRef("pk"))
        .order_by("-date", "-id")
        .values("amount_paid")[:1],
        output_field=MONEY,
    )


class Phases(TypedDict):
    """The money of each phase a work read by ``works_with_phases`` carries."""

    approved: Decimal
    modified: Decimal
    paid: Decimal
    overspent: Decimal


def works_with_phases(year: int) -> QuerySet[WithAnnotations[Work, Phases]]:
    """Return ``year``'s published works with their approved, modified and paid."""
    return (
        Work.objects.published()
        .filter(fiscal_year_id=year)
        .annotate(
            approved=Coalesce(_latest_file("approved"), F("total_investment")),
            modified=Coalesce(
                _latest_file("modified"),
                F("total_investment")
                + Coalesce(_approved_modifications(), Value(ZERO)),
            ),
            paid=Coalesce(_latest_file("paid"), _latest_paid(), Value(ZERO)),
        )
        .annotate(overspent=Greatest(F("paid") - F("modified"), Value(ZERO)))
    )


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
    works = works_with_phases(year)
    grouped = (
        works.order_by()
        .values("executing_agency__name", "program__name")
        .annotate(
            approved_sum=Sum("approved"),
            modified_sum=Sum("modified"),
            paid_sum=Sum("paid"),
            overspent_sum=Sum("overspent"),
            count=Count("pk"),
            overspent_count=Count("pk", filter=Q(overspent__gt=0)),
        )
        .order_by("executing_agency__name", "program__name")
    )
    lines = [
        BudgetLine(
            agency=row["executing_agency__name"],
            program=row["program__name"],
            works=row["count"],
            approved=row["approved_sum"] or ZERO,
            modified=row["modified_sum"] or ZERO,
            paid=row["paid_sum"] or ZERO,
            overspent_works=row["overspent_count"],
            overspent=row["overspent_sum"] or ZERO,
        )
        for row in grouped
    ]
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
    overspent = list(
        works.filter(overspent__gt=ZERO)
        .select_related("executing_agency", "program")
        .only("public_id", "title", "executing_agency__name", "program__name")
        .order_by("-overspent", "public_id")[:OVERSPENT_SHOWN]
    )
    stated = list(
        StatedBudget.objects.filter(fiscal_year_id=year).select_related(
            "agency", "source_document"
        )
    )
    return BudgetView(
        year=year, lines=lines, total=total, overspent=overspent, stated=stated
    )
