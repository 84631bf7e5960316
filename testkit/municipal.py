"""A municipality's own instance: Mexicali's works and its neighbours'."""

from __future__ import annotations

import hashlib
from typing import Any

from ruta.catalog.models import Agency, AgencyKind, Municipality
from ruta.programs.models import (
    ExecutingUnit,
    Goal,
    Program,
    QuarterProgress,
    Ramo,
    UnitProgram,
    ValueStatus,
)
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.works.models import WorkOrigin
from testkit.factories.catalog import (
    AgencyFactory,
    MunicipalityFactory,
    RegionFactory,
    StateFactory,
)
from testkit.factories.works import FiscalYearFactory, WorkFactory

MEXICALI = "02002"
OWN = {"MXL-MUN", "MXL-EDO", "MXL-FED", "TIJ-MXL"}


def mexicali_world(hermosillo: Municipality) -> dict[str, Any]:
    """Works of Mexicali's units (one in Tijuana), of the state and the
    federation in Mexicali and elsewhere in Baja California, one in Sonora."""
    bc = StateFactory(code="02", name="Baja California")
    mexicali = MunicipalityFactory(code=MEXICALI, name="Mexicali", state=bc)
    tijuana = MunicipalityFactory(code="02004", name="Tijuana", state=bc)
    region = RegionFactory(state=bc, number=1, name="Valle")
    city = AgencyFactory(
        code="ayto-mexicali",
        name="Ayuntamiento de Mexicali",
        municipality=mexicali,
        kind=AgencyKind.AYUNTAMIENTO,
    )
    unit = AgencyFactory(code="mxl-bienestar", name="Bienestar Social", parent=city)
    state_agency = AgencyFactory(code="bc-sidurt", name="SIDURT", state=bc)
    federal = AgencyFactory(code="conagua", name="CONAGUA")
    tijuana_city = AgencyFactory(
        code="ayto-tijuana", municipality=tijuana, kind=AgencyKind.AYUNTAMIENTO
    )
    for public_id, place, agency in (
        ("MXL-MUN", mexicali, unit),
        ("MXL-EDO", mexicali, state_agency),
        ("MXL-FED", mexicali, federal),
        ("TIJ-MXL", tijuana, unit),  # run by a Mexicali unit, wherever it is
        ("TIJ-EDO", tijuana, state_agency),
        ("TIJ-MUN", tijuana, tijuana_city),
        ("BC-EDO", None, state_agency),
        ("SON-1", hermosillo, federal),
    ):
        WorkFactory(
            public_id=public_id,
            municipality=place,
            state=bc if place is None else None,
            executing_agency=agency,
            origin=WorkOrigin.FEDERAL_OPA if place is None else WorkOrigin.CAPTURED,
            realized=True,
        )
    return {
        "mexicali": mexicali,
        "tijuana": tijuana,
        "region": region,
        "unit": unit,
        "tijuana_city": tijuana_city,
    }


def poa_of(agency: Agency, year: int, *, ramo: str, achieved: tuple[int, ...]) -> None:
    """Give ``agency`` a public POA of ``year``, read from its TMM-F004 form:
    one goal per achieved value, each programmed 2 in its first quarter (0
    achieved: late), and a last goal with no report."""
    fiscal_year = FiscalYearFactory(year=year)
    form = SourceDocument.objects.create(
        sha256=hashlib.sha256(f"{agency.code}{year}".encode()).hexdigest(),
        kind=DocumentKind.POA_TMM_F004,
        name=f"tmm-f004-{agency.code}-{year}.txt",
    )
    own = Ramo.objects.create(code=ramo, name=f"Ramo {ramo}", agency=agency)
    unit = ExecutingUnit.objects.create(
        ramo=own, code=f"{ramo}101", name=agency.name, agency=agency
    )
    program = Program.objects.create(
        fiscal_year=fiscal_year, ramo=own, code="1", name="Programa"
    )
    unit_program = UnitProgram.objects.create(
        program=program,
        executing_unit=unit,
        status=ValueStatus.VERIFIED,
        reported_quarter=1,
        source_document=form,
    )
    for number, value in enumerate((*achieved, None), start=1):
        goal = Goal.objects.create(
            unit_program=unit_program,
            number=number,
            description=f"Meta {number}",
            unit_of_measure="Acción",
            annual_target=8,
            status=ValueStatus.VERIFIED,
        )
        if value is not None:
            QuarterProgress.objects.create(
                goal=goal,
                quarter=1,
                programmed=2,
                achieved=value,
                status=ValueStatus.VERIFIED,
                source_document=form,
            )
