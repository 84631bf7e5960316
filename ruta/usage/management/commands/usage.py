"""``ruta usage nginx-log FILE | flush``: add nginx's cached answers; write counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ruta.accounts.actors import command_actor
from ruta.usage.counter import usage_flush
from ruta.usage.services import nginx_log_read


class Command(BaseCommand):
    help = "Usage counts: read nginx's usage log, or write this process's counts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        log = sub.add_parser("nginx-log", help="add what nginx answered from cache")
        log.add_argument("file", type=Path, help="the ruta_usage access log")
        sub.add_parser("flush", help="write the counts this process holds")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "flush":
            self.stdout.write(f"{usage_flush()} rows written")
            return
        try:
            outcome = nginx_log_read(
                path=options["file"], actor=command_actor("usage nginx-log")
            )
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        for line in outcome.summary():
            self.stdout.write(line)
