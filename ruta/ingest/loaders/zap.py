"""Load a catalogue of Zonas de Atención Prioritaria into the grants app.

``zap_import`` reads the file with the pure reader ``ruta.ingest.zap`` and,
in one transaction, keeps the document (by SHA-256: the same file twice
writes nothing) and replaces its decree year's zones
(``ruta.grants.services.zones.priority_zones_write``). A dry run reads and
checks the file, municipalities included, and writes nothing. Any row
refused refuses the file, with its line and column: nothing is written.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pghistory
from django.db import transaction

from ruta.accounts.actors import Actor, audit_context
from ruta.catalog.models import Municipality
from ruta.grants.models import PriorityZone
from ruta.grants.services.zones import ZoneWritten, priority_zones_write
from ruta.ingest.zap import ZoneCatalogue, zap_read
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

COMMAND = "ingest zap"


def zap_import(
    *, path: Path, actor: Actor, dry_run: bool = False, is_demo: bool = False
) -> ImportResult:
    """Import the ZAP catalogue at ``path``; ``is_demo`` marks a sample's zones."""
    read = zap_read(path)
    existing = SourceDocument.objects.filter(sha256=read.sha256).first()
    if existing is not None and not dry_run:
        return already_imported(existing)
    if dry_run:
        _municipalities_known(read)
        return _result(read, ImportStatus.DRY_RUN, existing)
    context = {"command": COMMAND, "document": read.sha256}
    with transaction.atomic(), pghistory.context(**audit_context(actor), **context):
        document = source_document_create(
            source=SourceFile(name=read.name, sha256=read.sha256, text=""),
            kind=DocumentKind.PRIORITY_ZONES,
            fiscal_year=None,
            agency=None,
            actor=actor,
            summary={
                "decree_year": read.decree_year,
                "rows": len(read.zones),
                "demo": is_demo,
            },
        )
        priority_zones_write(
            document=document,
            decree_year=read.decree_year,
            zones=[
                ZoneWritten(zone.kind, zone.municipality, zone.ageb, zone.line)
                for zone in read.zones
            ],
            actor=actor,
            is_demo=is_demo,
        )
        tally = tally_counted(
            unit="rows",
            read=len(read.zones),
            stored=PriorityZone.objects.filter(document=document),
        )
    return replace(_result(read, ImportStatus.IMPORTED, document), tally=tally)


def _municipalities_known(read: ZoneCatalogue) -> None:
    """Refuse, in a dry run too, a zone whose municipality the catalog lacks."""
    known = set(
        Municipality.objects.filter(
            code__in={zone.municipality for zone in read.zones}
        ).values_list("code", flat=True)
    )
    for zone in read.zones:
        if zone.municipality not in known:
            raise DocumentError(
                f"municipality {zone.municipality} is not in the catalog",
                file=read.name,
                line=zone.line,
                field="clave_municipio",
            )


def _result(
    read: ZoneCatalogue, status: ImportStatus, document: SourceDocument | None
) -> ImportResult:
    return ImportResult(
        kind=DocumentKind.PRIORITY_ZONES,
        name=read.name,
        sha256=read.sha256,
        status=status,
        tables=(TableCount("priority_zones", "ZAP", len(read.zones)),),
        document=document,
    )
