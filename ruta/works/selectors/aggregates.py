"""Published works grouped by any of year, program, subprogram, region, place, source.

The figures a journalist or a dashboard asks for ("how much per municipality
in 2024, by source") without downloading every work. They are sums over the
whole table, so they are prepared once per version of the data
(``ruta.common.prepared``) and served from the cache until the data changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from ruta.common.prepared import prepared
from ruta.common.text.figures import GroupFigure
from ruta.common.text.glossary import MoneyGroup
from ruta.common.text.money import ZERO
from ruta.works.models import GROUP_STATUSES, Funding, Work, beneficiaries_sum
from ruta.works.selectors.summary import (
    funding_groups,
    summary_answers,
    work_groups,
)
from ruta.works.selectors.works import WorkFilters, work_list

# Each dimension and the column it groups by, on a work and on a funding row.
DIMENSIONS: dict[str, tuple[str, str]] = {
    "year": ("fiscal_year_id", "work__fiscal_year_id"),
    "program": ("program__code", "work__program__code"),
    "subprogram": ("subprogram__code", "work__subprogram__code"),
    "region": ("municipality__region__number", "work__municipality__region__number"),
    "municipality": ("municipality_id", "work__municipality_id"),
    "status": ("status", "work__status"),
    "agency": ("executing_agency__code", "work__executing_agency__code"),
    "source": ("", "source"),
}
MAX_DIMENSIONS = 3


@dataclass(frozen=True)
class AggregateRow:
    """One group: its keys, how many works, how much money, how many people.

    ``investment`` adds every phase, as registered; ``phases`` splits it by
    money phase (``MoneyGroup``): only the invested phase is money released.
    """

    keys: dict[str, object]
    works: int
    investment: Decimal
    beneficiaries: int | None
    phases: dict[str, GroupFigure]


def works_aggregated(by: tuple[str, ...], filters: WorkFilters) -> list[AggregateRow]:
    """Return the published works matching ``filters`` grouped ``by`` dimensions.

    Grouped by funding source, the money is that source's share and the
    beneficiaries are not given (a work's people are not split by source).
    """
    if summary_answers(filters):
        return _summarized(by, filters)
    return prepared(
        "works-aggregates-by-phase", lambda: _built(by, filters), by, filters
    )


def _summarized(by: tuple[str, ...], filters: WorkFilters) -> list[AggregateRow]:
    """Return the groups read from the summary rows (an index read at any size)."""
    columns = [name if name == "source" else DIMENSIONS[name][0] for name in by]
    if "source" in by:
        groups: QuerySet[Any] = funding_groups(filters)
        money = "amount"
        people: dict[str, Any] = {}
    else:
        groups, money = work_groups(filters), "investment"
        people = {"people": beneficiaries_sum()}
    grouped = (
        groups.values(*columns)
        .annotate(count=Sum("works"), money=Sum(money), **people)
        .annotate(**_summed_phases(money))
        .order_by(*columns)
    )
    return _rows(by, columns, grouped)


def _summed_phases(money: str) -> dict[str, Any]:
    """Return the annotations of each phase's works and money, from summary rows."""
    sums: dict[str, Any] = {}
    for phase in MoneyGroup:
        within = Q(status__in=GROUP_STATUSES[phase])
        sums[f"{phase}_count"] = Coalesce(Sum("works", filter=within), 0)
        sums[f"{phase}_money"] = Sum(money, filter=within)
    return sums


def _phase_sums(status: str, amount: str, work: str) -> dict[str, Any]:
    """Return the annotations of each phase's works and money."""
    sums: dict[str, Any] = {}
    for phase in MoneyGroup:
        within = Q(**{f"{status}__in": GROUP_STATUSES[phase]})
        sums[f"{phase}_count"] = Count(work, filter=within, distinct=True)
        sums[f"{phase}_money"] = Sum(amount, filter=within)
    return sums


def _built(by: tuple[str, ...], filters: WorkFilters) -> list[AggregateRow]:
    works = work_list(filters=filters).order_by()
    if "source" in by:
        return _by_source(by, works)
    columns = [DIMENSIONS[name][0] for name in by]
    grouped = (
        works.values(*columns)
        .annotate(
            count=Count("pk"),
            money=Sum("total_investment"),
            people=beneficiaries_sum(),
            **_phase_sums("status", "total_investment", "pk"),
        )
        .order_by(*columns)
    )
    return _rows(by, columns, grouped)


def _by_source(by: tuple[str, ...], works: QuerySet[Work]) -> list[AggregateRow]:
    columns = [DIMENSIONS[name][1] for name in by]
    grouped = (
        Funding.objects.filter(work__in=works.values("pk"), amount__gt=0)
        .values(*columns)
        .annotate(
            count=Count("work", distinct=True),
            money=Sum("amount"),
            **_phase_sums("work__status", "amount", "work"),
        )
        .order_by(*columns)
    )
    return _rows(by, columns, grouped)


def _rows(by: tuple[str, ...], columns: list[str], grouped) -> list[AggregateRow]:
    """Return the grouped values as rows; ``people`` absent means not given."""
    return [
        AggregateRow(
            keys={name: row[column] for name, column in zip(by, columns, strict=True)},
            works=row["count"],
            investment=row["money"] or ZERO,
            beneficiaries=(row["people"] or 0) if "people" in row else None,
            phases={
                phase.value: GroupFigure(
                    group=phase.value,
                    works=row[f"{phase}_count"],
                    amount=row[f"{phase}_money"] or ZERO,
                )
                for phase in MoneyGroup
            },
        )
        for row in grouped
    ]
