"""Checking the CECOP 2024 annual report against itself."""

import json
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruta.ingest.cecop import (
    Program,
    ProseClaim,
    Quantity,
    Subject,
    check_report,
    parse_report,
    report_as_json,
)
from ruta.ingest.cecop.prose_checks import claim_holds
from ruta.sources.findings import Finding
from testkit.seeds import CECOP_REPORT_2024, seed_path


@cache
def seed_text() -> str:
    return seed_path(CECOP_REPORT_2024).read_text(encoding="utf-8")


@cache
def seed_findings() -> tuple[Finding, ...]:
    return tuple(check_report(parse_report(seed_text(), source_name="seed")))


def edited(*edits: tuple[str, str, int]) -> str:
    """Return the seed with each (old, new, occurrence) replacement made."""
    text = seed_text()
    for old, new, occurrence in edits:
        start = -1
        for _ in range(occurrence):
            start = text.index(old, start + 1)
        text = text[:start] + new + text[start + len(old) :]
    return text


def new_findings(*edits: tuple[str, str, int]) -> list[Finding]:
    """Return the findings of the edited seed that the seed itself does not have."""
    report = parse_report(edited(*edits), source_name="seed")
    known = {(f.code, f.where, f.message) for f in seed_findings()}
    return [
        f for f in check_report(report) if (f.code, f.where, f.message) not in known
    ]


def gone_findings(*edits: tuple[str, str, int]) -> list[tuple[str, str]]:
    """Return the seed's findings (code, where) that the edited seed no longer has."""
    report = parse_report(edited(*edits), source_name="seed")
    found = {(finding.code, finding.where) for finding in check_report(report)}
    return [
        (f.code, f.where) for f in seed_findings() if (f.code, f.where) not in found
    ]


def seed_finding(code: str, line: int) -> Finding:
    """Return the seed's finding of ``code`` whose first place is line ``line``."""
    (found,) = [
        f
        for f in seed_findings()
        if f.code == code and f.where.startswith(f"line {line} ")
    ]
    return found


INDICATOR_2 = (
    "Ejecutar obra pública concertada de manera directa por el CECOP del programa "
    "Gestión Emergente Transforma Sonora"
)

SEED_FINDINGS = [
    (
        "prose_scope_unstated",
        "line 217 (prose); line 329 (tsam_by_subprogram, row 14)",
    ),
    (
        "prose_figure_mismatch",
        "line 225 (prose); line 322 (tsam_by_subprogram, row 7); "
        "line 340 (gse_by_subprogram, row 5)",
    ),
    ("prose_unit_slip", "line 255 (prose)"),
    (
        "prose_scope_unstated",
        "line 298 (prose); line 329 (tsam_by_subprogram, row 14)",
    ),
    (
        "prose_figure_mismatch",
        "line 300 (prose); line 345 (gse_by_subprogram, row 10)",
    ),
    (
        "prose_figure_mismatch",
        "line 302 (prose); line 317 (tsam_by_subprogram, row 2); "
        "line 337 (gse_by_subprogram, row 2)",
    ),
    (
        "prose_figure_mismatch",
        "line 404 (prose); line 318 (tsam_by_subprogram, row 3); "
        "line 322 (tsam_by_subprogram, row 7); line 323 (tsam_by_subprogram, row 8); "
        "line 338 (gse_by_subprogram, row 3); line 340 (gse_by_subprogram, row 5)",
    ),
    (
        "indicator_baseline_mismatch",
        "line 268 (indicator_results_1, row 4); line 689 (indicator_card_4)",
    ),
    (
        "semaphore_summary_mismatch",
        "line 260 (semaphore_summary, row 1); "
        "lines 265–268 (indicator_results_1, rows 1–4)",
    ),
    (
        "indicator_result_mismatch",
        "line 266 (indicator_results_1, row 2); line 345 (gse_by_subprogram, row 10)",
    ),
    (
        "indicator_result_mismatch",
        "line 267 (indicator_results_1, row 3); line 296 (prose); "
        "line 329 (tsam_by_subprogram, row 14); line 345 (gse_by_subprogram, row 10)",
    ),
]


