"""Catalog endpoints: states, regions, municipalities."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from ruta.catalog import selectors
from ruta.catalog.schemas import MunicipalityOut, RegionOut, StateOut
from ruta.common.bounds import Code, SearchText

router = Router(tags=["catalog"])


@router.get("/states", response=list[StateOut])
def list_states(request: HttpRequest) -> list[dict]:
    """Return every state with its INEGI code."""
    return selectors.state_rows()


@router.get("/regions", response=list[RegionOut])
def list_regions(request: HttpRequest, state: Code | None = None) -> list[dict]:
    """Return the development-plan regions of a state.

    Without ``state``, those of the instance's state, or of every state on a
    national instance. A municipality's own instance has no regions: the
    list is empty, whatever ``state``.
    """
    return selectors.region_rows(state or None)


@router.get("/municipalities", response=list[MunicipalityOut])
def list_municipalities(
    request: HttpRequest, state: Code | None = None, q: SearchText = ""
) -> list[dict]:
    """Return municipalities, optionally of one state or matching ``q``."""
    return selectors.municipality_rows(state=state, text=q)
