"""Import a works list (Obra Pública Abierta or the platform's template).

The pure reader (``ruta.ingest.worklist``) recognises the file and reads each
row with its checks; this loader resolves what the catalog knows (states,
municipalities, the state outlines), and in one transaction:

1. records the file (``SourceDocument``, by SHA-256: a second import of the
   same bytes changes nothing);
2. streams every row into the document's stage with one ``COPY``, as printed
   (officials' contact data left out) and as the ``ImportedWork`` the works
   app takes;
3. ensures the executing units the file names and the program of its works;
4. hands the stage to ``works_import_staged`` (set-based writes through the
   audit triggers), keeps every row as a ``PublishedRow`` and the findings;
5. empties the stage.

A file refused, or an import that fails or is killed half-way, writes
nothing. ``on_progress(rows_read, findings)`` is called as rows stream in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ruta.accounts.actors import Actor
from ruta.accounts.permissions import Action, can_anywhere
from ruta.catalog.models import Agency, AgencyKind, FiscalYear, Municipality, State
from ruta.common.stats import analyze
from ruta.ingest.worklist import (
    Geography,
    RepeatedKeys,
    WorkListFile,
    WorkRow,
    boundaries_load,
    current_rows,
    raw_rows,
    row_read,
    worklist_open,
)
from ruta.ingest.worklist.columns import TEMPLATE
from ruta.sources.findings import DocumentError, Finding
from ruta.sources.models import DocumentKind, PublishedRow, SourceDocument
from ruta.sources.services import (
    ImportResult,
    ImportStatus,
    TableCount,
    already_imported,
    findings_write,
    source_document_create,
)
from ruta.sources.staging import (
    StagedRecord,
    staged_rows_clear,
    staged_rows_copy,
    staged_rows_publish,
)
from ruta.works.models import (
    Funding,
    FundingSource,
    Work,
    WorkOrigin,
    WorkPublication,
    WorksProgram,
    WorkStatus,
)
from ruta.works.services.imports import (
    ExecutingUnit,
    FundingShare,
    ImportedWork,
    ProgramDefinition,
    executing_units_ensure,
    program_ensure,
    works_import_staged,
)

BOUNDARIES_FILE = (
    Path(__file__).resolve().parents[2] / "catalog" / "data" / "state_boundaries.json"
)
TABLE_ID = "works"
TABLE_TITLE = "Obras y proyectos de inversión"
# on_progress(rows read, findings so far, fraction of the file read or None)
ProgressCallback = Callable[[int, int, float | None], None]

# The federal portfolio's works are filed under one program of SHCP's (ramo
# 06, which publishes the lists) and one subprogram; the project type each
# row prints stays in its published values.
PUBLISHER = ExecutingUnit(
    code="apf-06",
    name="Secretaría de Hacienda y Crédito Público",
    kind=AgencyKind.DEPENDENCIA,
    official_code="06",
    acronym="SHCP",
)
FEDERAL_PORTFOLIO = ProgramDefinition(
    code="ppi-federal",
    name="Cartera federal de programas y proyectos de inversión",
    acronym="PPI",
    agency=PUBLISHER.code,
    description=(
        "Programas y proyectos de inversión de la Administración Pública Federal, "
        "como los publica la SHCP en Obra Pública Abierta (Transparencia "
        "Presupuestaria)."
    ),
    subprogram_code="ppi-federal",
    subprogram_name="Programas y proyectos de inversión federales",
)
# How each published source of money is filed as a funding row.
SOURCE_FUNDING = {
    "FISCAL": FundingSource.FEDERAL,
    "PROPIO": FundingSource.OTHER,
    "ESTATAL": FundingSource.STATE,
    "MUNICIPAL": FundingSource.MUNICIPALITY,
    "PRIVADA": FundingSource.OTHER,
    "FIDEICOMISO": FundingSource.OTHER,
    "OTROS": FundingSource.OTHER,
}
NO_BREAKDOWN = "Sin desglose publicado"
_ZERO = Decimal(0)


@dataclass(frozen=True)
class ImportTarget:
    """Where a file's works go: origin, program, executing agency, date."""

    origin: WorkOrigin
    kind: str
    agency: Agency | None
    program: WorksProgram | None
    as_of: date | None


@dataclass
class _Reading:
    """What streaming a file gathered besides the rows themselves."""

    findings: list[Finding] = field(default_factory=list)
    units: dict[str, ExecutingUnit] = field(default_factory=dict)
    records: int = 0
    latest_year: int = 0
    repeated: RepeatedKeys = field(default_factory=RepeatedKeys)


