"""Fiscal years, and plans with their elements and alignment links."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._base import (
    ELEMENT_KEY,
    NUMBER,
    PERIOD,
    SLUG,
    YEAR,
    _arrow,
    _claim,
    _JsonFile,
    _parent_chain,
    _read_csv,
    _Row,
)
from .agencies import Agency
from .territory import Municipality, Source, State, _Places

PLAN_LEVELS = ("global", "national", "state", "municipal", "program")
ELEMENT_KINDS = ("axis", "objective", "strategy", "line_of_action", "goal")
FISCAL_YEAR_COLUMNS = ("year", "notes")
PLAN_FIELDS = (
    "key", "name", "level", "period", "cve_ent", "cvegeo", "agency", "source",
    "elements",
)  # fmt: skip
ELEMENT_FIELDS = ("key", "kind", "number", "name", "parent", "source")
LINK_FIELDS = ("element", "aligned_with", "source")


@dataclass(frozen=True)
class FiscalYear:
    """An ejercicio fiscal (1 January to 31 December) and what it frames."""

    year: int
    notes: str


@dataclass(frozen=True)
class PlanElement:
    """An axis, objective, strategy, line of action or goal of a plan.

    ``number`` is the code as printed ("2.4.1"), empty where none is printed;
    ``key`` identifies the element either way.
    """

    key: str
    plan: str
    kind: str
    number: str
    name: str
    parent: str
    source: str


@dataclass(frozen=True)
class Plan:
    """A development plan or program and its elements."""

    key: str
    name: str
    level: str
    start_year: int | None
    end_year: int | None
    cve_ent: str
    cvegeo: str
    agency: str
    source: str
    elements: tuple[PlanElement, ...]


@dataclass(frozen=True)
class AlignmentLink:
    """A published statement that one plan element aligns with another."""

    element: str
    aligned_with: str
    source: str


@dataclass(frozen=True)
class PlanAlignment:
    """Plans with their elements and the alignment links between elements."""

    plans: tuple[Plan, ...]
    links: tuple[AlignmentLink, ...]

    @property
    def elements(self) -> tuple[PlanElement, ...]:
        """Return every element of every plan."""
        return tuple(element for plan in self.plans for element in plan.elements)


def read_fiscal_years(path: Path) -> tuple[FiscalYear, ...]:
    """Return fiscal years in order, each year once."""
    seen: dict[Any, int | None] = {}
    years = []
    for row in _read_csv(path, FISCAL_YEAR_COLUMNS):
        year = int(row.match("year", YEAR, "a year between 1900 and 2099"))
        _claim(seen, year, row, "year")
        years.append(FiscalYear(year, row.text("notes", required=False)))
    return tuple(sorted(years, key=lambda fiscal_year: fiscal_year.year))


def read_plan_alignment(
    path: Path,
    *,
    states: Iterable[State],
    municipalities: Iterable[Municipality],
    agencies: Iterable[Agency],
    sources: Iterable[Source],
) -> PlanAlignment:
    """Return plans, their elements and alignment links, all cross-checked."""
    context = _PlanContext(
        places=_Places.of(states, municipalities),
        agencies=frozenset(agency.slug for agency in agencies),
        sources=frozenset(source.key for source in sources),
        document=_JsonFile(path),
    )
    top = context.document.row(context.document.data, "", ("plans", "links"))
    plan_keys: dict[Any, int | None] = {}
    plans = []
    for index, raw in enumerate(context.document.items(top, "plans")):
        row = context.document.row(raw, f"plans[{index}]", PLAN_FIELDS, "key")
        plan = _plan(row, context)
        _claim(plan_keys, plan.key, row, "key")
        plans.append(plan)
    return PlanAlignment(tuple(plans), _links(top, context))


@dataclass(frozen=True)
class _PlanContext:
    """What a plan file may cite, and the element keys read so far."""

    places: _Places
    agencies: frozenset[str]
    sources: frozenset[str]
    document: _JsonFile
    element_lines: dict[Any, int | None] = field(default_factory=dict)


def _plan(row: _Row, context: _PlanContext) -> Plan:
    """Return one plan with its elements, checking its references."""
    key = row.match("key", SLUG, "a lowercase slug")
    if len(key) > 60:
        raise row.error("key", "is longer than 60 characters")
    level = row.choice("level", PLAN_LEVELS)
    cve_ent, cvegeo = context.places.check(row)
    if level == "state" and not cve_ent:
        raise row.error("cve_ent", "a state plan needs its state")
    if level == "municipal" and not cvegeo:
        raise row.error("cvegeo", "a municipal plan needs its municipality")
    period = row.match("period", PERIOD, "a period (YYYY-YYYY)", required=False)
    start_year, end_year = _years(row, period)
    elements, element_rows = [], {}
    for index, raw in enumerate(context.document.items(row, "elements")):
        where = f"{row.where}.elements[{index}]"
        element_row = context.document.row(raw, where, ELEMENT_FIELDS, "key")
        element = _element(element_row, key, context.sources)
        _claim(context.element_lines, element.key, element_row, "key")
        element_rows[element.key] = element_row
        elements.append(element)
    _check_element_parents(elements, element_rows)
    return Plan(
        key=key,
        name=row.text("name", max_length=250),
        level=level,
        start_year=start_year,
        end_year=end_year,
        cve_ent=cve_ent,
        cvegeo=cvegeo,
        agency=row.reference("agency", context.agencies, "agency"),
        source=row.source("source", context.sources),
        elements=tuple(elements),
    )


def _years(row: _Row, period: str) -> tuple[int | None, int | None]:
    """Return the first and last year of a "YYYY-YYYY" period, or (None, None)."""
    if not period:
        return None, None
    start, end = (int(year) for year in period.split("-"))
    if end < start:
        raise row.error("period", f"{period!r} ends before it starts")
    return start, end


def _element(row: _Row, plan: str, source_keys: Collection[str]) -> PlanElement:
    """Return one element; its key is its plan's key, a slash, and a name."""
    key = row.match("key", ELEMENT_KEY, "an element key")
    if not key.startswith(f"{plan}/"):
        raise row.error(
            "key", f"{key!r} does not start with its plan key {plan + '/'!r}"
        )
    number = row.match("number", NUMBER, "a number like 2 or 2.4.1", required=False)
    if len(number) > 30:
        raise row.error("number", "is longer than 30 characters")
    name = row.text("name", required=False, max_length=400)
    if not number and not name:
        raise row.error("name", "an element needs a number, a name or both")
    return PlanElement(
        key=key,
        plan=plan,
        kind=row.choice("kind", ELEMENT_KINDS),
        number=number,
        name=name,
        parent=row.text("parent", required=False),
        source=row.source("source", source_keys),
    )


