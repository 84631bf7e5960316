"""Load TMM-F004 forms into programs, goals and quarter values.

``poa_import`` reads, reconciles and checks a document (pure, in
``ruta.ingest.poa``), turns the result into the import payload (the forms as
the programs domain takes them) and hands it to ``poa_payload_write``, which
resolves the catalog first and then writes the document, its rows, its
findings and every form in one transaction. The same document twice writes
nothing; a document with no form, or a form with no period or a year missing
from the catalog, writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pghistory
from django.db import transaction

from ruta.accounts.actors import Actor, audit_context
from ruta.accounts.permissions import Action, Scope, require
from ruta.catalog.models import Agency, FiscalYear
from ruta.ingest.loaders.document_file import (
    DocumentFile,
    document_file_read,
    ocr_findings,
    ocr_lines,
    pages_named,
    pdf_summary,
    with_pages,
)
from ruta.ingest.loaders.ocr_marks import ocr_marked
from ruta.ingest.loaders.poa_payload import Payload, payload_json, poa_payload
from ruta.ingest.poa import check_document, read_copies, reconcile_copies
from ruta.programs.checks import observation_required
from ruta.programs.linking import ramo_agency, unit_agency
from ruta.programs.services import (
    FormContext,
    PrintedForm,
    PrintedGoal,
    form_write,
)
from ruta.sources.findings import DocumentError, Finding
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.sources.services import (
    ImportResult,
    ImportStatus,
    RowRecord,
    SourceFile,
    already_imported,
    findings_write,
    published_rows_write,
    source_document_create,
    table_counts,
)

COMMAND = "ingest poa"


@dataclass(frozen=True)
class _Resolved:
    """The catalog records a payload points at, found before writing."""

    forms: tuple[FormContext, ...]
    agency: Agency | None
    fiscal_year: FiscalYear


def poa_import(*, path: Path, actor: Actor, dry_run: bool = False) -> ImportResult:
    """Import the TMM-F004 forms in the text or PDF file at ``path``.

    Raise ``DocumentError`` (nothing written) when the file holds no form or
    a form cannot be placed in a fiscal year. With ``dry_run`` the file is
    read, checked and resolved but nothing is written.
    """
    document = document_file_read(path)
    source = document.source
    existing = SourceDocument.objects.filter(sha256=source.sha256).first()
    if existing is not None and not dry_run:
        return already_imported(existing)
    payload = poa_read(source, document=document)
    if dry_run:
        _resolve(payload)
        return _result(payload, ImportStatus.DRY_RUN, existing)
    return poa_payload_write(payload=payload, actor=actor)


def poa_read(source: SourceFile, *, document: DocumentFile | None = None) -> Payload:
    """Return the import payload of ``source``; raise ``DocumentError`` if unread.

    When the text came from a PDF (``document``), findings and refusals name
    the page of their line, pages read by OCR are a finding, and a value
    read only by OCR is never verified.
    """
    document = document or DocumentFile(source)
    with pages_named(document):
        copies = read_copies(source.text, source_name=source.name)
        forms = reconcile_copies(copies)
        findings = check_document(
            copies, forms, observation_policy=observation_required()
        )
    findings = (*ocr_findings(document), *with_pages(findings, document))
    payload = poa_payload(forms, findings, name=source.name, sha256=source.sha256)
    lines = ocr_lines(document)
    return replace(
        payload,
        forms=tuple(ocr_marked(form, lines) for form in payload.forms),
        pdf=pdf_summary(document),
    )


def poa_payload_write(*, payload: Payload, actor: Actor) -> ImportResult:
    """Write an import payload (read from a file) in one transaction.

    With an ``actor``, they must be allowed to capture for every form's unit
    (for its ramo when the unit is not in the catalog).
    """
    sha256 = payload.sha256
    existing = SourceDocument.objects.filter(sha256=sha256).first()
    if existing is not None:
        return already_imported(existing)
    resolved = _resolve(payload)
    for form_context in resolved.forms:
        require(actor, Action.CAPTURE, _form_scope(form_context))
    context = {"command": COMMAND, "document": sha256}
    with (
        transaction.atomic(),
        pghistory.context(**audit_context(actor), **context),
    ):
        document = _document_create(payload, resolved, actor)
        superseded: list[Finding] = []
        for form, form_context in zip(payload.forms, resolved.forms, strict=True):
            form_write(
                document=document,
                form=form,
                context=form_context,
                superseded=superseded,
                actor=actor,
            )
        findings_write(document=document, findings=superseded, actor=actor)
    return _result(payload, ImportStatus.IMPORTED, document, superseded)


def _document_create(
    payload: Payload, resolved: _Resolved, actor: Actor
) -> SourceDocument:
    rows = _rows(payload)
    document = source_document_create(
        source=SourceFile(name=payload.name, sha256=payload.sha256, text=""),
        kind=DocumentKind.POA_TMM_F004,
        fiscal_year=resolved.fiscal_year,
        agency=resolved.agency,
        actor=actor,
        summary={
            "forms": len(payload.forms),
            "goals": sum(len(form.goals) for form in payload.forms),
            "findings": len(payload.findings),
            "title": payload.title,
            **payload.pdf,
        },
    )
    published_rows_write(document=document, rows=rows, actor=actor)
    findings_write(document=document, findings=payload.findings, actor=actor)
    return document


# ---------------------------------------------------------------- resolving


def _resolve(payload: Payload) -> _Resolved:
    """Return each form's year and catalog links, or raise ``DocumentError``."""
    if not payload.forms:
        raise DocumentError("no TMM-F004 form found", file=payload.name)
    contexts = tuple(_form_context(form, payload.name) for form in payload.forms)
    first = contexts[0]
    return _Resolved(contexts, first.ramo_agency, first.fiscal_year)


