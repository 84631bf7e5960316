"""Sources, states, municipalities and regions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._base import (
    COUNT,
    CVEGEO,
    MUNICIPALITY_CODE,
    POSITIVE,
    SLUG,
    STATE_CODE,
    _claim,
    _read_csv,
    _Row,
)

STATE_WHAT = "an INEGI state code (01-32)"
CVEGEO_WHAT = "a five-digit INEGI cvegeo"
SOURCE_COLUMNS = ("key", "citation")
STATE_COLUMNS = ("cve_ent", "name", "short_name", "abbreviation")
MUNICIPALITY_COLUMNS = ("cvegeo", "cve_ent", "cve_mun", "name", "population_2020")
REGION_COLUMNS = (
    "cve_ent", "plan", "region_number", "region_name", "cvegeo", "municipality_name",
    "source_a_region", "source_b_region", "verified_against_ped",
)  # fmt: skip


@dataclass(frozen=True)
class Source:
    """A document or dataset that rows cite by key."""

    key: str
    citation: str


@dataclass(frozen=True)
class State:
    """An entidad federativa with its INEGI code."""

    cve_ent: str
    name: str
    short_name: str
    abbreviation: str


@dataclass(frozen=True)
class Municipality:
    """A municipality; ``population_2020`` is None where the 2020 census has no row."""

    cvegeo: str
    cve_ent: str
    cve_mun: str
    name: str
    population_2020: int | None


@dataclass(frozen=True)
class RegionMember:
    """A municipality in a region, with the region two other sources give it."""

    cvegeo: str
    municipality_name: str
    source_a_region: str
    source_b_region: str
    verified_against_ped: bool


@dataclass(frozen=True)
class Region:
    """A region of a state development plan and its member municipalities."""

    cve_ent: str
    plan: str
    number: int
    name: str
    members: tuple[RegionMember, ...]

    @property
    def cvegeos(self) -> tuple[str, ...]:
        """Return the member codes in file order."""
        return tuple(member.cvegeo for member in self.members)

    @property
    def disputed_members(self) -> tuple[RegionMember, ...]:
        """Return the members another source places in a different region."""
        return tuple(
            member
            for member in self.members
            if any(
                other and other != self.name
                for other in (member.source_a_region, member.source_b_region)
            )
        )


def read_sources(path: Path) -> tuple[Source, ...]:
    """Return the cited sources; rows elsewhere cite them by key."""
    seen: dict[Any, int | None] = {}
    sources = []
    for row in _read_csv(path, SOURCE_COLUMNS):
        key = row.match("key", SLUG, "a lowercase slug")
        _claim(seen, key, row, "key")
        sources.append(Source(key, row.text("citation")))
    return tuple(sources)


def read_states(path: Path) -> tuple[State, ...]:
    """Return the states; codes are INEGI's two-digit cve_ent 01-32, each once."""
    seen: dict[Any, int | None] = {}
    states = []
    for row in _read_csv(path, STATE_COLUMNS):
        cve_ent = row.match("cve_ent", STATE_CODE, STATE_WHAT)
        _claim(seen, cve_ent, row, "cve_ent")
        name = row.text("name", max_length=100)
        short_name = row.text("short_name", max_length=60)
        abbreviation = row.text("abbreviation", max_length=10)
        states.append(State(cve_ent, name, short_name, abbreviation))
    return tuple(states)


def read_municipalities(
    path: Path, states: Iterable[State]
) -> tuple[Municipality, ...]:
    """Return the municipalities of known states; cvegeo is cve_ent + cve_mun."""
    known_states = {state.cve_ent for state in states}
    seen: dict[Any, int | None] = {}
    municipalities = []
    for row in _read_csv(path, MUNICIPALITY_COLUMNS):
        cvegeo = row.match("cvegeo", CVEGEO, CVEGEO_WHAT)
        cve_ent = row.match("cve_ent", STATE_CODE, STATE_WHAT)
        if cve_ent not in known_states:
            raise row.error("cve_ent", f"unknown state {cve_ent!r}")
        what = "a three-digit INEGI municipality code (001-999)"
        cve_mun = row.match("cve_mun", MUNICIPALITY_CODE, what)
        if cvegeo != cve_ent + cve_mun:
            reason = f"{cvegeo!r} is not cve_ent + cve_mun ({cve_ent + cve_mun!r})"
            raise row.error("cvegeo", reason)
        _claim(seen, cvegeo, row, "cvegeo")
        name = row.text("name", max_length=150)
        count = row.match("population_2020", COUNT, "a whole number", required=False)
        population = int(count) if count else None
        municipalities.append(Municipality(cvegeo, cve_ent, cve_mun, name, population))
    return tuple(municipalities)


