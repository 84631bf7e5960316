"""Load the SAT's 69-B list into the flags app.

``sat_list_import`` reads the file with the pure reader
``ruta.ingest.sat69b``, and in one transaction keeps the document (by
SHA-256: the same file twice writes nothing) and the list with its date
(``ruta.flags.services.taxpayer_list_write``). The date is the one the file
states ("Información actualizada al …") unless ``as_of`` gives it; a file
that states none and is given none is refused, as is any row the reader
refuses: nothing is written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pghistory
from django.db import transaction

from ruta.accounts.actors import Actor, audit_context
from ruta.flags.services import ListedRow, taxpayer_list_write
from ruta.ingest.sat69b import SatList, sat_list_read
from ruta.sources.findings import DocumentError
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.sources.records import SourceFile
from ruta.sources.services import (
    ImportResult,
    ImportStatus,
    TableCount,
    already_imported,
    source_document_create,
    tally_counted,
)

COMMAND = "ingest sat-69b"


def sat_list_import(
    *,
    path: Path,
    actor: Actor,
    dry_run: bool = False,
    as_of: date | None = None,
    is_demo: bool = False,
) -> ImportResult:
    """Import the 69-B list at ``path``; ``is_demo`` marks the demo's sample."""
    read = sat_list_read(path)
    existing = SourceDocument.objects.filter(sha256=read.sha256).first()
    if existing is not None and not dry_run:
        return already_imported(existing)
    day = as_of or read.as_of
    if day is None:
        raise DocumentError(
            "the file states no date (Información actualizada al …): give --as-of",
            file=read.name,
        )
    if dry_run:
        return _result(read, ImportStatus.DRY_RUN, existing)
    context = {"command": COMMAND, "document": read.sha256}
    with transaction.atomic(), pghistory.context(**audit_context(actor), **context):
        document = source_document_create(
            source=SourceFile(name=read.name, sha256=read.sha256, text=""),
            kind=DocumentKind.SAT_69B,
            fiscal_year=None,
            agency=None,
            actor=actor,
            summary={
                "as_of": day.isoformat(),
                "rows": len(read.taxpayers),
                "demo": is_demo,
            },
        )
        listed = taxpayer_list_write(
            document=document,
            as_of=day,
            rows=[
                ListedRow(t.line, t.rfc, t.name, t.situation, t.notices)
                for t in read.taxpayers
            ],
            actor=actor,
            is_demo=is_demo,
        )
        tally = tally_counted(
            unit="rows", read=len(read.taxpayers), stored=listed.taxpayers.all()
        )
    return replace(_result(read, ImportStatus.IMPORTED, document), tally=tally)


def _result(
    read: SatList, status: ImportStatus, document: SourceDocument | None
) -> ImportResult:
    return ImportResult(
        kind=DocumentKind.SAT_69B,
        name=read.name,
        sha256=read.sha256,
        status=status,
        tables=(TableCount("sat_69b", "69-B", len(read.taxpayers)),),
        document=document,
    )
