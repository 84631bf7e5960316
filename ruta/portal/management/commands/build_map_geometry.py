"""``ruta build-map-geometry TOPOJSON``: write the map's simplified boundaries."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ruta.portal.geometry import DATA_FILE, simplified_geometry

SOURCE = (
    "INEGI, Marco Geoestadístico (c. 2010), municipal boundaries as TopoJSON "
    "(mx_tj.json); simplified by ruta build-map-geometry"
)


class Command(BaseCommand):
    help = "Simplify INEGI's municipal boundaries (TopoJSON) into the map's data file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("topojson", type=Path)

    def handle(self, *args, topojson: Path, **options) -> None:
        try:
            topology = json.loads(topojson.read_text(encoding="utf-8"))
            geometry = simplified_geometry(topology, source=SOURCE)
        except (OSError, ValueError, KeyError) as error:
            message = f"{topojson}: not INEGI's municipal TopoJSON ({error})."
            raise CommandError(message) from error
        DATA_FILE.write_text(
            json.dumps(geometry, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
        count = len(geometry["municipalities"])
        self.stdout.write(f"{count} municipalities written to {DATA_FILE.name}")
