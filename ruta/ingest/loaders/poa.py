"""Load TMM-F004 forms into programs, goals and quarter values.

``poa_import`` reads, reconciles and checks a document (pure, in
``ruta.ingest.poa``), turns the result into the import payload (the forms as
the programs domain takes them) and hands it to ``poa_payload_write``, which
resolves the catalog first and then writes the document, its rows, its
findings and every form in one transaction. The same document twice writes
nothing; a document with no form, or a form with no period or a year missing
from the catalog, writes nothing.

Every record is filed by its code: a ramo or program printed without one
refuses the document; an executing unit without one takes the catalog's
official code for the unit the form names, and when the catalog has none
its form is not filed (an error finding says which, where and what to do)
while its goals stay in the document's published rows. No unit is ever
written with an empty code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pghistory
from django.db import transaction
from django.utils.translation import gettext_lazy as _

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
from ruta.programs.models import ValueStatus
from ruta.programs.rules import NEEDS_REVIEW
from ruta.programs.services import (
    FormContext,
    PrintedForm,
    PrintedGoal,
    form_write,
)
from ruta.sources.figures import figure_names_declare
from ruta.sources.findings import (
    DocumentError,
    Finding,
    Say,
    Values,
    finding_kind,
    sentence,
)
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
    tally_counted,
)

COMMAND = "ingest poa"

# What a form's published goal rows call their figures (``_printed``): the
# quarters' programmed (P) and achieved (A) figures as the form heads them.
figure_names_declare(
    DocumentKind.POA_TMM_F004,
    {
        "annual_target": _("meta anual"),
        "P1": _("programado T1"),
        "A1": _("alcanzado T1"),
        "P2": _("programado T2"),
        "A2": _("alcanzado T2"),
        "P3": _("programado T3"),
        "A3": _("alcanzado T3"),
        "P4": _("programado T4"),
        "A4": _("alcanzado T4"),
        "absolute": _("avance acumulado"),
        "relative_pct": _("avance relativo (%)"),
    },
)
UNIT_WITHOUT_CODE = "POA-UNIT-WITHOUT-CODE"
UNIT_CODE_FROM_CATALOG = "POA-UNIT-CODE-FROM-CATALOG"
# The reader's name for the field whose review those two findings settle.
_UNIT_CODE_FIELD = "unidad ejecutora code"


@dataclass(frozen=True)
class _Resolved:
    """The catalog records a payload points at, found before writing.

    ``forms`` are those filed, each with its unit's code; ``findings`` are
    the payload's, with what the loader decided about units' codes in place
    of the reader's "left for review".
    """

    forms: tuple[tuple[PrintedForm, FormContext], ...]
    findings: tuple[Finding, ...]
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
        resolved = _resolve(payload)
        return _result(payload, resolved, ImportStatus.DRY_RUN, existing)
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
    findings = [*ocr_findings(document), *with_pages(findings, document)]
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
    for _form, form_context in resolved.forms:
        require(actor, Action.CAPTURE, _form_scope(form_context))
    context = {"command": COMMAND, "document": sha256}
    with (
        transaction.atomic(),
        pghistory.context(**audit_context(actor), **context),
    ):
        document = _document_create(payload, resolved, actor)
        superseded: list[Finding] = []
        for form, form_context in resolved.forms:
            form_write(
                document=document,
                form=form,
                context=form_context,
                superseded=superseded,
                actor=actor,
            )
        findings_write(document=document, findings=superseded, actor=actor)
        tally = tally_counted(
            unit="rows", read=len(_rows(payload)), stored=document.rows.all()
        )
    result = _result(payload, resolved, ImportStatus.IMPORTED, document, superseded)
    return replace(result, tally=tally)


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
            "forms": len(resolved.forms),
            "forms_not_filed": len(payload.forms) - len(resolved.forms),
            "goals": sum(len(form.goals) for form, _context in resolved.forms),
            "findings": len(resolved.findings),
            "title": payload.title,
            **payload.pdf,
        },
    )
    published_rows_write(document=document, rows=rows, actor=actor)
    findings_write(document=document, findings=resolved.findings, actor=actor)
    return document


# ---------------------------------------------------------------- resolving


def _resolve(payload: Payload) -> _Resolved:
    """Return the forms to file with their catalog links, or raise ``DocumentError``."""
    if not payload.forms:
        raise DocumentError("no TMM-F004 form found", file=payload.name)
    contexts = [_form_context(form, payload.name) for form in payload.forms]
    filed, decided = [], []
    for form, context in zip(payload.forms, contexts, strict=True):
        coded, finding = _unit_coded(form, context, payload.name)
        if finding is not None:
            decided.append(finding)
        if coded is not None:
            filed.append((coded, context))
    if not filed:
        raise DocumentError(
            "no form settles its executing unit's code, from its copies or the "
            "catalog: nothing can be filed",
            file=payload.name,
            field="UNIDAD EJECUTORA",
        )
    settled = {finding.where for finding in decided}
    kept = [f for f in payload.findings if not _unit_code_review(f, settled)]
    first = contexts[0]
    return _Resolved(
        tuple(filed), (*kept, *decided), first.ramo_agency, first.fiscal_year
    )


def _unit_code_review(finding: Finding, settled: set[str]) -> bool:
    """Return whether ``finding`` leaves for review a unit code the loader decided."""
    return (
        finding.code == NEEDS_REVIEW
        and finding.values.get("field") == _UNIT_CODE_FIELD
        and finding.where in settled
    )


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
    _require_codes(form, file)
    return context


def _require_codes(form: PrintedForm, file: str) -> None:
    """Raise unless the form's header gives its ramo's and program's codes.

    A ramo or program without its code would become a record nobody can
    match to the budget, and every form of the document is filed under them.
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


