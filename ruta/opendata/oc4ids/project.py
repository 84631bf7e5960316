"""A published work as an OC4IDS 0.9 project, from its public fields only.

Funding rows become a budget breakdown by source, each source a funder
party; the program and subprogram are classifications; the municipality is
a location with its INEGI code (and the work's point when it has
coordinates), its plan region another; the physical and financial progress
are metrics; contracts are contracting processes; the citizens' committee is
the ``citizenCommittee`` extension (its formation date and size: its members
are personal data).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings

from ruta.catalog.models import Municipality, State
from ruta.opendata.oc4ids.contracting import contracting_processes
from ruta.opendata.packages import compact, day_start, money, period
from ruta.opendata.parties import (
    Parties,
    agency_party,
    funding_label,
    funding_party,
)
from ruta.works.models import DocumentKind, Progress, WorkDocument, WorkStatus

if TYPE_CHECKING:
    from ruta.opendata.package_selectors import ProjectWork

INEGI_GAZETTEER = "INEGI"
COUNTRY = "México"
PERCENT_UNIT = {"name": "porcentaje", "scheme": "UNCEFACT", "id": "P1"}
# The work's lifecycle in the OC4IDS projectStatus codelist: approval and the
# release of funds prepare it; contracting and execution implement it; a
# finished work is in completion until its handover closes it out.
PROJECT_STATUS: dict[str, str] = {
    WorkStatus.PROPOSED: "identification",
    WorkStatus.APPROVED: "preparation",
    WorkStatus.RELEASED: "preparation",
    WorkStatus.CONTRACTED: "implementation",
    WorkStatus.IN_EXECUTION: "implementation",
    WorkStatus.COMPLETED: "completion",
    WorkStatus.HANDED_OVER: "completion",
    WorkStatus.CANCELLED: "cancelled",
}

# A work's documents in the OC4IDS documentType codelist; "other" has no type.
DOCUMENT_TYPE: dict[str, str] = {
    DocumentKind.PROJECT: "designReport",  # expediente técnico: the works' design
    DocumentKind.CONTRACT: "contractSigned",
    DocumentKind.PHOTO: "illustration",
    DocumentKind.PROGRESS_REPORT: "physicalProgressReport",
    DocumentKind.HANDOVER_ACT: "completionCertificate",
}


def project_id(work: ProjectWork) -> str:
    """Return the OC4IDS id of a work: the publisher's prefix and the folio."""
    return f"{settings.RUTA_OC4IDS_PREFIX}-{work.public_id}"


def _budget(work: ProjectWork, parties: Parties) -> dict[str, Any]:
    """Return the total investment and its breakdown by funding source."""
    year = work.fiscal_year_id
    breakdown = [
        compact(
            {
                "id": str(index),
                "description": funding_label(row),
                "amount": money(row.amount),
                "sourceParty": parties.add(funding_party(row), "funder"),
                "period": period(date(year, 1, 1), date(year, 12, 31)),
            }
        )
        for index, row in enumerate(work.funding_rows, start=1)
    ]
    # A work without funding rows has no breakdown: the standard forbids an
    # empty one (its total still stands, from the work's own record).
    groups = (
        [
            {
                "id": "fuentes",
                "description": "Estructura financiera por fuente de financiamiento",
                "budgetBreakdown": breakdown,
            }
        ]
        if breakdown
        else []
    )
    return compact({"amount": money(work.total_investment), "budgetBreakdowns": groups})


def _classifications(work: ProjectWork) -> list[dict[str, str]]:
    """Return the work's program and subprogram (the platform's own keys).

    A program and a subprogram may share a key (the federal records' are both
    ``ppi-federal``) and reviewers require the ids of one list to differ, so
    each id names its kind.
    """
    return [
        {
            "scheme": "RUTA-PROGRAMA",
            "id": f"programa/{work.program.code}",
            "description": work.program.name,
        },
        {
            "scheme": "RUTA-SUBPROGRAMA",
            "id": f"subprograma/{work.subprogram.code}",
            "description": work.subprogram.name,
        },
    ]


def _point(work: ProjectWork) -> dict[str, Any] | None:
    """Return the work's coordinates as a GeoJSON point, longitude first."""
    if work.latitude is None or work.longitude is None:
        return None
    return {"type": "Point", "coordinates": [work.longitude, work.latitude]}


def _gazetteer(area: Municipality | State | None) -> dict[str, Any] | None:
    """Return the INEGI code of a municipality (five digits) or state (two)."""
    if area is None:
        return None
    return {"scheme": INEGI_GAZETTEER, "identifiers": [area.code]}


