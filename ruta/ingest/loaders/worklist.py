"""Import a works list (Obra Pública Abierta or the platform's template).

The pure reader (``ruta.ingest.worklist``) recognises the file and reads each
row with its checks; this loader resolves what the catalog knows (states,
municipalities, the state outlines), and in one transaction:

1. records the file (``SourceDocument``, by SHA-256: a second import of the
   same bytes changes nothing);
2. streams every row into the document's stage with one ``COPY``, as printed
   (officials' contact data left out) and as the ``ImportedWork`` the works
   app takes (``worklist_records``);
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
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ruta.accounts.actors import Actor
from ruta.accounts.permissions import Action, require_anywhere
from ruta.catalog.instance import instance_state_code
from ruta.catalog.models import Agency, FiscalYear, Municipality, State
from ruta.common.stats import analyze
from ruta.ingest.loaders.worklist_records import (
    FEDERAL_PORTFOLIO,
    PUBLISHER,
    imported_work,
)
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
from ruta.ingest.worklist.columns import PERSONAL_FIELDS, TEMPLATE
from ruta.ingest.worklist.values import quoted
from ruta.sources.findings import (
    DocumentError,
    Finding,
    Say,
    Values,
    finding_kind,
    sentence,
)
from ruta.sources.models import DocumentKind, PublishedRow, SourceDocument
from ruta.sources.records import SourceFile
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
    PUBLICATION_TABLE_ID,
    Funding,
    Subprogram,
    Work,
    WorkOrigin,
    WorkPublication,
    WorksProgram,
)
from ruta.works.selectors.provenance import document_works_spread
from ruta.works.services.imports import (
    ExecutingUnit,
    executing_units_ensure,
    program_ensure,
    works_import_staged,
)

BOUNDARIES_FILE = (
    Path(__file__).resolve().parents[2] / "catalog" / "data" / "state_boundaries.json"
)
TABLE_ID = PUBLICATION_TABLE_ID
TABLE_TITLE = "Obras y proyectos de inversión"
# on_progress(rows read, findings so far, fraction of the file read or None)
ProgressCallback = Callable[[int, int, float | None], None]


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
    require_anywhere(actor, Action.CAPTURE)
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
        notes=_spread_notes(counts or {}),
    )


def _spread_notes(counts: dict[str, Any]) -> tuple[str, ...]:
    """Return the command's line on the works this instance does not show."""
    if "instance_state" not in counts:
        return ()
    return (
        f"State {counts['instance_state']} (this instance): "
        f"{counts['works_in_state']:,} works in it; "
        f"{counts['works_elsewhere']:,} in other states and "
        f"{counts['works_without_state']:,} in no single state are kept but "
        "not shown here.",
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


@finding_kind("subprogram_unknown")
def subprogram_unknown(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El subprograma «%(subprogram)s» no es una clave del catálogo: el "
            "renglón se guarda como se publicó y no se escribe ninguna obra."
        )
    ) % {"subprogram": quoted(values["subprogram"], say)}


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
            record = imported_work(
                row,
                origin=target.origin,
                agency=target.agency.code if target.agency else "",
                units=reading.units,
            ).as_record()
        elif row is not None:
            reading.findings.append(
                subprogram_unknown.found(
                    where=f"row {row.number} (line {row.line}), key {row.key}",
                    values={"key": row.key, "subprogram": row.subprogram},
                )
            )
        values = row.published if row is not None else _public_cells(file, raw)
        label = row.key if row is not None else ""
        yield StagedRecord(raw.number, raw.line, label, values, record)


def _public_cells(file: WorkListFile, raw: Any) -> dict[str, str]:
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
        source=SourceFile(name=file.name, sha256=file.sha256, text=""),
        kind=target.kind,
        fiscal_year=None,
        agency=target.agency,
        actor=actor,
        summary={"format": file.column_set.code},
    )
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
        **_spread(document),
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


def _spread(document: SourceDocument) -> dict[str, Any]:
    """Say how many of the file's works this instance does not show.

    Every row is kept whatever the instance; a state's instance shows only
    the works located in its state, and the report says so with the figures.
    """
    state = instance_state_code()
    if not state:
        return {}
    spread = document_works_spread(document, state)
    return {
        "instance_state": state,
        "works_in_state": spread.in_state,
        "works_elsewhere": spread.elsewhere,
        "works_without_state": spread.without_state,
    }


def _federal_program(reading: _Reading, actor: Actor) -> WorksProgram:
    units = [PUBLISHER, *reading.units.values()]
    executing_units_ensure(units=units, actor=actor)
    return program_ensure(definition=FEDERAL_PORTFOLIO, actor=actor)


@finding_kind("work_not_from_a_file")
def work_not_from_a_file(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La obra %(key)s ya existe y no se importó de un archivo de este tipo: "
            "no se modifica."
        )
    ) % {"key": values["key"]}


def _refused_findings(public_ids: tuple[str, ...]) -> list[Finding]:
    return [
        work_not_from_a_file.found(
            where=f"key {public_id}",
            values={"key": public_id},
            severity="error",
        )
        for public_id in public_ids
    ]
