"""A municipality's own instance: Mexicali's works and its neighbours'."""

from __future__ import annotations

from typing import Any

from ruta.catalog.models import AgencyKind, Municipality
from ruta.works.models import WorkOrigin
from testkit.factories.catalog import (
    AgencyFactory,
    MunicipalityFactory,
    RegionFactory,
    StateFactory,
)
from testkit.factories.works import WorkFactory

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
    return {"mexicali": mexicali, "tijuana": tijuana, "region": region}
