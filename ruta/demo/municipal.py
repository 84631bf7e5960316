"""Mexicali's demonstration work and the citizen committee that oversees it.

The demo's works are Sonora's, and the federal works located in Mexicali
are the federation's, so Mexicali's own instance (``make demo
DEMO_MUNICIPALITY=02002``) would hold no work of its own for a committee to
oversee. One demonstration work of Bienestar Social
Municipal's technical department, located in Mexicali and paid by the
municipality, is written with its committee and fictitious members, each
marked as demonstration like the demo's other records.

It is written whenever the catalog holds Mexicali's units, as its
demonstration statement is (``statements.municipal_statement_demo_load``):
``ruta load-demo`` runs unscoped, since other parts of the demo need
Sonora's works; Mexicali's instance publishes the work, and a Sonora
instance does not (it lies in Baja California).
"""

from __future__ import annotations

import random
from dataclasses import asdict
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from ruta.accounts.actors import DEMO, audited
from ruta.catalog.models import Agency, FiscalYear
from ruta.demo.people import members_of
from ruta.participation.models import Committee, CommitteeMember
from ruta.works.models import (
    Funding,
    FundingSource,
    Subprogram,
    Work,
    WorksProgram,
    WorkStatus,
)

MEXICALI = "02002"
YEAR = 2024
PROGRAM = "mexicali-bisom-obra-comunitaria"
EXECUTING_AGENCY = "mexicali-bisom-departamento-tecnico"
PUBLIC_ID = "MXL-2024-0001"
# Committee members' fictitious numbers and addresses start past the
# Sonora demo's (``people.members_of`` numbers them by serial).
SERIAL = 90_001
INVESTMENT = Decimal("1850000.00")
APPROVED_ON = date(2024, 3, 18)
FORMED_ON = date(2024, 4, 9)
_TZ = ZoneInfo("America/Tijuana")


def municipal_committee_demo_load() -> int:
    """Write Mexicali's demonstration work and the committee overseeing it.

    Return the committees written: 0 without Mexicali's units, the works'
    subprograms or the demo's year in the catalog, or when in place.
    """
    agency = Agency.objects.filter(code=EXECUTING_AGENCY).first()
    subprogram = Subprogram.objects.order_by("position", "code").first()
    if agency is None or subprogram is None:
        return 0
    if not FiscalYear.objects.filter(year=YEAR).exists():
        return 0
    if Committee.objects.filter(work__public_id=PUBLIC_ID).exists():
        return 0
    with transaction.atomic(), audited(DEMO, "demo_municipal_committee"):
        work = _work(agency, subprogram)
        committee = Committee.objects.create(
            work=work,
            name=f"Comité ciudadano de la obra {PUBLIC_ID}",
            formed_on=FORMED_ON,
            is_demo=True,
        )
        members = members_of(SERIAL, random.Random(SERIAL))  # noqa: S311 - fictitious names
        CommitteeMember.objects.bulk_create(
            CommitteeMember(committee=committee, **asdict(member)) for member in members
        )
    return 1


def _program(agency: Agency) -> WorksProgram:
    """Return the demonstration program of Mexicali's community works."""
    program, _created = WorksProgram.objects.get_or_create(
        code=PROGRAM,
        defaults={
            "name": "Obra comunitaria de Bienestar Social (demostración)",
            "agency": agency.parent or agency,
            "description": "Programa de demostración de la instancia de Mexicali.",
            "committee_required": True,
        },
    )
    return program


def _work(agency: Agency, subprogram: Subprogram) -> Work:
    """Write the published, contracted demonstration work, paid by Mexicali."""
    work = Work.objects.create(
        public_id=PUBLIC_ID,
        fiscal_year_id=YEAR,
        program=_program(agency),
        subprogram=subprogram,
        executing_agency=agency,
        municipality_id=MEXICALI,
        locality="Mexicali",
        title="Rehabilitación del centro comunitario de la colonia Pueblo Nuevo",
        description=(
            "Obra de demostración de la instancia de Mexicali: sus cifras y su "
            "comité son ficticios."
        ),
        beneficiaries=1200,
        total_investment=INVESTMENT,
        start_date=date(2024, 4, 15),
        end_date=date(2024, 9, 30),
        status=WorkStatus.CONTRACTED,
        published_at=datetime.combine(APPROVED_ON, time(10), tzinfo=_TZ),
        is_demo=True,
        as_of=APPROVED_ON,
    )
    Funding.objects.create(
        work=work, source=FundingSource.MUNICIPALITY, amount=INVESTMENT
    )
    return work
