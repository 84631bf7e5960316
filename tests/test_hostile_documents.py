"""Hostile files for every document reader: a clear refusal, and nothing written.

Every kind the ``ruta ingest`` command knows is tried with each file; the
loader must raise a ``DocumentError`` naming the file — no other exception —
and leave every table as it was.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from django.apps import apps

from ruta.demo.documents.cecop_report import render_report
from ruta.demo.documents.cecop_samples import sample_report
from ruta.ingest.importers import IMPORTERS
from ruta.ingest.worklist import decode as worklist_decode
from ruta.sources.findings import DocumentError
from testkit.actors import TEST_ACTOR
from testkit.cecop import demonstration_document, seed_document


def _random_bytes(size: int) -> bytes:
    return random.Random(7).randbytes(size)  # noqa: S311 - a fixed test input


HOSTILE = {
    "empty.txt": b"",
    "blank.txt": b" \n\t\n",
    "binary.pdf": b"%PDF-1.7\n" + _random_bytes(4096),
    "utf16.txt": "Informe Anual de Resultados 2024".encode("utf-16"),
    "nul.txt": b"Informe Anual de Resultados\n2024\x00\nTabla\t1\t2\n",
    "prose.txt": "Informe anual.\nNada que leer aquí.\n".encode(),
    "numbers.txt": "\n".join("\t".join(["9" * 400] * 30) for _ in range(50)).encode(),
    "unicode.txt": ("\u202e" * 1000 + "𝄞" * 1000 + "\ufeff" * 100).encode(),
}


def _counts() -> dict[str, int]:
    """Return the row count of every table the platform's apps own."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"sources", "works", "programs", "indicators", "participation", "catalog"}
        and model._meta.managed
        and not model._meta.proxy
    }


def _refused(kind: str, path: Path) -> DocumentError:
    before = _counts()
    with pytest.raises(DocumentError) as refused:
        IMPORTERS[kind].loader(path=path, actor=TEST_ACTOR)
    assert _counts() == before
    return refused.value


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_refused_naming_it_and_writes_nothing(
    catalog, tmp_path, kind, name
):
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    error = _refused(kind, path)
    assert name in str(error)


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_a_file_of_fifty_megabytes_is_refused_before_it_is_read(
    catalog, tmp_path, kind, monkeypatch
):
    # A works list may be larger (100,000 OPA rows take about 110 MB): its
    # limit is lowered here so the same file is over it.
    monkeypatch.setattr(worklist_decode, "MAX_FILE_BYTES", 40 * 1024 * 1024)
    path = tmp_path / "enorme.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    error = _refused(kind, path)
    assert "at most" in error.reason


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_a_missing_file_is_refused(catalog, tmp_path, kind):
    error = _refused(kind, tmp_path / "no-existe.txt")
    assert "cannot read the file" in error.reason


def _first_half_refused(text: str, tmp_path: Path) -> None:
    path = tmp_path / "informe-cortado.txt"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    _refused("cecop-report", path)


def test_the_first_half_of_a_rendered_annual_report_is_refused(catalog, tmp_path):
    _first_half_refused(render_report(sample_report()), tmp_path)


@pytest.mark.parametrize("document", [demonstration_document, seed_document])
def test_the_first_half_of_the_published_annual_report_is_refused(
    catalog, tmp_path, document
):
    # The report's demonstration, and the original when it is there.
    _first_half_refused(document().text, tmp_path)
