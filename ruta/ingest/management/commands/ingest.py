"""``ruta ingest KIND FILE [--dry-run] [--json]``: read a published document.

Each kind of document has one loader in ``HANDLERS``; adding a kind is one
entry there. The command only parses arguments, calls the loader and prints
its ``ImportResult``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from inspect import signature
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import ProgrammingError, connection, transaction

from ruta.accounts.actors import command_actor
from ruta.common.errors import InputError
from ruta.common.published import data_published_notify
from ruta.ingest.jobs import JOB_LOADERS, import_job_queue
from ruta.ingest.loaders.actionplan import action_plan_import
from ruta.ingest.loaders.cecop import cecop_report_import
from ruta.ingest.loaders.ocds import ocds_import, ocds_paths
from ruta.ingest.loaders.poa import poa_import
from ruta.ingest.loaders.worklist import works_file_import
from ruta.sources.findings import DocumentError
from ruta.sources.models import SourceDocument
from ruta.sources.services import ImportResult, ImportStatus

Handler = Callable[..., ImportResult]

# kind → loader called as loader(path=..., actor=..., dry_run=...)
HANDLERS: dict[str, Handler] = {
    "action-plan": action_plan_import,
    "cecop-report": cecop_report_import,
    "ocds": ocds_import,
    "poa": poa_import,
    "works": works_file_import,
}
# Options only some kinds take: kind → option names passed to its loader.
# The command's name of a kind → the background job's, where they differ.
QUEUED_KINDS = {"cecop-report": "cecop"}
EXTRA_OPTIONS = {
    "works": ("agency", "program", "as_of"),
    "ocds": ("agency", "mapping"),
    "action-plan": ("as_of",),
}

_STATUS = {
    ImportStatus.IMPORTED: "imported",
    ImportStatus.ALREADY_IMPORTED: "already imported: nothing changed",
    ImportStatus.DRY_RUN: "dry run: nothing written",
}


class Command(BaseCommand):
    help = "Read a published document, check it and store what it prints."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(HANDLERS), help="document kind")
        parser.add_argument(
            "file",
            type=Path,
            help="the document: its PDF as published or its text (UTF-8); "
            "ocds: a JSON file or a directory",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check; write nothing"
        )
        parser.add_argument(
            "--json", action="store_true", help="print what was read as JSON"
        )
        parser.add_argument(
            "--agency",
            default="",
            help="works: the catalog code of the agency (the executing agency of "
            "a template file, the publisher of an OPA list)",
        )
        parser.add_argument(
            "--program", default="", help="works (template): the works program code"
        )
        parser.add_argument(
            "--as-of",
            type=_day,
            default=None,
            help="works: the date the file speaks for (YYYY-MM-DD); by default "
            "31 December of the latest year its rows print. action-plan: the "
            "date the report speaks for; by default the latest date it states",
        )
        parser.add_argument(
            "--map",
            dest="mapping",
            type=Path,
            default=None,
            help="ocds: a CSV of ocid,work linking processes to works by folio",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="works, ocds, cecop, poa: queue the import as a background job "
            "for `ruta worker` (progress on the staff page /importaciones/); an "
            "OCDS directory is queued as one job per file",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            self._queue(options)
            return
        if options["kind"] == "ocds" and options["file"].is_dir():
            self._directory(options)
            return
        try:
            result = self._load(options)
        except CommandError as error:
            if options["json"]:
                # Scripts read stdout: the failure is a JSON object there too.
                self.stdout.write(json.dumps(error_json(error), ensure_ascii=False))
            raise
        if options["json"]:
            self.stdout.write(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(summary_lines(result)))

    def _directory(self, options: dict[str, Any]) -> None:
        """Import each OCDS file of a directory as its own document.

        A refused file writes nothing and the others are still read; the
        command then fails naming every refused file.
        """
        try:
            paths = ocds_paths(options["file"])
        except DocumentError as error:
            raise CommandError(f"Nothing was written. {error}") from error
        outcomes: list[dict[str, Any]] = []
        refused: list[str] = []
        for path in paths:
            try:
                result = self._load({**options, "file": path})
            except CommandError as error:
                refused.append(str(error))
                outcomes.append(error_json(error))
                continue
            if options["json"]:
                outcomes.append(as_json(result))
            else:
                self.stdout.write("\n".join(summary_lines(result)))
        if options["json"]:
            self.stdout.write(
                json.dumps({"files": outcomes}, ensure_ascii=False, indent=2)
            )
        if refused:
            raise CommandError(
                f"{len(refused)} of {len(paths)} files refused:\n" + "\n".join(refused)
            )

    def _queue(self, options: dict[str, Any]) -> None:
        """Queue the import for the worker; print the job's number."""
        kind = QUEUED_KINDS.get(options["kind"], options["kind"])
        if kind not in JOB_LOADERS or options["dry_run"]:
            kinds = ", ".join(
                name for name in HANDLERS if QUEUED_KINDS.get(name, name) in JOB_LOADERS
            )
            raise CommandError(
                f"--queue takes a real import of kind {kinds}, not {options['kind']}"
                + (" with --dry-run" if options["dry_run"] else "")
            )
        paths = self._queued_paths(options)
        mapping = options.get("mapping")
        if mapping is not None and not mapping.is_file():
            raise CommandError(f"Nothing was queued. {mapping}: no such file")
        with transaction.atomic():
            jobs = [
                import_job_queue(
                    kind=kind,
                    path=path,
                    options={
                        name: options[name]
                        for name in EXTRA_OPTIONS.get(options["kind"], ())
                    },
                    actor=command_actor(f"ingest {kind}"),
                )
                for path in paths
            ]
        numbers = ", ".join(str(job.pk) for job in jobs)
        self.stdout.write(
            f"Queued as import job{'s' if len(jobs) > 1 else ''} {numbers}; "
            "`ruta worker` runs them (progress at /importaciones/)."
        )

    def _queued_paths(self, options: dict[str, Any]) -> list[Path]:
        """Return the files to queue: the file, or an OCDS directory's files."""
        path = options["file"]
        if options["kind"] == "ocds" and path.is_dir():
            try:
                return ocds_paths(path)
            except DocumentError as error:
                raise CommandError(f"Nothing was queued. {error}") from error
        if not path.is_file():
            raise CommandError(f"Nothing was queued. {path}: no such file")
        return [path]

    def _progress(self, options: dict[str, Any]) -> Callable[..., None] | None:
        """Return a progress bar writer for stderr, unless JSON is asked for."""
        loader = HANDLERS[options["kind"]]
        if options["json"] or "on_progress" not in signature(loader).parameters:
            return None

        def show(rows: int, findings: int, fraction: float | None) -> None:
            self.stderr.write(
                f"\r{_bar(fraction)} {rows:,} rows read, {findings:,} findings",
                ending="" if fraction != 1.0 else "\n",
            )
            self.stderr.flush()

        return show

    def _load(self, options: dict[str, Any]) -> ImportResult:
        """Run the loader; raise ``CommandError`` (nothing written) if it refuses."""
        loader = HANDLERS[options["kind"]]
        extra = {name: options[name] for name in EXTRA_OPTIONS.get(options["kind"], ())}
        progress = self._progress(options)
        if progress is not None:
            extra["on_progress"] = progress
        try:
            result = loader(
                path=options["file"],
                actor=command_actor(f"ingest {options['kind']}"),
                dry_run=options["dry_run"],
                **extra,
            )
        except (DocumentError, PermissionDenied) as error:
            raise CommandError(f"Nothing was written. {error}") from error
        except ProgrammingError as error:
            if SourceDocument._meta.db_table in connection.introspection.table_names():
                raise
            raise CommandError(
                "Nothing was written. The database is not set up for the platform: "
                "run `ruta migrate` and `ruta load-catalog` first."
            ) from error
        if not options["dry_run"]:
            data_published_notify(what=f"import {options['kind']}")
        return result


