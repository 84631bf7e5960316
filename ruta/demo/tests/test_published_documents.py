"""The demo imports each seed document, or its demonstration document, never both."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from ruta.accounts.actors import DEMO
from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.common import seeds
from ruta.demo.documents import demonstration as demonstration_module
from ruta.demo.documents.demonstration import DEMONSTRATIONS, MARK
from ruta.demo.published import seed_document_load, seed_documents_load
from ruta.sources.models import SourceDocument
from ruta.sources.services import (
    ImportStatus,
    source_document_demonstration_withdraw,
)
from testkit.world import constraints_settled

pytestmark = pytest.mark.django_db

ACTION_PLAN = next(d for d in DEMONSTRATIONS if d.importer == "action-plan")


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Each demonstration document loaded twice, with no original beside it."""
    empty = tmp_path_factory.mktemp("no-seeds")
    with (
        pytest.MonkeyPatch.context() as patch,
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        patch.setenv("RUTA_SEEDS_DIR", str(empty))
        catalog_load(read_catalog())
        first = seed_documents_load()
        again = seed_documents_load()
        constraints_settled()
        yield first, again
        transaction.set_rollback(True)


def test_the_demonstrations_name_the_seeds_as_the_platform_does():
    # The registry is pure and repeats the seeds' names; they must agree.
    names = ("CECOP_REPORT_2024", "MEXICALI_POA_2023_Q4", "GTO_ACTION_PLAN")
    for name in (*names, "PESO_POR_PESO_RULES_2021"):
        assert getattr(demonstration_module, name) == getattr(seeds, name)
    for demonstration in DEMONSTRATIONS:
        assert demonstration.text().startswith(MARK)


def test_without_the_originals_each_demonstration_is_imported_and_marked(loaded):
    first, _ = loaded
    assert [item.original for item in first] == [False] * len(DEMONSTRATIONS)
    assert {item.result.status for item in first} == {ImportStatus.IMPORTED}
    documents = SourceDocument.objects.filter(is_demo=True)
    assert sorted(documents.values_list("name", flat=True)) == sorted(
        demonstration.file_name for demonstration in DEMONSTRATIONS
    )
    assert "RUTA_SEEDS_DIR" in first[0].line()


def test_loading_again_adds_nothing(loaded):
    _, again = loaded
    assert {item.result.status for item in again} == {ImportStatus.ALREADY_IMPORTED}
    assert [item.withdrawn for item in again] == [0] * len(DEMONSTRATIONS)
    assert SourceDocument.objects.count() == len(DEMONSTRATIONS)


@pytest.mark.parametrize("demonstration", DEMONSTRATIONS, ids=lambda d: d.importer)
def test_an_original_found_later_replaces_its_demonstration(
    loaded, demonstration, tmp_path, monkeypatch
):
    # The demonstration's own body, unmarked, under the seed's name: another
    # document (another hash) with the same records, as an original would be.
    Path(tmp_path / demonstration.seed).write_text(
        demonstration.body(), encoding="utf-8"
    )
    monkeypatch.setenv("RUTA_SEEDS_DIR", str(tmp_path))
    replaced = seed_document_load(demonstration)
    assert (replaced.original, replaced.withdrawn) == (True, 1)
    assert replaced.result.status == ImportStatus.IMPORTED
    assert not SourceDocument.objects.filter(name=demonstration.file_name).exists()
    document = SourceDocument.objects.get(name=demonstration.seed)
    assert not document.is_demo
    assert "replaced 1 demonstration document" in replaced.line()


def test_a_published_document_is_never_withdrawn(loaded):
    document = SourceDocument.objects.get(name=ACTION_PLAN.file_name)
    document.is_demo = False
    with pytest.raises(PermissionDenied):
        source_document_demonstration_withdraw(document=document, actor=DEMO)
