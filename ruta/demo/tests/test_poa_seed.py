"""The demo imports Mexicali's POA report with no executing unit left uncoded."""

import io

from ruta.common.seeds import MEXICALI_POA_2023_Q4
from ruta.demo.management.commands.load_demo import SEED_IMPORTS, Command
from ruta.programs.models import ExecutingUnit, UnitProgram
from ruta.sources.models import DocumentFinding
from testkit.seeds import seed_path

CDHI = "DEPARTAMENTO DE CENTROS DE DESARROLLO HUMANO INTEGRAL"


def test_demo_poa_import_files_no_unit_without_a_code(catalog):
    seed_path(MEXICALI_POA_2023_Q4)  # skip (or fail in CI) without the seed
    name, importer = next(
        item for item in SEED_IMPORTS if item[0] == MEXICALI_POA_2023_Q4
    )
    Command(stdout=io.StringIO())._import_seed(name, importer)
    assert UnitProgram.objects.count() == 4
    assert not ExecutingUnit.objects.filter(code="").exists()
    # The seed prints no code for the CDHI department on any copy: its form
    # is named in an error finding instead of being filed without one.
    finding = DocumentFinding.objects.get(code="POA-UNIT-WITHOUT-CODE")
    assert (finding.severity, finding.values["unit"]) == ("error", CDHI)
