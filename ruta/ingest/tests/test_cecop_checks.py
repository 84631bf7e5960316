"""Checking the CECOP 2024 annual report against itself.

The checks run on both texts of the report (``cecop_document``): the
project's demonstration, always, and the original when it is beside the
checkout; both print the same contradictions at the same tables and rows.
The exact lines of the original's findings are checked on the seed alone.
"""

import json
import re
from decimal import Decimal

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
from testkit.cecop import CecopDocument, seed_document

LINES = re.compile(r"\blines? \d+(?:–\d+)?")


def findings_of(document: CecopDocument) -> list[Finding]:
    return check_report(document.report())


def places(where: str) -> str:
    """Return a finding's place without its line numbers: tables, rows, prose."""
    return LINES.sub("line", where)


def edited(document: CecopDocument, *edits: tuple[str, str, int]) -> str:
    """Return the document with each (old, new, occurrence) replacement made."""
    text = document.text
    for old, new, occurrence in edits:
        start = -1
        for _ in range(occurrence):
            start = text.index(old, start + 1)
        text = text[:start] + new + text[start + len(old) :]
    return text


def new_findings(
    document: CecopDocument, *edits: tuple[str, str, int]
) -> list[Finding]:
    """Return the findings of the edited document that it does not have itself."""
    report = parse_report(edited(document, *edits), source_name=document.name)
    known = {(f.code, f.where, f.message) for f in findings_of(document)}
    return [
        f for f in check_report(report) if (f.code, f.where, f.message) not in known
    ]


def gone_findings(
    document: CecopDocument, *edits: tuple[str, str, int]
) -> list[tuple[str, str]]:
    """Return the document's findings (code, where) its edited text no longer has."""
    report = parse_report(edited(document, *edits), source_name=document.name)
    found = {(finding.code, finding.where) for finding in check_report(report)}
    return [
        (f.code, f.where)
        for f in findings_of(document)
        if (f.code, f.where) not in found
    ]


def finding(document: CecopDocument, code: str, number: int = 1) -> Finding:
    """Return the ``number``-th finding of ``code`` in the document."""
    return [f for f in findings_of(document) if f.code == code][number - 1]


def where(document: CecopDocument, table: str, row: int) -> str:
    """Return how findings name row ``row`` of ``table``: "line N (table, row R)"."""
    report = document.report()
    rows = {
        (place.table, place.row): place
        for place in [
            *(r.place for t in report.works_tables for r in (*t.rows, t.total)),
            *(r.place for t in report.indicator_tables for r in t.rows),
            *(r.place for r in report.drought.rows),
            report.drought.total_place,
        ]
    }
    return rows[(table, row)].describe()


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
    assert [(f.code, f.where) for f in findings_of(seed_document())] == SEED_FINDINGS


def test_each_text_has_the_seeds_contradictions_at_its_tables_and_rows(
    cecop_document,
):
    assert [(f.code, places(f.where)) for f in findings_of(cecop_document)] == [
        (code, places(place)) for code, place in SEED_FINDINGS
    ]


def test_budget_in_pesos_written_as_millions_is_a_unit_slip(cecop_document):
    # "Presupuesto Autorizado de $528,628,425.05 mdp": 528.6 mdp, not 528 billion.
    slip = finding(cecop_document, "prose_unit_slip")
    assert (
        slip.where == f"line {cecop_document.line_of('Presupuesto Autorizado')} (prose)"
    )
    assert (slip.values["prose"], slip.values["millions"]) == (
        Decimal("528628425.05"),
        Decimal("528.6"),
    )
    assert slip.severity == "warning"


def test_150_mdp_is_shown_beside_the_state_part_and_the_total(cecop_document):
    # Released "$150 mdp" and invested "más de 150 mdp": the tables give
    # 144.7 mdp from CECOP and 188.1 mdp from the three parties.
    released = finding(cecop_document, "prose_scope_unstated", 1)
    invested = finding(cecop_document, "prose_scope_unstated", 2)
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


def test_the_tables_add_up(cecop_document):
    codes = {finding.code for finding in findings_of(cecop_document)}
    assert not codes & {
        "row_sources_mismatch",
        "column_total_mismatch",
        "program_tables_mismatch",
        "indicator_copy_mismatch",
    }


