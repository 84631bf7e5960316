"""The published documents and public data files the demo imports.

For each seed document the demo imports the original when it is there
(``RUTA_SEEDS_DIR``, or ``../shared/seeds`` beside the checkout) and its
demonstration document otherwise (``ruta.demo.documents.demonstration``),
never both: an original found after a demonstration was loaded replaces it.
The public data files (the federal works lists, the OCDS samples) ship with
the demo in ``data/`` (sources and checksums in ``data/SOURCES.md``).
Everything goes through the importers the staff use.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from ruta.accounts.actors import DEMO
from ruta.common.seeds import find_seed
from ruta.demo.documents.demonstration import DEMONSTRATIONS, Demonstration
from ruta.demo.grants import grants_rules_link
from ruta.ingest.importers import IMPORTERS
from ruta.ingest.loaders.ocds import ocds_import, ocds_paths
from ruta.ingest.loaders.worklist import works_file_import
from ruta.sources.findings import DocumentError
from ruta.sources.models import SourceDocument
from ruta.sources.services import (
    ImportResult,
    source_document_demonstration_mark,
    source_document_demonstration_withdraw,
)

DATA = Path(__file__).resolve().parent / "data"

# The federal Obra Pública Abierta lists (real records, every state), in the
# order of the dates they speak for; each works list keeps the earlier ones
# as history. Paths relative to ``DATA``.
FEDERAL_WORKS_FILES = (
    "obra_publica/shcp_opa_2015_proyectos_opa.csv",
    "obra_publica/shcp_opa_2019_proyectos_opa.csv",
    "obra_publica/shcp_opa_2021_proyectos_opa.csv",
)

# The OCDS samples of five Mexican publishers (real contracting processes).
OCDS_SAMPLES = "ocds_mexico"

# What the demo's own records take from a document of a kind once it is
# imported (the demo call runs by the imported rules), before the
# demonstration it replaces is withdrawn.
LINKS: dict[str, Callable[[SourceDocument], bool]] = {"call-rules": grants_rules_link}


@dataclass(frozen=True)
class DocumentLoaded:
    """What the demo did with one seed document: the original or its stand-in."""

    demonstration: Demonstration
    result: ImportResult
    original: bool
    withdrawn: int  # demonstration documents the import replaced

    def line(self) -> str:
        """Return what a person reads of it at the end of ``ruta load-demo``."""
        said = (
            f"{self.result.name}: {self.result.status.value}, "
            f"{len(self.result.findings)} findings"
        )
        if self.original:
            replaced = (
                f"; it replaced {self.withdrawn} demonstration document(s)"
                if self.withdrawn
                else ""
            )
            return f"{said} (the original document{replaced})."
        return (
            f"{said} (a demonstration document in the layout of "
            f"{self.demonstration.seed}, with its figures; put the original in "
            "RUTA_SEEDS_DIR and load the demo again to import it instead)."
        )


def seed_documents_load() -> list[DocumentLoaded]:
    """Import every seed document, or its demonstration document; say how."""
    return [seed_document_load(demonstration) for demonstration in DEMONSTRATIONS]


def seed_document_load(demonstration: Demonstration) -> DocumentLoaded:
    """Import ``demonstration``'s original if it is there, else the demonstration.

    In one transaction, with the demonstration documents of the same name it
    replaces (an original replaces any; a demonstration an earlier version
    of itself): the document imported (the domain's services let it take
    over what a demonstration stated: an action plan's period, a stated
    budget), the demo's records pointed at it (``LINKS``), then they are
    withdrawn. A withdrawal the records refuse
    (``source_document_demonstration_withdraw``) undoes the import too.
    """
    original = find_seed(demonstration.seed)
    importer = IMPORTERS[demonstration.importer]
    with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
        if original is None:
            path = Path(folder) / demonstration.file_name
            path.write_text(demonstration.text(), encoding="utf-8")
        else:
            path = original
        stale = SourceDocument.objects.filter(
            is_demo=True, name=demonstration.file_name
        ).exclude(sha256=hashlib.sha256(path.read_bytes()).hexdigest())
        result = importer.load(path=path, actor=DEMO)
        document = result.document
        if document is None:
            raise DocumentError("the import recorded no document", file=path.name)
        if original is None and not document.is_demo:
            source_document_demonstration_mark(document=document, actor=DEMO)
        if demonstration.importer in LINKS:
            LINKS[demonstration.importer](document)
        withdrawn = 0
        for earlier in stale:
            source_document_demonstration_withdraw(document=earlier, actor=DEMO)
            withdrawn += 1
    return DocumentLoaded(demonstration, result, original is not None, withdrawn)


def federal_works_import(folder: Path = DATA) -> list[str]:
    """Import the federal OPA works lists in ``folder``; say how it went.

    These are real records, beside the CECOP demonstration works; pages tell
    them apart (``Work.origin``). A file already imported changes nothing.
    """
    lines = []
    for relative in FEDERAL_WORKS_FILES:
        result = works_file_import(path=folder / relative, actor=DEMO)
        lines.append(
            f"{result.name}: {result.status.value}, {len(result.findings)} findings."
        )
    return lines


def ocds_samples_import(folder: Path = DATA) -> list[str]:
    """Import the OCDS samples in ``folder``; count how it went.

    Each file is its own published document; one already imported changes
    nothing. A sample the reader refuses is named, and the others still load.
    """
    statuses: dict[str, int] = {}
    findings = 0
    lines = []
    for path in ocds_paths(folder / OCDS_SAMPLES):
        try:
            result = ocds_import(path=path, actor=DEMO)
        except DocumentError as error:
            lines.append(f"OCDS sample refused: {error}")
            continue
        statuses[result.status.value] = statuses.get(result.status.value, 0) + 1
        findings += len(result.findings)
    counts = ", ".join(f"{count} {status}" for status, count in statuses.items())
    return [f"OCDS samples ({OCDS_SAMPLES}/): {counts}, {findings} findings.", *lines]
