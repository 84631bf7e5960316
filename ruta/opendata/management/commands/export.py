"""``ruta export dcat --output FILE``: write the open-data catalogue.

Turtle, or JSON-LD when ``FILE`` ends in ``.jsonld``. The addresses in it
start with ``--site`` (``RUTA_SITE_URL`` by default), the origin the
public site is served from, so a harvester can follow them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ruta.opendata import dcat


class Command(BaseCommand):
    help = "Export open data in a standard: the DCAT catalogue."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="standard", required=True)
        catalogue = sub.add_parser(
            "dcat", help="the DCAT catalogue (Turtle, or JSON-LD for .jsonld)"
        )
        catalogue.add_argument("--output", type=Path, required=True)
        catalogue.add_argument(
            "--site",
            default=settings.RUTA_SITE_URL,
            help="origin of the public site (default: RUTA_SITE_URL)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["standard"] == "dcat":
            self._dcat(options["output"], options["site"])

    def _dcat(self, output: Path, site: str) -> None:
        if not site.startswith(("http://", "https://")):
            raise CommandError(f"--site must be an http(s) origin, not {site!r}")
        if not output.parent.is_dir():
            raise CommandError(f"{output.parent} is not a folder")
        graph = dcat.catalogue_graph(site=site)
        if output.suffix == ".jsonld":
            text = dcat.jsonld(graph)
        else:
            text = graph.serialize(format="turtle")
        output.write_text(text, encoding="utf-8")
        self.stdout.write(f"{output}: {len(graph)} triples")
