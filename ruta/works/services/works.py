"""Writes on a work: creation, descriptive changes, status and funding."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, service
from ruta.accounts.permissions import Action, Scope, require
from ruta.catalog.models import Agency, FiscalYear, Municipality
from ruta.works.models import (
    Funding,
    Subprogram,
    Work,
    WorksProgram,
)
from ruta.works.services.common import (
    FundingLine,
    ensure_not_final,
    ensure_open_year,
    funding_check,
)

# Fields ``work_update`` may change; status, money and identity have their
# own services (or none) so their rules cannot be bypassed.
UPDATABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "locality",
        "subprogram",
        "municipality",
        "executing_agency",
        "latitude",
        "longitude",
        "beneficiaries",
        "start_date",
        "end_date",
    }
)


def _write_funding(work: Work, funding: Sequence[FundingLine]) -> list[Funding]:
    """Make the work's rows exactly ``funding``, updating rows kept in place."""
    wanted = {(line.source, line.fund): line.amount for line in funding}
    for row in work.funding.all():
        if (row.source, row.fund) not in wanted:
            row.delete()
    return [
        Funding.objects.update_or_create(
            work=work, source=source, fund=fund, defaults={"amount": amount}
        )[0]
        for (source, fund), amount in wanted.items()
    ]


@service
def work_create(
    *,
    public_id: str,
    fiscal_year: FiscalYear,
    program: WorksProgram,
    subprogram: Subprogram,
    executing_agency: Agency,
    municipality: Municipality,
    title: str,
    total_investment: Decimal,
    funding: Sequence[FundingLine],
    locality: str = "",
    description: str = "",
    beneficiaries: int = 0,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
    is_demo: bool = False,
    actor: Actor,
) -> Work:
    """Create a proposed work with its funding rows, which must add up."""
    require(
        actor,
        Action.CAPTURE,
        Scope(agency_id=executing_agency.pk, municipality_id=municipality.pk),
    )
    ensure_open_year(fiscal_year)
    funding_check(total_investment=total_investment, funding=funding)
    work = Work(
        public_id=public_id,
        fiscal_year=fiscal_year,
        program=program,
        subprogram=subprogram,
        executing_agency=executing_agency,
        municipality=municipality,
        # The state it is in, as an import of its row writes it.
        state_id=municipality.state_id,
        title=title,
        total_investment=total_investment,
        locality=locality,
        description=description,
        beneficiaries=beneficiaries,
        latitude=latitude,
        longitude=longitude,
        start_date=start_date,
        end_date=end_date,
        is_demo=is_demo,
    )
    work.full_clean()
    work.save()
    _write_funding(work, funding)
    return work


@service
def work_update(*, work: Work, changes: Mapping[str, Any], actor: Actor) -> Work:
    """Change a work's descriptive fields; the actor must cover old and new scope."""
    unknown = set(changes) - UPDATABLE_FIELDS
    if unknown:
        raise ValidationError(
            _("Estos campos no se cambian aquí: %(fields)s."),
            code="field_not_updatable",
            params={"fields": ", ".join(sorted(unknown))},
        )
    work = Work.objects.select_for_update().get(pk=work.pk)
    require(actor, Action.CAPTURE, work)
    ensure_not_final(work)
    moved = any(
        field in changes and changes[field] != getattr(work, field)
        for field in ("latitude", "longitude")
    )
    for field, value in changes.items():
        setattr(work, field, value)
    if "municipality" in changes and work.municipality is not None:
        work.state_id = work.municipality.state_id
    if moved:
        # Coordinates written by staff are the work's own, not its place's.
        work.location_approximate = False
    require(actor, Action.CAPTURE, work)
    work.full_clean()
    work.save()
    return work


@service
def funding_set(
    *,
    work: Work,
    funding: Sequence[FundingLine],
    total_investment: Decimal | None = None,
    actor: Actor,
) -> list[Funding]:
    """Replace a work's funding (and optionally its total), which must add up."""
    work = Work.objects.select_for_update().get(pk=work.pk)
    require(actor, Action.CAPTURE, work)
    ensure_not_final(work)
    total = work.total_investment if total_investment is None else total_investment
    funding_check(total_investment=total, funding=funding)
    if total != work.total_investment:
        work.total_investment = total
        work.save(update_fields=["total_investment", "updated"])
    return _write_funding(work, funding)