def test_seed_has_exactly_its_real_contradictions():
    assert [(f.code, f.where) for f in seed_findings()] == SEED_FINDINGS


def test_seed_budget_in_pesos_written_as_millions_is_a_unit_slip():
    # "Presupuesto Autorizado de $528,628,425.05 mdp": 528.6 mdp, not 528 billion.
    finding = seed_finding("prose_unit_slip", 255)
    assert (finding.values["prose"], finding.values["millions"]) == (
        Decimal("528628425.05"),
        Decimal("528.6"),
    )
    assert finding.severity == "warning"


def test_seed_150_mdp_is_shown_beside_the_state_part_and_the_total():
    # Released "$150 mdp" (line 217) and invested "más de 150 mdp" (line 298):
    # the tables give 144.7 mdp from CECOP and 188.1 mdp from the three parties.
    released = seed_finding("prose_scope_unstated", 217)
    invested = seed_finding("prose_scope_unstated", 298)
    for note in (released, invested):
        assert note.severity == "info"
        assert (note.values["cecop_mdp"], note.values["total_mdp"]) == (
            Decimal("144.7"),
            Decimal("188.1"),
        )
    assert (released.values["cecop_holds"], released.values["total_holds"]) == (
        False,
        False,
    )
    assert (invested.values["cecop_holds"], invested.values["total_holds"]) == (
        False,
        True,
    )


def test_seed_tables_add_up():
    codes = {finding.code for finding in seed_findings()}
    assert not codes & {
        "row_sources_mismatch",
        "column_total_mismatch",
        "program_tables_mismatch",
        "indicator_copy_mismatch",
    }


def test_seed_parks_amount_is_the_sum_of_cut_parts():
    finding = seed_finding("prose_figure_mismatch", 225)
    assert finding.values == {
        "subject": "works",
        "quantity": "amount",
        "qualifier": "",
        "programs": "tsam+gse",
        "subprograms": "PARQUES Y AREAS VERDES",
        "prose": Decimal("54.6"),
        "tables": Decimal("54738170.00"),
        "tables_cut": Decimal("54.7"),
        "note": "parts_cut",
    }
    assert finding.message.endswith(
        "El texto suma sus partes después de recortar cada una."
    )


def test_seed_gse_beneficiaries_fall_short_of_more_than_1_5_million():
    finding = seed_finding("prose_figure_mismatch", 300)
    assert (finding.values["prose"], finding.values["tables"]) == (1_500_000, 1_067_715)


def test_seed_school_beneficiaries_fall_short_of_more_than_50000():
    assert (
        seed_finding("prose_figure_mismatch", 302).values["tables"] == 35_664 + 12_953
    )


def test_seed_recreation_beneficiaries_fall_short_of_more_than_450000():
    assert (
        seed_finding("prose_figure_mismatch", 404).values["tables"]
        == 96_639 + 156_247 + 6_353 + 107_896 + 56_821
    )


def test_seed_aid_baseline_is_230_in_the_table_and_160_in_the_card():
    assert seed_finding("indicator_baseline_mismatch", 268).values == {
        "indicator": "Otorgamiento de Ayudas Sociales Diversas",
        "year": 2021,
        "results_table": "230",
        "card_year": 2021,
        "card": "160",
    }


def test_seed_semaphore_summary_counts_two_setbacks():
    values = seed_finding("semaphore_summary_mismatch", 260).values
    assert (values["published_with_advance"], values["computed_with_advance"]) == (4, 2)
    assert (
        values["published_without_advance"],
        values["computed_without_advance"],
    ) == (
        0,
        2,
    )


