"""Agencies and the checks on their hierarchy."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._base import (
    PUBLISHED_CODE,
    SLUG,
    _arrow,
    _claim,
    _parent_chain,
    _read_csv,
    _Row,
)
from .territory import Municipality, Source, State, _Places

AGENCY_KINDS = ("dependencia", "entidad", "ayuntamiento", "unidad", "organo", "osc")
AGENCY_COLUMNS = (
    "slug", "code", "kind", "name", "acronym", "parent", "cve_ent", "cvegeo", "source",
)  # fmt: skip


@dataclass(frozen=True)
class Agency:
    """A public body or one of its units; ``slug`` is the key, ``code`` as printed."""

    slug: str
    code: str
    kind: str
    name: str
    acronym: str
    parent: str
    cve_ent: str
    cvegeo: str
    source: str


def read_agencies(
    path: Path,
    *,
    states: Iterable[State],
    municipalities: Iterable[Municipality],
    sources: Iterable[Source],
) -> tuple[Agency, ...]:
    """Return agencies with known parents, no cycle, and unique codes per tree."""
    places = _Places.of(states, municipalities)
    source_keys = {source.key for source in sources}
    seen: dict[Any, int | None] = {}
    rows: dict[str, _Row] = {}
    agencies: dict[str, Agency] = {}
    for row in _read_csv(path, AGENCY_COLUMNS):
        agency = _agency(row, places, source_keys)
        _claim(seen, agency.slug, row, "slug")
        rows[agency.slug] = row
        agencies[agency.slug] = agency
    _check_hierarchy(agencies, rows)
    return tuple(agencies.values())


def _agency(row: _Row, places: _Places, source_keys: Collection[str]) -> Agency:
    """Return the row's agency after checking its own fields."""
    slug = row.match("slug", SLUG, "a lowercase slug")
    if len(slug) > 80:
        raise row.error("slug", "is longer than 80 characters")
    kind = row.choice("kind", AGENCY_KINDS)
    cve_ent, cvegeo = places.check(row)
    if kind == "ayuntamiento" and not cvegeo:
        raise row.error("cvegeo", "an ayuntamiento needs its municipality")
    parent = row.match("parent", SLUG, "an agency slug", required=False)
    if kind == "unidad" and not parent:
        raise row.error("parent", "a unit needs its parent agency")
    return Agency(
        slug=slug,
        code=row.match("code", PUBLISHED_CODE, "a printed code", required=False),
        kind=kind,
        name=row.text("name", max_length=250),
        acronym=row.text("acronym", required=False, max_length=30),
        parent=parent,
        cve_ent=cve_ent,
        cvegeo=cvegeo,
        source=row.source("source", source_keys),
    )


def _check_hierarchy(agencies: Mapping[str, Agency], rows: Mapping[str, _Row]) -> None:
    """Fail on an unknown parent, a parent cycle, or a code repeated in one tree."""
    for slug, agency in agencies.items():
        if agency.parent and agency.parent not in agencies:
            raise rows[slug].error("parent", f"unknown agency {agency.parent!r}")
    codes: dict[Any, int | None] = {}
    for slug, agency in agencies.items():
        chain = _parent_chain(slug, lambda key: agencies[key].parent)
        if chain[-1] in chain[:-1]:
            raise rows[slug].error("parent", f"the parent chain loops: {_arrow(chain)}")
        if agency.code:
            _claim(codes, (chain[-1], agency.code), rows[slug], "code")
