"""Reads of indicators: each card with its results, computed figures and semáforo.

The semáforo is derived here, never stored: the latest published result up
to the year asked for, against the baseline (``rules.judged_baseline``), in the
card's direction (``rules.semaphore``); grey when there is no figure.
"""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Sequence as _Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse as _reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.permissions import (
    Action,
    agencies_where,
    agency_lineages_read,
    can,
)
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency
from ruta.common.bounds import YEAR_MAX
from ruta.common.prepared import prepared
from ruta.common.text.search import Found, Hit, entries_found, entries_kept, words_of
from ruta.indicators.computations import (
    MunicipalRatio,
    computed_values,
    demo_agencies,
    municipal_values,
)
from ruta.indicators.cycles import RESULT
from ruta.indicators.models import (
    QUARTERS,
    Evaluation,
    IndicatorAlignment,
    IndicatorCard,
    IndicatorResult,
    ResultStatus,
)
from ruta.indicators.periods import STATEWIDE, Place, period_figures
from ruta.indicators.rules import (
    Direction,
    Measurement,
    Semaphore,
    judged_baseline,
    measurement,
    semaphore,
    semaphore_summary,
)
from ruta.indicators.services import CardDefinition

SEMAPHORE_LABELS = {
    Semaphore.GREEN: _("Avance"),
    Semaphore.YELLOW: _("Igual"),
    Semaphore.RED: _("Retroceso"),
    Semaphore.GREY: _("Sin información"),
}

MEASUREMENT_LABELS = {
    Measurement.COMPUTED: _(
        "Calculado con las obras, comités y apoyos de la plataforma, por periodo y "
        "lugar; la cifra publicada se captura con aprobación."
    ),
    Measurement.CAPTURED: _(
        "Capturado por periodo y lugar por la dependencia, con la aprobación de "
        "otra persona."
    ),
    Measurement.YEARLY: _("Solo anual: se captura un resultado por año."),
}

SUMMARY_LABELS = {
    "indicators": _("Número de indicadores"),
    "with_advance": _("Con avance"),
    "without_advance": _("Sin avance"),
    "equal": _("Igual"),
    "without_information": _("Sin información"),
}


@dataclass(frozen=True)
class YearFigures:
    """One year of a card: the published result and the figure computed from data."""

    year: int
    published: Decimal | None
    computed: Decimal | None
    result: IndicatorResult | None

    @property
    def agrees(self) -> bool | None:
        """Return whether both figures exist and are equal; None if one is missing."""
        if self.published is None or self.computed is None:
            return None
        return self.published == self.computed


@dataclass(frozen=True)
class PeriodFigures:
    """A published result of a quarter or a place, its semáforo and computed figure."""

    result: IndicatorResult
    computed: Decimal | None
    semaphore: Semaphore

    @property
    def period_label(self) -> str:
        """Return "2025, enero-marzo" or "2025"."""
        result = self.result
        if result.quarter is None:
            return str(result.year)
        return f"{result.year}, {dict(QUARTERS)[result.quarter]}"

    @property
    def place_label(self) -> str:
        """Return the municipality's or region's name, or the whole state."""
        place = self.result.municipality or self.result.region
        if self.result.region is not None:
            return str(_("Región %(name)s") % {"name": self.result.region.name})
        return place.name if place is not None else str(_("Todo el estado"))

    @property
    def place_kind(self) -> str:
        """Return ``municipality``, ``region`` or ``state``."""
        if self.result.municipality_id:
            return "municipality"
        return "region" if self.result.region_id else "state"

    @property
    def place_code(self) -> str | None:
        """Return the INEGI code of the municipality or the region's number."""
        if self.result.municipality_id:
            return self.result.municipality_id
        return str(self.result.region.number) if self.result.region else None

    @property
    def semaphore_label(self) -> str:
        return str(SEMAPHORE_LABELS[self.semaphore])


@dataclass(frozen=True)
class QuarterFigure:
    """A computed card's figure for one quarter of its last year, statewide."""

    quarter: int
    label: str
    computed: Decimal | None