def _check_element_parents(
    elements: list[PlanElement], rows: Mapping[str, _Row]
) -> None:
    """Fail when a parent is not an element of the same plan or parents loop."""
    by_key = {element.key: element for element in elements}
    for element in elements:
        if element.parent and element.parent not in by_key:
            reason = f"{element.parent!r} is not an element of this plan"
            raise rows[element.key].error("parent", reason)
    for element in elements:
        chain = _parent_chain(element.key, lambda key: by_key[key].parent)
        if chain[-1] in chain[:-1]:
            reason = f"the parent chain loops: {_arrow(chain)}"
            raise rows[element.key].error("parent", reason)


def _links(top: _Row, context: _PlanContext) -> tuple[AlignmentLink, ...]:
    """Return alignment links between distinct, known elements, each pair once."""
    known = context.element_lines
    seen: dict[frozenset[str], int | None] = {}
    links = []
    for index, raw in enumerate(context.document.items(top, "links")):
        where = f"links[{index}]"
        row = context.document.row(raw, where, LINK_FIELDS, "element", "aligned_with")
        element = row.reference("element", known, "plan element", required=True)
        aligned_with = row.reference(
            "aligned_with", known, "plan element", required=True
        )
        if element == aligned_with:
            raise row.error("aligned_with", "an element cannot align with itself")
        pair = frozenset((element, aligned_with))
        if pair in seen:
            reason = f"{element} and {aligned_with} are linked on line {seen[pair]}"
            raise row.error("aligned_with", reason)
        seen[pair] = row.line
        source = row.source("source", context.sources)
        links.append(AlignmentLink(element, aligned_with, source))
    return tuple(links)