def test_parks_amount_is_the_sum_of_cut_parts(cecop_document):
    parks = finding(cecop_document, "prose_figure_mismatch", 1)
    assert parks.values == {
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
    assert parks.message.endswith(
        "El texto suma sus partes después de recortar cada una."
    )


def test_gse_beneficiaries_fall_short_of_more_than_1_5_million(cecop_document):
    short = finding(cecop_document, "prose_figure_mismatch", 2)
    assert (short.values["prose"], short.values["tables"]) == (1_500_000, 1_067_715)


def test_school_beneficiaries_fall_short_of_more_than_50000(cecop_document):
    short = finding(cecop_document, "prose_figure_mismatch", 3)
    assert short.values["tables"] == 35_664 + 12_953


def test_recreation_beneficiaries_fall_short_of_more_than_450000(cecop_document):
    short = finding(cecop_document, "prose_figure_mismatch", 4)
    assert short.values["tables"] == 96_639 + 156_247 + 6_353 + 107_896 + 56_821


def test_aid_baseline_is_230_in_the_table_and_160_in_the_card(cecop_document):
    assert finding(cecop_document, "indicator_baseline_mismatch").values == {
        "indicator": "Otorgamiento de Ayudas Sociales Diversas",
        "year": 2021,
        "results_table": "230",
        "card_year": 2021,
        "card": "160",
    }


def test_semaphore_summary_counts_two_setbacks(cecop_document):
    values = finding(cecop_document, "semaphore_summary_mismatch").values
    assert (values["published_with_advance"], values["computed_with_advance"]) == (4, 2)
    assert (
        values["published_without_advance"],
        values["computed_without_advance"],
    ) == (0, 2)


def test_gse_indicator_published_43_for_44_works(cecop_document):
    assert finding(cecop_document, "indicator_result_mismatch", 1).values == {
        "indicator": INDICATOR_2,
        "year": 2024,
        "unit": "number",
        "published": Decimal("43"),
        "computed": Decimal("44"),
        "tables": "gse_by_subprogram",
    }


def test_committee_indicator_is_not_671_committees_per_works(cecop_document):
    committees = finding(cecop_document, "indicator_result_mismatch", 2)
    line = cecop_document.line_of("total de 671 comités ciudadanos")
    assert committees.values == {
        "indicator": (
            "Porcentaje en la Conformación de comités ciudadanos de la Transformación"
        ),
        "year": 2024,
        "unit": "percent",
        "published": Decimal("87"),
        "computed": Decimal("109.64"),
        "committees": Decimal("671"),
        "line": line,
        "works": 612,
        "tables": "tsam_by_subprogram",
        "computed_alternative": Decimal("102.29"),
        "works_alternative": 656,
        "tables_alternative": "tsam_by_subprogram + gse_by_subprogram",
    }
    assert f"109.64% (671 comités de la línea {line} del texto / 612 obras" in (
        committees.message
    )


def test_row_whose_sources_do_not_add_up_is_reported(cecop_document):
    found = new_findings(cecop_document, ("1,364,243.88", "1,364,243.89", 1))
    row = [f for f in found if f.code == "row_sources_mismatch"]
    assert [(f.where, f.values) for f in row] == [
        (
            where(cecop_document, "tsam_by_subprogram", 4),
            {
                "table": "tsam_by_subprogram",
                "row": "AGUA POTABLE",
                "total": Decimal("1364243.89"),
                "sources_sum": Decimal("1364243.88"),
            },
        )
    ]


def test_column_not_adding_up_to_its_total_is_reported(cecop_document):
    row = "ALTO GOLFO\t1\t5,675,973.61\t1,098"
    found = new_findings(cecop_document, (row, row.replace("1,098", "1,099"), 1))
    first = cecop_document.line_of(row)
    assert [(f.code, f.where, f.values) for f in found] == [
        (
            "column_total_mismatch",
            f"lines {first}–{first + 8} (gse_by_region, rows 1–9); "
            f"line {first + 9} (gse_by_region, row 10)",
            {
                "table": "gse_by_region",
                "column": "beneficiaries",
                "rows_sum": 1_067_716,
                "total": 1_067_715,
            },
        )
    ]


def test_drought_amounts_not_adding_up_to_the_total_are_reported(cecop_document):
    found = new_findings(
        cecop_document, ("CUMPAS\t150,000.00", "CUMPAS\t150,000.01", 1)
    )
    assert [(f.code, f.values["rows_sum"]) for f in found] == [
        ("column_total_mismatch", Decimal("5455116.87"))
    ]
    assert found[0].where.endswith(where(cecop_document, "drought_aid", 13))


def test_aid_amounts_not_adding_up_to_the_total_are_reported(cecop_document):
    found = new_findings(cecop_document, ("29,145,680.00", "29,145,690.00", 1))
    assert [(f.code, f.message) for f in found] == [
        (
            "column_total_mismatch",
            "aid_by_concept: la columna «monto» suma 111,652,167.57, pero su "
            "renglón Total imprime 111,652,157.57.",
        )
    ]


def test_program_totals_differing_between_subprogram_and_region_are_reported(
    cecop_document,
):
    found = new_findings(
        cecop_document,
        ("ALTO GOLFO\t55\t", "ALTO GOLFO\t54\t", 1),
        ("Total\t612\t", "Total\t611\t", 2),
    )
    subprogram = where(cecop_document, "tsam_by_subprogram", 14)
    region = where(cecop_document, "tsam_by_region", 11)
    assert [(f.code, f.where, f.values) for f in found] == [
        (
            "program_tables_mismatch",
            f"{subprogram}; {region}",
            {
                "program": "tsam",
                "column": "works",
                "by_subprogram": 612,
                "by_region": 611,
            },
        )
    ]


def test_prose_amount_beyond_its_rounding_is_reported(cecop_document):
    found = new_findings(
        cecop_document, ("invirtió 144.6 mdp", "invirtió 144.8 mdp", 1)
    )
    line = cecop_document.line_of("invirtió 144.6 mdp")
    total = where(cecop_document, "tsam_by_subprogram", 14)
    assert [(f.code, f.where) for f in found] == [
        ("prose_figure_mismatch", f"line {line} (prose); {total}")
    ]
    assert found[0].values["tables_cut"] == Decimal("144.6")


def test_prose_amount_rounded_instead_of_cut_is_accepted(cecop_document):
    line = cecop_document.line_of("lograron concertar 612 obras")
    text = cecop_document.text.split("\n")
    text[line - 1] = text[line - 1].replace("144.6", "144.7")
    report = parse_report("\n".join(text), source_name=cecop_document.name)
    assert check_report(report) == findings_of(cecop_document)


def test_prose_count_summed_across_programs_is_checked(cecop_document):
    found = new_findings(
        cecop_document, ("realizaron 100 acciones", "realizaron 99 acciones", 1)
    )
    assert [(f.code, f.values["tables"]) for f in found] == [
        ("prose_figure_mismatch", Decimal(93 + 7))
    ]


def test_mas_de_holds_when_the_table_equals_the_figure(cecop_document):
    gone = gone_findings(cecop_document, ("más de 1,500,000", "más de 1,067,715", 1))
    assert [code for code, _where in gone] == ["prose_figure_mismatch"]


def test_approximate_round_figure_is_checked_at_its_last_digit(cecop_document):
    found = new_findings(
        cecop_document, ("más menos 1,000,000", "más menos 2,000,000", 1)
    )
    assert [(f.code, f.values["tables"]) for f in found] == [
        ("prose_figure_mismatch", Decimal(143_083 + 878_875))
    ]


def test_aid_count_in_prose_is_checked_against_the_indicator(cecop_document):
    found = new_findings(
        cecop_document, ("1,076 ayudas sociales", "1,075 ayudas sociales", 1)
    )
    line = cecop_document.line_of("1,076 ayudas sociales")
    aid = where(cecop_document, "indicator_results_1", 4)
    assert [(f.code, f.where) for f in found] == [
        ("prose_figure_mismatch", f"line {line} (prose); {aid}")
    ]


def test_drought_prose_amount_is_checked_against_its_total(cecop_document):
    found = new_findings(cecop_document, ("monto de 5.4 mdp", "monto de 5.6 mdp", 1))
    line = cecop_document.line_of("monto de 5.4 mdp")
    total = where(cecop_document, "drought_aid", 13)
    assert [(f.code, f.where) for f in found] == [
        ("prose_figure_mismatch", f"line {line} (prose); {total}")
    ]


def test_matching_baseline_leaves_no_baseline_finding(cecop_document):
    gone = gone_findings(cecop_document, ("160\t\t1,076", "230\t\t1,076", 1))
    assert [code for code, _where in gone] == ["indicator_baseline_mismatch"]


def test_indicator_and_card_that_do_not_match_each_other_are_reported(
    cecop_document,
):
    renamed = ("INDICADOR\tOtorgamiento de Ayudas", "INDICADOR\tEntrega de Ayudas", 1)
    found = new_findings(cecop_document, renamed)
    card = cecop_document.report().cards[3]
    assert [(f.code, f.where) for f in found] == [
        ("indicator_without_card", where(cecop_document, "indicator_results_1", 4)),
        ("card_without_results", f"line {card.place.line} (indicator_card_4)"),
    ]
    gone = gone_findings(cecop_document, renamed)
    assert [code for code, _where in gone] == ["indicator_baseline_mismatch"]


def test_card_baseline_differing_from_the_table_is_reported(cecop_document):
    found = new_findings(cecop_document, ("90%\t\t70.29%", "85%\t\t70.29%", 1))
    assert [(f.code, f.values) for f in found] == [
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


def test_copy_of_the_results_table_differing_from_the_full_one_is_reported(
    cecop_document,
):
    found = new_findings(
        cecop_document, ("\t28\t93\t77\t43\t", "\t28\t93\t78\t43\t", 2)
    )
    full = where(cecop_document, "indicator_results_1", 2)
    copy = where(cecop_document, "indicator_results_2", 2)
    assert [(f.code, f.where, f.values) for f in found] == [
        (
            "indicator_copy_mismatch",
            f"{full}; {copy}",
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


def test_correct_semaphore_summary_leaves_no_finding(cecop_document):
    gone = gone_findings(cecop_document, ("4\t4\t0\t0\t0", "4\t2\t2\t0\t0", 1))
    assert [code for code, _where in gone] == ["semaphore_summary_mismatch"]


def test_semaphore_follows_the_card_direction(cecop_document):
    text = edited(cecop_document, ("Ascendente", "Descendente", 1))
    report = parse_report(text, source_name=cecop_document.name)
    summary = next(
        f for f in check_report(report) if f.code == "semaphore_summary_mismatch"
    )
    assert (
        summary.values["computed_with_advance"],
        summary.values["computed_without_advance"],
    ) == (3, 1)


def test_gse_indicator_matching_its_works_leaves_no_finding(cecop_document):
    row = ("\t28\t93\t77\t43\t", "\t28\t93\t77\t44\t", 1)
    gone = gone_findings(cecop_document, row, row)  # the full table, then the copy
    assert gone == [
        (f.code, f.where)
        for f in [finding(cecop_document, "indicator_result_mismatch", 1)]
    ]


@pytest.mark.parametrize("published", ["109.64%", "102.29%", "110%"])
def test_committee_indicator_matching_either_ratio_leaves_no_finding(
    cecop_document, published
):
    row = ("\t101.5%\t87%\t", f"\t101.5%\t{published}\t", 1)
    gone = gone_findings(cecop_document, row, row)  # the full table, then the copy
    assert gone == [
        (f.code, f.where)
        for f in [finding(cecop_document, "indicator_result_mismatch", 2)]
    ]


def test_report_as_json_is_serialisable_with_decimals_as_strings(cecop_document):
    data = report_as_json(cecop_document.report(), findings_of(cecop_document))
    tsam = data["tables"][0]
    assert (tsam["id"], tsam["program"], tsam["total"]["cecop"]) == (
        "tsam_by_subprogram",
        "tsam",
        "144686398.45",
    )
    assert json.loads(json.dumps(data)) == data


def test_report_as_json_lists_every_table(cecop_document):
    data = report_as_json(cecop_document.report(), [])
    assert [table["id"] for table in data["tables"]] == [
        "tsam_by_subprogram",
        "gse_by_subprogram",
        "tsam_by_region",
        "gse_by_region",
        "drought_aid",
        "aid_by_concept",
    ]
    assert data["tables"][4]["total"]["amount"] == "5455116.86"


def test_report_as_json_gives_each_indicator_its_semaphore(cecop_document):
    indicators = report_as_json(cecop_document.report(), [])["indicators"]
    assert [item["semaphore"] for item in indicators] == [
        "red",
        "green",
        "red",
        "green",
    ]
    assert indicators[0]["results"] == {"2022": "367", "2023": "100", "2024": "70.29"}
    assert (indicators[0]["baseline"], indicators[0]["goal"]) == ("90", "70.29")


def test_report_as_json_findings_carry_message_and_where(cecop_document):
    found = findings_of(cecop_document)
    data = report_as_json(cecop_document.report(), found)["findings"]
    assert len(data) == 11
    assert data[7]["where"] == found[7].where
    assert places(data[7]["where"]) == places(SEED_FINDINGS[7][1])
    assert data[7]["values"] == {
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