def test_seed_gse_indicator_published_43_for_44_works():
    assert seed_finding("indicator_result_mismatch", 266).values == {
        "indicator": INDICATOR_2,
        "year": 2024,
        "unit": "number",
        "published": Decimal("43"),
        "computed": Decimal("44"),
        "tables": "gse_by_subprogram",
    }


def test_seed_committee_indicator_is_not_671_committees_per_works():
    finding = seed_finding("indicator_result_mismatch", 267)
    assert finding.values == {
        "indicator": (
            "Porcentaje en la Conformación de comités ciudadanos de la Transformación"
        ),
        "year": 2024,
        "unit": "percent",
        "published": Decimal("87"),
        "computed": Decimal("109.64"),
        "committees": Decimal("671"),
        "line": 296,
        "works": 612,
        "tables": "tsam_by_subprogram",
        "computed_alternative": Decimal("102.29"),
        "works_alternative": 656,
        "tables_alternative": "tsam_by_subprogram + gse_by_subprogram",
    }
    assert "109.64% (671 comités de la línea 296 del texto / 612 obras" in (
        finding.message
    )


def test_row_whose_sources_do_not_add_up_is_reported():
    findings = new_findings(("1,364,243.88", "1,364,243.89", 1))
    row = [f for f in findings if f.code == "row_sources_mismatch"]
    assert [(f.where, f.values) for f in row] == [
        (
            "line 319 (tsam_by_subprogram, row 4)",
            {
                "table": "tsam_by_subprogram",
                "row": "AGUA POTABLE",
                "total": Decimal("1364243.89"),
                "sources_sum": Decimal("1364243.88"),
            },
        )
    ]


def test_column_not_adding_up_to_its_total_is_reported():
    findings = new_findings(
        ("ALTO GOLFO\t1\t5,675,973.61\t1,098", "ALTO GOLFO\t1\t5,675,973.61\t1,099", 1)
    )
    assert [(f.code, f.where, f.values) for f in findings] == [
        (
            "column_total_mismatch",
            "lines 376–384 (gse_by_region, rows 1–9); line 385 (gse_by_region, row 10)",
            {
                "table": "gse_by_region",
                "column": "beneficiaries",
                "rows_sum": 1_067_716,
                "total": 1_067_715,
            },
        )
    ]


def test_drought_amounts_not_adding_up_to_the_total_are_reported():
    findings = new_findings(("CUMPAS\t150,000.00", "CUMPAS\t150,000.01", 1))
    assert [(f.code, f.values["rows_sum"]) for f in findings] == [
        ("column_total_mismatch", Decimal("5455116.87"))
    ]
    assert findings[0].where.endswith("line 430 (drought_aid, row 13)")


def test_aid_amounts_not_adding_up_to_the_total_are_reported():
    findings = new_findings(("29,145,680.00", "29,145,690.00", 1))
    assert [(f.code, f.message) for f in findings] == [
        (
            "column_total_mismatch",
            "aid_by_concept: la columna «monto» suma 111,652,167.57, pero su "
            "renglón Total imprime 111,652,157.57.",
        )
    ]


def test_program_totals_differing_between_subprogram_and_region_are_reported():
    findings = new_findings(
        ("ALTO GOLFO\t55\t", "ALTO GOLFO\t54\t", 1),
        ("Total\t612\t", "Total\t611\t", 2),
    )
    assert [(f.code, f.where, f.values) for f in findings] == [
        (
            "program_tables_mismatch",
            "line 329 (tsam_by_subprogram, row 14); line 369 (tsam_by_region, row 11)",
            {
                "program": "tsam",
                "column": "works",
                "by_subprogram": 612,
                "by_region": 611,
            },
        )
    ]


def test_prose_amount_beyond_its_rounding_is_reported():
    findings = new_findings(("invirtió 144.6 mdp", "invirtió 144.8 mdp", 1))
    assert [(f.code, f.where) for f in findings] == [
        (
            "prose_figure_mismatch",
            "line 294 (prose); line 329 (tsam_by_subprogram, row 14)",
        )
    ]
    assert findings[0].values["tables_cut"] == Decimal("144.6")


