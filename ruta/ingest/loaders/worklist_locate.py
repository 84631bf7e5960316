"""Place the works imported before their state's municipal outlines were known.

A works list is read once (by its SHA-256), so the works of a list imported
before the catalog carried their state's municipal outlines stay state-wide.
``works_locate`` places each imported work that has a point and one state but
no municipality as an import now does (``municipality_located``'s rules: the
outline holding the point, or the nearest within its margin), and writes the
same note on the file that last published it. A point outside its state
stays where it is: its import reported it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from ruta.accounts.actors import Actor, audited
from ruta.accounts.permissions import Action, require_anywhere
from ruta.catalog.boundaries import (
    MunicipalBoundaries,
    MunicipalOutline,
    municipal_boundaries_load,
)
from ruta.catalog.models import Municipality
from ruta.catalog.names import MunicipalityNames
from ruta.ingest.loaders.worklist import BOUNDARIES_FILE
from ruta.ingest.worklist import Boundaries, boundaries_load
from ruta.ingest.worklist.location import (
    MUNICIPAL_MARGIN,
    municipalities_named,
    municipality_from_point,
)
from ruta.sources.findings import Finding
from ruta.sources.models import SourceDocument
from ruta.sources.services import findings_write
from ruta.works.models import Work, WorkOrigin, WorkPublication

# The works a file brought in; a captured work always has its municipality.
IMPORTED = (WorkOrigin.FEDERAL_OPA, WorkOrigin.AGENCY_FILE)


@dataclass(frozen=True)
class _Placed:
    outline: MunicipalOutline
    distance_km: str  # "" when the outline holds the point


def _placed(
    municipal: MunicipalBoundaries,
    states: Boundaries,
    state: str,
    latitude: Decimal,
    longitude: Decimal,
) -> _Placed | None:
    if states.holds(state, latitude, longitude) is False:
        return None
    found = municipal.locate(state, float(latitude), float(longitude))
    if found is not None:
        return _Placed(found, "")
    near = municipal.nearest(state, float(latitude), float(longitude), MUNICIPAL_MARGIN)
    if near is None:
        return None
    outline, distance = near
    return _Placed(outline, f"{distance * 111:.1f}")


def works_locate(*, actor: Actor) -> int:
    """Place the imported works left without municipality; return how many.

    In one transaction, audited: each work's municipality, and on the file
    that last published it a note (``municipality_from_point``) naming the
    work by its folio. A second run finds nothing to place. A work whose
    name or description names only other municipalities of its state than
    its point's stays in the state, as an import leaves it
    (``municipality_point_contradicts_name``).
    """
    require_anywhere(actor, Action.CAPTURE)
    municipal = municipal_boundaries_load()
    states = boundaries_load(BOUNDARIES_FILE)
    known = set(Municipality.objects.values_list("code", flat=True))
    candidates = Work.objects.filter(
        origin__in=IMPORTED,
        municipality__isnull=True,
        state_id__in=list(municipal.by_state),
        latitude__isnull=False,
        longitude__isnull=False,
    ).values_list(
        "pk", "public_id", "state_id", "latitude", "longitude", "title", "description"
    )
    names = {
        state: MunicipalityNames.of_state(state).codes() for state in municipal.by_state
    }
    by_code: dict[str, list[int]] = defaultdict(list)
    notes: dict[int, list[Finding]] = defaultdict(list)
    for pk, public_id, state, latitude, longitude, title, description in candidates:
        if state is None or latitude is None or longitude is None:
            continue  # the query asks for all three: for the types
        placed = _placed(municipal, states, state, latitude, longitude)
        if placed is None or placed.outline.code not in known:
            continue
        named = municipalities_named(f"{title} {description}", names[state])
        if named and placed.outline.code not in named:
            continue
        by_code[placed.outline.code].append(pk)
        document = (
            WorkPublication.objects.filter(work_id=pk)
            .order_by("-as_of", "-document_id")
            .values_list("document_id", flat=True)
            .first()
        )
        if document is None:
            continue
        values = {
            "key": public_id,
            "latitude": latitude,
            "longitude": longitude,
            "municipality": placed.outline.code,
            "municipality_name": placed.outline.name,
            "newer": ", ".join(municipal.newer.get(state, {}).values()),
        }
        if placed.distance_km:
            values["distance_km"] = placed.distance_km
        notes[document].append(
            municipality_from_point.found(
                where=f"key {public_id}", values=values, severity="info"
            )
        )
    with transaction.atomic(), audited(actor, "works_locate"):
        for code, pks in by_code.items():
            Work.objects.filter(pk__in=pks).update(municipality_id=code)
        for document_id, findings in notes.items():
            findings_write(
                document=SourceDocument.objects.get(pk=document_id),
                findings=findings,
                actor=actor,
            )
    return sum(len(pks) for pks in by_code.values())


def works_place_approximately(*, actor: Actor, demo_only: bool = False) -> int:
    """Give the works with a municipality and no coordinates a point inside
    their municipality's outline, marked approximate; return how many.

    The map can then show them where they are, roughly, and says so (a
    ring, "ubicación aproximada"); the work's page says so too. Only the
    municipalities the catalog has outlines for; a work of a whole state
    stays without a point. ``demo_only``: only demonstration works. A second
    run finds nothing to place; a work given its own coordinates later is
    no longer approximate (the capture form and the imports write both).
    """
    require_anywhere(actor, Action.CAPTURE)
    municipal = municipal_boundaries_load()
    works = Work.objects.filter(
        municipality__isnull=False, latitude__isnull=True, longitude__isnull=True
    )
    if demo_only:
        works = works.filter(is_demo=True)
    placed = 0
    with transaction.atomic(), audited(actor, "works_place_approximately"):
        for state in municipal.by_state:
            for code, (longitude, latitude) in municipal.centres(state).items():
                placed += works.filter(municipality_id=code).update(
                    latitude=Decimal(str(latitude)),
                    longitude=Decimal(str(longitude)),
                    location_approximate=True,
                )
    return placed
