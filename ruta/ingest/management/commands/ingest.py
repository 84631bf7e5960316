"""``ruta ingest KIND FILE [--dry-run] [--json] [--queue]``: read a published document.

The kinds, their loaders and the options each takes are the importer
registry's (``ruta.ingest.importers``). The command only parses arguments,
calls the importer (or queues it) and prints its ``ImportResult``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import ProgrammingError, connection, transaction

from ruta.accounts.actors import command_actor
from ruta.common.db.published import data_published_notify
from ruta.common.errors import InputError
from ruta.ingest.importers import IMPORTERS, OPTIONS, Importer, ImportOption
from ruta.ingest.importfiles import import_file_keep
from ruta.ingest.jobs import import_job_queue
from ruta.sources.findings import DocumentError
from ruta.sources.models import SourceDocument
from ruta.sources.services import ImportResult, ImportStatus

_STATUS = {
    ImportStatus.IMPORTED: "imported",
    ImportStatus.ALREADY_IMPORTED: "already imported: nothing changed",
    ImportStatus.DRY_RUN: "dry run: nothing written",
}


def kinds_help() -> str:
    """Return the list of kinds the help ends with: name, label, options."""
    lines = ["document kinds:"]
    width = max(len(name) for name in IMPORTERS) + 2
    for importer in IMPORTERS.values():
        flags = " ".join(OPTIONS[name].flag for name in importer.options)
        lines.append(
            f"  {importer.name:<{width}}{importer.label}"
            + (f"  [{flags}]" if flags else "")
        )
    return "\n".join(lines)


def _argument(option: ImportOption) -> Callable[[str], Any]:
    """Return ``option``'s parser as argparse takes it (a clear refusal)."""

    def parse(text: str) -> Any:
        try:
            return option.parse(text)
        except ValueError as problem:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not {option.expects}"
            ) from problem

    parse.__name__ = option.name
    return parse


