"""The five Mexican OCDS samples: every release read or named by a finding."""

from __future__ import annotations

import json

import pytest

from ruta.ingest.loaders.ocds import ocds_import, ocds_paths
from ruta.sources.models import PublishedRow
from ruta.sources.services import ImportStatus
from ruta.works.models import ContractingProcess
from testkit.actors import TEST_ACTOR
from testkit.seeds import data_path

pytestmark = [pytest.mark.real_data, pytest.mark.django_db]


def _releases_published(data: object) -> tuple[int, set[str]]:
    """Count a file's releases and ocids from its raw JSON, independently."""
    if isinstance(data, dict) and isinstance(data.get("releases"), list):
        releases = data["releases"]
    else:
        releases = [data]
    return len(releases), {r["ocid"] for r in releases if isinstance(r, dict)}


def test_every_release_of_the_samples_is_accounted_for():
    paths = ocds_paths(data_path("ocds_mexico"))
    assert len(paths) == 60
    ocids: set[str] = set()
    for path in paths:
        published, file_ocids = _releases_published(json.loads(path.read_bytes()))
        ocids |= file_ocids
        result = ocds_import(path=path, actor=TEST_ACTOR)
        assert result.status == ImportStatus.IMPORTED, path.name
        read = PublishedRow.objects.filter(document=result.document).count()
        refused = result.document.findings.filter(code="ocds-release-unreadable")
        assert read + refused.count() == published, path.name
    assert set(ContractingProcess.objects.values_list("ocid", flat=True)) == ocids
    paid = ContractingProcess.objects.filter(contracts__payments__isnull=False)
    assert paid.distinct().count() > 0


def test_the_airports_contract_names_who_pays_and_who_is_paid():
    # The airport group's process 101 (the NAICM's land levelling) prints no
    # transactions: the buyer pays and the awarded supplier is paid.
    path = data_path("ocds_mexico/grupo-aeroportuario/records/101.json")
    ocds_import(path=path, actor=TEST_ACTOR)
    process = ContractingProcess.objects.get(ocid="101")
    assert process.buyer_name == (
        "Grupo Aeroportuario de la Ciudad de Mexico, S.A. de C.V."
    )
    [contract] = process.contracts.all()
    assert contract.supplier == "Coconal S. A. P. I. de C. V."
    assert str(contract.amount) == "1762803241.34"
