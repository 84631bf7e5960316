"""``ruta worker``: run the background jobs queued in PostgreSQL.

Imports, the open-data files regenerated when data is published (queue
``opendata``), the mail the platform sends (queue ``mail``), the sums of
an explorer selection too large for its page (queue ``works``), and the
periodic jobs procrastinate defers itself: the queue check (queue
``checks``), the grants' daily deadlines, the problem reports' contact
expiry (queue ``problems``) and the alerts (queue ``alerts``).

Two jobs at a time by default: imports run one at a time (they share a
lock), so the other slot keeps mail, alerts and the queue check moving
while a long import runs. ``--check`` runs the queue check once and stops.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from procrastinate.contrib.django import app, connector_params
from procrastinate.contrib.django.django_connector import DjangoConnector
from procrastinate.psycopg_connector import PsycopgConnector

from ruta.common.ops.queue import queue_check

QUEUES = (
    "imports",
    "grants",
    "opendata",
    "works",
    "problems",
    "alerts",
    "usage",
    "calendar",
    "mail",
    "checks",
)


class Command(BaseCommand):
    help = (
        "Run the background jobs (imports, open-data files, mail, grants' daily "
        "job) queued in the database"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--one-shot",
            action="store_true",
            help="run the jobs waiting now, and those they queue, one at a time; "
            "then stop",
        )
        parser.add_argument(
            "--concurrency",
            type=int,
            default=2,
            choices=range(1, 9),
            metavar="1-8",
            help="jobs run at a time (default 2; imports always one at a time)",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="retry or fail the jobs of workers that died, then stop",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            self.stdout.write("\n".join(queue_check().lines()))
            return
        arguments = ["worker", f"--queues={','.join(QUEUES)}"]
        # One at a time when running once: with a second slot, procrastinate
        # stops as soon as that slot finds nothing, leaving behind what the
        # running job queues (the open-data files an import publishes).
        concurrency = 1 if options["one_shot"] else options["concurrency"]
        arguments.append(f"--concurrency={concurrency}")
        if options["one_shot"]:
            arguments.append("--one-shot")
        with app.replace_connector(WaitBoundedConnector()):
            call_command("procrastinate", *arguments)


class WaitBoundedConnector(DjangoConnector):
    """The Django connector, whose workers wait for the database a bounded time.

    procrastinate's command gives its worker the connector this returns:
    the one it would make itself, with the pool's wait for a connection
    ``RUTA_WORKER_DATABASE_WAIT`` seconds, so a worker whose database is
    gone stops failed after that wait instead of the pool's default.
    """

    def get_worker_connector(self) -> PsycopgConnector:
        return PsycopgConnector(
            kwargs=connector_params(self.alias),
            timeout=settings.RUTA_WORKER_DATABASE_WAIT,
        )
