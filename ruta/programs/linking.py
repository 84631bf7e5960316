"""Matching what a form prints to the catalog: agencies and plan elements.

A form prints its ramo and units by code and name ("54101 DIRECCIÓN"); the
catalog keeps the same code as ``Agency.official_code``. A unit that prints
no code (BISOM's CDHI department) is matched by its name among the ramo's
units. Ejes and líneas de acción match the elements of the municipality's
development plan by number. No match is not an error: the printed code and
name are kept and the link stays empty.
"""

from __future__ import annotations

import re

from ruta.catalog.models import (
    Agency,
    PlanElement,
    PlanElementKind,
    PlanFramework,
    PlanLevel,
)
from ruta.common.text.search import fold

_PARENTHESES = re.compile(r"\([^)]*\)")


def name_key(name: str) -> str:
    """Return ``name`` folded, without a parenthesised acronym or extra spaces."""
    return " ".join(fold(_PARENTHESES.sub(" ", name)).split())


def ramo_agency(code: str | None, name: str | None) -> Agency | None:
    """Return the catalog agency that is the ramo, or None if not unique."""
    if code:
        by_code = list(Agency.objects.filter(official_code=code))
        if len(by_code) == 1:
            return by_code[0]
        named = [a for a in by_code if name and name_key(a.name) == name_key(name)]
        if len(named) == 1:
            return named[0]
    return _unique_by_name(Agency.objects.all(), name)


def unit_agency(
    ramo: Agency | None, code: str | None, name: str | None
) -> Agency | None:
    """Return the catalog unit under ``ramo`` with this code (or name)."""
    pool = Agency.objects.filter(parent=ramo) if ramo else Agency.objects.all()
    if code:
        by_code = list(pool.filter(official_code=code))
        if len(by_code) == 1:
            return by_code[0]
    return _unique_by_name(pool, name)


def _unique_by_name(pool, name: str | None) -> Agency | None:
    if not name:
        return None
    found = list(pool.filter(name_folded=name_key(name))[:2])
    return found[0] if len(found) == 1 else None


def municipal_plan(agency: Agency | None) -> PlanFramework | None:
    """Return the development plan of the agency's municipality, if only one."""
    if agency is None or agency.municipality_id is None:
        return None
    plans = list(
        PlanFramework.objects.filter(
            level=PlanLevel.MUNICIPAL, municipality_id=agency.municipality_id
        )[:2]
    )
    return plans[0] if len(plans) == 1 else None


def plan_element(
    plan: PlanFramework | None, kind: PlanElementKind, code: str
) -> PlanElement | None:
    """Return the plan's element of ``kind`` numbered ``code``, if any."""
    if plan is None:
        return None
    return plan.elements.filter(kind=kind, number=code).first()