def works_file_import(
    *,
    path: Path,
    actor: Actor,
    dry_run: bool = False,
    agency: str = "",
    program: str = "",
    as_of: date | None = None,
    on_progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import the works list at ``path``; raise ``DocumentError`` if refused."""
    if not can_anywhere(actor, Action.CAPTURE):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(f"{actor} may not import works")
    file = worklist_open(path)
    target = _target(file, agency=agency, program=program, as_of=as_of)
    existing = SourceDocument.objects.filter(sha256=file.sha256).first()
    if existing is not None and not dry_run:
        return already_imported(existing)
    if dry_run:
        return _dry_run(file, target, on_progress)
    try:
        return _import(file, target, actor, on_progress)
    except IntegrityError:
        existing = SourceDocument.objects.filter(sha256=file.sha256).first()
        if existing is None:
            raise
        return already_imported(existing)


def _target(
    file: WorkListFile, *, agency: str, program: str, as_of: date | None
) -> ImportTarget:
    """Return where the file's works go; refuse a template without its agency."""
    if file.column_set is not TEMPLATE:
        publisher = Agency.objects.filter(code=agency).first() if agency else None
        if agency and publisher is None:
            raise DocumentError(f"no agency {agency!r} in the catalog", file=file.name)
        return ImportTarget(
            WorkOrigin.FEDERAL_OPA, DocumentKind.WORKS_OPA, publisher, None, as_of
        )
    found = Agency.objects.filter(code=agency).first() if agency else None
    if found is None:
        raise DocumentError(
            "a file in the platform's template needs --agency, the catalog code of "
            "the agency that executes its works"
            + (f" ({agency!r} is not one)" if agency else ""),
            file=file.name,
        )
    works_program = WorksProgram.objects.filter(code=program).first()
    if works_program is None:
        raise DocumentError(
            "a file in the platform's template needs --program, the code of the "
            "works program its works belong to"
            + (f" ({program!r} is not one)" if program else ""),
            file=file.name,
        )
    return ImportTarget(
        WorkOrigin.AGENCY_FILE,
        DocumentKind.WORKS_TEMPLATE,
        found,
        works_program,
        as_of or timezone.localdate(),
    )


def _geography() -> Geography:
    return Geography(
        states=dict(State.objects.values_list("code", "name")),
        municipalities=frozenset(Municipality.objects.values_list("code", flat=True)),
        boundaries=boundaries_load(BOUNDARIES_FILE),
    )


def _rows(
    file: WorkListFile, reading: _Reading, on_progress: ProgressCallback | None
) -> Iterator[tuple[Any, WorkRow | None]]:
    """Yield each raw row with its record, gathering findings as they come.

    The catalog is read before the first row: rows are read while a COPY
    holds the connection, which takes no other query.
    """
    geography = _geography()
    return _rows_read(file, geography, reading, on_progress)


def _rows_read(
    file: WorkListFile,
    geography: Geography,
    reading: _Reading,
    on_progress: ProgressCallback | None,
) -> Iterator[tuple[Any, WorkRow | None]]:
    for raw in raw_rows(file):
        result = row_read(raw, file.column_set, geography)
        reading.records += 1
        reading.findings.extend(result.findings)
        if result.row is not None:
            reading.findings.extend(reading.repeated.check(result.row))
            reading.latest_year = max(reading.latest_year, result.row.year or 0)
        if on_progress is not None and reading.records % 1000 == 0:
            on_progress(reading.records, len(reading.findings), raw.fraction)
        yield raw, result.row


def _dry_run(
    file: WorkListFile, target: ImportTarget, on_progress: ProgressCallback | None
) -> ImportResult:
    reading = _Reading()
    rows = [row for _, row in _rows(file, reading, on_progress) if row is not None]
    works = sorted(current_rows(rows), key=lambda row: row.number)
    return _result(file, target, reading, ImportStatus.DRY_RUN, works=works)


def _result(
    file: WorkListFile,
    target: ImportTarget,
    reading: _Reading,
    status: ImportStatus,
    *,
    works: list[WorkRow] | None = None,
    document: SourceDocument | None = None,
    counts: dict[str, Any] | None = None,
) -> ImportResult:
    payload: dict[str, Any] = {
        "format": file.column_set.code,
        "encoding": file.encoding or "xlsx",
        "records": reading.records,
        "findings": [_finding_json(finding) for finding in reading.findings],
    }
    if works is not None:
        payload["works"] = [row.as_work_json() for row in works]
    if counts is not None:
        payload["written"] = counts
    return ImportResult(
        kind=target.kind,
        name=file.name,
        sha256=file.sha256,
        status=status,
        tables=(TableCount(TABLE_ID, TABLE_TITLE, reading.records),),
        findings=tuple(reading.findings),
        payload=payload,
        document=document,
    )


def _finding_json(finding: Finding) -> dict[str, Any]:
    data = finding.as_dict()
    return {
        "code": data["code"],
        "message": data["message"],
        "where": data["where"],
        "key": data["values"].get("key", ""),
        "severity": data["severity"],
    }


def _funding(row: WorkRow) -> tuple[Decimal, tuple[FundingShare, ...]]:
    """Return the work's total investment and funding rows, which add up.

    The sources as printed when they add up to the printed total (or when
    no total is printed); otherwise the total, as one row "Sin desglose
    publicado": the finding says the sources do not add up.
    """
    sources_valid = all(amount >= 0 for amount in row.sources.values())
    shares = tuple(
        FundingShare(str(SOURCE_FUNDING[kind]), amount, kind)
        for kind, amount in row.sources.items()
        if amount > 0
    )
    if sources_valid and row.sources and (row.sources_add_up or row.total is None):
        return sum((share.amount for share in shares), _ZERO), shares
    if row.total is not None and row.total > 0:
        return row.total, (
            FundingShare(str(FundingSource.OTHER), row.total, NO_BREAKDOWN),
        )
    return _ZERO, ()


def _status(row: WorkRow) -> str:
    """Return the lifecycle status the published physical progress implies."""
    progress = row.physical_progress
    if progress is not None and progress >= 100:
        return WorkStatus.COMPLETED
    if progress is not None and progress > 0:
        return WorkStatus.IN_EXECUTION
    return WorkStatus.APPROVED


def _public_id(row: WorkRow, origin: WorkOrigin) -> str:
    key = "-".join(row.key.split())
    return f"OPA-{key}"[:40] if origin == WorkOrigin.FEDERAL_OPA else key[:40]


def _units(row: WorkRow, reading: _Reading) -> str:
    """Return the catalog code of the row's executing unit, noting new ones."""
    ramo = row.ramo.zfill(2) if row.ramo.isdigit() else row.ramo.lower()
    if not ramo:
        return PUBLISHER.code
    ramo_code = f"apf-{ramo}"
    if ramo_code not in reading.units:
        reading.units[ramo_code] = ExecutingUnit(
            code=ramo_code,
            name=row.ramo_name or f"Ramo {ramo}",
            kind=AgencyKind.DEPENDENCIA,
            official_code=ramo,
        )
    if not row.unit:
        return ramo_code
    unit_code = f"{ramo_code}-{row.unit.lower()}"[:80]
    if unit_code not in reading.units:
        reading.units[unit_code] = ExecutingUnit(
            code=unit_code,
            name=row.unit_name or row.unit,
            official_code=f"{ramo}{row.unit}",
            parent=ramo_code,
        )
    return unit_code


def _imported(row: WorkRow, target: ImportTarget, reading: _Reading) -> ImportedWork:
    total, funding = _funding(row)
    federal = target.origin == WorkOrigin.FEDERAL_OPA
    return ImportedWork(
        public_id=_public_id(row, target.origin),
        title=row.name,
        agency=_units(row, reading) if federal else target.agency.code,
        subprogram=FEDERAL_PORTFOLIO.subprogram_code if federal else row.subprogram,
        total_investment=total,
        funding=funding,
        rank=row.rank,
        status=_status(row),
        description=row.description,
        locality=row.location,
        state=row.state,
        municipality=row.municipality_code,
        latitude=row.latitude,
        longitude=row.longitude,
        start=row.start,
        end=row.end,
        year=row.year,
        approved=row.approved,
        modified=row.modified,
        paid=row.paid,
        total_printed=row.total,
        physical_progress=row.physical_progress,
        sources_printed=row.sources,
        status_printed=row.status,
        official_name=row.official.get("name", ""),
        official_position=row.official.get("position", ""),
        official_email=_email(row.official.get("email", "")),
        official_phone=row.official.get("phone", ""),
    )


def _email(text: str) -> str:
    """Return the first address of an e-mail cell, or "" when it holds none."""
    first = text.replace(";", " ").replace(",", " ").split()
    return first[0] if first and "@" in first[0] else ""


def _staged(
    file: WorkListFile,
    target: ImportTarget,
    reading: _Reading,
    rows: Iterator[tuple[Any, WorkRow | None]],
    subprograms: frozenset[str],
) -> Iterator[StagedRecord]:
    federal = target.origin == WorkOrigin.FEDERAL_OPA
    for raw, row in rows:
        record = None
        if row is not None and (federal or row.subprogram in subprograms):
            record = _imported(row, target, reading).as_record()
        elif row is not None:
            reading.findings.append(
                Finding(
                    code="subprogram_unknown",
                    message=f"subprogram {row.subprogram!r} is not one of the "
                    "catalog's codes: the row is kept as published, no work is "
                    "written",
                    where=f"row {row.number} (line {row.line}), key {row.key}",
                    values={"key": row.key, "subprogram": row.subprogram},
                )
            )
        values = row.published if row is not None else _public_cells(file, raw)
        label = row.key if row is not None else ""
        yield StagedRecord(raw.number, raw.line, label, values, record)


def _public_cells(file: WorkListFile, raw: Any) -> dict[str, str]:
    from ruta.ingest.worklist.columns import PERSONAL_FIELDS

    columns = file.column_set.columns
    return {k: v for k, v in raw.cells.items() if columns.get(k) not in PERSONAL_FIELDS}


@transaction.atomic
def _import(
    file: WorkListFile,
    target: ImportTarget,
    actor: Actor,
    on_progress: ProgressCallback | None,
) -> ImportResult:
    reading = _Reading()
    document = source_document_create(
        source=_SourceName(file.name, file.sha256),
        kind=target.kind,
        fiscal_year=None,
        agency=target.agency,
        actor=actor,
        summary={"format": file.column_set.code},
    )
    from ruta.works.models import Subprogram

    subprograms = frozenset(Subprogram.objects.values_list("code", flat=True))
    staged_rows_copy(
        document=document,
        rows=_staged(
            file, target, reading, _rows(file, reading, on_progress), subprograms
        ),
        actor=actor,
    )
    as_of = target.as_of or date(
        reading.latest_year or timezone.localdate().year, 12, 31
    )
    if not FiscalYear.objects.filter(year=as_of.year).exists():
        raise DocumentError(
            f"fiscal year {as_of.year}, the year the file speaks for, is not in the "
            "catalog",
            file=file.name,
        )
    program = target.program or _federal_program(reading, actor)
    counts = works_import_staged(
        document=document,
        program=program,
        origin=target.origin,
        as_of=as_of,
        actor=actor,
    )
    reading.findings.extend(_refused_findings(counts.refused))
    staged_rows_publish(
        document=document, table_id=TABLE_ID, title=TABLE_TITLE, actor=actor
    )
    findings_write(document=document, findings=reading.findings, actor=actor)
    staged_rows_clear(document=document)
    written = {
        "works_created": counts.works_created,
        "works_current": counts.works_current,
        "works_kept_earlier": counts.works_kept_earlier,
        "publications": counts.publications,
        "as_of": as_of.isoformat(),
    }
    document.fiscal_year_id = as_of.year
    document.summary = {**document.summary, **written, "records": reading.records}
    document.save(update_fields=["fiscal_year", "summary"])
    analyze(Work, Funding, WorkPublication, PublishedRow)
    if on_progress is not None:
        on_progress(reading.records, len(reading.findings), 1.0)
    return _result(
        file, target, reading, ImportStatus.IMPORTED, document=document, counts=written
    )


def _federal_program(reading: _Reading, actor: Actor) -> WorksProgram:
    units = [PUBLISHER, *reading.units.values()]
    executing_units_ensure(units=units, actor=actor)
    return program_ensure(definition=FEDERAL_PORTFOLIO, actor=actor)


def _refused_findings(public_ids: tuple[str, ...]) -> list[Finding]:
    return [
        Finding(
            code="work_not_from_a_file",
            message=f"work {public_id} exists and was not imported from a file of "
            "this kind: it is not changed",
            where=f"key {public_id}",
            values={"key": public_id},
            severity="error",
        )
        for public_id in public_ids
    ]


@dataclass(frozen=True)
class _SourceName:
    """The name and hash ``source_document_create`` records for the file."""

    name: str
    sha256: str
