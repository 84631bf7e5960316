"""Reads for the works explorer: the totals of a filtered set and its download rows.

The totals and the downloads take the very queryset the list shows, so the
figures above the list, the list's count and a download's rows always agree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from ruta.catalog.instance import instance
from ruta.common.db.versioning import data_version
from ruta.common.prepared import prepared, prepared_ready
from ruta.common.text.figures import GroupFigure
from ruta.common.text.glossary import MoneyGroup
from ruta.common.text.money import ZERO
from ruta.common.web.timeouts import TookTooLong, within
from ruta.works.models import (
    GROUP_STATUSES,
    REALIZED_STATUSES,
    Contract,
    FundedAmount,
    Funding,
    FundingSource,
    SelectionTotals,
    Work,
    WorkStatus,
    beneficiaries_sum,
    group_of,
)
from ruta.works.selectors.order import RANKED_AT_MOST
from ruta.works.selectors.summary import (
    funding_groups,
    summary_answers,
    work_groups,
)
from ruta.works.selectors.works import WorkFilters, matches_first, work_list

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class SourceAmount:
    """The money one funding source puts into a set of works."""

    source: str
    label: str
    amount: Decimal
    percent: Decimal


@dataclass(frozen=True)
class WorkTotals:
    """The figures of a set of works: how many, how much, from where, for whom.

    ``invested`` is the money released, as the annual report counts it;
    ``phases`` gives it beside what is approved but not released and what was
    cancelled (never added to it). ``by_source`` and ``beneficiaries`` are
    those of the invested works. Beneficiaries of different works may be the
    same people: their sum is not a count of people. ``demo_works`` counts
    the generated demonstration works among them, which pages say.
    """

    works: int
    invested: Decimal
    invested_works: int
    beneficiaries: int
    by_source: list[SourceAmount]
    phases: list[GroupFigure]
    demo_works: int = 0

    @property
    def largest_source_amount(self) -> Decimal:
        """Return the largest source amount, the scale of a bar chart."""
        return max((row.amount for row in self.by_source), default=ZERO)

    @property
    def not_invested(self) -> list[GroupFigure]:
        """Return the money groups besides investment that hold works."""
        return [
            row for row in self.phases if row.group != MoneyGroup.INVESTED and row.works
        ]


def _share(amount: Decimal, total: Decimal) -> Decimal:
    """Return ``amount`` as a percentage of ``total``, one decimal place."""
    if not total:
        return ZERO
    return (amount * HUNDRED / total).quantize(Decimal("0.1"))


def work_totals_prepared(filters: WorkFilters) -> WorkTotals:
    """Return ``work_totals`` of the filtered list at a cost that does not grow.

    Filters the summary rows answer are summed from them (a few thousand
    rows, whatever the size of the works table: the first reader after a
    change waits that long); any other (words, a source, an amount range) is
    built from the works. Either is kept for the data version.
    """
    if summary_answers(filters):
        return prepared(
            "works-totals-summed",
            lambda: work_totals_summarized(filters),
            selection_asked(filters),
        )
    return prepared(
        "works-totals",
        lambda: work_totals(work_list(filters=filters)),
        selection_asked(filters),
    )


def selection_asked(filters: WorkFilters) -> tuple[WorkFilters, date | None]:
    """Return what a selection's sums depend on besides the data: its filters
    (not their order) and, for late works, the day (delay grows with it)."""
    return replace(filters, sort=""), timezone.localdate() if filters.late else None


# A selection the summary rows cannot answer (words, a funding source, an
# amount range, a contractor, delay) is summed from its works: within the
# page when it holds at most TOTALS_INLINE_MOST, else by the queue
# (``works.tasks``), which keeps the sums for the
# data version in ``SelectionTotals``. Its works are first counted up to
# COUNTED_MOST, within COUNT_MILLISECONDS: a filter no index serves (an
# amount range) would read the whole table to count them.
TOTALS_INLINE_MOST = 2_500
COUNTED_MOST = max(TOTALS_INLINE_MOST, RANKED_AT_MOST)
COUNT_MILLISECONDS = 100


@dataclass(frozen=True)
class TotalsPending:
    """A selection too large to sum within a page: the queue sums it.

    ``works`` is how many works it holds when counted (up to
    ``COUNTED_MOST``); ``more_than`` is ``COUNTED_MOST`` when it holds more;
    both are None when counting took longer than ``COUNT_MILLISECONDS``.
    ``queued`` says whether the sums were queued (not when too many wait).
    """

    works: int | None = None
    more_than: int | None = None
    queued: bool = False

    @property
    def counted(self) -> bool:
        return self.works is not None or self.more_than is not None

    @property
    def works_at_least(self) -> int:
        """Return a count to choose the list's order by: an uncounted
        selection is listed as a large one, by index, not by rank."""
        if self.works is not None:
            return self.works
        return COUNTED_MOST + 1


def selection_key(filters: WorkFilters) -> str:
    """Return the digest naming the sums of the works ``filters`` select."""
    asked = repr((instance().scope, selection_asked(filters)))
    return hashlib.sha256(asked.encode()).hexdigest()


def selection_totals(filters: WorkFilters) -> WorkTotals | TotalsPending:
    """Return the totals of the explorer's selection, or that the queue must sum them.

    At a page's cost at any size of the works table: from the summary rows,
    from sums kept for the data version (the cache, or ``SelectionTotals``
    as the queue wrote them), from the works when they are few; otherwise
    ``TotalsPending`` with what counting them found, and the caller queues
    the sums (``works.tasks.selection_totals_defer``).
    """
    if summary_answers(filters):
        return work_totals_prepared(filters)
    kept = selection_totals_kept(filters)
    if kept is not None:
        return kept
    counted = works_counted(filters, most=COUNTED_MOST)
    if counted is not None and counted <= TOTALS_INLINE_MOST:
        return work_totals_prepared(filters)
    if counted is None:
        return TotalsPending()
    if counted > COUNTED_MOST:
        return TotalsPending(more_than=COUNTED_MOST)
    return TotalsPending(works=counted)


def selection_totals_again(filters: WorkFilters) -> WorkTotals | TotalsPending:
    """Return the totals for a reader asking again while the queue sums them.

    As ``selection_totals``, but the selection is not counted nor summed
    here: its sums are kept, or still to come.
    """
    if summary_answers(filters):
        return work_totals_prepared(filters)
    return selection_totals_kept(filters) or TotalsPending()


def selection_totals_kept(filters: WorkFilters) -> WorkTotals | None:
    """Return the totals kept for the current data version, if any."""
    cached = prepared_ready("works-totals", selection_asked(filters))
    if cached is not None:
        return cached
    row = (
        SelectionTotals.objects.filter(
            selection=selection_key(filters), version=data_version().token
        )
        .values_list("figures", flat=True)
        .first()
    )
    return None if row is None else totals_from_figures(row)


def works_counted(filters: WorkFilters, *, most: int) -> int | None:
    """Return how many works ``filters`` select, counted up to ``most`` + 1.

    None when counting takes longer than ``COUNT_MILLISECONDS``.
    """
    first = work_list(filters=filters).order_by().values("pk")[: most + 1]
    try:
        with within(COUNT_MILLISECONDS, using=first.db):
            return first.count()
    except TookTooLong:
        return None


def sorted_from_matches(filters: WorkFilters) -> bool:
    """Return whether a page of ``filters`` is read from its matches, sorted.

    For a list that counts nothing itself (the API's): only when the summary
    rows give the count, as the explorer's totals read it; a search is read
    through the order's index, as before.
    """
    return summary_answers(filters) and matches_first(
        filters, work_totals_prepared(filters).works
    )


def work_totals_summarized(filters: WorkFilters) -> WorkTotals:
    """Return ``work_totals`` of the filtered list, read from the summary rows."""
    # Named apart from the summary's own ``works`` column, which they sum.
    sums: dict[str, Any] = {
        "all_works": Coalesce(Sum("works"), 0),
        "demo_works": Coalesce(Sum("works", filter=Q(is_demo=True)), 0),
        "beneficiaries": Coalesce(beneficiaries_sum(), 0),
    }
    for phase, statuses in GROUP_STATUSES.items():
        within = Q(status__in=statuses)
        sums[f"{phase}_works"] = Coalesce(Sum("works", filter=within), 0)
        sums[f"{phase}_amount"] = Coalesce(
            Sum("investment", filter=within), Value(ZERO)
        )
    figures = work_groups(filters).aggregate(**sums)
    figures["works"] = figures.pop("all_works")
    amounts = dict(
        funding_groups(filters)
        .filter(status__in=REALIZED_STATUSES)
        .values("source")
        .annotate(total=Sum("amount"))
        .values_list("source", "total")
    )
    return _totals(figures, amounts)


def work_totals(works: QuerySet[Work]) -> WorkTotals:
    """Return the count, the money by phase and by source, and beneficiaries."""
    return _totals(*work_figures(works))


def work_figures(works: QuerySet[Work]) -> tuple[dict[str, Any], dict[str, Decimal]]:
    """Return the sums ``work_totals`` is made of: by phase, and invested by source.

    Two queries: one over the works (each phase a filtered sum), one over
    the invested works' funding rows, so that counts are not multiplied by
    the funding rows of each work.
    """
    bare = works.order_by().values("pk")
    sums: dict[str, Any] = {
        "works": Count("pk"),
        "demo_works": Count("pk", filter=Q(is_demo=True)),
    }
    for phase, statuses in GROUP_STATUSES.items():
        within = Q(status__in=statuses)
        sums[f"{phase}_works"] = Count("pk", filter=within)
        sums[f"{phase}_amount"] = Coalesce(
            Sum("total_investment", filter=within), Value(ZERO)
        )
    sums["beneficiaries"] = Coalesce(beneficiaries_sum(), Value(0))
    figures = Work.objects.filter(pk__in=bare).aggregate(**sums)
    amounts = dict(
        Funding.objects.filter(work__in=bare, work__status__in=REALIZED_STATUSES)
        .values("source")
        .annotate(amount=Sum("amount"))
        .values_list("source", "amount")
    )
    return figures, amounts


def figures_json(
    figures: dict[str, Any], amounts: dict[str, Decimal]
) -> dict[str, dict[str, Any]]:
    """Return ``work_figures``' sums as JSON keeps them: amounts as exact text."""
    return {
        "figures": {
            name: str(value) if isinstance(value, Decimal) else value
            for name, value in figures.items()
        },
        "amounts": {source: str(amount) for source, amount in amounts.items()},
    }


def totals_from_figures(kept: dict[str, dict[str, Any]]) -> WorkTotals:
    """Return the totals of sums kept as ``figures_json`` wrote them."""
    figures = {
        name: Decimal(value) if name.endswith("_amount") else value
        for name, value in kept["figures"].items()
    }
    amounts = {source: Decimal(value) for source, value in kept["amounts"].items()}
    return _totals(figures, amounts)


def _totals(figures: dict[str, Any], amounts: dict[str, Decimal]) -> WorkTotals:
    """Return the totals of the phase ``figures`` and the invested ``amounts``."""
    amounts = {source: amount for source, amount in amounts.items() if amount}
    funded = sum(amounts.values(), ZERO)
    by_source = [
        SourceAmount(
            source=source.value,
            label=str(source.label),
            amount=amounts[source.value],
            percent=_share(amounts[source.value], funded),
        )
        for source in FundingSource
        if amounts.get(source.value)
    ]
    phases = [
        GroupFigure(
            group=phase.value,
            works=figures[f"{phase.value}_works"],
            amount=figures[f"{phase.value}_amount"],
        )
        for phase in MoneyGroup
    ]
    return WorkTotals(
        works=figures["works"],
        invested=figures["invested_amount"],
        invested_works=figures["invested_works"],
        beneficiaries=figures["beneficiaries"],
        by_source=by_source,
        phases=phases,
        demo_works=figures["demo_works"],
    )


# The download's columns: key → Spanish header (the published dataset is
# Spanish, as the annual report is; the keys are the JSON names).
EXPORT_COLUMNS: dict[str, str] = {
    "folio": "Folio",
    "nombre": "Nombre de la obra",
    "ejercicio": "Ejercicio fiscal",
    "programa": "Programa",
    "subprograma": "Subprograma",
    "clave_municipio": "Clave INEGI del municipio",
    "municipio": "Municipio",
    "region": "Región",
    "localidad": "Localidad",
    "estado": "Estado",
    "fase_del_dinero": "Fase del dinero (invertido: recursos liberados)",
    "ejecutora": "Dependencia ejecutora",
    "contratistas": "Contratistas",
    "rfc_contratistas": "RFC de las empresas contratistas",
    "inversion_total": "Inversión total",
    "estatal": "Inversión estatal",
    "municipal": "Inversión municipal",
    "comunidad": "Aportación de la comunidad",
    "federal": "Inversión federal",
    "otra": "Otra fuente",
    "beneficiarios": "Beneficiarios",
    "avance_fisico": "Avance físico (%)",
    "inicio": "Fecha de inicio",
    "termino": "Fecha de término",
    "latitud": "Latitud",
    "longitud": "Longitud",
    "datos_de_demostracion": "Datos de demostración",
}
# Works read at a time by a download (and prefetched with their contracts).
EXPORT_CHUNK = 500
_SOURCE_COLUMNS = {
    "estatal": FundingSource.STATE,
    "municipal": FundingSource.MUNICIPALITY,
    "comunidad": FundingSource.COMMUNITY,
    "federal": FundingSource.FEDERAL,
    "otra": FundingSource.OTHER,
}


def _source_sums() -> dict[str, FundedAmount]:
    """Return each source's amount of a work, from the work's own lines.

    Not a join grouped by work: a GROUP BY must read every work before the
    first row, where an expression per row lets a download stream from the
    first row of the list's index.
    """
    return {
        f"amount_{key}": FundedAmount(source) for key, source in _SOURCE_COLUMNS.items()
    }


def _status_labels() -> dict[str, tuple[str, str]]:
    """Return each status's label and its money phase's, translated once.

    A label per row walks the translation catalogues each time: a third of
    a download's time.
    """
    return {
        status.value: (str(status.label), gettext(group_of(status).label))
        for status in WorkStatus
    }


def _joined(values: Iterable[str]) -> str:
    """Return the distinct non-blank ``values`` in order, joined by "; "."""
    return "; ".join(dict.fromkeys(value for value in values if value))


def work_export_rows(works: QuerySet[Work]) -> Iterator[dict[str, object]]:
    """Yield one row per work of ``works``, in the list's order, with raw values.

    Values stay raw (amounts as ``Decimal``, dates as ``date``): each format
    writes them its own way.
    """
    contracts = Prefetch(
        "contracts",
        queryset=Contract.objects.only(
            "work_id", "contractor_name", "contractor_rfc"
        ).order_by("signed_on", "number"),
    )
    rows = (
        works.annotate(**_source_sums())
        .select_related("executing_agency")
        .prefetch_related(contracts)
    )
    labels = _status_labels()
    # Small chunks: the first bytes of a download wait for one chunk only.
    for work in rows.iterator(chunk_size=EXPORT_CHUNK):
        held = list(work.contracts.all())
        status, phase = labels[work.status]
        # A state-wide or national work (federal files) has no municipality.
        place = work.municipality
        region = place.region if place else None
        yield {
            "folio": work.public_id,
            "nombre": work.title,
            "ejercicio": work.fiscal_year_id,
            "programa": work.program.name,
            "subprograma": work.subprogram.name,
            "clave_municipio": work.municipality_id,
            "municipio": place.name if place else "",
            "region": region.name if region else "",
            "localidad": work.locality,
            "estado": status,
            "fase_del_dinero": phase,
            "ejecutora": work.executing_agency.name,
            "contratistas": _joined(contract.contractor_name for contract in held),
            # A person's RFC is personal data: only companies' are written.
            "rfc_contratistas": _joined(
                contract.public_contractor_rfc or "" for contract in held
            ),
            "inversion_total": work.total_investment,
            **{key: getattr(work, f"amount_{key}") for key in _SOURCE_COLUMNS},
            "beneficiarios": work.beneficiaries,
            "avance_fisico": work.latest_progress,  # type: ignore[attr-defined]  # annotated by ordered()
            "inicio": work.start_date,
            "termino": work.end_date,
            "latitud": work.latitude,
            "longitud": work.longitude,
            "datos_de_demostracion": work.is_demo,
        }
