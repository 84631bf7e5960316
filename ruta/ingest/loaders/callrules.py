"""Load a grants programme's rules of operation: the document and its figures.

``call_rules_import`` reads the rules (text or PDF) with the pure reader
``ruta.ingest.callrules`` and writes in one transaction the document (by
SHA-256: the same file twice writes nothing), a published row for every
figure of the rules the platform enforces, with its section and line, and
the findings where the document and the platform disagree. The document is
filed under the body the rules name as their normative body (§3.3.1), when
the catalog has it, and the year of their title. Which call the rules govern
is the call's staff's to say (``grants.services.call_rules_document_set``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pghistory
from django.db import transaction

from ruta.accounts.actors import Actor, audit_context
from ruta.catalog.models import Agency, FiscalYear
from ruta.ingest.callrules import PrintedRules, RuleFigure, call_rules_read
from ruta.ingest.callrules.checks import amount, number_text
from ruta.ingest.callrules.layout import folded
from ruta.ingest.loaders.document_file import (
    DocumentFile,
    document_file_read,
    ocr_findings,
    pages_named,
    pdf_summary,
    with_pages,
)
from ruta.sources.findings import (
    Finding,
    Say,
    Values,
    finding_kind,
    sentence,
    unchanged,
)
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.sources.services import (
    ImportResult,
    ImportStatus,
    RowRecord,
    already_imported,
    findings_write,
    published_rows_write,
    source_document_create,
    table_counts,
    tally_counted,
)

COMMAND = "ingest call-rules"
TABLE = "rule_figures"
TABLE_TITLE = "Cifras de las reglas que aplica la plataforma"
_WORD = re.compile(r"\w+")


def call_rules_import(
    *, path: Path, actor: Actor, dry_run: bool = False
) -> ImportResult:
    """Import the rules of operation at ``path``.

    Raise ``DocumentError`` (nothing written) when the file is not such rules.
    """
    document = document_file_read(path)
    source = document.source
    with pages_named(document):
        rules = call_rules_read(source.text, name=source.name)
    existing = SourceDocument.objects.filter(sha256=source.sha256).first()
    if existing is not None and not dry_run:
        again = already_imported(existing)
        return replace(again, payload=_rules_json(rules, tuple(again.findings)))
    agency, unknown = _normative(rules, source.name)
    findings = (
        *ocr_findings(document),
        *with_pages(rules.findings, document),
        *unknown,
    )
    rows = _rows(rules)
    if dry_run:
        return _result(document, ImportStatus.DRY_RUN, rules, findings, rows, existing)
    context = {"command": COMMAND, "document": source.sha256}
    with transaction.atomic(), pghistory.context(**audit_context(actor), **context):
        stored = source_document_create(
            source=source,
            kind=DocumentKind.CALL_RULES,
            fiscal_year=_fiscal_year(rules.fiscal_year),
            agency=agency,
            actor=actor,
            summary=_summary(rules, document),
        )
        published_rows_write(document=stored, rows=rows, actor=actor)
        findings_write(document=stored, findings=findings, actor=actor)
        tally = tally_counted(unit="rows", read=len(rows), stored=stored.rows.all())
    result = _result(document, ImportStatus.IMPORTED, rules, findings, rows, stored)
    return replace(result, tally=tally)


def _fiscal_year(year: int | None) -> FiscalYear | None:
    """Return the catalog's year the rules' title names, if it has it."""
    return FiscalYear.objects.filter(year=year).first() if year else None


@finding_kind(
    "normative_body_not_in_catalog",
    summary=sentence(
        "La instancia normativa que nombran las reglas no está en el catálogo."
    ),
)
def normative_body_not_in_catalog(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El §3.3.1 de las reglas dice «%(printed)s», y ninguna dependencia "
            "del catálogo, o más de una, es la que nombra: el documento se "
            "guarda sin dependencia."
        )
    ) % {"printed": values["printed"]}


def _normative(
    rules: PrintedRules, name: str
) -> tuple[Agency | None, tuple[Finding, ...]]:
    """Return the catalog's agency the rules name as their normative body (§3.3.1).

    An agency is named by its whole name or its acronym, as words of the
    section; none, or several, leave the document without one.
    """
    words = f" {' '.join(_WORD.findall(folded(rules.normative)))} "
    named = [
        agency
        for agency in Agency.objects.filter(parent__isnull=True)
        if any(
            f" {' '.join(_WORD.findall(folded(label)))} " in words
            for label in (agency.name, agency.acronym)
            if label and len(label) > 2
        )
    ]
    if len(named) == 1:
        return named[0], ()
    return None, (
        normative_body_not_in_catalog.found(
            where=f"{name}, section '§3.3.1'",
            values={"printed": rules.normative or "—"},
            severity="info",
        ),
    )


def _rows(rules: PrintedRules) -> tuple[RowRecord, ...]:
    """Return a published row for every figure read, and the maximum if printed."""
    rows = [
        RowRecord(
            table_id=TABLE,
            title=TABLE_TITLE,
            row_number=number,
            line=figure.line,
            label=f"§{figure.section}: {_amount(figure)}",
            values={
                "section": figure.section,
                "figure": figure.name,
                "value": number_text(figure.value),
                "unit": figure.unit,
                "printed": figure.printed,
                "clause": figure.clause,
            },
        )
        for number, figure in enumerate(rules.figures, start=1)
    ]
    if rules.max_per_project is not None and rules.max_line:
        rows.append(
            RowRecord(
                table_id=TABLE,
                title=TABLE_TITLE,
                row_number=len(rows) + 1,
                line=rules.max_line,
                label=f"§3.6 B: ${rules.max_per_project:,.2f}",
                values={
                    "section": "3.6 B",
                    "figure": "max_per_project",
                    "value": f"{rules.max_per_project:.2f}",
                    "unit": "MXN",
                },
            )
        )
    return tuple(rows)


def _amount(figure: RuleFigure) -> str:
    """Return a figure in Spanish words, as its row's label ("15 días naturales")."""
    return amount(number_text(figure.value), figure.unit, unchanged)


def _summary(rules: PrintedRules, document: DocumentFile) -> dict[str, Any]:
    return {
        "title": rules.title,
        "program": rules.program,
        "figures": len(rules.figures),
        **(
            {"max_per_project": f"{rules.max_per_project:.2f}"}
            if rules.max_per_project is not None
            else {}
        ),
        **pdf_summary(document),
    }


def _rules_json(rules: PrintedRules, findings: tuple[Finding, ...]) -> dict[str, Any]:
    """Return what the command prints of rules: their figures and findings."""
    return {
        "title": rules.title,
        "program": rules.program,
        "fiscal_year": rules.fiscal_year,
        "normative": rules.normative,
        "max_per_project": (
            f"{rules.max_per_project:.2f}"
            if rules.max_per_project is not None
            else None
        ),
        "figures": [
            {
                "section": figure.section,
                "figure": figure.name,
                "value": number_text(figure.value),
                "unit": figure.unit,
                "line": figure.line,
                "printed": figure.printed,
            }
            for figure in rules.figures
        ],
        "findings": [finding.as_dict() for finding in findings],
    }


def _result(
    document: DocumentFile,
    status: ImportStatus,
    rules: PrintedRules,
    findings: tuple[Finding, ...],
    rows: tuple[RowRecord, ...],
    stored: SourceDocument | None,
) -> ImportResult:
    source = document.source
    return ImportResult(
        kind=DocumentKind.CALL_RULES,
        name=source.name,
        sha256=source.sha256,
        status=status,
        tables=table_counts(rows),
        findings=findings,
        payload=_rules_json(rules, findings),
        document=stored,
    )
