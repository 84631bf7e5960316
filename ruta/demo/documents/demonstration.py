"""The demonstration documents: one per seed document the demo imports.

Each stands in for a public seed document (``ruta.common.seeds``) when the
original is absent: written by the project in the original's layout, with
its facts and figures (its contradictions included, so the readers find
what they find in the original) and the project's own words, and marked on
its first lines as a demonstration. ``ruta load-demo`` imports the original
when it is there and the demonstration otherwise, never both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ruta.demo.documents.action_plan import render_report as render_action_plan
from ruta.demo.documents.action_plan_samples import sample_report as sample_plan
from ruta.demo.documents.call_rules import render_rules
from ruta.demo.documents.cecop_published import published_report, render_published
from ruta.demo.documents.poa_scan import demonstration_scan

# The seed documents' file names (``ruta.common.seeds``), repeated here so
# that this module stays pure; a test checks they agree.
CECOP_REPORT_2024 = "000_ae3294f082ec36ac.txt"
MEXICALI_POA_2023_Q4 = "002_05c6b3e944b07002.txt"
GTO_ACTION_PLAN = "003_ce9accbc04228567.txt"
PESO_POR_PESO_RULES_2021 = "004_a12843f07ee8146b.txt"

MARK = "DOCUMENTO DE DEMOSTRACIÓN"


def demonstration_mark(original: str) -> str:
    """Return the lines that open a demonstration document standing for ``original``."""
    return (
        f"{MARK}\n"
        f"Escrito por Ruta del Dinero con los datos publicados en: {original}.\n"
        "Sus cifras son las del original; su redacción es propia. "
        "No es el documento original.\n\n"
    )


@dataclass(frozen=True)
class Demonstration:
    """A demonstration document: which seed it stands for and how it is written."""

    seed: str  # the original's file name
    importer: str  # the importer kind (``ruta.ingest.importers.IMPORTERS``)
    file_name: str  # the demonstration document's own file name
    original: str  # the original's title, as its mark names it
    body: Callable[[], str]  # the text in the original's layout

    def text(self) -> str:
        """Return the whole document: the mark, then the body."""
        return demonstration_mark(self.original) + self.body()


def _cecop_report() -> str:
    return render_published(published_report())


def _poa_forms() -> str:
    return demonstration_scan().text()


def _action_plan() -> str:
    return render_action_plan(sample_plan())


DEMONSTRATIONS: tuple[Demonstration, ...] = (
    Demonstration(
        CECOP_REPORT_2024,
        "cecop-report",
        "demostracion-informe-cecop-2024.txt",
        "Informe Anual de Resultados 2024 del CECOP (Sonora)",
        _cecop_report,
    ),
    Demonstration(
        MEXICALI_POA_2023_Q4,
        "poa",
        "demostracion-tmm-f004-bisom-2023-t4.txt",
        "Avance físico programático TMM-F004, BISOM Mexicali, 4.º trimestre 2023",
        _poa_forms,
    ),
    Demonstration(
        GTO_ACTION_PLAN,
        "action-plan",
        "demostracion-plan-accion-guanajuato.txt",
        "Avance de ejes temáticos y compromisos integrados al Plan de Acción Local "
        "(PAL) del Poder Ejecutivo del Estado de Guanajuato",
        _action_plan,
    ),
    Demonstration(
        PESO_POR_PESO_RULES_2021,
        "call-rules",
        "demostracion-reglas-peso-por-peso-2021.txt",
        "Reglas de Operación del Programa Peso por Peso 2021 (DIF Sonora)",
        render_rules,
    ),
)
