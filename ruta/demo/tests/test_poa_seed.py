"""The demo imports Mexicali's POA report with no executing unit left uncoded."""

from ruta.common.seeds import MEXICALI_POA_2023_Q4
from ruta.demo.documents.demonstration import DEMONSTRATIONS
from ruta.demo.published import seed_document_load
from ruta.programs.models import ExecutingUnit, UnitProgram
from ruta.sources.models import DocumentFinding
from testkit.seeds import seed_path

CDHI = "DEPARTAMENTO DE CENTROS DE DESARROLLO HUMANO INTEGRAL"


def test_demo_poa_import_files_no_unit_without_a_code(catalog):
    seed_path(MEXICALI_POA_2023_Q4)  # skip (or fail in CI) without the seed
    poa = next(item for item in DEMONSTRATIONS if item.seed == MEXICALI_POA_2023_Q4)
    assert seed_document_load(poa).original
    assert UnitProgram.objects.count() == 4
    assert not ExecutingUnit.objects.filter(code="").exists()
    # The seed prints no code for the CDHI department on any copy: its form
    # is named in an error finding instead of being filed without one.
    finding = DocumentFinding.objects.get(code="POA-UNIT-WITHOUT-CODE")
    assert (finding.severity, finding.values["unit"]) == ("error", CDHI)
