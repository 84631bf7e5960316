"""``ruta mail status|send|retry``: the platform's queued mail.

``status`` counts the messages by state; ``send`` hands the due ones to the
mail server now (what the worker does every minute); ``retry`` queues again
the messages refused or given up (all, or ``--id`` ones).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ruta.common.mail import mail_counts, mail_failed_requeue, mail_outbox_send


class Command(BaseCommand):
    help = "The platform's queued mail: status, send now, queue refused ones again."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="count the messages in each state")
        sub.add_parser("send", help="send the messages that are due now")
        retry = sub.add_parser("retry", help="queue refused messages again")
        retry.add_argument(
            "--id", dest="ids", type=int, action="append", help="only this message"
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "status":
            lines = [f"{state}: {count}" for state, count in mail_counts().items()]
        elif action == "send":
            lines = mail_outbox_send().lines()
        else:
            lines = [f"{mail_failed_requeue(ids=options['ids'])} queued again"]
        self.stdout.write("\n".join(lines))