def _unit_coded(
    form: PrintedForm, context: FormContext, file: str
) -> tuple[PrintedForm | None, Finding | None]:
    """Return the form with its unit's code, and the finding that says how.

    The copies' code when they settle one; else the catalog's official code
    of the unit the form names (BISOM's CDHI department prints none on any
    copy); else no form: it is not filed.
    """
    printed = form.executing_unit.code
    if printed.value:
        return form, None
    agency = context.unit_agency
    code = agency.official_code if agency is not None else ""
    offered = {alternative.value for alternative in printed.candidates}
    if not code or (offered and code not in offered):
        return None, _unit_without_code(form, file, code)
    settled = replace(
        printed,
        value=code,
        status=ValueStatus.RECONCILED,
        rule="catalog",
        reason=f"no copy settles the unidad ejecutora code; the catalog gives {code}",
        candidates=(),
        discarded=printed.candidates,
    )
    unit = replace(form.executing_unit, code=settled)
    return replace(form, executing_unit=unit), _unit_code_from_catalog(form, file, code)


@finding_kind(
    UNIT_WITHOUT_CODE,
    summary=sentence("Un formato no se registró: su unidad ejecutora no tiene clave."),
)
def unit_without_code(values: Values, say: Say) -> str:
    data = {"unit": values["unit"], "goals": values["goals"]}
    if values.get("catalog"):
        why = say(
            sentence(
                "la clave %(catalog)s que da el catálogo no está entre las lecturas "
                "de las copias"
            )
        ) % {"catalog": values["catalog"]}
    else:
        why = say(sentence("el catálogo no da ninguna"))
    return say(
        sentence(
            "Ninguna copia del formato de %(unit)s establece la clave de la unidad "
            "ejecutora y %(why)s: sus %(goals)s metas no se registraron y quedan "
            "solo en los renglones del documento. Con su clave en el catálogo, "
            "los documentos que se importen después la registrarán."
        )
    ) % {**data, "why": why}


@finding_kind(
    UNIT_CODE_FROM_CATALOG,
    summary=sentence(
        "Una unidad ejecutora sin clave impresa se registró con la del catálogo."
    ),
)
def unit_code_from_catalog(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Ninguna copia del formato de %(unit)s imprime la clave de la unidad "
            "ejecutora; se registró con %(code)s, su clave en el catálogo."
        )
    ) % {"unit": values["unit"], "code": values["code"]}


def _unit_without_code(form: PrintedForm, file: str, catalog: str) -> Finding:
    """Return the error finding of a form not filed for want of its unit's code."""
    name = form.executing_unit.name.value or "?"
    return unit_without_code.found(
        where=f"{file}, form {name}",
        values={"unit": name, "goals": len(form.goals), "catalog": catalog},
        severity="error",
    )


def _unit_code_from_catalog(form: PrintedForm, file: str, code: str) -> Finding:
    """Return the finding of a unit filed under the catalog's code (none printed)."""
    name = form.executing_unit.name.value or "?"
    return unit_code_from_catalog.found(
        where=f"{file}, form {name}",
        values={"unit": name, "code": code},
        severity="info",
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
            number = goal.number.value
            if number is None:
                raise ValueError("a goal is written only with its number")
            rows.append(
                RowRecord(
                    table_id=table_id,
                    title=_label(form),
                    row_number=number,
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
    resolved: _Resolved,
    status: ImportStatus,
    document: SourceDocument | None,
    superseded: Sequence[Finding] = (),
) -> ImportResult:
    notes: tuple[str, ...] = ()
    if status == ImportStatus.DRY_RUN and document is not None:
        notes = (f"already imported on {document.imported_at:%Y-%m-%d}",)
    return ImportResult(
        kind=DocumentKind.POA_TMM_F004,
        name=payload.name,
        sha256=payload.sha256,
        status=status,
        tables=table_counts(_rows(payload)),
        findings=(*resolved.findings, *superseded),
        payload=payload_json(replace(payload, findings=resolved.findings)),
        document=document,
        notes=notes,
    )
