"""Import a works list (Obra Pública Abierta or the platform's template).

The pure reader (``ruta.ingest.worklist``) recognises the file and reads each
row with its checks; this loader resolves what the catalog knows (states,
municipalities, the state outlines), and in one transaction:

1. records the file (``SourceDocument``, by SHA-256: a second import of the
   same bytes changes nothing);
2. reads every row's key and year alone (``row_identity``), so the database
   knows which row each work takes before any is written, and the year the
   file speaks for; ensures the executing units it names and the program of
   its works;
3. reads the rows in full a chunk at a time (``worklist_chunks``, in a
   process of its own one chunk ahead) and writes each chunk while the
   next is read: its works (``works_import_chunk``: set-based writes
   through the audit triggers, under one audit context), every row as a
   ``PublishedRow`` as printed (officials' contact data left out), its
   findings, with the keys an earlier row printed found in the database
   (``RepeatedKeysTable``) when the first pass saw a key that may come
   twice (``FirstPass.keys_may_repeat``);
4. adds the findings of works it refused, and one for each municipality
   and year whose concertation floor its concerted works pass
   (``ruta.concertation.selectors.floors_passed``).

Once it commits, the statistics of the tables it changed by a tenth or more
are refreshed (``analyze_changed``): not in the import's transaction, which
holds its locks and keeps readers from its rows until it ends, but right
after it, as autovacuum would later.

Nothing holds the file: memory is a few chunks of rows whatever its size,
and the result's findings are read back from the database. A file refused,
or an import that fails or is killed half-way, writes nothing.
``on_progress(rows_read, findings, fraction)`` is called every 1,000 rows
as the chunks are written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ruta.accounts.actors import Actor
from ruta.accounts.permissions import Action, require, require_anywhere
from ruta.catalog.boundaries import municipal_boundaries_load
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, FiscalYear, Municipality, State
from ruta.catalog.names import MunicipalityNames
from ruta.common.fast.bulk import bulk_settings
from ruta.common.fast.stats import analyze_changed
from ruta.concertation.selectors import floors_passed
from ruta.ingest.loaders.worklist_chunks import (
    PROGRESS_EVERY,
    TABLE_ID,
    TABLE_TITLE,
    ChunkTarget,
    FirstPass,
    ProgressCallback,
    Written,
    chunks_read,
    chunks_write,
    identities,
)
from ruta.ingest.loaders.worklist_records import (
    FEDERAL_PORTFOLIO,
    PUBLISHER,
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
from ruta.ingest.worklist.columns import TEMPLATE
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
    StoredFindings,
    TableCount,
    already_imported,
    findings_write,
    source_document_create,
    tally_counted,
)
from ruta.works.models import (
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
)
from ruta.works.services.staged import (
    works_import_begin,
    works_import_end,
    works_import_identify,
    works_import_settle,
)

BOUNDARIES_FILE = (
    Path(__file__).resolve().parents[2] / "catalog" / "data" / "state_boundaries.json"
)
# The findings an import's JSON lists (all of them are stored with the file
# and in the result's ``findings``).
FINDINGS_LISTED = 1000


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
    """What a dry run's reading gathered besides the rows themselves."""

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
    if target.agency is not None:
        require(actor, Action.CAPTURE, target.agency)
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
    municipal = municipal_boundaries_load()
    return Geography(
        states=dict(State.objects.values_list("code", "name")),
        municipalities=frozenset(Municipality.objects.values_list("code", flat=True)),
        boundaries=boundaries_load(BOUNDARIES_FILE),
        municipal=municipal,
        municipal_names={
            state: MunicipalityNames.of_state(state).codes()
            for state in municipal.by_state
        },
    )


def _rows(
    file: WorkListFile, reading: _Reading, on_progress: ProgressCallback | None
) -> Iterator[WorkRow | None]:
    """Yield each row's record (None if unread), gathering findings as they come."""
    geography = _geography()
    for raw in raw_rows(file):
        result = row_read(raw, file.column_set, geography)
        reading.records += 1
        reading.findings.extend(result.findings)
        if result.row is not None:
            reading.findings.extend(reading.repeated.check(result.row))
            reading.latest_year = max(reading.latest_year, result.row.year or 0)
        if on_progress is not None and reading.records % PROGRESS_EVERY == 0:
            on_progress(reading.records, len(reading.findings), raw.fraction)
        yield result.row