def read_regions(
    path: Path,
    municipalities: Iterable[Municipality],
    *,
    plan_keys: Collection[str] | None = None,
) -> tuple[Region, ...]:
    """Return regions whose members are known municipalities, each in one region.

    With ``plan_keys``, each region's plan must be one of them.
    """
    by_code = {municipality.cvegeo: municipality for municipality in municipalities}
    names: dict[tuple[str, str, int], str] = {}
    numbers: dict[tuple[str, str, str], int] = {}
    members: dict[tuple[str, str, int], list[RegionMember]] = defaultdict(list)
    placed: dict[Any, int | None] = {}
    for row in _read_csv(path, REGION_COLUMNS):
        cve_ent = row.match("cve_ent", STATE_CODE, STATE_WHAT)
        plan = row.match("plan", SLUG, "a plan key")
        if plan_keys is not None and plan not in plan_keys:
            raise row.error("plan", f"unknown plan {plan!r}")
        number = int(row.match("region_number", POSITIVE, "a region number (1, 2…)"))
        name = row.text("region_name", max_length=100)
        if names.setdefault((cve_ent, plan, number), name) != name:
            reason = f"region {number} is {names[(cve_ent, plan, number)]!r} above"
            raise row.error("region_name", reason)
        if numbers.setdefault((cve_ent, plan, name), number) != number:
            reason = f"{name!r} is region {numbers[(cve_ent, plan, name)]} above"
            raise row.error("region_number", reason)
        member = _region_member(row, cve_ent, by_code)
        if member.cvegeo in placed:
            reason = f"municipality {member.cvegeo} is already in a region"
            raise row.error("cvegeo", f"{reason} (line {placed[member.cvegeo]})")
        placed[member.cvegeo] = row.line
        members[(cve_ent, plan, number)].append(member)
    return tuple(
        Region(cve_ent, plan, number, names[(cve_ent, plan, number)], tuple(found))
        for (cve_ent, plan, number), found in sorted(members.items())
    )


def _region_member(
    row: _Row, cve_ent: str, by_code: Mapping[str, Municipality]
) -> RegionMember:
    """Return the row's member after checking it against the municipalities."""
    cvegeo = row.match("cvegeo", CVEGEO, CVEGEO_WHAT)
    municipality = by_code.get(cvegeo)
    if municipality is None:
        raise row.error("cvegeo", f"unknown municipality {cvegeo!r}")
    if municipality.cve_ent != cve_ent:
        raise row.error("cvegeo", f"municipality {cvegeo} is not in state {cve_ent}")
    name = row.text("municipality_name")
    if name != municipality.name:
        reason = f"{name!r} is not the name of {cvegeo} ({municipality.name!r})"
        raise row.error("municipality_name", reason)
    return RegionMember(
        cvegeo,
        name,
        row.text("source_a_region", required=False),
        row.text("source_b_region", required=False),
        row.choice("verified_against_ped", ("yes", "no")) == "yes",
    )


@dataclass(frozen=True)
class _Places:
    """The state and municipality codes a row may name."""

    states: frozenset[str]
    municipalities: Mapping[str, Municipality]

    @classmethod
    def of(
        cls, states: Iterable[State], municipalities: Iterable[Municipality]
    ) -> _Places:
        """Return the places of these states and municipalities."""
        by_code = {municipality.cvegeo: municipality for municipality in municipalities}
        return cls(frozenset(state.cve_ent for state in states), by_code)

    def check(self, row: _Row) -> tuple[str, str]:
        """Return the row's (cve_ent, cvegeo), both optional, known and consistent."""
        cve_ent = row.reference("cve_ent", self.states, "state")
        cvegeo = row.reference("cvegeo", self.municipalities, "municipality")
        if cvegeo and self.municipalities[cvegeo].cve_ent != cve_ent:
            reason = f"municipality {cvegeo} is not in state {cve_ent!r}"
            raise row.error("cvegeo", reason)
        return cve_ent, cvegeo
