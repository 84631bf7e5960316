"""``ruta grants allocate|cfdi|daily``: the grants' commands.

- ``allocate FILE --json`` replays an allocation (§4.3) from a JSON file
  with the platform's own function (``ruta.grants.replay``);
- ``cfdi FILE --json [--against-db]`` reads one CFDI 4.0 invoice the way a
  disbursement reads it; exit 0 when the file was read (valid or not),
  non-zero with a JSON error when it is refused as hostile or not a CFDI;
- ``daily [--today DATE]`` runs the daily deadlines job: moves statuses by
  their due dates and sends the e-mail notices.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ruta.accounts.actors import command_actor
from ruta.common.web.jsoninput import JsonTooDeep, json_read
from ruta.grants.cfdi_read import cfdi_file_read
from ruta.grants.reasons import cfdi_problem_text
from ruta.grants.replay import ReplayError, replay
from ruta.grants.rules.cfdi import MAX_BYTES, CfdiRefused

MAX_JSON_BYTES = 20 * 1024 * 1024


class Command(BaseCommand):
    help = "Grants: replay an allocation, read a CFDI, run the daily deadlines."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        allocate = sub.add_parser("allocate", help="replay an allocation (§4.3)")
        allocate.add_argument("file", type=Path)
        allocate.add_argument("--json", action="store_true")
        cfdi = sub.add_parser("cfdi", help="read one CFDI 4.0 invoice")
        cfdi.add_argument("file", type=Path)
        cfdi.add_argument("--json", action="store_true")
        cfdi.add_argument(
            "--against-db",
            action="store_true",
            help="also say whether another disbursement uses its UUID",
        )
        daily = sub.add_parser("daily", help="run the daily deadlines job")
        daily.add_argument("--today", type=date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "allocate":
            self._allocate(options)
        elif action == "cfdi":
            self._cfdi(options)
        else:
            self._daily(options)

    def _fail(self, options: dict[str, Any], code: str, message: str) -> None:
        if options.get("json"):
            payload = {"status": "error", "error": {"code": code, "message": message}}
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        raise CommandError(message)

    def _read(self, options: dict[str, Any], limit: int) -> bytes:
        path: Path = options["file"]
        try:
            size = path.stat().st_size
            if size > limit:
                self._fail(options, "too_large", f"{path}: {size} bytes, over {limit}")
            return path.read_bytes()
        except OSError as error:
            self._fail(options, "unreadable", f"{path}: {error.strerror}")
        raise AssertionError  # unreachable: _fail raises

    def _allocate(self, options: dict[str, Any]) -> None:
        data = self._read(options, MAX_JSON_BYTES)
        try:
            result = replay(json_read(data))
        except JsonTooDeep as error:
            self._fail(options, "too_deep", f"{options['file']}: {error}")
        except json.JSONDecodeError as error:
            self._fail(options, "not_json", f"{options['file']}: {error}")
        except ReplayError as error:
            self._fail(options, "invalid", f"{options['file']}: {error}")
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for row in result["applications"]:
            self.stdout.write(
                f"{row['folio']:>6}  {row['status']:<24} {row['amount']:>14}  "
                f"{row['reason']}"
            )

    def _cfdi(self, options: dict[str, Any]) -> None:
        data = self._read(options, MAX_BYTES)
        try:
            summary = cfdi_file_read(data, against_db=options["against_db"])
        except CfdiRefused as refused:
            message = f"{options['file']}: {cfdi_problem_text(refused.code)}"
            self._fail(options, refused.code, message)
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        state = "válido" if summary["valid"] else "con errores"
        self.stdout.write(f"{options['file']}: CFDI {summary['uuid']} {state}")
        for problem in summary["errors"] + summary["warnings"]:
            self.stdout.write(f"  - {problem['message']}")

    def _daily(self, options: dict[str, Any]) -> None:
        from ruta.grants.services.daily import daily_run

        today = options["today"] or timezone.localdate()
        outcome = daily_run(today=today, actor=command_actor("grants daily"))
        for line in outcome.lines():
            self.stdout.write(line)