def _bar(fraction: float | None, width: int = 30) -> str:
    """Return a progress bar of the file read; a bare counter when unknown."""
    if fraction is None:
        return "[reading]"
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return f"[{'#' * filled}{'.' * (width - filled)}] {fraction:4.0%}"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as problem:
        raise CommandError(f"--as-of {text!r} is not a date (YYYY-MM-DD)") from problem


def error_json(error: CommandError) -> dict[str, Any]:
    """Return a refused import as JSON: what was refused, where, and why."""
    cause = error.__cause__
    detail = (
        cause.as_dict()
        if isinstance(cause, InputError)
        else {"reason": str(cause or error), "message": str(error)}
    )
    kind = "permission" if isinstance(cause, PermissionDenied) else "document"
    if not isinstance(cause, InputError | PermissionDenied):
        kind = "setup"
    return {"status": "error", "written": False, "kind": kind, "error": detail}


def as_json(result: ImportResult) -> dict[str, Any]:
    """Return the loader's JSON form of the document plus the import outcome."""
    outcome = {
        "status": result.status.value,
        "name": result.name,
        "sha256": result.sha256,
        "rows": result.rows,
    }
    if result.payload:
        return {**result.payload, "import": outcome}
    return {
        "import": outcome,
        "tables": [
            {"id": table.table_id, "title": table.title, "rows": table.rows}
            for table in result.tables
        ],
        "findings": [finding.as_dict() for finding in result.findings],
    }


def summary_lines(result: ImportResult) -> list[str]:
    """Return the human summary: outcome, tables with their rows, findings."""
    lines = [f"{result.name} (sha256 {result.sha256[:12]}…): {_STATUS[result.status]}"]
    lines += [f"  {note}" for note in result.notes]
    lines.append(f"Tables read: {len(result.tables)}, rows: {result.rows}")
    width = max((len(table.table_id) for table in result.tables), default=0)
    lines += [
        f"  {table.table_id:<{width}}  {table.rows:>3} rows  {table.title}"
        for table in result.tables
    ]
    lines.append(f"Findings: {len(result.findings)}")
    for number, finding in enumerate(result.findings, start=1):
        lines.append(f"  {number}. {finding.message}")
        lines.append(f"     where: {finding.where}")
    return lines
