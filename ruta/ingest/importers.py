"""The importers: each kind of published document the platform reads, declared once.

An ``Importer`` names a kind (``cecop-report``: what ``ruta ingest`` takes,
what a background job records, what the desk's forms post), its label (the
import page and the jobs list show it), its pure reader, its loader, the
options the loader takes, the documents it stores and whether the staff
desk reads an upload before importing it. The ``ingest`` command, the
background jobs, the forms, the import pages and the test that every loader
takes an actor all read ``IMPORTERS``. Adding an importer is a reader, a
loader and one ``Importer`` in ``IMPORTERS`` below.

A loader is called ``loader(path=…, actor=…, dry_run=…, **options)`` and,
when its signature has it, ``on_progress=…``; it raises ``DocumentError``
(nothing written) when it refuses the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from inspect import signature
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ruta.common.errors import InputError
from ruta.common.ops import metrics
from ruta.ingest.loaders.actionplan import action_plan_import
from ruta.ingest.loaders.aids import aids_file_import
from ruta.ingest.loaders.callrules import call_rules_import
from ruta.ingest.loaders.cecop import cecop_report_import
from ruta.ingest.loaders.ocds import ocds_import, ocds_paths
from ruta.ingest.loaders.poa import poa_import
from ruta.ingest.loaders.sat69b import sat_list_import
from ruta.ingest.loaders.statement import budget_statement_import
from ruta.ingest.loaders.worklist import works_file_import
from ruta.ingest.loaders.zap import zap_import
from ruta.ingest.pdf import MAX_PDF_BYTES
from ruta.ingest.worklist.decode import MAX_FILE_BYTES
from ruta.sources.models import DocumentKind
from ruta.sources.services import ImportResult


@dataclass(frozen=True)
class ImportOption:
    """An option some loaders take: its keyword, its command-line flag, its type."""

    name: str
    flag: str
    parse: Callable[[str], Any]  # raises ValueError on text it refuses
    help: str
    expects: str = "text"

    def stored(self, value: Any) -> str:
        """Return ``value`` as a background job keeps it (text; paths absolute)."""
        return str(value.resolve() if isinstance(value, Path) else value)


def _date(text: str) -> date:
    return date.fromisoformat(text)


# The options, declared once: the loaders' keywords, the command's flags.
OPTIONS = {
    option.name: option
    for option in (
        ImportOption(
            "agency",
            "--agency",
            str,
            "the catalog code of the agency (the executing agency of a works "
            "template, the publisher of an OPA list or an OCDS file)",
        ),
        ImportOption(
            "program", "--program", str, "the works program code (a works template)"
        ),
        ImportOption(
            "as_of",
            "--as-of",
            _date,
            "the date the file speaks for (YYYY-MM-DD); by default the latest "
            "the file states",
            expects="a date (YYYY-MM-DD)",
        ),
        ImportOption(
            "mapping",
            "--map",
            Path,
            "a CSV of ocid,work linking contracting processes to works by folio",
            expects="a path",
        ),
    )
}


@dataclass(frozen=True)
class Importer:
    """One kind of published document: how it is read, loaded and offered."""

    name: str
    label: str | Promise
    reader: str  # the pure reader package (the import-linter contract names it)
    loader: Callable[..., ImportResult]
    document_kinds: tuple[str, ...]
    options: tuple[str, ...] = ()
    # The staff desk reads an upload of this kind and shows what it found
    # before anything is written.
    preview: bool = False
    # A directory given for the file: the files to import, one by one.
    expand: Callable[[Path], list[Path]] | None = None
    # What an upload of this kind may be (``ruta.common.files.uploads.FILE_RULES``),
    # and how large (a published document's bound; a works list's is larger).
    upload_rule: str = "ingest.document"
    upload_limit: int = MAX_PDF_BYTES

    @property
    def takes_progress(self) -> bool:
        """Return whether the loader reports rows read as it goes."""
        return "on_progress" in signature(self.loader).parameters

    def load(
        self,
        *,
        path: Path,
        actor: Any,
        dry_run: bool = False,
        options: dict[str, Any] | None = None,
        on_progress: Callable[..., None] | None = None,
    ) -> ImportResult:
        """Run the loader on ``path`` with the options this importer takes.

        Every import, whoever runs it (a job, ``ruta ingest``, the demo), is
        counted here once, with its rows, findings and seconds; a dry run
        (the desk's preview) writes nothing and is not counted.
        """
        given = options or {}
        unknown = set(given) - set(self.options)
        if unknown:
            raise ValueError(f"options not taken by {self.name}: {sorted(unknown)}")
        extra = {name: given[name] for name in self.options if name in given}
        if on_progress is not None and self.takes_progress:
            extra["on_progress"] = on_progress
        if dry_run:
            return self.loader(path=path, actor=actor, dry_run=True, **extra)
        return _counted(
            self.name,
            lambda: self.loader(path=path, actor=actor, dry_run=False, **extra),
        )

    def stored_options(self, options: dict[str, Any]) -> dict[str, str]:
        """Return ``options`` as a background job keeps them; empty ones left out."""
        return {
            name: OPTIONS[name].stored(value)
            for name, value in options.items()
            if name in self.options and value not in (None, "")
        }

    def parsed_options(self, stored: dict[str, str]) -> dict[str, Any]:
        """Return a job's kept options as the loader takes them."""
        return {name: OPTIONS[name].parse(value) for name, value in stored.items()}


def _counted(importer: str, load: Callable[[], ImportResult]) -> ImportResult:
    """Run ``load``; count its outcome, seconds, rows and findings."""
    seconds_record = metrics.timed(metrics.import_seconds, importer=importer)
    outcome = "failed"
    try:
        result = load()
        outcome = "loaded"
    except (InputError, PermissionDenied):
        outcome = "refused"
        raise
    finally:
        metrics.imports.labels(importer=importer, outcome=outcome).inc()
        seconds_record()
    metrics.import_rows.labels(importer=importer).inc(result.records_read)
    metrics.import_findings.labels(importer=importer).inc(len(result.findings))
    return result


IMPORTERS: dict[str, Importer] = {
    importer.name: importer
    for importer in (
        Importer(
            name="action-plan",
            label=_("Avance de un plan de acción de gobierno abierto"),
            reader="ruta.ingest.actionplan",
            loader=action_plan_import,
            document_kinds=(DocumentKind.ACTION_PLAN,),
            options=("as_of",),
        ),
        Importer(
            name="aids",
            label=_("Ayudas sociales de un año (CSV o XLSX, la plantilla)"),
            reader="ruta.ingest.aids",
            loader=aids_file_import,
            document_kinds=(DocumentKind.AIDS,),
            preview=True,
            upload_rule="ingest.statement",
        ),
        Importer(
            name="budget-statement",
            label=_(
                "Estado analítico del presupuesto: egresos o ingresos (CSV o XLSX)"
            ),
            reader="ruta.ingest.budget",
            loader=budget_statement_import,
            document_kinds=(
                DocumentKind.BUDGET_EXPENDITURE,
                DocumentKind.BUDGET_REVENUE,
            ),
            preview=True,
            upload_rule="ingest.statement",
        ),
        Importer(
            name="call-rules",
            label=_("Reglas de operación de un programa de apoyos (PDF o texto)"),
            reader="ruta.ingest.callrules",
            loader=call_rules_import,
            document_kinds=(DocumentKind.CALL_RULES,),
            preview=True,
        ),
        Importer(
            name="cecop-report",
            label=_("Informe Anual de Resultados (CECOP)"),
            reader="ruta.ingest.cecop",
            loader=cecop_report_import,
            document_kinds=(DocumentKind.CECOP_ANNUAL_REPORT,),
            preview=True,
        ),
        Importer(
            name="ocds",
            label=_("Contrataciones abiertas (OCDS)"),
            reader="ruta.ingest.ocds",
            loader=ocds_import,
            document_kinds=(DocumentKind.OCDS,),
            options=("agency", "mapping"),
            expand=ocds_paths,
        ),
        Importer(
            name="poa",
            label=_("Avance del POA, formato TMM-F004"),
            reader="ruta.ingest.poa",
            loader=poa_import,
            document_kinds=(DocumentKind.POA_TMM_F004,),
            preview=True,
        ),
        Importer(
            name="sat-69b",
            label=_(
                "Lista del SAT de contribuyentes que simulan operaciones "
                "(art. 69-B del CFF, CSV)"
            ),
            reader="ruta.ingest.sat69b",
            loader=sat_list_import,
            document_kinds=(DocumentKind.SAT_69B,),
            options=("as_of",),
            upload_rule="ingest.statement",
        ),
        Importer(
            name="zap",
            label=_(
                "Catálogo de Zonas de Atención Prioritaria de un decreto (CSV, la "
                "plantilla)"
            ),
            reader="ruta.ingest.zap",
            loader=zap_import,
            document_kinds=(DocumentKind.PRIORITY_ZONES,),
            preview=True,
            upload_rule="ingest.statement",
        ),
        Importer(
            name="works",
            label=_("Lista de obras (Obra Pública Abierta o la plantilla)"),
            reader="ruta.ingest.worklist",
            loader=works_file_import,
            document_kinds=(DocumentKind.WORKS_OPA, DocumentKind.WORKS_TEMPLATE),
            options=("agency", "program", "as_of"),
            upload_rule="ingest.works_list",
            upload_limit=MAX_FILE_BYTES,
        ),
    )
}


def importer_for(name: str) -> Importer:
    """Return the importer ``name``; ``KeyError`` names the kinds there are."""
    try:
        return IMPORTERS[name]
    except KeyError:
        raise KeyError(
            f"no importer {name!r}; the kinds are {', '.join(IMPORTERS)}"
        ) from None


def importers_previewed() -> list[Importer]:
    """Return the importers whose uploads the desk reads before importing."""
    return [importer for importer in IMPORTERS.values() if importer.preview]


def importers_queued() -> list[Importer]:
    """Return the importers whose uploads go straight to the background queue."""
    return [importer for importer in IMPORTERS.values() if not importer.preview]


def importer_label(name: str) -> str | Promise:
    """Return the label of importer ``name``, or the name of one no longer known."""
    importer = IMPORTERS.get(name)
    return importer.label if importer is not None else name