def test_prose_amount_rounded_instead_of_cut_is_accepted():
    assert (
        new_findings(
            (
                "612 obras con una inversión de \\$144.6",
                "612 obras con una inversión de \\$144.7",
                1,
            )
        )
        == []
    )


def test_prose_count_summed_across_programs_is_checked():
    findings = new_findings(("realizaron 100 acciones", "realizaron 99 acciones", 1))
    assert [(f.code, f.values["tables"]) for f in findings] == [
        ("prose_figure_mismatch", Decimal(93 + 7))
    ]


def test_mas_de_holds_when_the_table_equals_the_figure():
    gone = gone_findings(("más de 1,500,000", "más de 1,067,715", 1))
    assert [code for code, _where in gone] == ["prose_figure_mismatch"]


def test_approximate_round_figure_is_checked_at_its_last_digit():
    findings = new_findings(("más menos 1,000,000", "más menos 2,000,000", 1))
    assert [(f.code, f.values["tables"]) for f in findings] == [
        ("prose_figure_mismatch", Decimal(143_083 + 878_875))
    ]


def test_aid_count_in_prose_is_checked_against_the_indicator():
    findings = new_findings(("1,076 ayudas sociales", "1,075 ayudas sociales", 1))
    assert [(f.code, f.where) for f in findings] == [
        (
            "prose_figure_mismatch",
            "line 406 (prose); line 268 (indicator_results_1, row 4)",
        )
    ]


def test_drought_prose_amount_is_checked_against_its_total():
    findings = new_findings(("monto de 5.4 mdp", "monto de 5.6 mdp", 1))
    assert [(f.code, f.where) for f in findings] == [
        ("prose_figure_mismatch", "line 408 (prose); line 430 (drought_aid, row 13)")
    ]


def test_matching_baseline_leaves_no_baseline_finding():
    gone = gone_findings(("160\t\t1,076", "230\t\t1,076", 1))
    assert [code for code, _where in gone] == ["indicator_baseline_mismatch"]


def test_indicator_and_card_that_do_not_match_each_other_are_reported():
    renamed = ("INDICADOR\tOtorgamiento de Ayudas", "INDICADOR\tEntrega de Ayudas", 1)
    findings = new_findings(renamed)
    assert [(f.code, f.where) for f in findings] == [
        ("indicator_without_card", "line 268 (indicator_results_1, row 4)"),
        ("card_without_results", "line 676 (indicator_card_4)"),
    ]
    gone = gone_findings(renamed)
    assert [code for code, _where in gone] == ["indicator_baseline_mismatch"]


def test_card_baseline_differing_from_the_table_is_reported():
    findings = new_findings(("90%\t\t70.29%", "85%\t\t70.29%", 1))
    assert [(f.code, f.values) for f in findings] == [
        (
            "indicator_baseline_mismatch",
            {
                "indicator": (
                    "Porcentaje en el cumplimiento de proyectos de obra realizados en "
                    "concertación con los 72 Ayuntamientos del Estado"
                ),
                "year": 2021,
                "results_table": "90%",
                "card_year": 2021,
                "card": "85%",
            },
        )
    ]


def test_copy_of_the_results_table_differing_from_the_full_one_is_reported():
    findings = new_findings(("\t28\t93\t77\t43\t", "\t28\t93\t78\t43\t", 2))
    assert [(f.code, f.where, f.values) for f in findings] == [
        (
            "indicator_copy_mismatch",
            "line 266 (indicator_results_1, row 2); "
            "line 395 (indicator_results_2, row 2)",
            {
                "indicator": INDICATOR_2,
                "cell": "result 2023",
                "first": "77",
                "copy": "78",
                "table": "indicator_results_1",
                "copy_table": "indicator_results_2",
            },
        )
    ]


