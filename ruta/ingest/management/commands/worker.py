"""``ruta worker``: run the background jobs queued in PostgreSQL.

Imports, the open-data files regenerated when data is published (queue
``opendata``), and the periodic jobs procrastinate defers itself: the
grants' daily deadlines, the problem reports' contact expiry (queue
``problems``) and the alerts (queue ``alerts``).
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Run the background jobs (imports, open-data files, grants' daily job) "
        "queued in the database"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--one-shot",
            action="store_true",
            help="run the jobs waiting now, then stop",
        )
        parser.add_argument(
            "--concurrency", type=int, default=1, choices=range(1, 9), metavar="1-8"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        arguments = ["worker", "--queues=imports,grants,opendata,problems,alerts"]
        arguments.append(f"--concurrency={options['concurrency']}")
        if options["one_shot"]:
            arguments.append("--one-shot")
        call_command("procrastinate", *arguments)
