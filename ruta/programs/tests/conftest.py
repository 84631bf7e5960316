"""Fixtures: the catalog, the Mexicali BISOM 2023 Q4 report, its import, people.

The report is the seed where it is beside the checkout, its demonstration
document elsewhere (``testkit.seeds.seed_or_demonstration``): the same units,
goals and figures. What only the scanned original prints (values its copies
disagree on, left for a validator; its signatures; its cut-off second half)
is checked by the tests that ask for ``original_seed``, which run where the
seed is (CI requires it).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import pytest

from ruta.accounts.models import Role
from ruta.catalog.models import Agency
from ruta.ingest.loaders.poa_payload import Payload
from ruta.programs.models import (
    ExecutingUnit,
    Goal,
    Program,
    Ramo,
    UnitProgram,
    ValueStatus,
)
from ruta.sources.services import ImportResult, SourceFile
from testkit.actors import TEST_ACTOR
from testkit.cecop import catalog  # noqa: F401 - a fixture
from testkit.seeds import MEXICALI_POA_2023_Q4, seed_or_demonstration, seed_path


@cache
def seed_bytes() -> bytes:
    """Return the report's bytes: the seed's, or its demonstration's."""
    return seed_or_demonstration(MEXICALI_POA_2023_Q4).read_bytes()


@cache
def _seed_payload() -> Payload:
    from ruta.ingest.loaders.poa import poa_read

    data = seed_bytes()
    source = SourceFile(
        name=MEXICALI_POA_2023_Q4,
        sha256=hashlib.sha256(data).hexdigest(),
        text=data.decode("utf-8"),
    )
    return poa_read(source)


@cache
def _contradicted_payload() -> Payload:
    """Return the seed's payload with goal 503 printing an absolute of 2 (200 %).

    Its quarters print 1 each: no way of accumulating them gives 2, so the
    goal is left for review with both readings.
    """
    from ruta.ingest.loaders.poa import poa_read

    lines = seed_bytes().decode("utf-8").split("\n")
    edited = "\n".join(
        re.sub(r"\t1\t100%", "\t2\t200%", line) if "503.-" in line else line
        for line in lines
    ).encode("utf-8")
    source = SourceFile(
        name="poa-503-contradicho.txt",
        sha256=hashlib.sha256(edited).hexdigest(),
        text=edited.decode("utf-8"),
    )
    return poa_read(source)


# The code a catalog could give BISOM's CDHI department, whose form prints
# none: with it the form is filed (the seed's other goals have no such
# header disagreements to review).
CDHI_CATALOG_CODE = "54203"


@pytest.fixture
def original_seed() -> Path:
    """Return the seed itself; skip (fail in CI) where it is not beside the checkout."""
    return seed_path(MEXICALI_POA_2023_Q4)


@pytest.fixture
def cdhi_catalogued(catalog):  # noqa: F811
    """Give the CDHI department a code in the catalog, as an administrator would."""
    Agency.objects.filter(code="mexicali-bisom-departamento-cdhi").update(
        official_code=CDHI_CATALOG_CODE
    )
    return CDHI_CATALOG_CODE


@pytest.fixture
def contradicted(cdhi_catalogued):
    """Import the seed with goal 503 contradicted; return its goal 503."""
    from ruta.ingest.loaders.poa import poa_payload_write

    poa_payload_write(payload=_contradicted_payload(), actor=TEST_ACTOR)
    return Goal.objects.get(number=503)


@pytest.fixture
def seed_payload(catalog) -> Payload:  # noqa: F811
    """Return the seed's import payload (read once per session; frozen)."""
    return _seed_payload()


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    """Return a copy of the seed under its usual file name."""
    path = tmp_path / MEXICALI_POA_2023_Q4
    path.write_bytes(seed_bytes())
    return path


@pytest.fixture
def imported(seed_payload: Payload) -> ImportResult:
    """Import the seed (from its payload, to read the file once per session)."""
    from ruta.ingest.loaders.poa import poa_payload_write

    return poa_payload_write(payload=seed_payload, actor=TEST_ACTOR)


@pytest.fixture
def unit(imported):
    """Return a function giving the imported unit program of a unit code."""

    def get(code: str) -> UnitProgram:
        return UnitProgram.objects.with_structure().get(executing_unit__code=code)

    return get


@pytest.fixture
def bisom() -> Agency:
    return Agency.objects.get(code="mexicali-bisom")


@pytest.fixture
def bisom_validator(make_user, catalog, bisom):  # noqa: F811
    """Return a validator scoped to BISOM (every unit under it)."""
    return make_user(Role.VALIDATOR, agency=bisom)


@pytest.fixture
def capture_54101(make_user, catalog):  # noqa: F811
    """Return capture staff of unit 54101 (Dirección)."""
    return make_user(Role.CAPTURE, agency=Agency.objects.get(official_code="54101"))


@pytest.fixture
def programs_2024(catalog, bisom):  # noqa: F811
    """Return 2024 programs of units 54101 and 54102, goals set, nothing reported.

    The goals and annual targets are those of the 2023 forms (goals 100, 101
    of 54101; 200 of 54102).
    """
    ramo = Ramo.objects.create(
        code="54", name="BIENESTAR SOCIAL MUNICIPAL", agency=bisom
    )
    program = Program.objects.create(
        fiscal_year_id=2024, ramo=ramo, code="511", name="GESTIÓN ADMINISTRATIVA"
    )
    goals = {
        "54101": [
            (100, "Dirigir y presentar un informe trimestral.", "Informe", 4),
            (101, "Celebrar todo tipo de contratos y convenios.", "Documento", 4),
        ],
        "54102": [(200, "Administrar eficientemente los recursos.", "Informe", 4)],
    }
    made = {}
    for code, rows in goals.items():
        agency = Agency.objects.get(official_code=code)
        unit = ExecutingUnit.objects.create(
            ramo=ramo, code=code, name=agency.name.upper(), agency=agency
        )
        made[code] = UnitProgram.objects.create(
            program=program, executing_unit=unit, status=ValueStatus.VERIFIED
        )
        for number, description, measure, target in rows:
            Goal.objects.create(
                unit_program=made[code],
                number=number,
                description=description,
                unit_of_measure=measure,
                annual_target=target,
                status=ValueStatus.VERIFIED,
            )
    return made
