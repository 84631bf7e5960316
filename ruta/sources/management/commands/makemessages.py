"""``makemessages`` that also extracts the sentences of the findings.

Readers may not import Django, so they mark each finding's sentences with the
no-op ``ruta.sources.findings.sentence`` instead of gettext; this command
gives xgettext that name as a keyword (``--keyword=sentence``), so
``ruta makemessages -l en`` puts them in the catalogue with every other
string. ``--keyword`` adds more keywords, as xgettext's own option does.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.core.management.commands import makemessages

from ruta.sources.findings import sentence

# The marker readers write around a finding's sentences.
FINDING_KEYWORD = sentence.__name__


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        f"--keyword={FINDING_KEYWORD}",
    ]

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--keyword",
            action="append",
            default=[],
            dest="keywords",
            help=(
                "Another function name whose string arguments are extracted "
                f"(xgettext's --keyword); {FINDING_KEYWORD} always is."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.xgettext_options = [
            *self.xgettext_options,
            *(f"--keyword={keyword}" for keyword in options["keywords"]),
        ]
        super().handle(*args, **options)
