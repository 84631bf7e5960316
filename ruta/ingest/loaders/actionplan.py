"""Load an action plan's progress report into the open-government domain.

``action_plan_import`` reads the report (text or PDF) with the pure reader
``ruta.ingest.actionplan``, resolves its state and agencies in the catalog,
and writes in one transaction the document (by SHA-256: the same file twice
writes nothing), the commitments table as published rows, the findings and
the report as a new reporting period of its plan. A foreign, empty or
binary file, or a report whose period is already stored, writes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pghistory
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruta.accounts.actors import Actor, audit_context
from ruta.catalog.models import Agency, FiscalYear, State
from ruta.common.text.folding import fold
from ruta.ingest.actionplan import action_plan_read
from ruta.ingest.actionplan.sections import acronyms
from ruta.ingest.loaders.document_file import (
    document_file_read,
    ocr_findings,
    pages_named,
    pdf_summary,
    with_pages,
)
from ruta.opengov.records import PrintedPlan
from ruta.opengov.rules import plan_key
from ruta.opengov.selectors import period_exists
from ruta.opengov.services import action_plan_report_write
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
    already_imported,
    findings_write,
    published_rows_write,
    source_document_create,
    table_counts,
    tally_counted,
)

COMMAND = "ingest action-plan"

# What the commitments table's published rows call their figures.
figure_names_declare(
    DocumentKind.ACTION_PLAN, {"name": _("compromiso"), "agency": _("dependencia")}
)
EARLIEST_REPORT = date(2000, 1, 1)


def action_plan_import(
    *, path: Path, actor: Actor, dry_run: bool = False, as_of: date | None = None
) -> ImportResult:
    """Import the action-plan report at ``path`` as its period ``as_of``.

    ``as_of`` defaults to the latest full date the report states; a report
    stating none needs it. Raise ``DocumentError`` (nothing written) when
    the file is not such a report or its period is already stored.
    """
    document = document_file_read(path)
    source = document.source
    with pages_named(document):
        plan = action_plan_read(source.text, name=source.name)
    plan = replace(
        plan, findings=(*ocr_findings(document), *with_pages(plan.findings, document))
    )
    existing = SourceDocument.objects.filter(sha256=source.sha256).first()
    if existing is not None and not dry_run:
        return replace(already_imported(existing), payload=plan_json(plan, None))
    day = _reporting_date(plan, as_of, source.name)
    state = _state(plan.state)
    agencies, missing = _agencies(plan, state, source.name)
    findings = (*plan.findings, *missing)
    rows = _table_rows(plan)
    if dry_run:
        return _result(
            source, ImportStatus.DRY_RUN, plan, day, findings, rows, existing
        )
    if period_exists(key=plan_key(plan.title), as_of=day):
        raise DocumentError(
            f"the plan already has a report as of {day.isoformat()}: give this "
            "report's own date with --as-of",
            file=source.name,
        )
    context = {"command": COMMAND, "document": source.sha256}
    with transaction.atomic(), pghistory.context(**audit_context(actor), **context):
        stored = source_document_create(
            source=source,
            kind=DocumentKind.ACTION_PLAN,
            fiscal_year=FiscalYear.objects.filter(year=day.year).first(),
            agency=None,
            actor=actor,
            summary={
                "plan": plan.title,
                "as_of": day.isoformat(),
                "commitments": len(plan.commitments),
                **pdf_summary(document),
            },
        )
        published_rows_write(document=stored, rows=rows, actor=actor)
        findings_write(document=stored, findings=findings, actor=actor)
        period = action_plan_report_write(
            plan=plan,
            as_of=day,
            document=stored,
            state=state,
            agencies=agencies,
            actor=actor,
        )
        tally = tally_counted(
            unit="commitments",
            read=len(plan.commitments),
            stored=period.reports.all(),
        )
    result = _result(source, ImportStatus.IMPORTED, plan, day, findings, rows, stored)
    return replace(result, tally=tally)


def _reporting_date(plan: PrintedPlan, as_of: date | None, name: str) -> date:
    """Return the period's date: given, or the latest the report states; bounded."""
    day = as_of or plan.latest_date
    if day is None:
        raise DocumentError(
            "the report states no full date: give the date it reports on with "
            "--as-of YYYY-MM-DD",
            file=name,
        )
    latest = timezone.localdate().replace(year=timezone.localdate().year + 1)
    if not EARLIEST_REPORT <= day <= latest:
        raise DocumentError(
            f"the reporting date {day.isoformat()} is outside "
            f"{EARLIEST_REPORT.isoformat()}–{latest.isoformat()}",
            file=name,
        )
    return day


