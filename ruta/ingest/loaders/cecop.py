"""Load a CECOP "Informe Anual de Resultados" into the database.

The file is hashed, parsed and checked (pure) first; every name it prints is
resolved against the catalog before anything is written (the publisher by
the government and agency its title block names, the drought municipalities
among that government's); then one
transaction writes the document, each table row with its place, the
findings, the indicator cards and results, and the drought-emergency actions.
The same file twice changes nothing; an unreadable file changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pghistory
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from ruta.accounts.actors import Actor, audit_context
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency, FiscalYear, Municipality
from ruta.catalog.names import MunicipalityNames
from ruta.common.text.folding import normalize_key
from ruta.indicators.models import DirectionChoice, IndicatorCard
from ruta.indicators.services import (
    CardDefinition,
    indicator_card_upsert,
    indicator_result_upsert,
)
from ruta.ingest.cecop import (
    CecopReport,
    DroughtTable,
    Quantity,
    Subject,
    check_report,
    parse_report,
    report_as_json,
)
from ruta.ingest.cecop import IndicatorCard as PrintedCard
from ruta.ingest.cecop.document import clean_text
from ruta.ingest.cecop.prose_checks import claim_pesos
from ruta.ingest.cecop.rows import report_rows
from ruta.ingest.loaders.document_file import (
    DocumentFile,
    document_file_read,
    ocr_findings,
    pages_named,
    pdf_summary,
    with_pages,
)
from ruta.sources.figures import figure_names_declare
from ruta.sources.findings import DocumentError
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.sources.services import (
    ImportResult,
    ImportStatus,
    SourceFile,
    already_imported,
    findings_write,
    published_rows_write,
    source_document_create,
    table_counts,
    tally_counted,
)
from ruta.works.services import (
    EmergencyActionLine,
    StatedBudgetLine,
    emergency_actions_replace,
    stated_budget_record,
)

COMMAND = "ingest cecop-report"

# What the report's published rows call their figures (``report_rows``): the
# works tables' columns as the report prints them, the aid tables', the
# indicator tables' and cards' fields.
figure_names_declare(
    DocumentKind.CECOP_ANNUAL_REPORT,
    {
        "works": _("obras"),
        "total": _("total"),
        "cecop": _("CECOP"),
        "municipality": _("municipio"),
        "community": _("comunidad"),
        "beneficiaries": _("beneficiarios"),
        "number": _("número"),
        "concept": _("concepto"),
        "amount": _("monto"),
        "baseline_year": _("año de la línea base"),
        "baseline": _("línea base"),
        "results": _("resultado"),
        "source": _("fuente"),
        "printed_semaphore": _("semáforo impreso"),
        "indicators": _("indicadores"),
        "with_advance": _("con avance"),
        "without_advance": _("sin avance"),
        "equal": _("igual"),
        "without_information": _("sin información"),
        "responsible_unit": _("unidad responsable"),
        "executing_unit": _("unidad ejecutora"),
        "objective": _("objetivo"),
        "indicator": _("indicador"),
        "indicator_objective": _("objetivo del indicador"),
        "description": _("descripción"),
        "method": _("método de cálculo"),
        "direction": _("sentido"),
        "frequency": _("frecuencia"),
        "unit_of_measure": _("unidad de medida"),
        "additional_reference": _("referencia adicional"),
        "goal_year": _("año de la meta"),
        "goal": _("meta"),
        "figures_line": _("línea de las cifras"),
    },
    values={"direction": dict(DirectionChoice.choices)},
)
_DECLARATION = re.compile(r"Declaratoria de Estado de Emergencia [^\"“”\n]*?\d{4}")


@dataclass(frozen=True)
class _Catalog:
    """The catalog records a report points at, resolved before writing."""

    agency: Agency
    fiscal_year: FiscalYear
    drought_municipalities: tuple[Municipality, ...]


def cecop_report_import(
    *, path: Path, actor: Actor, dry_run: bool = False
) -> ImportResult:
    """Import the CECOP annual report at ``path``; raise ``DocumentError`` if bad.

    ``path`` is the report's extracted text or the PDF as published. With
    ``dry_run`` the file is read, checked and resolved but nothing is
    written.
    """
    document = document_file_read(path)
    source = document.source
    existing = SourceDocument.objects.filter(sha256=source.sha256).first()
    if existing is not None and not dry_run:
        return already_imported(existing)
    with pages_named(document):
        report = parse_report(source.text, source_name=source.name)
        catalog = _resolve_catalog(report, source.name)
    require(actor, Action.CAPTURE, catalog.agency)
    result = _read_result(document, report, existing)
    if dry_run:
        return result
    try:
        written = _write(source, report, catalog, result, actor)
    except IntegrityError:
        # Another import of the same file won the race: nothing to add.
        existing = SourceDocument.objects.filter(sha256=source.sha256).first()
        if existing is None:
            raise
        return already_imported(existing)
    tally = tally_counted(unit="rows", read=result.rows, stored=written.rows.all())
    return replace(result, status=ImportStatus.IMPORTED, document=written, tally=tally)


def _read_result(
    document: DocumentFile, report: CecopReport, existing: SourceDocument | None
) -> ImportResult:
    """Return what was read, as a dry run would report it.

    A report read from a PDF names the page of each line its findings cite,
    and the pages read by OCR come first, as a finding of their own.
    """
    source = document.source
    findings = (
        *ocr_findings(document),
        *with_pages(check_report(report), document),
    )
    notes = (
        ((f"already imported on {existing.imported_at:%Y-%m-%d}",) if existing else ())
        + tuple(
            f"not read: the table at {table.describe()} is not one this importer "
            "takes in (works, drought, aid, indicator results, semáforo summary, cards)"
            for table in report.not_read
        )
        + tuple(
            f"not read: the sentence at {sentence.describe()} states money in words "
            "this importer does not recognise; its figures are not checked"
            for sentence in report.unread_sentences
        )
    )
    return ImportResult(
        kind=DocumentKind.CECOP_ANNUAL_REPORT,
        name=source.name,
        sha256=source.sha256,
        status=ImportStatus.DRY_RUN,
        tables=table_counts(report_rows(report)),
        findings=findings,
        payload={**report_as_json(report, findings), **pdf_summary(document)},
        document=existing,
        notes=notes,
    )


def _resolve_catalog(report: CecopReport, file: str) -> _Catalog:
    """Return the agency, year and municipalities the report names, or raise."""
    agency = _publisher(report, file)
    fiscal_year = FiscalYear.objects.filter(year=report.year).first()
    if fiscal_year is None:
        raise DocumentError(
            f"fiscal year {report.year} is not in the catalog", file=file
        )
    municipalities = _drought_municipalities(report.drought, agency, file)
    return _Catalog(agency, fiscal_year, municipalities)


def _publisher(report: CecopReport, file: str) -> Agency:
    """Return the agency of the catalog the title block names, with its state.

    The block prints the government and the agency ("GOBIERNO DE SONORA
    CONSEJO ESTATAL DE CONCERTACIÓN PARA LA OBRA PÚBLICA"); exactly one
    agency of the catalog must match both names.
    """
    candidates = Agency.objects.filter(parent__isnull=True, state__isnull=False)
    found = [
        agency
        for agency in candidates.select_related("state")
        if normalize_key(agency.name) in report.title
        and agency.state is not None
        and normalize_key(agency.state.name) in report.title
    ]
    if len(found) == 1:
        return found[0]
    named = ", ".join(repr(agency.code) for agency in found)
    reason = (
        f"several agencies of the catalog match it ({named})"
        if found
        else (
            "no agency of the catalog with its state is named there; add it to "
            "ruta/catalog/data/agencies.csv and run `ruta load-catalog`"
        )
    )
    raise DocumentError(
        f"the report's title names {report.title!r} as its publisher, but {reason}",
        file=file,
        field="publisher",
    )


def _drought_municipalities(
    table: DroughtTable, agency: Agency, file: str
) -> tuple[Municipality, ...]:
    """Return each drought row's municipality; raise naming the first unknown."""
    state = agency.state
    if state is None:
        raise ValueError("the publisher is resolved with its state")
    names = MunicipalityNames.of_state(state.pk)
    found: list[Municipality] = []
    for row in table.rows:
        municipality = names.find(row.municipality)
        if municipality is None:
            raise DocumentError(
                f"municipality {row.municipality!r} is not a municipality of "
                f"{state.name} in the catalog, nor an alias in "
                "ruta/catalog/data/municipality_aliases.csv",
                file=file,
                table=table.id,
                row=row.place.row,
                field="municipality",
                line=row.place.line,
            )
        found.append(municipality)
    return tuple(found)


def _write(
    source: SourceFile,
    report: CecopReport,
    catalog: _Catalog,
    result: ImportResult,
    actor: Actor,
) -> SourceDocument:
    """Write everything read from ``report`` in one transaction."""
    summary = {
        "year": report.year,
        "tables": {table.table_id: table.rows for table in result.tables},
        "indicator_table": report.indicator_results.id,
        "findings": len(result.findings),
        "not_read": result.payload["not_read"],
    }
    if "pdf" in result.payload:
        summary["pdf"] = result.payload["pdf"]
    context = {"command": COMMAND, "document": source.sha256}
    with (
        transaction.atomic(),
        pghistory.context(**audit_context(actor), **context),
    ):
        document = source_document_create(
            source=source,
            kind=DocumentKind.CECOP_ANNUAL_REPORT,
            fiscal_year=catalog.fiscal_year,
            agency=catalog.agency,
            actor=actor,
            summary=summary,
        )
        published_rows_write(document=document, rows=report_rows(report), actor=actor)
        findings_write(document=document, findings=result.findings, actor=actor)
        _write_indicators(document, report, catalog.agency, actor)
        _write_drought(document, report, source.text, catalog, actor)
        _write_stated_budgets(document, report, catalog, actor)
    return document


def _card_definition(card: PrintedCard) -> CardDefinition:
    return CardDefinition(
        key=card.key,
        responsible_unit=card.responsible_unit,
        executing_unit=card.executing_unit,
        objective=card.objective,
        name=card.indicator,
        indicator_objective=card.indicator_objective,
        description=card.description,
        method=card.method,
        direction=card.direction,
        frequency=card.frequency,
        source=card.source,
        unit_of_measure=card.unit_of_measure,
        value_unit=card.baseline.unit.value,
        additional_reference=card.additional_reference,
        baseline_year=card.baseline_year,
        baseline_value=card.baseline.value,
        goal_year=card.goal_year,
        goal_value=card.goal.value,
    )


def _write_indicators(
    document: SourceDocument, report: CecopReport, agency: Agency, actor: Actor
) -> None:
    """Upsert every card, then each published result of the full results table."""
    cards: dict[str, IndicatorCard] = {
        printed.key: indicator_card_upsert(
            agency=agency,
            definition=_card_definition(printed),
            document=document,
            source_line=printed.place.line,
            actor=actor,
        )
        for printed in report.cards
    }
    for row in report.indicator_results.rows:
        card = cards.get(row.key)
        if card is None:
            continue  # kept as a published row; a result needs its card
        # The table's baseline column is the figure it publishes for the card's
        # baseline year, kept beside the card's own so pages show where they
        # differ; a table dated otherwise is only a finding.
        figures = [(item.year, item.figure) for item in row.results]
        if row.baseline_year == card.baseline_year:
            figures.insert(0, (row.baseline_year, row.baseline))
        for year, printed in figures:
            if printed is None:
                continue
            indicator_result_upsert(
                card=card,
                year=year,
                value=printed.value,
                document=document,
                source_table=row.place.table,
                source_row=row.place.row,
                source_line=row.place.line,
                actor=actor,
            )


def drought_declaration(text: str, fallback: str) -> str:
    """Return the emergency declaration the report names, e.g. "… Hídrica 2024"."""
    match = _DECLARATION.search(clean_text(text.replace("*", "")))
    return match[0] if match else fallback


def _write_drought(
    document: SourceDocument,
    report: CecopReport,
    text: str,
    catalog: _Catalog,
    actor: Actor,
) -> None:
    """Hand the drought rows to the works service as the year's emergency actions."""
    emergency_actions_replace(
        fiscal_year=catalog.fiscal_year,
        agency=catalog.agency,
        declaration=drought_declaration(text, report.drought.title),
        document=document,
        actions=[
            EmergencyActionLine(
                concept=row.concept,
                municipality=municipality,
                municipality_as_printed=row.municipality,
                amount=row.amount,
                source_row=row.place.row,
                source_line=row.place.line,
            )
            for row, municipality in zip(
                report.drought.rows, catalog.drought_municipalities, strict=True
            )
        ],
        actor=actor,
    )


def _write_stated_budgets(
    document: SourceDocument, report: CecopReport, catalog: _Catalog, actor: Actor
) -> None:
    """Keep the authorised budget the prose states, in pesos, with its line."""
    for claim in report.claims:
        if claim.subject != Subject.BUDGET or claim.quantity != Quantity.AMOUNT:
            continue
        pesos, slipped = claim_pesos(claim)
        stated_budget_record(
            fiscal_year=catalog.fiscal_year,
            agency=catalog.agency,
            document=document,
            stated=StatedBudgetLine(
                amount=pesos,
                printed=claim.text,
                unit_slip=slipped,
                source_line=claim.line,
            ),
            actor=actor,
        )
