"""Load the versioned catalog data files into the database.

The readers in ``datafiles`` validate every file first (a bad code, a
duplicate, an unknown municipality stop everything with file, line and
field); this loader then writes all of it in one transaction with upserts, so
loading twice changes nothing and a failure leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model

from ruta.catalog import datafiles as files
from ruta.catalog import models
from ruta.catalog.datafiles.state import StateSetup
from ruta.common.fast.stats import analyze


@dataclass(frozen=True)
class LoadSummary:
    """How many rows of each catalog the data files hold."""

    sources: int
    states: int
    municipalities: int
    regions: int
    agencies: int
    fiscal_years: int
    plans: int
    plan_elements: int
    alignment_links: int
    marginalization: int


def _upsert(model: type[Model], rows: list[Model], key: str, fields: list[str]) -> None:
    """Insert ``rows`` or update them in place when ``key`` already exists."""
    model._default_manager.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=[key],
        update_fields=fields,
        batch_size=1000,
    )


def _load_territory(data: files.CatalogData) -> None:
    _upsert(
        models.Source,
        [models.Source(key=s.key, citation=s.citation) for s in data.sources],
        "key",
        ["citation"],
    )
    _upsert(
        models.State,
        [
            models.State(
                code=s.cve_ent,
                name=s.name,
                short_name=s.short_name,
                abbreviation=s.abbreviation,
            )
            for s in data.states
        ],
        "code",
        ["name", "short_name", "abbreviation"],
    )
    _upsert(
        models.Municipality,
        [
            models.Municipality(
                code=m.cvegeo,
                state_id=m.cve_ent,
                municipal_code=m.cve_mun,
                name=m.name,
                population_2020=m.population_2020,
            )
            for m in data.municipalities
        ],
        "code",
        ["state", "municipal_code", "name", "population_2020"],
    )


def _load_marginalization(data: files.CatalogData) -> None:
    """Write CONAPO's index per municipality, citing the published file."""
    names = models.MARGINALIZATION_INDICATORS
    _upsert(
        models.Marginalization,
        [
            models.Marginalization(
                municipality_id=row.cvegeo,
                population=row.population,
                **dict(zip(names, row.indicators, strict=True)),
                index=row.index,
                grade=row.grade,
                normalized_index=row.normalized_index,
                national_rank=row.national_rank,
                source_id=files.MARGINALIZATION_SOURCE,
            )
            for row in data.marginalization
        ],
        "municipality",
        [*names, "population", "index", "grade", "normalized_index", "national_rank"]
        + ["source"],
    )


def _load_agencies(agencies: Iterable[files.Agency]) -> dict[str, int]:
    """Write agencies, then their parents (a second pass), and return their ids."""
    _upsert(
        models.Agency,
        [
            models.Agency(
                code=a.slug,
                official_code=a.code,
                kind=a.kind,
                name=a.name,
                acronym=a.acronym,
                state_id=a.cve_ent or None,
                municipality_id=a.cvegeo or None,
                source_id=a.source or None,
            )
            for a in agencies
        ],
        "code",
        ["official_code", "kind", "name", "acronym", "state", "municipality", "source"],
    )
    ids = dict(models.Agency.objects.values_list("code", "id"))
    parents = [
        models.Agency(id=ids[a.slug], parent_id=ids[a.parent] if a.parent else None)
        for a in agencies
    ]
    models.Agency.objects.bulk_update(parents, ["parent"], batch_size=1000)
    return ids


def _load_plans(data: files.CatalogData, agency_ids: dict[str, int]) -> None:
    plans = data.plan_alignment.plans
    _upsert(
        models.PlanFramework,
        [
            models.PlanFramework(
                code=p.key,
                name=p.name,
                level=p.level,
                start_year=p.start_year,
                end_year=p.end_year,
                state_id=p.cve_ent or None,
                municipality_id=p.cvegeo or None,
                agency_id=agency_ids[p.agency] if p.agency else None,
                source_id=p.source or None,
            )
            for p in plans
        ],
        "code",
        [
            "name",
            "level",
            "start_year",
            "end_year",
            "state",
            "municipality",
            "agency",
            "source",
        ],
    )
    plan_ids = dict(models.PlanFramework.objects.values_list("code", "id"))
    elements = data.plan_alignment.elements
    _upsert(
        models.PlanElement,
        [
            models.PlanElement(
                framework_id=plan_ids[e.plan],
                key=e.key,
                kind=e.kind,
                number=e.number,
                name=e.name,
                source_id=e.source or None,
            )
            for e in elements
        ],
        "key",
        ["framework", "kind", "number", "name", "source"],
    )
    element_ids = dict(models.PlanElement.objects.values_list("key", "id"))
    models.PlanElement.objects.bulk_update(
        [
            models.PlanElement(
                id=element_ids[e.key],
                parent_id=element_ids[e.parent] if e.parent else None,
            )
            for e in elements
        ],
        ["parent"],
    )
    link_model = models.PlanElement.aligned_with.through
    link_model.objects.bulk_create(
        [
            link_model(
                from_planelement_id=element_ids[link.element],
                to_planelement_id=element_ids[link.aligned_with],
            )
            for link in data.plan_alignment.links
        ],
        ignore_conflicts=True,
    )