@dataclass(frozen=True)
class CardView:
    """A card as pages, the API and reports show it."""

    card: IndicatorCard
    years: tuple[YearFigures, ...]
    latest: YearFigures | None
    semaphore: Semaphore
    baseline_result: IndicatorResult | None = None
    computed_from_demo: bool = False
    # The computed figure of the last year, municipality by municipality.
    municipal: tuple[MunicipalRatio, ...] = ()

    @property
    def measurement(self) -> Measurement:
        """Return how the card's figures come (computed, captured, yearly)."""
        return measurement(self.card.computation, self.card.frequency)

    @property
    def measurement_label(self) -> str:
        return str(MEASUREMENT_LABELS[self.measurement])

    @property
    def baseline(self) -> Decimal:
        """Return the baseline results are judged against (``judged_baseline``)."""
        return _baseline(self.card, self.baseline_result)

    @property
    def card_baseline_differs(self) -> bool:
        """Return whether the card prints another baseline than the results table."""
        return self.baseline != self.card.baseline_value

    @property
    def semaphore_label(self) -> str:
        """Return the semáforo in words, so colour is never the only cue."""
        return str(SEMAPHORE_LABELS[self.semaphore])

    @property
    def last_year(self) -> int | None:
        """Return the last year the view lists (the year of ``municipal``)."""
        return self.years[-1].year if self.years else None

    @property
    def is_percent(self) -> bool:
        """Return whether the card's figures are percentages."""
        return self.card.value_unit == "percent"


def cards(agency: Agency | None = None) -> list[IndicatorCard]:
    """Return the cards (of ``agency``) the instance publishes (``here``) with
    their agency, document and results.

    ``card.results`` holds the published yearly results for the whole state
    (what the card's table prints); those of a quarter or a place are read
    by ``card_periods``.
    """
    queryset = (
        IndicatorCard.objects.in_use().here().select_related("agency", "document")
    )
    if agency is not None:
        queryset = queryset.of_agency(agency.pk)
    published = IndicatorResult.objects.published()
    return list(
        queryset.prefetch_related(
            Prefetch(
                "results",
                queryset=published.statewide_yearly().select_related("document"),
            ),
            Prefetch(
                "alignments",
                queryset=IndicatorAlignment.objects.select_related(
                    "element__framework"
                ).order_by("element__framework__level", "element__key"),
            ),
        ).order_by("agency__name", "id")
    )


def _span(card: IndicatorCard, year: int | None) -> range:
    """Return the years a view of ``card`` as of ``year`` lists (after baseline)."""
    published = [
        result.year
        for result in card.results.all()
        if year is None or result.year <= year
    ]
    last = max([year or 0, *published]) if published or year else card.baseline_year
    # Never past the last year a fiscal year may have, whatever was asked.
    return range(card.baseline_year + 1, min(last, YEAR_MAX) + 1)


def _view(
    card: IndicatorCard,
    span: range,
    computed: dict[tuple[int, int], Decimal | None],
    demo: Collection[int] = (),
    municipal: dict[int, list[MunicipalRatio]] | None = None,
) -> CardView:
    """Return ``card`` over the years of ``span`` with its semáforo."""
    published = {result.year: result for result in card.results.all()}
    years = tuple(
        YearFigures(
            year=number,
            published=published[number].value if number in published else None,
            computed=computed.get((card.pk, number)),
            result=published.get(number),
        )
        for number in span
    )
    latest = next((item for item in reversed(years) if item.result), None)
    baseline_result = published.get(card.baseline_year)
    colour = semaphore(
        _baseline(card, baseline_result),
        latest.published if latest else None,
        Direction(card.direction),
    )
    return CardView(
        card=card,
        years=years,
        latest=latest,
        semaphore=colour,
        baseline_result=baseline_result,
        computed_from_demo=bool(card.computation) and card.agency_id in demo,
        municipal=tuple((municipal or {}).get(card.pk, ())),
    )


def _baseline(card: IndicatorCard, published: IndicatorResult | None) -> Decimal:
    table = published.value if published is not None else None
    judged = judged_baseline(table, card.baseline_value)
    return card.baseline_value if judged is None else judged


def card_view(card: IndicatorCard, year: int | None = None) -> CardView:
    """Return ``card`` with results up to ``year`` (all when None) and its semáforo."""
    span = _span(card, year)
    computed = computed_values([card], {card.pk: span})
    demo = _demo_agencies([card], {card.pk: span})
    return _view(card, span, computed, demo, _municipal([card], {card.pk: span}))


