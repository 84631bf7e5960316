"""The whole catalog folder, every file checked against the others."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ._base import DATA_DIR
from .agencies import Agency, read_agencies
from .plans import FiscalYear, PlanAlignment, read_fiscal_years, read_plan_alignment
from .social import MARGINALIZATION_FILE, Marginalization, read_marginalization
from .territory import (
    Municipality,
    Region,
    Source,
    State,
    read_municipalities,
    read_regions,
    read_sources,
    read_states,
)


@dataclass(frozen=True)
class CatalogData:
    """Everything in the catalog folder, validated together."""

    sources: tuple[Source, ...]
    states: tuple[State, ...]
    municipalities: tuple[Municipality, ...]
    regions: tuple[Region, ...]
    agencies: tuple[Agency, ...]
    fiscal_years: tuple[FiscalYear, ...]
    plan_alignment: PlanAlignment
    marginalization: tuple[Marginalization, ...]


def read_catalog(folder: Path = DATA_DIR) -> CatalogData:
    """Return the whole catalog in ``folder``, every file checked against the others."""
    sources = read_sources(folder / "sources.csv")
    states = read_states(folder / "states.csv")
    municipalities = read_municipalities(folder / "municipalities.csv", states)
    agencies = read_agencies(
        folder / "agencies.csv",
        states=states,
        municipalities=municipalities,
        sources=sources,
    )
    plan_alignment = read_plan_alignment(
        folder / "plan_alignment.json",
        states=states,
        municipalities=municipalities,
        agencies=agencies,
        sources=sources,
    )
    plan_keys = {plan.key for plan in plan_alignment.plans}
    return CatalogData(
        sources=sources,
        states=states,
        municipalities=municipalities,
        regions=read_regions(
            folder / "regions.csv", municipalities, plan_keys=plan_keys
        ),
        agencies=agencies,
        fiscal_years=read_fiscal_years(folder / "fiscal_years.csv"),
        plan_alignment=plan_alignment,
        marginalization=read_marginalization(
            folder / MARGINALIZATION_FILE, municipalities
        ),
    )
