"""Reads for the public pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from ruta.catalog.models import Agency, FiscalYear, Municipality, Region, State
from ruta.programs.models import Goal
from ruta.sources.models import SourceDocument
from ruta.works.models import Work


@dataclass(frozen=True)
class HomeCounts:
    """The catalog and data figures the home page shows.

    ``state`` is the instance's (``RUTA_STATE``); a national instance has
    none, and no state figures.
    """

    states: int
    municipalities: int
    state: State | None
    state_municipalities: int | None
    state_regions: int | None
    agencies: int
    fiscal_years: int
    works: int
    goals: int
    documents: int


def home_counts(state: State | None = None) -> HomeCounts:
    """Return the catalog counts, nationally and for ``state``."""
    return HomeCounts(
        states=State.objects.count(),
        municipalities=Municipality.objects.count(),
        state=state,
        state_municipalities=(
            Municipality.objects.of_state(state.code).count() if state else None
        ),
        state_regions=Region.objects.of_state(state.code).count() if state else None,
        agencies=Agency.objects.count(),
        fiscal_years=FiscalYear.objects.count(),
        works=Work.objects.published().count(),
        goals=Goal.objects.count(),
        documents=SourceDocument.objects.count(),
    )


def regions_overview(state: State | None) -> QuerySet[Region]:
    """Return the state's regions with their municipality count and population."""
    if state is None:
        return Region.objects.none()
    return (
        Region.objects.of_state(state.code)
        .annotate(
            municipality_count=Count("municipalities"),
            population=Sum("municipalities__population_2020"),
        )
        .order_by("number")
    )
