"""Load OCDS files into contracting processes, with every release kept.

``ocds_import`` reads one file with the pure reader (``ruta.ingest.ocds``):
its releases, the schema's findings, each ocid compiled together with the
releases earlier files published of it. The file is recorded as a published
document with its findings; the processes are stored by
``ruta.works.services.contracting``; all in one transaction. The same file
twice changes nothing; a file that is not OCDS, or holds no release, is
refused and nothing is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ruta.accounts.actors import Actor
from ruta.catalog.models import Agency
from ruta.ingest.ocds import (
    OcdsFile,
    PlacedRelease,
    ocds_parse,
    processes_compile,
    releases_reused,
    releases_validate,
)
from ruta.sources.figures import figure_names_declare
from ruta.sources.findings import DocumentError, Finding
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.sources.services import (
    ImportResult,
    ImportStatus,
    RowRecord,
    SourceFile,
    TableCount,
    already_imported,
    findings_write,
    published_rows_write,
    source_document_create,
    source_file_read,
    tally_counted,
)
from ruta.works.contracting import Process
from ruta.works.models import Work
from ruta.works.selectors.contracting import releases_stored, works_by_public_id
from ruta.works.services.contracting import (
    ProcessChange,
    PublishedRelease,
    contracting_store,
)

COMMAND = "ingest ocds"

# What the published release rows call their figures (``_rows``).
figure_names_declare(
    DocumentKind.OCDS,
    {"ocid": _("ocid"), "id": _("entrega"), "place": _("lugar en el archivo")},
)
SUFFIXES = (".json", ".jsonl", ".ndjson")
# A directory is read file by file; more files than this is a mistake.
MAX_FILES = 10_000
MAX_MAP_BYTES = 5 * 1024 * 1024


def ocds_paths(path: Path) -> list[Path]:
    """Return ``path``, or the OCDS files of the directory ``path`` in order."""
    if not path.is_dir():
        return [path]
    found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
    if not found:
        raise DocumentError(
            "the directory holds no .json or .jsonl file", file=str(path)
        )
    if len(found) > MAX_FILES:
        raise DocumentError(
            f"the directory holds {len(found):,} files; at most {MAX_FILES:,}",
            file=str(path),
        )
    return found


def ocds_import(
    *,
    path: Path,
    actor: Actor,
    dry_run: bool = False,
    agency: str = "",
    mapping: Path | None = None,
) -> ImportResult:
    """Import the OCDS file at ``path``; raise ``DocumentError`` if it is not one."""
    source = source_file_read(path)
    existing = SourceDocument.objects.filter(sha256=source.sha256).first()
    if existing is not None and not dry_run:
        return already_imported(existing)
    publisher = _agency(agency, source.name)
    links = mapping_read(mapping) if mapping is not None else {}
    parsed = ocds_parse(source.name, source.text)
    processes, findings, identical = _compile(parsed)
    works = _works(processes, links, source.name)
    payload = _payload(parsed, processes, findings, works, identical)
    if dry_run:
        return _result(source, ImportStatus.DRY_RUN, parsed, findings, payload)
    changes = [
        ProcessChange(
            process,
            works.get(process.ocid),
            _published(parsed, process, identical),
        )
        for process in processes
    ]
    with transaction.atomic():
        document = source_document_create(
            source=source,
            kind=DocumentKind.OCDS,
            fiscal_year=None,
            agency=publisher,
            actor=actor,
            summary={
                "kind": parsed.kind,
                "releases": parsed.entries,
                "processes": len(processes),
                "findings": len(findings),
            },
        )
        published_rows_write(document=document, rows=_rows(parsed), actor=actor)
        findings_write(document=document, findings=findings, actor=actor)
        contracting_store(
            document=document, changes=changes, agency=publisher, actor=actor
        )
        tally = tally_counted(
            unit="releases",
            read=parsed.entries,
            stored=document.contracting_releases.all(),
            refused=parsed.entries - len(parsed.releases),
            identical=len(identical),
        )
    result = _result(source, ImportStatus.IMPORTED, parsed, findings, payload, document)
    return replace(result, tally=tally)


def _agency(code: str, name: str) -> Agency | None:
    if not code:
        return None
    found = Agency.objects.filter(code=code).first()
    if found is None:
        raise DocumentError(f"no agency {code!r} in the catalog", file=name)
    return found


def mapping_read(path: Path) -> dict[str, str]:
    """Return an ``ocid,work`` CSV as ocid → work folio; refuse a bad one."""
    try:
        if path.stat().st_size > MAX_MAP_BYTES:
            raise DocumentError(
                f"the mapping has more than {MAX_MAP_BYTES:,} bytes", file=path.name
            )
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as problem:
        raise DocumentError(
            f"cannot read the mapping: {problem}", file=str(path)
        ) from problem
    rows = list(csv.reader(io.StringIO(text)))
    if rows and [cell.strip().lower() for cell in rows[0][:2]] == ["ocid", "work"]:
        rows = rows[1:]
    links: dict[str, str] = {}
    for number, row in enumerate(rows, start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise DocumentError(
                "a mapping row needs an ocid and a work folio",
                file=path.name,
                row=number,
            )
        links[row[0].strip()] = row[1].strip()
    return links


def _compile(parsed: OcdsFile) -> tuple[list[Process], list[Finding], set[str]]:
    """Compile each ocid from the releases stored before and the file's;
    return the processes, the findings and the places of releases identical
    to one already stored or read (stored once)."""
    findings = list(parsed.findings) + releases_validate(parsed.name, parsed.releases)
    stored = releases_stored({r.ocid for r in parsed.releases})
    reused, identical = releases_reused(
        parsed.name,
        parsed.releases,
        {
            (ocid, release_id): (release.data, f"{release.file} {release.place}")
            for ocid, by_id in stored.items()
            for release_id, release in by_id.items()
        },
    )
    in_file = {(r.ocid, r.release_id) for r in parsed.releases}
    earlier = [
        PlacedRelease("stored", release.data, release.version)
        for ocid, by_id in stored.items()
        for release_id, release in by_id.items()
        if (ocid, release_id) not in in_file
    ]
    processes, merge_findings = processes_compile(
        parsed.name, [*earlier, *parsed.releases]
    )
    return processes, findings + reused + merge_findings, identical


def _works(
    processes: Sequence[Process], links: dict[str, str], name: str
) -> dict[str, Work]:
    """Return the work of each process an identifier or the mapping names."""
    named = {p.ocid: (p.project_ids + p.related) for p in processes}
    wanted = set(links.values()) | {i for ids in named.values() for i in ids}
    works = works_by_public_id(wanted)
    missing = sorted(set(links.values()) - set(works))
    if missing:
        raise DocumentError(
            f"the mapping names works not on the platform: {', '.join(missing[:10])}",
            file=name,
        )
    found: dict[str, Work] = {}
    for ocid, ids in named.items():
        key = links.get(ocid) or next((i for i in ids if i in works), None)
        if key is not None:
            found[ocid] = works[key]
    return found


def _published(
    parsed: OcdsFile, process: Process, identical: set[str]
) -> tuple[PublishedRelease, ...]:
    """Return the process's releases to store: all but those identical to
    one stored or read before."""
    return tuple(
        PublishedRelease(
            ocid=r.ocid,
            release_id=r.release_id or r.place,
            date=str(r.release.get("date") or ""),
            place=r.place,
            data=r.release,
            version=r.version,
        )
        for r in parsed.releases
        if r.ocid == process.ocid and r.place not in identical
    )


def _rows(parsed: OcdsFile) -> list[RowRecord]:
    """Return one published row per release read, by its place in the file."""
    return [
        RowRecord(
            table_id="releases",
            title="OCDS releases",
            row_number=number,
            line=0,
            label=f"{r.ocid} {r.release_id}"[:500],
            values={"ocid": r.ocid, "id": r.release_id, "place": r.place},
        )
        for number, r in enumerate(parsed.releases, start=1)
    ]


def _payload(
    parsed: OcdsFile,
    processes: Sequence[Process],
    findings: Sequence[Finding],
    works: dict[str, Work],
    identical: set[str],
) -> dict[str, Any]:
    """Return the dry-run JSON: no natural person's name or RFC in it.

    Every release is accounted for: ``releases`` (the entries the file
    holds) is ``releases_read`` plus ``releases_refused``, and what was read
    is ``releases_stored`` plus ``releases_identical``.
    """
    return {
        "file_kind": parsed.kind,
        "releases": parsed.entries,
        "releases_read": len(parsed.releases),
        "releases_refused": parsed.entries - len(parsed.releases),
        "releases_stored": len(parsed.releases) - len(identical),
        "releases_identical": len(identical),
        "processes": [_process_json(p, works.get(p.ocid)) for p in processes],
        "findings": [finding.as_dict() for finding in findings],
    }


def _process_json(process: Process, work: Work | None) -> dict[str, Any]:
    persons = {p.name for p in process.parties if p.is_person}
    return {
        "ocid": process.ocid,
        "title": process.title,
        "buyer": process.buyer,
        "method": process.method,
        "amount": _number(process.amount),
        "currency": process.currency,
        "work": work.public_id if work is not None else None,
        "releases": list(process.release_ids),
        "contracts": [
            {
                "id": c.contract_id,
                "suppliers": [
                    "(persona física)" if s in persons else s
                    for s in process.supplier_names(c.award_id)
                ],
                "amount": _number(c.amount),
                "currency": c.currency,
                "start": c.start.isoformat() if c.start else None,
                "end": c.end.isoformat() if c.end else None,
                "payments": len(c.payments),
                "paid": _number(sum((p.amount or 0 for p in c.payments), 0)),
            }
            for c in process.contracts
        ],
    }


def _number(value: Any) -> str | None:
    return None if value is None else str(value)


def _result(
    source: SourceFile,
    status: ImportStatus,
    parsed: OcdsFile,
    findings: Sequence[Finding],
    payload: dict[str, Any],
    document: SourceDocument | None = None,
) -> ImportResult:
    return ImportResult(
        kind=DocumentKind.OCDS,
        name=source.name,
        sha256=source.sha256,
        status=status,
        tables=(TableCount("releases", "OCDS releases", len(parsed.releases)),),
        findings=tuple(findings),
        payload=payload,
        document=document,
    )
