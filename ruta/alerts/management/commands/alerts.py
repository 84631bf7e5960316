"""``ruta alerts send|late|digest|retention``: the alerts' jobs, run by hand.

The same functions the background queue runs (``ruta.alerts.tasks``):
running one again, or beside the worker, sends nothing twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ruta.accounts.actors import command_actor
from ruta.alerts.services import (
    deliveries_send,
    digests_send,
    events_detect,
    late_works_detect,
    retention_enforce,
)


class Command(BaseCommand):
    help = "Alerts: detect and send, send the weekly digests, apply retention."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("send", help="detect new events and send what is due")
        sub.add_parser("late", help="alert the followers of works now late")
        sub.add_parser("digest", help="send the weekly digests now")
        sub.add_parser("retention", help="delete and erase past the retention")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        actor = command_actor(f"alerts {action}")
        now = timezone.now()
        if action == "send":
            lines = [f"{events_detect(actor=actor)} events"]
            lines += deliveries_send(now=now, actor=actor).lines()
        elif action == "late":
            today = timezone.localdate()
            lines = [f"{late_works_detect(today=today, actor=actor)} late works"]
        elif action == "digest":
            lines = [f"{digests_send(now=now, actor=actor)} digests sent"]
        else:
            lines = retention_enforce(now=now, actor=actor).lines()
        for line in lines:
            self.stdout.write(line)
