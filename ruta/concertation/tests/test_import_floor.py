"""A works list whose concerted works pass their municipality's floor says so."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ruta.catalog.models import Agency, Municipality
from ruta.concertation.models import Agreement
from ruta.ingest.loaders.worklist import works_file_import
from ruta.ingest.worklist.columns import TEMPLATE_HEADER
from ruta.sources.models import DocumentFinding
from ruta.works.loader import works_catalog_load
from testkit.actors import TEST_ACTOR
from testkit.worklists import template_row, worklist_file

pytestmark = pytest.mark.django_db

CODE = "concerted_works_exceed_floor"


def _findings(tmp_path, floor: str) -> list[DocumentFinding]:
    """Import two Hermosillo works of $60,000 of the state's each, under ``floor``."""
    works_catalog_load()  # CECOP's concerted program, Transforma Sonora
    Agreement.objects.create(
        agency=Agency.objects.get(code="sonora-cecop"),
        municipality=Municipality.objects.get(code="26030"),
        fiscal_year_id=2024,
        floor=Decimal(floor),
        municipal_contribution=Decimal(0),
        community_contribution=Decimal(0),
    )
    rows = [
        template_row(1),  # in execution: its state's money is released
        template_row(2, AVANCE_FISICO="0", EJERCIDO="0"),  # approved, not released
    ]
    path = worklist_file(tmp_path, "obras.csv", rows, header=list(TEMPLATE_HEADER))
    result = works_file_import(
        path=path,
        actor=TEST_ACTOR,
        agency="sonora-cecop",
        program="transforma-sonora-apoyo-municipios",
        as_of=date(2024, 6, 30),
    )
    return list(DocumentFinding.objects.filter(document=result.document, code=CODE))


def test_works_a_cent_above_the_floor_leave_a_warning_naming_the_figures(
    catalog, tmp_path
):
    (finding,) = _findings(tmp_path, "119999.99")
    assert finding.severity == "warning"
    assert finding.message == (
        "Las obras concertadas de Hermosillo en 2024 suman 120,000.00 pesos de "
        "aportación estatal aprobada o liberada, más que el piso de su convenio, "
        "119,999.99 pesos: lo pasan por 0.01 pesos."
    )


def test_works_exactly_at_the_floor_leave_no_finding(catalog, tmp_path):
    assert _findings(tmp_path, "120000.00") == []
