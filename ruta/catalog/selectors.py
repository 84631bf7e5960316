"""Reads on the catalogs for pages, the API and exports."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q, QuerySet
from django.urls import reverse

from ruta.catalog.instance import instance
from ruta.catalog.models import (
    Agency,
    FiscalYear,
    Municipality,
    PlanElement,
    PlanLevel,
    Region,
    State,
)
from ruta.common.text.search import Found, Hit, entries_found, entries_kept, words_of
from ruta.common.web.guards import UnknownValue


class AgencyNotFound(LookupError):
    """No agency, or more than one, answers to the name asked for."""


def agency_by_name(name: str) -> Agency:
    """Return the agency whose code or acronym is ``name`` (any case).

    Raise ``AgencyNotFound`` naming the problem when none or several match,
    rather than picking one: acronyms repeat between states.
    """
    matches = list(
        Agency.objects.filter(Q(code__iexact=name) | Q(acronym__iexact=name))[:3]
    )
    if not matches:
        raise AgencyNotFound(f"no agency has code or acronym {name!r}")
    if len(matches) > 1:
        codes = ", ".join(agency.code for agency in matches)
        raise AgencyNotFound(f"{name!r} names several agencies ({codes}); use a code")
    return matches[0]


def fiscal_year_required(year: int, parameter: str = "year") -> None:
    """Raise ``UnknownValue`` (a 404) unless the catalog knows fiscal year ``year``."""
    if not FiscalYear.objects.filter(year=year).exists():
        raise UnknownValue(
            parameter, f"no fiscal year {year} in the catalog", code="unknown-year"
        )


def state_rows() -> list[dict]:
    """Return every state as plain values."""
    return [dict(row) for row in State.objects.values("code", "name", "abbreviation")]


def region_rows(state_code: str | None) -> list[dict]:
    """Return the regions the API answers as values: those of ``state_code``,
    or the instance's (``Instance.regions``) when None or on a
    municipality's own instance, which has none whatever is asked."""
    scope = instance()
    if scope.municipal or state_code is None:
        regions = scope.regions()
    else:
        regions = Region.objects.of_state(state_code)
    return [
        {
            "state": row["state_id"],
            "plan": row["plan__code"],
            "number": row["number"],
            "name": row["name"],
        }
        for row in regions.order_by("state_id", "plan__code", "number").values(
            "state_id", "plan__code", "number", "name"
        )
    ]


def municipality_rows(*, state: str | None = None, text: str = "") -> list[dict]:
    """Return municipalities (of ``state``, matching ``text``) as plain values."""
    municipalities = Municipality.objects.all()
    if state:
        municipalities = municipalities.of_state(state)
    if text:
        municipalities = municipalities.search(text)
    return [
        {
            "state": row["state_id"],
            "region": row["region__name"],
            "code": row["code"],
            "name": row["name"],
            "population_2020": row["population_2020"],
        }
        for row in municipalities.values(
            "code", "name", "population_2020", "state_id", "region__name"
        )
    ]


def municipalities_search(words: Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the instance's municipalities whose name holds every
    word (the site search)."""
    entries = entries_kept(
        "municipalities",
        lambda: instance().municipalities().select_related("state"),
        ["name"],
        lambda place: Hit(
            title=place.name,
            url=reverse("portal:municipality", args=[place.code]),
            detail=f"{place.state.name} · INEGI {place.code}",
        ),
    )
    return entries_found(entries, words, offset, limit)


def municipalities_search_words() -> set[str]:
    """Return the words of the instance's municipalities' names."""
    return words_of(instance().municipalities().values_list("name", flat=True))


def plan_elements_alignable() -> QuerySet[PlanElement]:
    """Return the plan elements this instance's indicators may serve: the
    Sustainable Development Goals, the national plan's, and its own state's
    or municipality's plans and programs (never another place's)."""
    scope = instance()
    here = Q(framework__level__in=(PlanLevel.GLOBAL, PlanLevel.NATIONAL))
    if scope.municipal:
        here |= Q(framework__municipality_id=scope.municipality_code)
    elif scope.code:
        here |= Q(framework__state_id=scope.code, framework__municipality__isnull=True)
    else:
        here |= Q(framework__level=PlanLevel.STATE)
    return (
        PlanElement.objects.filter(here)
        .select_related("framework")
        .order_by("framework__level", "framework__code", "kind", "number", "key")
    )
