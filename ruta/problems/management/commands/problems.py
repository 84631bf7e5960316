"""``ruta problems expire-contacts``: erase reporters' contact past its retention.

The worker runs the same function daily; this command runs it now (for a
deployment without the worker, or to check). It prints how many reports
lost their contact.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ruta.accounts.actors import command_actor
from ruta.problems.services import contacts_expire


class Command(BaseCommand):
    help = "Problem reports: erase reporters' contact data past its retention."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("expire-contacts", help="erase contact data past retention")

    def handle(self, *args: Any, **options: Any) -> None:
        erased = contacts_expire(actor=command_actor("problems expire-contacts"))
        self.stdout.write(f"contact data erased from {erased} report(s)")
