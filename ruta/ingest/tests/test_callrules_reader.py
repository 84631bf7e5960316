"""Reading a grants programme's rules of operation: every figure the platform
enforces, with its section and line, and what disagrees with the platform."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from ruta.common import seeds
from ruta.demo.documents.call_rules import SEED_FACTS, render_rules
from ruta.demo.documents.demonstration import (
    DEMONSTRATIONS,
    PESO_POR_PESO_RULES_2021,
)
from ruta.grants.rules.figures import ENFORCED_BY_KEY
from ruta.ingest.callrules import call_rules_read
from ruta.ingest.callrules.figures import SPECS
from ruta.sources.findings import DocumentError
from testkit.seeds import seed_path

NAME = "reglas.txt"
D = Decimal
# The figures the 2021 rules print, as the original prints them.
PRINTED_2021 = {
    ("3.4 req. 3", "cofunding_share"): (D(50), "percent"),
    ("3.4.1-2", "cofunding_share"): (D(50), "percent"),
    ("3.4.1-2", "administrative_cap"): (D(30), "percent"),
    ("3.7.2-8", "agreement_days"): (D(15), "natural_days"),
    ("3.7.2-15", "report_days"): (D(5), "days"),
    ("3.7.2-16", "invoice_days"): (D(5), "natural_days"),
    ("3.7.2-17", "complement_days"): (D(5), "natural_days"),
    ("4.3.3", "reassignment_days"): (D(15), "natural_days"),
    ("4.6", "report_days"): (D(5), "business_days"),
    ("4.7", "refund_days"): (D(30), "natural_days"),
    ("5", "report_days"): (D(5), "natural_days"),
    ("5", "refund_days"): (D(30), "natural_days"),
    ("5 A", "report_period"): (D(3), "months"),
    ("5 A.1", "extension_days"): (D(5), "natural_days"),
    ("5 B.2", "answer_days"): (D(5), "natural_days"),
    ("5 B.4", "answer_days"): (D(3), "natural_days"),
    ("5 cancelación 10", "cancel_days"): (D(30), "natural_days"),
    ("5 tabla 1", "term_days"): (D(30), "natural_days"),
    ("5 tabla 1", "refund_month"): (D(4), "months"),
    ("5 tabla 2", "term_days"): (D(10), "natural_days"),
    ("5 tabla 2", "refund_days"): (D(15), "natural_days"),
    ("5 tabla 3", "term_days"): (D(5), "natural_days"),
    ("5 tabla 3", "refund_days"): (D(15), "natural_days"),
    ("5 tabla 4", "term_days"): (D(10), "natural_days"),
    ("5 tabla 4", "refund_days"): (D(15), "natural_days"),
    ("5 tabla 5", "term_days"): (D(30), "natural_days"),
    ("5 tabla 5", "refund_days"): (D(15), "natural_days"),
    ("5 tabla 7", "extension_days"): (D(60), "natural_days"),
    ("5 tabla 8", "term_days"): (D(90), "natural_days"),
    ("5 tabla 9", "term_days"): (D(0), "natural_days"),
    ("5 tabla 9", "refund_days"): (D(15), "natural_days"),
}


def _demonstration() -> str:
    (rules,) = [d for d in DEMONSTRATIONS if d.seed == PESO_POR_PESO_RULES_2021]
    return rules.text()


def _figures(text: str) -> dict[tuple[str, str], tuple[Decimal, str]]:
    rules = call_rules_read(text, name=NAME)
    return {figure.key: (figure.value, figure.unit) for figure in rules.figures}


def test_the_reader_looks_for_every_figure_the_platform_enforces_and_no_other():
    assert {(spec.section, spec.name) for spec in SPECS} == set(ENFORCED_BY_KEY)
    assert set(PRINTED_2021) == set(ENFORCED_BY_KEY)


def test_the_demonstration_prints_every_figure_of_the_2021_rules_at_its_section():
    assert _figures(_demonstration()) == PRINTED_2021


def test_each_figure_is_read_on_the_line_that_prints_it():
    text = _demonstration()
    lines = text.splitlines()
    rules = call_rules_read(text, name=NAME)
    assert rules.figures
    for figure in rules.figures:
        assert figure.printed in lines[figure.line - 1], figure.key


def test_figures_across_a_page_break_are_read_on_the_line_after_it():
    text = _demonstration()
    rules = call_rules_read(text, name=NAME)
    (refund,) = [f for f in rules.figures if f.key == ("5 tabla 9", "refund_days")]
    header = text.splitlines()[refund.line - 2]
    assert header.startswith("Causa\tCriterio")  # printed again after the break


def test_the_demonstration_agrees_with_the_platform_and_names_its_programme():
    rules = call_rules_read(_demonstration(), name=NAME)
    assert rules.findings == ()
    assert (rules.program, rules.fiscal_year) == ("PESO POR PESO", 2021)
    assert "DIF Sonora" in rules.normative
    assert rules.max_per_project is None  # §3.6 B leaves it to each call


def test_a_figure_changed_in_the_rules_is_a_finding_at_its_section_and_line():
    text = render_rules(replace(SEED_FACTS, administrative_cap=35))
    rules = call_rules_read(text, name=NAME)
    (finding,) = rules.findings
    assert finding.code == "rule_figure_differs"
    assert finding.values["section"] == "3.4.1-2"
    assert finding.values["figure"] == "administrative_cap"
    assert (finding.values["printed"], finding.values["platform"]) == ("35", "30")
    line = next(f.line for f in rules.figures if f.name == "administrative_cap")
    assert finding.where == f"{NAME}, section '§3.4.1-2', line {line}"
    assert finding.message == (
        "El §3.4.1-2 de las reglas fija 35 % para el tope de los gastos "
        "administrativos; la plataforma aplica 30 %."
    )


def test_business_days_where_the_platform_counts_natural_days_is_a_finding():
    text = _demonstration().replace(
        "cinco días naturales después del cierre",
        "cinco días hábiles después del cierre",
    )
    (finding,) = call_rules_read(text, name=NAME).findings
    assert finding.code == "rule_figure_differs"
    assert (finding.values["section"], finding.values["printed_unit"]) == (
        "5",
        "business_days",
    )
    assert "5 días hábiles" in finding.message
    assert "5 días naturales" in finding.message


def test_a_row_of_the_table_changed_is_a_finding_of_that_row():
    text = render_rules(replace(SEED_FACTS, causes_days=(10, 5, 12, 30)))
    (finding,) = call_rules_read(text, name=NAME).findings
    assert (finding.values["section"], finding.values["figure"]) == (
        "5 tabla 4",
        "term_days",
    )


def test_a_figure_printed_two_ways_is_taken_neither_way():
    text = _demonstration().replace(
        "a más tardar 15 días naturales después",
        "en 15 días naturales, o 20 días naturales, después",
    )
    rules = call_rules_read(text, name=NAME)
    (finding,) = rules.findings
    assert finding.code == "rule_figure_unclear"
    assert finding.values["section"] == "3.7.2-8"
    assert ("3.7.2-8", "agreement_days") not in {f.key for f in rules.figures}


def test_a_figure_the_rules_leave_out_is_a_finding_not_a_refusal():
    text = "\n".join(
        line
        for line in _demonstration().splitlines()
        if not line.startswith("7. Firmado")
    )
    (finding,) = call_rules_read(text, name=NAME).findings
    assert finding.code == "rule_figure_not_printed"
    assert finding.values["section"] == "5 tabla 7"


def test_the_most_per_project_is_read_when_the_rules_print_it():
    text = render_rules(replace(SEED_FACTS, max_per_project=D("250000")))
    rules = call_rules_read(text, name=NAME)
    assert rules.max_per_project == D("250000.00")
    assert "$250,000.00" in text.splitlines()[rules.max_line - 1]


def test_text_that_is_not_rules_of_operation_is_refused_naming_the_file_and_line():
    with pytest.raises(DocumentError) as refused:
        call_rules_read("\n\nINFORME ANUAL DE RESULTADOS 2024\n1. Obras", name=NAME)
    assert refused.value.file == NAME
    assert refused.value.line == 3
    assert "REGLAS DE OPERACIÓN" in refused.value.reason


def test_rules_numbering_none_of_the_sections_read_are_refused_at_their_title():
    text = "Portada\n\nREGLAS DE OPERACIÓN DEL PROGRAMA X\n\nTexto sin secciones."
    with pytest.raises(DocumentError) as refused:
        call_rules_read(text, name=NAME)
    assert (refused.value.file, refused.value.line) == (NAME, 3)


def test_the_demonstration_stands_for_the_seed_the_platform_names():
    assert seeds.PESO_POR_PESO_RULES_2021 == PESO_POR_PESO_RULES_2021
    (rules,) = [d for d in DEMONSTRATIONS if d.seed == PESO_POR_PESO_RULES_2021]
    assert rules.text().startswith("DOCUMENTO DE DEMOSTRACIÓN\n")


def test_the_original_rules_give_the_figures_of_the_demonstration():
    original = seed_path(PESO_POR_PESO_RULES_2021).read_text(encoding="utf-8")
    rules = call_rules_read(original, name=PESO_POR_PESO_RULES_2021)
    assert _figures(original) == _figures(_demonstration()) == PRINTED_2021
    assert rules.findings == ()
    lines = original.splitlines()
    for figure in rules.figures:
        assert figure.printed in lines[figure.line - 1].replace("<u>", "").replace(
            "</u>", ""
        ), figure.key