def _region_note(member: files.RegionMember, region: files.Region) -> str:
    """Say where other sources put a municipality, so the page can show it."""
    others = {member.source_a_region, member.source_b_region} - {"", region.name}
    notes = []
    if others:
        notes.append("Otras fuentes lo ubican en: " + ", ".join(sorted(others)))
    if not member.verified_against_ped:
        notes.append("Pertenencia no verificada contra el texto oficial del PED")
    return ". ".join(notes)


def _load_regions(regions: Iterable[files.Region]) -> None:
    plan_ids = dict(models.PlanFramework.objects.values_list("code", "id"))
    for region in regions:
        stored, _ = models.Region.objects.update_or_create(
            state_id=region.cve_ent,
            plan_id=plan_ids[region.plan],
            number=region.number,
            defaults={"name": region.name},
        )
        for member in region.members:
            models.Municipality.objects.filter(code=member.cvegeo).update(
                region=stored, region_note=_region_note(member, region)
            )


@transaction.atomic
def catalog_load(data: files.CatalogData) -> LoadSummary:
    """Write every catalog from validated ``data``; idempotent."""
    _load_territory(data)
    agency_ids = _load_agencies(data.agencies)
    _load_plans(data, agency_ids)
    _load_regions(data.regions)
    _load_marginalization(data)
    _upsert(
        models.FiscalYear,
        [models.FiscalYear(year=y.year, notes=y.notes) for y in data.fiscal_years],
        "year",
        ["notes"],
    )
    analyze(
        models.State,
        models.Municipality,
        models.Region,
        models.Agency,
        models.FiscalYear,
        models.PlanFramework,
        models.PlanElement,
        models.Marginalization,
    )
    return LoadSummary(
        sources=len(data.sources),
        states=len(data.states),
        municipalities=len(data.municipalities),
        regions=len(data.regions),
        agencies=len(data.agencies),
        fiscal_years=len(data.fiscal_years),
        plans=len(data.plan_alignment.plans),
        plan_elements=len(data.plan_alignment.elements),
        alignment_links=len(data.plan_alignment.links),
        marginalization=len(data.marginalization),
    )


@dataclass(frozen=True)
class StateSetupSummary:
    """What setting up a state wrote: rows per table, and how many were new."""

    agencies: int
    agencies_new: int
    plans: int
    regions: int
    regions_new: int
    municipalities_placed: int


@transaction.atomic
def state_setup_load(setup: StateSetup) -> StateSetupSummary:
    """Write a state's sources, plans, agencies and regions; idempotent."""
    agencies_before = set(
        models.Agency.objects.filter(
            code__in=[agency.slug for agency in setup.agencies]
        ).values_list("code", flat=True)
    )
    regions_before = models.Region.objects.of_state(setup.state).count()
    _upsert(
        models.Source,
        [models.Source(key=s.key, citation=s.citation) for s in setup.sources],
        "key",
        ["citation"],
    )
    _upsert(
        models.PlanFramework,
        [
            models.PlanFramework(
                code=plan.key,
                name=plan.name,
                level=models.PlanLevel.STATE,
                start_year=plan.start_year,
                end_year=plan.end_year,
                state_id=setup.state,
                source_id=plan.source.split("#", 1)[0],
            )
            for plan in setup.plans
        ],
        "code",
        ["name", "level", "start_year", "end_year", "state", "source"],
    )
    _load_agencies(setup.agencies)
    _load_regions(setup.regions)
    analyze(models.Agency, models.Region, models.Municipality, models.PlanFramework)
    return StateSetupSummary(
        agencies=len(setup.agencies),
        agencies_new=len(setup.agencies) - len(agencies_before),
        plans=len(setup.plans),
        regions=len(setup.regions),
        regions_new=models.Region.objects.of_state(setup.state).count()
        - regions_before,
        municipalities_placed=sum(len(region.members) for region in setup.regions),
    )