def test_correct_semaphore_summary_leaves_no_finding():
    gone = gone_findings(("4\t4\t0\t0\t0", "4\t2\t2\t0\t0", 1))
    assert [code for code, _where in gone] == ["semaphore_summary_mismatch"]


def test_semaphore_follows_the_card_direction():
    text_edit = ("Ascendente", "Descendente", 1)
    report = parse_report(edited(text_edit), source_name="seed")
    finding = next(
        f for f in check_report(report) if f.code == "semaphore_summary_mismatch"
    )
    assert (
        finding.values["computed_with_advance"],
        finding.values["computed_without_advance"],
    ) == (3, 1)


def test_gse_indicator_matching_its_works_leaves_no_finding():
    row = ("\t28\t93\t77\t43\t", "\t28\t93\t77\t44\t", 1)
    gone = gone_findings(row, row)  # the full table, then the partial copy
    assert gone == [SEED_FINDINGS[9]]


@pytest.mark.parametrize("published", ["109.64%", "102.29%", "110%"])
def test_committee_indicator_matching_either_ratio_leaves_no_finding(published):
    row = ("\t101.5%\t87%\t", f"\t101.5%\t{published}\t", 1)
    gone = gone_findings(row, row)  # the full table, then the partial copy
    assert gone == [SEED_FINDINGS[10]]


def test_report_as_json_is_serialisable_with_decimals_as_strings():
    report = parse_report(seed_text(), source_name="seed")
    data = report_as_json(report, seed_findings())
    tsam = data["tables"][0]
    assert (tsam["id"], tsam["program"], tsam["total"]["cecop"]) == (
        "tsam_by_subprogram",
        "tsam",
        "144686398.45",
    )
    assert json.loads(json.dumps(data)) == data


def test_report_as_json_lists_every_table():
    report = parse_report(seed_text(), source_name="seed")
    data = report_as_json(report, [])
    assert [table["id"] for table in data["tables"]] == [
        "tsam_by_subprogram",
        "gse_by_subprogram",
        "tsam_by_region",
        "gse_by_region",
        "drought_aid",
        "aid_by_concept",
    ]
    assert data["tables"][4]["total"]["amount"] == "5455116.86"


def test_report_as_json_gives_each_indicator_its_semaphore():
    report = parse_report(seed_text(), source_name="seed")
    indicators = report_as_json(report, [])["indicators"]
    assert [item["semaphore"] for item in indicators] == [
        "red",
        "green",
        "red",
        "green",
    ]
    assert indicators[0]["results"] == {"2022": "367", "2023": "100", "2024": "70.29"}
    assert (indicators[0]["baseline"], indicators[0]["goal"]) == ("90", "70.29")


def test_report_as_json_findings_carry_message_and_where():
    report = parse_report(seed_text(), source_name="seed")
    findings = report_as_json(report, seed_findings())["findings"]
    assert len(findings) == 11
    assert findings[7]["where"] == SEED_FINDINGS[7][1]
    assert findings[7]["values"] == {
        "indicator": "Otorgamiento de Ayudas Sociales Diversas",
        "year": "2021",
        "results_table": "230",
        "card_year": "2021",
        "card": "160",
    }


def amount_claim(figure: Decimal, decimals: int) -> ProseClaim:
    return ProseClaim(
        subject=Subject.WORKS,
        quantity=Quantity.AMOUNT,
        programs=(Program.TSAM,),
        subprograms=(),
        figure=figure,
        decimals=decimals,
        at_least=False,
        approximate=False,
        text="",
        line=1,
    )


@given(
    pesos=st.decimals(min_value=0, max_value=10**10, places=2),
    decimals=st.integers(min_value=0, max_value=2),
)
def test_a_table_amount_cut_to_the_prose_precision_always_holds(pesos, decimals):
    step = Decimal(1).scaleb(-decimals)
    figure = (pesos / 1_000_000).quantize(step, rounding="ROUND_DOWN")
    assert claim_holds(amount_claim(figure, decimals), pesos)