def card_views(agency: Agency | None = None, year: int | None = None) -> list[CardView]:
    """Return every card (of ``agency``) as of ``year`` with its semáforo.

    The computed figures of all cards and years come from one grouped query
    per method of calculation, not one per card and year.
    """
    found = cards(agency)
    spans = {card.pk: _span(card, year) for card in found}
    computed = computed_values(found, spans)
    demo = _demo_agencies(found, spans)
    municipal = _municipal(found, spans)
    return [_view(card, spans[card.pk], computed, demo, municipal) for card in found]


def _municipal(
    found: list[IndicatorCard], spans: dict[int, range]
) -> dict[int, list[MunicipalRatio]]:
    """Return the by-municipality figures of ``found`` cards in their last year."""
    last = {card.pk: spans[card.pk][-1] for card in found if spans[card.pk]}
    return municipal_values(found, last)


def _demo_agencies(found: list[IndicatorCard], spans: dict[int, range]) -> set[int]:
    """Return the agencies of computed ``found`` cards with demo data in their years."""
    computed = [card for card in found if card.computation]
    years = {year for card in computed for year in spans[card.pk]}
    ids = {card.agency_id for card in computed}
    return demo_agencies(ids, years) if ids and years else set()


def prepared_card_views(
    agency: Agency | None = None, year: int | None = None
) -> list[CardView]:
    """Return ``card_views``, built once per version of the data."""
    return prepared(
        "card-views",
        lambda: card_views(agency, year),
        agency.pk if agency else "",
        year or "",
    )


@dataclass(frozen=True)
class CardPeriods:
    """A card's results of a quarter or a place, and its computed quarters."""

    periods: tuple[PeriodFigures, ...]
    quarters: tuple[QuarterFigure, ...]


def card_periods(views: list[CardView]) -> dict[int, CardPeriods]:
    """Return each card's published results by period and place, coloured.

    Each result's semáforo is judged against the card's baseline in its
    direction, as the yearly one; a computed card's method is evaluated for
    each result's period and place, and for each quarter of the last year
    listed, statewide (``periods.period_figures``): two queries per card and
    year, whatever its periods and places. Pages read it prepared once per
    data version (``prepared_card_periods``).
    """
    results: dict[int, list[IndicatorResult]] = {}
    for result in (
        IndicatorResult.objects.published()
        .by_period_or_place()
        .of_places_here()
        .filter(card__in=[view.card for view in views])
        .select_related("municipality", "region")
        .order_by("-year", "-quarter", "municipality__name", "region__name", "pk")
    ):
        results.setdefault(result.card_id, []).append(result)
    found = {}
    for view in views:
        card, direction = view.card, Direction(view.card.direction)
        listed = results.get(card.pk, [])
        figures = _figures(card, listed, view.last_year)
        found[card.pk] = CardPeriods(
            periods=tuple(
                PeriodFigures(
                    result=result,
                    computed=figures[result.year, result.quarter, _place(result)],
                    semaphore=semaphore(view.baseline, result.value, direction),
                )
                for result in listed
            ),
            quarters=tuple(
                QuarterFigure(
                    quarter=quarter,
                    label=str(label),
                    computed=figures[view.last_year, quarter, STATEWIDE],
                )
                for quarter, label in QUARTERS
                if card.computation and view.last_year is not None
            ),
        )
    return found


def _place(result: IndicatorResult) -> Place:
    return Place(result.municipality_id, result.region_id)


def _figures(
    card: IndicatorCard, results: list[IndicatorResult], last_year: int | None
) -> dict[tuple[int, int | None, Place], Decimal | None]:
    """Return ``card``'s figure for each result's period and place, and for
    each quarter of ``last_year`` statewide (a computed card's)."""
    wanted: dict[int, tuple[set[int | None], set[Place]]] = {}
    for result in results:
        quarters, places = wanted.setdefault(result.year, (set(), set()))
        quarters.add(result.quarter)
        places.add(_place(result))
    if card.computation and last_year is not None:
        quarters, places = wanted.setdefault(last_year, (set(), set()))
        quarters.update(quarter for quarter, _label in QUARTERS)
        places.add(STATEWIDE)
    return {
        (year, quarter, place): figure
        for year, (quarters, places) in wanted.items()
        for (quarter, place), figure in period_figures(
            card, year, quarters, places
        ).items()
    }