class Command(BaseCommand):
    help = "Read a published document, check it and store what it prints."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.epilog = kinds_help()
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(IMPORTERS), help="document kind")
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
        for option in OPTIONS.values():
            takers = [i.name for i in IMPORTERS.values() if option.name in i.options]
            parser.add_argument(
                option.flag,
                dest=option.name,
                type=_argument(option),
                default=None,
                help=f"{', '.join(takers)}: {option.help}",
            )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="queue the import as a background job for `ruta worker` "
            "(progress on the staff page /importaciones/); a directory is "
            "queued as one job per file",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        importer = IMPORTERS[options["kind"]]
        self._refuse_foreign_options(importer, options)
        if options["queue"]:
            self._queue(importer, options)
            return
        if importer.expand is not None and options["file"].is_dir():
            self._directory(importer, importer.expand, options)
            return
        try:
            result = self._load(importer, options)
        except CommandError as error:
            if options["json"]:
                # Scripts read stdout: the failure is a JSON object there too.
                self.stdout.write(json.dumps(error_json(error), ensure_ascii=False))
            raise
        if options["json"]:
            self.stdout.write(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(summary_lines(result)))
        if result.unaccounted and result.tally is not None:
            raise unaccounted_error([f"{result.name}: {result.tally.summary_line()}"])

    def _refuse_foreign_options(
        self, importer: Importer, options: dict[str, Any]
    ) -> None:
        foreign = [
            option.flag
            for option in OPTIONS.values()
            if options.get(option.name) is not None
            and option.name not in importer.options
        ]
        if foreign:
            raise CommandError(
                f"{importer.name} takes no {', '.join(foreign)}; "
                f"see `ruta ingest --help`"
            )

    def _directory(
        self,
        importer: Importer,
        expand: Callable[[Path], list[Path]],
        options: dict[str, Any],
    ) -> None:
        """Import each file of a directory as its own document.

        A refused file writes nothing and the others are still read; the
        command then fails naming every refused file.
        """
        try:
            paths = expand(options["file"])
        except DocumentError as error:
            raise CommandError(f"Nothing was written. {error}") from error
        outcomes: list[dict[str, Any]] = []
        refused: list[str] = []
        unaccounted: list[str] = []
        for path in paths:
            try:
                result = self._load(importer, {**options, "file": path})
            except CommandError as error:
                refused.append(str(error))
                outcomes.append(error_json(error))
                continue
            if result.unaccounted and result.tally is not None:
                unaccounted.append(f"{result.name}: {result.tally.summary_line()}")
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
        if unaccounted:
            raise unaccounted_error(unaccounted)

    def _queue(self, importer: Importer, options: dict[str, Any]) -> None:
        """Queue the import for the worker; print the job's number."""
        if options["dry_run"]:
            raise CommandError("--queue takes a real import, not --dry-run")
        paths = self._queued_paths(importer, options)
        mapping = options.get("mapping")
        if mapping is not None and not mapping.is_file():
            raise CommandError(f"Nothing was queued. {mapping}: no such file")
        # Kept in the imports storage: the worker may run on another machine.
        kept = [import_file_keep(path) for path in paths]
        with transaction.atomic():
            jobs = [
                import_job_queue(
                    kind=importer.name,
                    path=path,
                    options=_chosen(importer, options),
                    actor=command_actor(f"ingest {importer.name}"),
                )
                for path in kept
            ]
        numbers = ", ".join(str(job.pk) for job in jobs)
        self.stdout.write(
            f"Queued as import job{'s' if len(jobs) > 1 else ''} {numbers}; "
            "`ruta worker` runs them (progress at /importaciones/)."
        )

    def _queued_paths(self, importer: Importer, options: dict[str, Any]) -> list[Path]:
        """Return the files to queue: the file, or a directory's files."""
        path = options["file"]
        if importer.expand is not None and path.is_dir():
            try:
                return importer.expand(path)
            except DocumentError as error:
                raise CommandError(f"Nothing was queued. {error}") from error
        if not path.is_file():
            raise CommandError(f"Nothing was queued. {path}: no such file")
        return [path]

    def _progress(
        self, importer: Importer, options: dict[str, Any]
    ) -> Callable[..., None] | None:
        """Return a progress bar writer for stderr, unless JSON is asked for."""
        if options["json"] or not importer.takes_progress:
            return None

        def show(rows: int, findings: int, fraction: float | None) -> None:
            self.stderr.write(
                f"\r{_bar(fraction)} {rows:,} rows read, {findings:,} findings",
                ending="" if fraction != 1.0 else "\n",
            )
            self.stderr.flush()

        return show

    def _load(self, importer: Importer, options: dict[str, Any]) -> ImportResult:
        """Run the loader; raise ``CommandError`` (nothing written) if it refuses."""
        try:
            result = importer.load(
                path=options["file"],
                actor=command_actor(f"ingest {importer.name}"),
                dry_run=options["dry_run"],
                options=_chosen(importer, options),
                on_progress=self._progress(importer, options),
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
            data_published_notify(what=f"import {importer.name}")
        return result


def _chosen(importer: Importer, options: dict[str, Any]) -> dict[str, Any]:
    """Return the options given on the command line that ``importer`` takes."""
    return {
        name: options[name]
        for name in importer.options
        if options.get(name) not in (None, "")
    }


def _bar(fraction: float | None, width: int = 30) -> str:
    """Return a progress bar of the file read; a bare counter when unknown."""
    if fraction is None:
        return "[reading]"
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return f"[{'#' * filled}{'.' * (width - filled)}] {fraction:4.0%}"


def unaccounted_error(lines: list[str]) -> CommandError:
    """Return the failure of imports written whose counts do not add up.

    The rows are committed (the import is not undone), but the summary
    fails, with its own exit status, so no one takes the import as whole.
    """
    return CommandError(
        "Imported, but the counts do not add up:\n" + "\n".join(lines),
        returncode=3,
    )


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
    outcome: dict[str, Any] = {
        "status": result.status.value,
        "name": result.name,
        "sha256": result.sha256,
        "rows": result.rows,
    }
    if result.tally is not None:
        outcome["tally"] = result.tally.as_dict()
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
    if result.tally is not None:
        verdict = "UNACCOUNTED" if result.unaccounted else "accounted"
        lines.append(f"Counts ({verdict}): {result.tally.summary_line()}")
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
