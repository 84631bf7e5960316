"""``ruta opendata publish``: regenerate the open-data files now.

The same work the background task does when data is published, run by
hand. A dataset none of whose tables changed since it was last read is not
read (a new release or changed settings read every dataset again);
``--every`` reads them all anyway. A dataset whose data did not change gets
no new version.
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
        publish = sub.add_parser(
            "publish", help="regenerate the files of every changed dataset"
        )
        publish.add_argument(
            "--every",
            action="store_true",
            help="read every dataset, even one whose tables did not change",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = publish_datasets(
            actor=command_actor("opendata publish"), every=options["every"]
        )
        for line in outcome.lines():
            self.stdout.write(line)