def _form_scope(context: FormContext) -> Agency | Scope:
    """Return where a form belongs: its unit, else its ramo (nowhere if unknown)."""
    return context.unit_agency or context.ramo_agency or Scope()


def _form_context(form: PrintedForm, file: str) -> FormContext:
    label = _label(form)
    period = form.period.value
    if period is None:
        raise DocumentError(
            f"form {label}: the period (quarter and year) could not be read",
            file=file,
            field="FECHA",
        )
    fiscal_year = FiscalYear.objects.filter(year=period.year).first()
    if fiscal_year is None:
        raise DocumentError(
            f"form {label}: fiscal year {period.year} is not in the catalog; "
            "run `ruta load-catalog` first",
            file=file,
        )
    ramo = ramo_agency(form.ramo.code.value, form.ramo.name.value)
    unit = form.executing_unit
    context = FormContext(
        fiscal_year=fiscal_year,
        quarter=period.quarter,
        ramo_agency=ramo,
        unit_agency=unit_agency(ramo, unit.code.value, unit.name.value),
    )
    _require_codes(form, context, file)
    return context


def _require_codes(form: PrintedForm, context: FormContext, file: str) -> None:
    """Raise unless the form's header identifies its ramo, program and unit.

    A ramo or program without its code would become a record nobody can
    match to the budget. A unit may print no code only when the catalog
    knows it by its printed name (BISOM's CDHI department prints none on
    any copy); otherwise it too must print one.
    """
    label = _label(form)
    lines = _header_lines(form)
    coded = (("RAMO", "ramo", form.ramo), ("PROGRAMA", "program", form.program))
    for field, name, printed in coded:
        if not printed.code.value:
            raise DocumentError(
                f"form {label}: the header does not give the {name}'s code "
                f"(read from {lines}); nothing can be filed under it",
                file=file,
                field=field,
            )
    if not form.executing_unit.code.value and context.unit_agency is None:
        raise DocumentError(
            f"form {label}: the executing unit prints no code (read from {lines}) "
            "and the catalog knows no unit of the ramo by that name",
            file=file,
            field="UNIDAD EJECUTORA",
        )


def _header_lines(form: PrintedForm) -> str:
    """Return where the form's copies were printed, for messages."""
    places = form.form_code.places or form.period.places
    return ", ".join(f"copy {p.copy} line {p.line}" for p in places) or "?"


def _label(form: PrintedForm) -> str:
    unit = form.executing_unit
    parts = (unit.code.value, unit.name.value)
    return " ".join(part for part in parts if part) or "?"


# ---------------------------------------------------------------- results


def _rows(payload: Payload) -> list[RowRecord]:
    """Return each goal's figures as published, one table per form."""
    rows = []
    for index, form in enumerate(payload.forms, start=1):
        code = form.executing_unit.code.value
        table_id = f"tmm-f004-{code}" if code else f"tmm-f004-form-{index}"
        for goal in form.goals:
            rows.append(
                RowRecord(
                    table_id=table_id,
                    title=_label(form),
                    row_number=goal.number.value,
                    line=min((place.line for place in goal.places), default=0),
                    label=goal.description.value or "",
                    values=_printed(goal),
                )
            )
    return rows


def _printed(goal: PrintedGoal) -> dict[str, Any]:
    """Return the goal's figures as the form prints them (the percent as text)."""
    values: dict[str, Any] = {"annual_target": goal.annual_target.value}
    for number, quarter in enumerate(goal.quarters, start=1):
        values[f"P{number}"] = quarter.programmed.value
        values[f"A{number}"] = quarter.achieved.value
    values["absolute"] = goal.absolute.value
    values["relative_pct"] = goal.relative_pct.plain()
    return values


def _result(
    payload: Payload,
    status: ImportStatus,
    document: SourceDocument | None,
    superseded: Sequence[Finding] = (),
) -> ImportResult:
    notes = ()
    if status == ImportStatus.DRY_RUN and document is not None:
        notes = (f"already imported on {document.imported_at:%Y-%m-%d}",)
    return ImportResult(
        kind=DocumentKind.POA_TMM_F004,
        name=payload.name,
        sha256=payload.sha256,
        status=status,
        tables=table_counts(_rows(payload)),
        findings=(*payload.findings, *superseded),
        payload=payload_json(payload),
        document=document,
        notes=notes,
    )