def _place(work: ProjectWork) -> dict[str, Any] | None:
    """Return where the work is: its municipality (or state) and its point."""
    municipality = work.municipality
    state = municipality.state if municipality else work.state
    point = _point(work)
    if state is None and point is None:
        return None
    names = [work.locality, municipality and municipality.name, state and state.name]
    address = {
        "locality": work.locality,
        "region": state and state.name,
        "countryName": COUNTRY,
    }
    place = {
        "id": "municipio" if municipality else "entidad" if state else "punto",
        "description": ", ".join(dict.fromkeys(name for name in names if name)),
        "gazetteer": _gazetteer(municipality or state),
        "geometry": point,
        "address": compact(address),
    }
    return compact(place)


def _region(work: ProjectWork) -> dict[str, Any] | None:
    """Return the region of the state plan the work's municipality belongs to."""
    region = work.region
    if region is None:
        return None
    text = f"Región {region.number} {region.name} ({region.plan.name})"
    return {"id": "region", "description": text}


def _locations(work: ProjectWork) -> list[dict[str, Any]]:
    return [found for found in (_place(work), _region(work)) if found is not None]


def _benefits(work: ProjectWork) -> list[dict[str, Any]]:
    """Return the number of people the work benefits, when it is known."""
    if not work.beneficiaries:
        return []
    people = {
        "description": "Población beneficiada",
        "numberOfPeople": work.beneficiaries,
    }
    return [{"title": "Población beneficiada", "beneficiaries": [people]}]


def _paid_percent(row: Progress, work: ProjectWork) -> Decimal | None:
    """Return the amount paid as a percentage of the total investment."""
    if not work.total_investment:
        return None
    share = row.amount_paid * 100 / work.total_investment
    return share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _observation(row: Progress, **values: Any) -> dict[str, Any]:
    when = day_start(row.date)
    return compact(
        {"id": str(row.pk), "period": {"startDate": when, "endDate": when}, **values}
    )


def _metrics(work: ProjectWork) -> list[dict[str, Any]]:
    """Return the physical and the financial progress, one observation per report."""
    rows = work.progress_rows
    if not rows:
        return []
    physical = [
        _observation(row, measure=row.physical_percent, unit=PERCENT_UNIT)
        for row in rows
    ]
    financial = [
        _observation(
            row,
            value=money(row.amount_paid),
            measure=_paid_percent(row, work),
            unit=PERCENT_UNIT,
            notes="Monto pagado acumulado y su porcentaje de la inversión total",
        )
        for row in rows
    ]
    return [
        {"id": "physicalProgress", "title": "Avance físico", "observations": physical},
        {
            "id": "financialProgress",
            "title": "Avance financiero",
            "observations": financial,
        },
    ]


def _document(document: WorkDocument) -> dict[str, Any]:
    """Return a document of the work's page, at its link or uploaded file."""
    url = document.url or settings.RUTA_SITE_URL.rstrip("/") + document.file.url
    return compact(
        {
            "id": str(document.pk),
            "documentType": DOCUMENT_TYPE.get(document.kind),
            "title": document.title,
            "url": url,
            "datePublished": day_start(document.date),
        }
    )


def _committee(work: ProjectWork) -> dict[str, Any] | None:
    """Return the committee's public facts (extension ``citizenCommittee``)."""
    committee = getattr(work, "committee", None)
    if committee is None:
        return None
    return {
        "formationDate": day_start(committee.formed_on),
        "memberCount": work.member_count,
    }


def work_project(work: ProjectWork) -> dict[str, Any]:
    """Return ``work``, as ``published_works`` reads it, as an OC4IDS project."""
    parties = Parties()
    authority = parties.add(agency_party(work.executing_agency), "publicAuthority")
    budget = _budget(work, parties)
    processes = contracting_processes(work, parties)
    project = {
        "id": project_id(work),
        "updated": work.updated,
        "language": "es",
        "identifiers": [{"id": work.public_id, "scheme": "RUTA-FOLIO"}],
        "title": work.title,
        "description": work.description,
        "status": PROJECT_STATUS[work.status],
        "period": period(work.start_date, work.end_date),
        "publicAuthority": authority,
        "budget": budget,
        "additionalClassifications": _classifications(work),
        "locations": _locations(work),
        "benefits": _benefits(work),
        "metrics": _metrics(work),
        "documents": [_document(document) for document in work.document_rows],
        "contractingProcesses": processes,
        "parties": parties.as_list(),
        "citizenCommittee": _committee(work),
    }
    return compact(project)
