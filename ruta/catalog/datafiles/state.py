"""A state's own catalog files: its agencies, its plan and the plan's regions.

Another state's team sets up its instance from a folder of CSV files in the
catalog's own formats (``agencies.csv``, ``regions.csv``, optionally
``sources.csv`` for the citations they add) and a ``plans.csv`` naming the
state development plan its regions belong to. Everything is checked against
the national catalog shipped with the platform (states, municipalities,
sources) and must belong to the state being set up: a row of another state is
refused, naming the file, the row and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._base import DATA_DIR, SLUG, STATE_CODE, YEAR, CatalogFileError, _claim, _read_csv
from .agencies import Agency, read_agencies
from .territory import (
    Municipality,
    Region,
    Source,
    read_municipalities,
    read_regions,
    read_sources,
    read_states,
)

STATE_PLAN_COLUMNS = ("key", "name", "start_year", "end_year", "source")
AGENCIES_FILE = "agencies.csv"
REGIONS_FILE = "regions.csv"
PLANS_FILE = "plans.csv"
SOURCES_FILE = "sources.csv"


@dataclass(frozen=True)
class StatePlan:
    """A state development plan, which a state's regions belong to."""

    key: str
    name: str
    start_year: int | None
    end_year: int | None
    source: str


@dataclass(frozen=True)
class StateSetup:
    """A state's catalog files, read and checked against the national catalog."""

    state: str
    state_name: str
    sources: tuple[Source, ...]
    plans: tuple[StatePlan, ...]
    agencies: tuple[Agency, ...]
    regions: tuple[Region, ...]


def read_state_setup(
    folder: Path, state: str, *, catalog: Path = DATA_DIR
) -> StateSetup:
    """Return the state's files in ``folder``, each row checked, or raise."""
    if not STATE_CODE.fullmatch(state):
        raise CatalogFileError(f"{state!r} is not an INEGI state code (01 to 32)")
    states = read_states(catalog / "states.csv")
    names = {each.cve_ent: each.name for each in states}
    if state not in names:
        raise CatalogFileError(f"state {state!r} is not in the catalog")
    municipalities = read_municipalities(catalog / "municipalities.csv", states)
    sources = _sources(folder, catalog)
    source_keys = {source.key for source in sources}
    agencies_path = _required(folder / AGENCIES_FILE)
    agencies = read_agencies(
        agencies_path, states=states, municipalities=municipalities, sources=sources
    )
    _agencies_in_state(agencies, agencies_path, state, municipalities)
    plans: tuple[StatePlan, ...] = ()
    regions: tuple[Region, ...] = ()
    if (folder / REGIONS_FILE).exists():
        plans = read_state_plans(_required(folder / PLANS_FILE), state, source_keys)
        regions = read_regions(
            folder / REGIONS_FILE,
            [each for each in municipalities if each.cve_ent == state],
            plan_keys={plan.key for plan in plans},
        )
    return StateSetup(
        state=state,
        state_name=names[state],
        sources=sources,
        plans=plans,
        agencies=agencies,
        regions=regions,
    )


def _required(path: Path) -> Path:
    if not path.is_file():
        raise CatalogFileError("the state's folder needs this file", file=str(path))
    return path


def _sources(folder: Path, catalog: Path) -> tuple[Source, ...]:
    """Return the shipped sources and the state's own, each key once."""
    shipped = read_sources(catalog / SOURCES_FILE)
    own_path = folder / SOURCES_FILE
    if not own_path.exists():
        return shipped
    known = {source.key for source in shipped}
    own = read_sources(own_path)
    for number, source in enumerate(own, start=2):
        if source.key in known:
            raise CatalogFileError(
                f"source {source.key!r} is already in the platform's catalog",
                file=str(own_path),
                line=number,
                field="key",
            )
    return shipped + own


def _agencies_in_state(
    agencies: tuple[Agency, ...],
    path: Path,
    state: str,
    municipalities: tuple[Municipality, ...],
) -> None:
    """Refuse an agency of another state, or of no state at all."""
    state_of = {each.cvegeo: each.cve_ent for each in municipalities}
    for agency in agencies:
        located = agency.cve_ent or state_of.get(agency.cvegeo, "")
        if located != state:
            reason = (
                f"agency {agency.slug!r} is of state {located!r}, not {state!r}"
                if located
                else f"agency {agency.slug!r} names no state: give cve_ent {state}"
            )
            raise CatalogFileError(
                reason, file=str(path), row=agency.slug, field="cve_ent"
            )


def read_state_plans(
    path: Path, state: str, source_keys: set[str]
) -> tuple[StatePlan, ...]:
    """Return the state's development plans, keys unique, years in order."""
    seen: dict[Any, int | None] = {}
    plans = []
    for row in _read_csv(path, STATE_PLAN_COLUMNS):
        key = row.match("key", SLUG, "a lowercase slug")
        _claim(seen, key, row, "key")
        start = row.match("start_year", YEAR, "a year", required=False)
        end = row.match("end_year", YEAR, "a year", required=False)
        if start and end and int(end) < int(start):
            raise row.error("end_year", f"{end} is before {start}")
        plans.append(
            StatePlan(
                key=key,
                name=row.text("name", max_length=250),
                start_year=int(start) if start else None,
                end_year=int(end) if end else None,
                source=row.source("source", source_keys),
            )
        )
    return tuple(plans)