def _dry_run(
    file: WorkListFile, target: ImportTarget, on_progress: ProgressCallback | None
) -> ImportResult:
    """Read and check the file, write nothing; list every work and finding.

    Its answer lists every work, so it holds one row per key (not the file).
    """
    reading = _Reading()
    rows = (row for row in _rows(file, reading, on_progress) if row is not None)
    works = sorted(current_rows(rows), key=lambda row: row.number)
    payload: dict[str, Any] = {
        "format": file.column_set.code,
        "encoding": file.encoding or "xlsx",
        "records": reading.records,
        "findings": [_finding_json(finding) for finding in reading.findings],
        "works": [row.as_work_json() for row in works],
    }
    return ImportResult(
        kind=target.kind,
        name=file.name,
        sha256=file.sha256,
        status=ImportStatus.DRY_RUN,
        tables=(TableCount(TABLE_ID, TABLE_TITLE, reading.records),),
        findings=tuple(reading.findings),
        payload=payload,
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


def _chunk_target(file: WorkListFile, target: ImportTarget) -> ChunkTarget:
    return ChunkTarget(
        origin=target.origin,
        agency=target.agency.code if target.agency else "",
        geography=_geography(),
        subprograms=frozenset(Subprogram.objects.values_list("code", flat=True)),
    )


@transaction.atomic
def _import(
    file: WorkListFile,
    target: ImportTarget,
    actor: Actor,
    on_progress: ProgressCallback | None,
) -> ImportResult:
    document = source_document_create(
        source=SourceFile(name=file.name, sha256=file.sha256, text=""),
        kind=target.kind,
        fiscal_year=None,
        agency=target.agency,
        actor=actor,
        summary={"format": file.column_set.code},
    )
    with bulk_settings():
        return _import_written(file, target, document, actor, on_progress)


def _import_written(
    file: WorkListFile,
    target: ImportTarget,
    document: SourceDocument,
    actor: Actor,
    on_progress: ProgressCallback | None,
) -> ImportResult:
    chunk_target = _chunk_target(file, target)
    batch = works_import_begin(document=document, origin=target.origin, actor=actor)
    units: dict[str, ExecutingUnit] = {}
    # Most files print each key once: their chunks need no keys, and are
    # read from now on, while the first pass reads the identities.
    chunks = chunks_read(file, chunk_target, units, keyed=False)
    try:
        first = FirstPass()
        works_import_identify(batch, identities(file, chunk_target, units, first))
        as_of = target.as_of or date(
            first.latest_year or timezone.localdate().year, 12, 31
        )
        if not FiscalYear.objects.filter(year=as_of.year).exists():
            raise DocumentError(
                f"fiscal year {as_of.year}, the year the file speaks for, is not "
                "in the catalog",
                file=file.name,
            )
        program = target.program or _federal_program(units, actor)
        works_import_settle(batch, program=program, as_of=as_of)
        keys_may_repeat = first.keys_may_repeat(batch.to_supersede)
        if keys_may_repeat:
            # Read again, with the keys the repeats are looked for by.
            chunks.close()
            chunks = chunks_read(file, chunk_target, units, keyed=True)
        written = chunks_write(
            chunks, batch, on_progress, keys_may_repeat=keys_may_repeat
        )
    finally:
        # The reading process stops, even on an error.
        chunks.close()
    counts = works_import_end(batch)
    refused = _refused_findings(counts.refused)
    written.findings += findings_write(document=document, findings=refused, actor=actor)
    # Concerted works land whatever their municipality's floor: say when
    # they pass it (only "Liberar recursos" refuses).
    passed = floors_passed(Work.objects.filter(publications__document=document))
    written.findings += findings_write(document=document, findings=passed, actor=actor)
    summary = {
        "works_created": counts.works_created,
        "works_current": counts.works_current,
        "works_kept_earlier": counts.works_kept_earlier,
        "publications": counts.publications,
        "as_of": as_of.isoformat(),
        **_spread(document),
    }
    document.fiscal_year_id = as_of.year
    document.summary = {**document.summary, **summary, "records": written.records}
    document.save(update_fields=["fiscal_year", "summary"])
    changed = {
        Work: counts.works_current,
        WorkPublication: counts.publications,
        PublishedRow: written.records,
    }
    transaction.on_commit(lambda: analyze_changed(changed))
    if on_progress is not None:
        on_progress(written.records, written.findings, 1.0)
    tally = tally_counted(
        unit="rows",
        read=written.records,
        stored=WorkPublication.objects.filter(document=document),
        # Rows that are no work (their findings say why), and works held
        # by another origin (work_not_from_a_file).
        refused=written.records - batch.identified + len(counts.refused),
        superseded=batch.superseded,
    )
    return replace(_imported(file, target, written, document, summary), tally=tally)


def _imported(
    file: WorkListFile,
    target: ImportTarget,
    written: Written,
    document: SourceDocument,
    summary: dict[str, Any],
) -> ImportResult:
    """Return the import's result; its findings are read from the document."""
    findings = StoredFindings(document, count=written.findings)
    listed = [_finding_json(finding) for finding in findings[:FINDINGS_LISTED]]
    payload: dict[str, Any] = {
        "format": file.column_set.code,
        "encoding": file.encoding or "xlsx",
        "records": written.records,
        "findings": listed,
        "findings_count": written.findings,
        "written": summary,
    }
    return ImportResult(
        kind=target.kind,
        name=file.name,
        sha256=file.sha256,
        status=ImportStatus.IMPORTED,
        tables=(TableCount(TABLE_ID, TABLE_TITLE, written.records),),
        findings=findings,
        payload=payload,
        document=document,
        notes=_spread_notes(summary),
    )


def _spread(document: SourceDocument) -> dict[str, Any]:
    """Say how many of the file's works this instance does not show.

    Every row is kept whatever the instance; a state's instance shows only
    the works located in its state, and the report says so with the figures.
    """
    state = instance().code
    if not state:
        return {}
    spread = document_works_spread(document, state)
    return {
        "instance_state": state,
        "works_in_state": spread.in_state,
        "works_elsewhere": spread.elsewhere,
        "works_without_state": spread.without_state,
    }


def _federal_program(units: dict[str, ExecutingUnit], actor: Actor) -> WorksProgram:
    executing_units_ensure(units=[PUBLISHER, *units.values()], actor=actor)
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
