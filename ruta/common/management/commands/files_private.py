"""``ruta files-private [--dry-run]``: move private files out of ``MEDIA_ROOT``.

For an instance that kept applicants' documents, invoices, reports, refund
proofs, committees' minutes and problems' photos under ``MEDIA_ROOT``
(``ruta.common.files.filemove``). Idempotent: run it after upgrading, and again
whenever you like. ``--dry-run`` counts what would move and fails if any
file is still public.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ruta.common.files.filemove import private_files_move


class Command(BaseCommand):
    help = "Move the files declared private out of the public MEDIA_ROOT."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="count what would move; fail if any private file is still public",
        )

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        summary = private_files_move(dry_run=dry_run)
        verb = "would move" if dry_run else "moved"
        for key in sorted(set(summary.moved) | set(summary.already)):
            self.stdout.write(
                f"{key}: {verb} {summary.moved[key]}, "
                f"already private {summary.already[key]}"
            )
        for line in summary.missing:
            self.stderr.write(f"missing (named by a row, in neither storage): {line}")
        for line in summary.flagged:
            self.stderr.write(
                f"kept as bytes to download (not a type the field takes; review "
                f"and reject it): {line}"
            )
        if dry_run and summary.left_public:
            raise CommandError(
                f"{summary.left_public} private files are still in MEDIA_ROOT: "
                "run `ruta files-private`"
            )
