"""Load a budget statement file into the accounting app.

``budget_statement_import`` reads the file (CSV or XLSX, the template's
columns) with the pure reader ``ruta.ingest.budget``, finds the public
entity it names in the catalog (by code, or by name) and the fiscal year,
and writes in one transaction the document (by SHA-256: the same file twice
writes nothing), every row as published, the findings and the statement
(``ruta.accounting.services.statement_write``). A file it cannot read, an
entity the catalog lacks or a year it does not know writes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pghistory
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruta.accounting.records import PrintedStatement, StatementKind
from ruta.accounting.services import statement_write
from ruta.accounts.actors import Actor, audit_context
from ruta.catalog.models import Agency, FiscalYear
from ruta.common.text.folding import fold
from ruta.ingest.budget import StatementFile, statement_read
from ruta.sources.figures import figure_names_declare
from ruta.sources.findings import DocumentError
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.sources.records import SourceFile
from ruta.sources.services import (
    ImportResult,
    ImportStatus,
    already_imported,
    findings_write,
    published_rows_write,
    source_document_create,
    table_counts,
    tally_counted,
)

COMMAND = "ingest budget-statement"
DOCUMENT_KINDS = {
    StatementKind.EXPENDITURE: DocumentKind.BUDGET_EXPENDITURE,
    StatementKind.REVENUE: DocumentKind.BUDGET_REVENUE,
}

# What a statement's published rows call their cells (``ruta.ingest.budget``'s
# ``COLUMNS``): the template's column names, each statement its own.
_SHARED = {
    "entity": _("ente"),
    "year": _("ejercicio"),
    "as_of": _("corte"),
    "key": _("clave"),
    "adjustments": _("ampliaciones/reducciones"),
    "modified": _("modificado"),
    "accrued": _("devengado"),
}
figure_names_declare(
    DocumentKind.BUDGET_EXPENDITURE,
    {
        **_SHARED,
        "classification": _("clasificación"),
        "name": _("concepto"),
        "approved": _("aprobado"),
        "paid": _("pagado"),
        "balance": _("subejercicio"),
    },
)
figure_names_declare(
    DocumentKind.BUDGET_REVENUE,
    {
        **_SHARED,
        "name": _("rubro"),
        "approved": _("estimado"),
        "paid": _("recaudado"),
        "balance": _("diferencia"),
    },
)


def budget_statement_import(
    *, path: Path, actor: Actor, dry_run: bool = False, is_demo: bool = False
) -> ImportResult:
    """Import the statement file at ``path``; ``is_demo`` marks the demo's own.

    Raise ``DocumentError`` (nothing written) when the file cannot be read or
    names an entity or a year the catalog does not have.
    """
    read = statement_read(path)
    statement = read.statement
    existing = SourceDocument.objects.filter(sha256=read.sha256).first()
    if existing is not None and not dry_run:
        return replace(already_imported(existing), payload=statement_json(read))
    agency = _agency(statement, read.name)
    year = _year(statement, read.name)
    if dry_run:
        return _result(read, ImportStatus.DRY_RUN, existing)
    context = {"command": COMMAND, "document": read.sha256}
    with transaction.atomic(), pghistory.context(**audit_context(actor), **context):
        document = source_document_create(
            source=SourceFile(name=read.name, sha256=read.sha256, text=""),
            kind=DOCUMENT_KINDS[statement.kind],
            fiscal_year=year,
            agency=agency,
            actor=actor,
            summary={
                "statement": statement.kind.value,
                "as_of": statement.as_of.isoformat(),
                "rows": len(statement.lines),
                "demo": is_demo,
            },
        )
        published_rows_write(document=document, rows=read.rows, actor=actor)
        findings_write(document=document, findings=read.findings, actor=actor)
        stored = statement_write(
            statement=statement,
            agency=agency,
            fiscal_year=year,
            document=document,
            is_demo=is_demo,
            actor=actor,
        )
        tally = tally_counted(
            unit="lines", read=len(statement.lines), stored=stored.lines.all()
        )
    return replace(_result(read, ImportStatus.IMPORTED, document), tally=tally)


def _agency(statement: PrintedStatement, name: str) -> Agency:
    """Return the entity the file names: a catalog code, or one agency's name."""
    printed = statement.entity.strip()
    agency = Agency.objects.filter(code=printed.lower()).first()
    if agency is None:
        matches = list(Agency.objects.filter(name_folded=fold(printed))[:2])
        agency = matches[0] if len(matches) == 1 else None
    if agency is None:
        raise DocumentError(
            f"ENTE {printed!r} is no agency of the catalog: give its catalog code "
            "(as on the agencies' list) or its exact name",
            file=name,
            row=1,
        )
    return agency


def _year(statement: PrintedStatement, name: str) -> FiscalYear:
    latest = timezone.localdate().year + 1
    year = (
        FiscalYear.objects.filter(year=statement.year).first()
        if statement.year <= latest
        else None
    )
    if year is None:
        raise DocumentError(
            f"EJERCICIO {statement.year} is not a fiscal year of the catalog "
            f"(up to {latest})",
            file=name,
            row=1,
        )
    return year


def statement_json(read: StatementFile) -> dict[str, Any]:
    """Return what the command prints of a statement: its rows and findings."""
    statement = read.statement
    return {
        "statement": statement.kind.value,
        "entity": statement.entity,
        "year": statement.year,
        "as_of": statement.as_of.isoformat(),
        "records": len(statement.lines),
        "lines": [
            {
                "classification": line.classification.value,
                "level": line.level.value,
                "key": line.key,
                "name": line.name,
                "row": line.row_number,
                **{
                    moment: str(line.moments.get(moment))
                    for moment in ("approved", "adjustments", "modified")
                },
                **{
                    moment: str(line.moments.get(moment))
                    for moment in ("accrued", "paid", "balance")
                },
            }
            for line in statement.lines
        ],
        "findings": [finding.as_dict() for finding in read.findings],
    }


def _result(
    read: StatementFile, status: ImportStatus, document: SourceDocument | None
) -> ImportResult:
    return ImportResult(
        kind=DOCUMENT_KINDS[read.statement.kind],
        name=read.name,
        sha256=read.sha256,
        status=status,
        tables=table_counts(read.rows),
        findings=read.findings,
        payload=statement_json(read),
        document=document,
    )
