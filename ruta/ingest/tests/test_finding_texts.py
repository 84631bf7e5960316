"""Findings rebuilt in the page language from their code and values.

The findings are those of the CECOP 2024 report's demonstration
(``testkit.cecop``): the original's, at the demonstration's lines.
"""

from functools import cache

import pytest
from django.utils import translation

from ruta.ingest.cecop import check_report
from ruta.sources.display import FindingText, finding_text, place_text
from ruta.sources.findings import Finding
from testkit.cecop import demonstration_document

DOCUMENT = demonstration_document()


@cache
def stored_findings() -> tuple[Finding, ...]:
    """Return the document's findings as stored: every value a string."""
    return tuple(
        Finding(**finding.as_dict()) for finding in check_report(DOCUMENT.report())
    )


def texts(language: str) -> list[FindingText]:
    with translation.override(language):
        return [finding_text(finding) for finding in stored_findings()]


def test_every_finding_is_rebuilt_in_spanish():
    rebuilt = texts("es-mx")
    assert [text.original for text in rebuilt] == [""] * 11
    assert [text.where_lang for text in rebuilt] == [""] * 11
    assert rebuilt[7].message == (
        "«Otorgamiento de Ayudas Sociales Diversas»: la línea base 2021 es 230 en "
        "la tabla de resultados, pero 160 (2021) en su cédula."
    )
    report = DOCUMENT.report()
    aid, card = report.indicator_results.rows[3].place.line, report.cards[3]
    assert rebuilt[7].where == (
        f"línea {aid} (resultados de indicadores, tabla 1, renglón 4); "
        f"línea {card.figures_line} (cédula de indicador 4)"
    )


def test_amount_claim_keeps_its_figures_and_the_cutting_note():
    assert texts("es-mx")[1].message == (
        "El texto dice 54.6 mdp (TSAM + GSE: PARQUES Y AREAS VERDES), pero las "
        "tablas dan 54,738,170.00, es decir, 54.7 mdp. El texto suma sus partes "
        "después de recortar cada una."
    )


def test_percent_result_keeps_both_ratios():
    line = DOCUMENT.line_of("total de 671 comités ciudadanos")
    assert texts("es-mx")[10].message.endswith(
        "se publicó 87%, pero las cifras del propio informe dan 109.64% (671 "
        f"comités de la línea {line} del texto / 612 obras (obras de TSAM por "
        f"subprograma) × 100) o 102.29% (671 comités de la línea {line} del texto / "
        "656 obras (obras de TSAM por subprograma + obras de GSE por subprograma) "
        "× 100)."
    )


def test_a_figure_of_unstated_scope_is_shown_beside_both_columns():
    assert texts("es-mx")[3].message == (
        "El texto dice más de 150 mdp (TSAM) sin decir de quién es el dinero: la "
        "parte del Estado (CECOP) es 144,686,398.45 pesos (144.7 mdp), que no la "
        "confirma; el total de las tres partes es 188,077,805.06 pesos (188.1 mdp), "
        "que la confirma. Juzgue el lector."
    )


def test_pesos_written_as_millions_are_told_in_millions():
    assert texts("es-mx")[2].message == (
        "El texto dice 528,628,425.05 mdp (presupuesto autorizado): leído en "
        "millones serían billones de pesos; la cifra son pesos escritos como "
        "millones, es decir, 528.6 mdp."
    )


def test_every_finding_is_rebuilt_in_english():
    rebuilt = texts("en")
    assert rebuilt[4].message == (
        "The text says more than 1,500,000 beneficiaries (GSE), but the tables "
        "give 1,067,715."
    )
    summary = DOCUMENT.report().semaphore_summary.place.line
    first = DOCUMENT.report().indicator_results.rows[0].place.line
    assert rebuilt[8].where == (
        f"line {summary} (traffic-light summary, row 1); "
        f"lines {first}–{first + 3} (indicator results, table 1, rows 1–4)"
    )


def test_finding_stored_without_its_terms_keeps_the_english_original():
    old = Finding(
        code="indicator_result_mismatch",
        message="'X' 2024: published 43 but 44 (works in gse_by_subprogram)",
        where="line 266 (indicator_results_1, row 2)",
        values={"published": "43", "computed": "44"},
    )
    with translation.override("es-mx"):
        text = finding_text(old)
    assert text.message == (
        "Un resultado publicado no se reproduce con las cifras del propio informe."
    )
    assert text.original == old.message
    assert (text.where, text.where_lang) == (
        "línea 266 (resultados de indicadores, tabla 1, renglón 2)",
        "",
    )


def test_unknown_code_and_place_are_kept_as_printed():
    finding = Finding(code="new_check", message="Something odd", where="page 3")
    with translation.override("es-mx"):
        text = finding_text(finding)
    assert (text.message, text.original) == ("Hallazgo «new_check».", "Something odd")
    assert (text.where, text.where_lang) == ("page 3", "en")


@pytest.mark.parametrize(
    ("where", "spanish"),
    [
        ("line 225 (prose)", "línea 225 (texto)"),
        ("line 689 (indicator_card_4)", "línea 689 (cédula de indicador 4)"),
        (
            "lines 376–384 (gse_by_region, rows 1–9)",
            "líneas 376–384 (obras de GSE por región, renglones 1–9)",
        ),
        # A table the report's reader does not name keeps its id.
        ("line 3 (works, row 2)", "línea 3 (works, renglón 2)"),
        ("line 3 (prose); page 4", None),
    ],
)
def test_places_are_translated_one_by_one(where, spanish):
    with translation.override("es-mx"):
        assert place_text(where) == spanish
