"""Works imported in bulk from a published file: what the works app takes.

``ImportedWork`` is a work as a file publishes it (current values and the
figures printed), ``ExecutingUnit`` an agency or unit the file names,
``ProgramDefinition`` the program its works belong to; the loader builds them
from its reader's rows. ``executing_units_ensure`` and ``program_ensure``
create what the catalog lacks; ``ruta.works.services.staged`` writes the
works themselves, a chunk at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Max

from ruta.accounts.actors import Actor, service
from ruta.accounts.permissions import Action, require_anywhere
from ruta.catalog.models import Agency, AgencyKind
from ruta.works.models import (
    Subprogram,
    WorksDelivery,
    WorksProgram,
    WorkStatus,
)


@dataclass(frozen=True)
class FundingShare:
    """One funding row of an imported work."""

    source: str
    amount: Decimal
    fund: str = ""


@dataclass(frozen=True)
class ImportedWork:
    """A work as a file publishes it: current values and the figures printed."""

    public_id: str
    title: str
    agency: str  # catalog code of the executing agency or unit
    subprogram: str
    total_investment: Decimal
    funding: tuple[FundingShare, ...]
    rank: int  # among rows of one key, the highest is current
    status: str = WorkStatus.APPROVED
    description: str = ""
    locality: str = ""
    state: str = ""
    municipality: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    start: date | None = None
    end: date | None = None
    year: int | None = None
    approved: Decimal | None = None
    modified: Decimal | None = None
    paid: Decimal | None = None
    total_printed: Decimal | None = None
    physical_progress: Decimal | None = None
    sources_printed: dict[str, Decimal] = field(default_factory=dict)
    status_printed: str = ""
    # The official the file names: personal data, kept only on the publication.
    official_name: str = ""
    official_position: str = ""
    official_email: str = ""
    official_phone: str = ""


@dataclass(frozen=True)
class ExecutingUnit:
    """An agency or unit a file names, created in the catalog if new."""

    code: str
    name: str
    kind: str = AgencyKind.UNIDAD
    official_code: str = ""
    acronym: str = ""
    parent: str = ""


@dataclass(frozen=True)
class ProgramDefinition:
    """The works program (and its one subprogram) imported works belong to."""

    code: str
    name: str
    acronym: str
    agency: str
    description: str
    subprogram_code: str
    subprogram_name: str


@dataclass(frozen=True)
class WorksImportCounts:
    """What ``works_import_staged`` wrote."""

    works_created: int
    works_current: int  # created or given this file's values
    works_kept_earlier: int  # a later file's values stay current
    publications: int
    units_created: int
    refused: tuple[str, ...] = ()  # public ids held by works not from files
    funding_rows: int = 0  # funding lines written


@service
def executing_units_ensure(*, units: Sequence[ExecutingUnit], actor: Actor) -> int:
    """Create the units not yet in the catalog, parents first; return how many."""
    require_anywhere(actor, Action.CAPTURE)
    known = set(
        Agency.objects.filter(code__in=[u.code for u in units]).values_list(
            "code", flat=True
        )
    )
    created = 0
    for depth in (False, True):
        for unit in units:
            if unit.code in known or bool(unit.parent) != depth:
                continue
            parent = Agency.objects.get(code=unit.parent) if unit.parent else None
            Agency.objects.create(
                code=unit.code,
                name=unit.name[:250],
                kind=unit.kind,
                official_code=unit.official_code[:20],
                acronym=unit.acronym[:30],
                parent=parent,
            )
            known.add(unit.code)
            created += 1
    return created


@service
def program_ensure(*, definition: ProgramDefinition, actor: Actor) -> WorksProgram:
    """Return the program of ``definition``, created with its subprogram if new."""
    require_anywhere(actor, Action.CAPTURE)
    program, _ = WorksProgram.objects.get_or_create(
        code=definition.code,
        defaults={
            "name": definition.name,
            "acronym": definition.acronym,
            "agency": Agency.objects.get(code=definition.agency),
            "description": definition.description,
            "delivery": WorksDelivery.DIRECT,
            "committee_required": False,
        },
    )
    last = Subprogram.objects.aggregate(last=Max("position"))["last"] or 0
    Subprogram.objects.get_or_create(
        code=definition.subprogram_code,
        defaults={"name": definition.subprogram_name, "position": last + 1},
    )
    return program
