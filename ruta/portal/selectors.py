"""Reads for the public pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from ruta.catalog.models import Agency, FiscalYear, Municipality, Region, State
from ruta.programs.models import Goal
from ruta.sources.models import SourceDocument
from ruta.works.models import Work

SONORA = "26"


@dataclass(frozen=True)
class HomeCounts:
    """The catalog and data figures the home page shows."""

    states: int
    municipalities: int
    state_municipalities: int
    state_regions: int
    agencies: int
    fiscal_years: int
    works: int
    goals: int
    documents: int


def home_counts(state_code: str = SONORA) -> HomeCounts:
    """Return the catalog counts, nationally and for ``state_code``."""
    return HomeCounts(
        states=State.objects.count(),
        municipalities=Municipality.objects.count(),
        state_municipalities=Municipality.objects.of_state(state_code).count(),
        state_regions=Region.objects.of_state(state_code).count(),
        agencies=Agency.objects.count(),
        fiscal_years=FiscalYear.objects.count(),
        works=Work.objects.published().count(),
        goals=Goal.objects.count(),
        documents=SourceDocument.objects.count(),
    )


def regions_overview(state_code: str = SONORA) -> QuerySet[Region]:
    """Return the state's regions with their municipality count and population."""
    return (
        Region.objects.of_state(state_code)
        .annotate(
            municipality_count=Count("municipalities"),
            population=Sum("municipalities__population_2020"),
        )
        .order_by("number")
    )
