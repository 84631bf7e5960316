"""``ruta opendata publish``: regenerate the open-data files now.

The same work the background task does when data is published, run by
hand (after a deployment that changes a dataset's columns, say). A dataset
whose data did not change gets no new version.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ruta.accounts.actors import command_actor
from ruta.opendata.services import publish_datasets


class Command(BaseCommand):
    help = "Open data: regenerate every dataset's files, keeping every version."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("publish", help="regenerate the files of every dataset")

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = publish_datasets(actor=command_actor("opendata publish"))
        for line in outcome.lines():
            self.stdout.write(line)