def prepared_card_periods(
    agency: Agency | None = None, year: int | None = None
) -> dict[int, CardPeriods]:
    """Return ``card_periods`` of ``prepared_card_views``, once per data version."""
    return prepared(
        "card-periods",
        lambda: card_periods(prepared_card_views(agency, year)),
        agency.pk if agency else "",
        year or "",
    )


NO_PERIODS = CardPeriods(periods=(), quarters=())


def summary(views: list[CardView]) -> dict[str, int]:
    """Return the semáforo summary of ``views`` (indicators, with advance, …)."""
    return semaphore_summary([view.semaphore for view in views])


# ---------------------------------------------------------------- staff


def capturable_cards(user: Any) -> list[IndicatorCard]:
    """Return the cards whose results ``user`` may capture (their agency's)."""
    found = (
        IndicatorCard.objects.in_use()
        .select_related("agency")
        .order_by("agency__name", "id")
    )
    return [card for card in found if can(user, Action.CAPTURE, card.agency)]


def results_awaiting(user: Any) -> list[IndicatorResult]:
    """Return the captured results awaiting approval that ``user`` works on."""
    waiting = (
        IndicatorResult.objects.filter(status=ResultStatus.CAPTURED)
        .select_related("card__agency", "municipality", "region", "captured_by")
        .order_by("-captured_at", "-id")
    )
    return [
        result
        for result in waiting
        if can(user, Action.CAPTURE, result.card.agency)
        or can(user, Action.VALIDATE, result.card.agency)
    ]


def results_to_approve(user: Any) -> list[IndicatorResult]:
    """Return the captured results ``user`` may approve (not their own)."""
    return [
        result
        for result in RESULT.awaiting(user, "approve", results_awaiting(user))
        if result.captured_by_id != getattr(user, "pk", None)
    ]


def agencies_defining_cards(user: Any) -> list[Agency]:
    """Return the agencies whose cards ``user`` may define (their validators)."""
    return agencies_where(user, Action.VALIDATE, instance().agencies().order_by("name"))


def cards_to_define(user: Any) -> list[IndicatorCard]:
    """Return the cards, retired ones too, whose definition ``user`` keeps."""
    found = IndicatorCard.objects.select_related("agency").order_by(
        "retired_at", "agency__name", "id"
    )
    agency_lineages_read(user, {card.agency_id for card in found})
    return [card for card in found if can(user, Action.VALIDATE, card.agency)]


# ------------------------------------------------ evaluations and their ASM


def evaluations_published() -> list[Evaluation]:
    """Return every evaluation with its aspects, newest first (public); on a
    municipality's instance, of its own agencies."""
    return list(
        Evaluation.objects.filter(instance().run_by_own_agencies("agency__"))
        .select_related("agency", "card")
        .prefetch_related("aspects")
    )


def evaluations_followed(user: Any) -> list[Evaluation]:
    """Return the evaluations whose aspects ``user`` follows up (their agency's)."""
    found = evaluations_published()
    agency_lineages_read(user, {evaluation.agency_id for evaluation in found})
    return [e for e in found if can(user, Action.CAPTURE, e)]


def card_definition(card: IndicatorCard) -> CardDefinition:
    """Return ``card``'s fields as a definition (a form's initial values)."""
    names = CardDefinition.__dataclass_fields__
    values = {name: getattr(card, name) for name in names}
    values["direction"] = Direction(card.direction)
    return CardDefinition(**values)


def indicators_search(words: _Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the published indicator cards whose name or objective
    holds every word (the site search)."""
    cards = IndicatorCard.objects.in_use().here().select_related("agency")
    entries = entries_kept(
        "indicators",
        lambda: cards,
        ["name"],
        lambda card: Hit(
            title=card.name,
            url=_reverse("indicators:list") + f"#indicador-{card.pk}",
            detail=card.agency.name,
        ),
    )
    return entries_found(entries, words, offset, limit)


def indicators_search_words() -> set[str]:
    """Return the words of the published indicator cards' names."""
    return words_of(
        IndicatorCard.objects.in_use().here().values_list("name", flat=True)
    )
