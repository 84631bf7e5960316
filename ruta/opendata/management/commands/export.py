"""``ruta export KIND --output FILE``: write an open-data package or catalogue.

Each kind is one entry of ``EXPORTS``: a subcommand with its own options,
dispatched to a function that writes the file. Each standard package of the
open-data registry (``ruta.opendata.datasets``) is a kind, streamed,
so a file of a million works is written without holding it in memory. The
DCAT catalogue is Turtle, or JSON-LD when ``FILE`` ends in ``.jsonld``; its
addresses start with ``--site`` (``RUTA_SITE_URL`` by default), the origin
the public site is served from, so a harvester can follow them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ruta.opendata import dcat
from ruta.opendata.datasets import Dataset, standards
from ruta.opendata.standards import standard_stream


def _write(output: Path, chunks: Iterator[str]) -> int:
    """Write ``chunks`` to ``output`` as UTF-8; return the characters written."""
    if not output.parent.is_dir():
        raise CommandError(f"{output.parent}: no such folder for the output file")
    written = 0
    with output.open("w", encoding="utf-8") as file:
        for chunk in chunks:
            written += file.write(chunk)
    return written


def _standard_export(dataset: Dataset) -> Callable[[dict[str, Any]], int]:
    """Return the writer of ``dataset``'s package, streamed as it is read."""

    def export(options: dict[str, Any]) -> int:
        return _write(options["output"], standard_stream(dataset))

    return export


def export_dcat(options: dict[str, Any]) -> int:
    """Write the DCAT catalogue of every dataset and its files."""
    site = options["site"]
    if not site.startswith(("http://", "https://")):
        raise CommandError(f"--site must be an http(s) origin, not {site!r}")
    graph = dcat.catalogue_graph(site=site)
    output = options["output"]
    text = (
        dcat.jsonld(graph)
        if output.suffix == ".jsonld"
        else graph.serialize(format="turtle")
    )
    return _write(output, iter([text]))


def _site_option(parser: CommandParser) -> None:
    parser.add_argument(
        "--site",
        default=settings.RUTA_SITE_URL,
        help="origin of the public site (default: RUTA_SITE_URL)",
    )


# kind → (help, writer called with the parsed options, extra options)
EXPORTS: dict[
    str,
    tuple[str, Callable[[dict[str, Any]], int], Callable[[CommandParser], None] | None],
] = {
    **{
        dataset.slug: (dataset.title, _standard_export(dataset), None)
        for dataset in standards()
    },
    "dcat": (
        "the DCAT catalogue (Turtle, or JSON-LD for a .jsonld file)",
        export_dcat,
        _site_option,
    ),
}


class Command(BaseCommand):
    help = "Write an open-data package (OC4IDS, OCDS) or the DCAT catalogue to a file."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, title="kinds")
        for kind, (text, _writer, extra) in EXPORTS.items():
            sub = kinds.add_parser(kind, help=text)
            sub.add_argument("--output", type=Path, required=True, help="file to write")
            if extra is not None:
                extra(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        _text, writer, _extra = EXPORTS[options["kind"]]
        written = writer(options)
        self.stdout.write(f"{options['output']}: {written} characters")
