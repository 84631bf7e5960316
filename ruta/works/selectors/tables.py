"""The published tables, computed from the works and aid rows.

``works_by_subprogram`` and ``works_by_region`` give what the annual results
report prints (works count, investment by source, beneficiaries) in the
report's row order with a final total row. Only works whose funds were
released count ("obras realizadas"): proposals, approvals still waiting for
funds and cancelled works are left out, as the report leaves them out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Sum
from django.utils.translation import gettext as _

from ruta.catalog.models import Region
from ruta.common.text.money import ZERO
from ruta.common.text.search import fold
from ruta.works.models import (
    REALIZED_STATUSES,
    FundingSource,
    FundingSummary,
    Subprogram,
    WorkSummary,
)

G = TypeVar("G")


@dataclass(frozen=True)
class WorksAggregateRow:
    """One row of a works table: a subprogram, a region, or the total."""

    key: str
    label: str
    works: int
    total: Decimal
    state: Decimal
    municipality: Decimal
    community: Decimal
    federal: Decimal
    other: Decimal
    beneficiaries: int
    is_total: bool = False


def _realized(year: int, program_code: str) -> dict[str, Any]:
    """Return the condition of a program's realized works of ``year``.

    Every work the report counts, published or not, as the report does;
    applied to the summary rows, which hold them grouped already.
    """
    return {
        "fiscal_year_id": year,
        "program__code": program_code,
        "status__in": REALIZED_STATUSES,
    }


def _grouped(
    realized: dict[str, Any], group: str
) -> tuple[dict[object, dict], dict[object, dict[str, Decimal]]]:
    """Return per-group work figures and per-group amounts by funding source.

    Read from the summary rows (``works.models.summary``): a few rows per
    group whatever the number of works, so the report costs its first
    reader after a change what it costs the next.
    """
    figures = {
        row[group]: row
        for row in WorkSummary.objects.filter(**realized)
        .values(group)
        .annotate(
            count=Sum("works"),
            total=Sum("investment"),
            people=Sum("beneficiaries"),
        )
        .order_by()
    }
    amounts: dict[object, dict[str, Decimal]] = defaultdict(dict)
    for row in (
        FundingSummary.objects.filter(**realized)
        .values(group, "source")
        .annotate(amount=Sum("amount"))
        .order_by()
    ):
        amounts[row[group]][row["source"]] = row["amount"]
    return figures, amounts


def _row(key: str, label: str, figures: dict, amounts: dict) -> WorksAggregateRow:
    return WorksAggregateRow(
        key=key,
        label=label,
        works=figures["count"],
        total=figures["total"] or ZERO,
        state=amounts.get(FundingSource.STATE, ZERO),
        municipality=amounts.get(FundingSource.MUNICIPALITY, ZERO),
        community=amounts.get(FundingSource.COMMUNITY, ZERO),
        federal=amounts.get(FundingSource.FEDERAL, ZERO),
        other=amounts.get(FundingSource.OTHER, ZERO),
        beneficiaries=figures["people"] or 0,
    )


def _with_total(rows: list[WorksAggregateRow]) -> list[WorksAggregateRow]:
    def total(attribute: str, start: Any) -> Any:
        return sum((getattr(row, attribute) for row in rows), start)

    return [
        *rows,
        WorksAggregateRow(
            key="total",
            label=_("Total"),
            works=total("works", 0),
            total=total("total", ZERO),
            state=total("state", ZERO),
            municipality=total("municipality", ZERO),
            community=total("community", ZERO),
            federal=total("federal", ZERO),
            other=total("other", ZERO),
            beneficiaries=total("beneficiaries", 0),
            is_total=True,
        ),
    ]


def _table(
    realized: dict[str, Any],
    group: str,
    groups: Iterable[G],
    key_label: Callable[[G], tuple[str, str]],
) -> list[WorksAggregateRow]:
    figures, amounts = _grouped(realized, group)
    rows = []
    for item in groups:
        pk = getattr(item, "pk", item)
        if pk in figures:
            key, label = key_label(item)
            rows.append(_row(key, label, figures[pk], amounts[pk]))
    return _with_total(rows)


def works_by_subprogram(year: int, program_code: str) -> list[WorksAggregateRow]:
    """Return the realized works of a program by subprogram, in report order."""
    return _table(
        _realized(year, program_code),
        "subprogram",
        Subprogram.objects.order_by("position", "name"),
        lambda sub: (sub.code, sub.name),
    )


def works_by_region(year: int, program_code: str) -> list[WorksAggregateRow]:
    """Return the realized works of a program by plan region, alphabetically.

    The report lists regions alphabetically (Alto Golfo … Tres Ríos); works in
    a municipality with no region come last as "Sin región".
    """
    regions = sorted(Region.objects.all(), key=lambda region: fold(region.name))
    return _table(
        _realized(year, program_code),
        "municipality__region",
        [*regions, None],
        lambda region: (
            (str(region.number), region.name) if region else ("", _("Sin región"))
        ),
    )