def _state(printed: str) -> State | None:
    """Return the catalog state the report's title names, if any."""
    if not printed:
        return None
    wanted = fold(printed.strip())
    return next(
        (state for state in State.objects.all() if fold(state.name) == wanted), None
    )


@finding_kind(
    "agency_not_in_catalog",
    summary=sentence(
        "La dependencia de un compromiso no está en el catálogo: se guarda como "
        "se imprime."
    ),
)
def agency_not_in_catalog(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La dependencia «%(agency)s» de «%(commitment)s» no es una dependencia "
            "del catálogo: se guarda como se imprime."
        )
    ) % {"agency": values["agency"], "commitment": values["commitment"]}


def _agencies(
    plan: PrintedPlan, state: State | None, name: str
) -> tuple[dict[int, Agency | None], tuple[Finding, ...]]:
    """Return each commitment's catalog agency (by its first acronym in the state).

    An agency the catalog lacks is a finding: the commitment keeps the
    agency as printed and only administrators may change it.
    """
    found: dict[int, Agency | None] = {}
    missing: list[Finding] = []
    for commitment in plan.commitments:
        lead = _lead_acronym(commitment.agency)
        matches = list(
            Agency.objects.filter(acronym__iexact=lead, state=state)[:2]
            if lead and state
            else []
        )
        found[commitment.number] = matches[0] if len(matches) == 1 else None
        if len(matches) != 1:
            missing.append(
                agency_not_in_catalog.found(
                    where=f"{name}, line {commitment.line} (commitments, row "
                    f"{commitment.number})",
                    values={
                        "agency": commitment.agency,
                        "commitment": commitment.name,
                    },
                    severity="info",
                )
            )
    return found, tuple(missing)


def _lead_acronym(agency: str) -> str:
    """Return the first acronym of the agency's ("SSG" of "(SSG - ISAPEG)")."""
    printed = agency.rsplit("(", 1)[-1] if "(" in agency else ""
    ordered = printed.rstrip(")").replace("–", "-").split("-")
    names = [part.strip() for part in ordered if part.strip() in acronyms(agency)]
    return names[0] if names else ""


def _table_rows(plan: PrintedPlan) -> tuple[RowRecord, ...]:
    """Return the commitments table's rows as published."""
    return tuple(
        RowRecord(
            table_id="commitments",
            title="Compromisos del plan de acción",
            row_number=commitment.number,
            line=commitment.line,
            label=commitment.name,
            values={"name": commitment.name, "agency": commitment.agency},
        )
        for commitment in plan.commitments
        if commitment.line
    )


def plan_json(plan: PrintedPlan, as_of: date | None) -> dict[str, Any]:
    """Return what the command prints of a report: its commitments and findings."""
    return {
        "plan": plan.title,
        "state": plan.state,
        "as_of": as_of.isoformat() if as_of else None,
        "commitments": [commitment.as_json() for commitment in plan.commitments],
        "findings": [finding.as_dict() for finding in plan.findings],
    }


def _result(
    source: Any,
    status: ImportStatus,
    plan: PrintedPlan,
    day: date,
    findings: tuple[Finding, ...],
    rows: tuple[RowRecord, ...],
    document: SourceDocument | None,
) -> ImportResult:
    payload = plan_json(replace(plan, findings=findings), day)
    return ImportResult(
        kind=DocumentKind.ACTION_PLAN,
        name=source.name,
        sha256=source.sha256,
        status=status,
        tables=table_counts(rows),
        findings=findings,
        payload=payload,
        document=document,
    )
