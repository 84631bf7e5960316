"""A published row's figures are named on pages as their loader declares them."""

from __future__ import annotations

from django.utils import translation

from ruta.sources.figures import figures_text
from ruta.sources.models import DocumentKind

CARD = {
    "indicator": "Comités conformados",
    "direction": "ascending",
    "baseline_year": 2023,
    "results": {"2024": "12"},
    "goal": None,
}


def test_a_report_rows_figures_are_named_in_the_pages_language():
    kind = DocumentKind.CECOP_ANNUAL_REPORT
    with translation.override("es-mx"):
        assert figures_text(kind, CARD) == (
            "indicador: Comités conformados; sentido: Ascendente; año de la línea "
            "base: 2023; resultado 2024: 12"
        )
    with translation.override("en"):
        assert "baseline" in figures_text(kind, CARD)
        assert "baseline_year" not in figures_text(kind, CARD)


def test_a_statements_cut_off_date_is_written_as_people_write_it():
    row = {"as_of": "2024-12-31", "approved": "10.00"}
    with translation.override("es-mx"):
        assert figures_text(DocumentKind.BUDGET_EXPENDITURE, row) == (
            "corte: 31 de diciembre de 2024; aprobado: 10.00"
        )
        assert figures_text(DocumentKind.BUDGET_REVENUE, row) == (
            "corte: 31 de diciembre de 2024; estimado: 10.00"
        )


def test_a_works_lists_figures_keep_the_files_own_headers():
    row = {"NOMBRE DEL PROYECTO": "Techumbre", "MONTO": "1000"}
    assert figures_text(DocumentKind.WORKS_OPA, row) == (
        "NOMBRE DEL PROYECTO: Techumbre; MONTO: 1000"
    )
