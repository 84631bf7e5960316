"""``ruta build-municipal-boundaries TOPOJSON [--states 02,26]``: write the
municipal outlines the works import locates points with."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ruta.catalog.boundaries import (
    MUNICIPAL_BOUNDARIES_FILE,
    municipal_boundaries_derive,
)
from ruta.catalog.datafiles import DATA_DIR, CatalogFileError, read_catalog

SOURCE = (
    "INEGI, Marco Geoestadístico (c. 2010), municipal boundaries as TopoJSON "
    "(mx_tj.json); rings of the states named, by ruta build-municipal-boundaries"
)
STATES = re.compile(r"^(0[1-9]|[12][0-9]|3[0-2])(,(0[1-9]|[12][0-9]|3[0-2]))*$")


class Command(BaseCommand):
    help = (
        "Write the municipal outlines of some states (INEGI's TopoJSON) into "
        "the catalog's data, for locating works by their coordinates."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("topojson", type=Path)
        parser.add_argument(
            "--states",
            default="02,26",
            help="INEGI state codes, comma-separated (default: 02,26)",
        )

    def handle(self, *args, topojson: Path, states: str, **options) -> None:
        if not STATES.match(states):
            raise CommandError(
                f"--states {states!r}: INEGI state codes (01 to 32), comma-separated."
            )
        try:
            catalog = read_catalog(DATA_DIR)
        except CatalogFileError as error:
            raise CommandError(f"Nothing was written. {error}") from error
        names = {m.cvegeo: m.name for m in catalog.municipalities}
        try:
            topology = json.loads(topojson.read_text(encoding="utf-8"))
            data = municipal_boundaries_derive(
                topology, states.split(","), names, source=SOURCE
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            message = f"{topojson}: not INEGI's municipal TopoJSON ({error})."
            raise CommandError(message) from error
        MUNICIPAL_BOUNDARIES_FILE.write_text(_dumped(data), encoding="utf-8")
        self.stdout.write(
            f"{len(data['municipalities'])} municipalities written to "
            f"{MUNICIPAL_BOUNDARIES_FILE.name} "
            f"({MUNICIPAL_BOUNDARIES_FILE.stat().st_size:,} bytes)"
        )


def _dumped(data: dict) -> str:
    """Return the file's text: one municipality a line, so a diff reads."""
    head = {key: value for key, value in data.items() if key != "municipalities"}
    lines = [
        json.dumps(code) + ":" + _compact(entry)
        for code, entry in data["municipalities"].items()
    ]
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return text + ',\n "municipalities": {\n' + ",\n".join(lines) + "\n }\n}\n"


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
