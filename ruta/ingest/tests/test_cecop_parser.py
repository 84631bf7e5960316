"""Reading the CECOP 2024 annual report, with the document's own figures.

A test of what the reader does runs on both texts of the report
(``cecop_document``): the project's demonstration, always, and the
original, when it is beside the checkout. Lines are found by what they
print. A test of the original's own text (its exact claims and lines, the
sentences and tables it words its own way) runs on the seed alone.
"""

from decimal import Decimal

import pytest

from ruta.indicators.rules import Direction
from ruta.ingest.cecop import (
    CecopReport,
    Dimension,
    Program,
    Quantity,
    Subject,
    Unit,
    parse_report,
)
from ruta.sources.findings import DocumentError
from testkit.cecop import CecopDocument, demonstration_document, seed_document

SOURCE = "cecop-2024.txt"
GOBIERNO_DIGITAL = (
    "CUMPLIMIENTO GENERAL DE LAS LÍNEAS DE ACCIÓN DEL PROGRAMA ESPECIAL"
    " DE GOBIERNO DIGITAL"
)


def parse_error(text: str) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        parse_report(text, source_name=SOURCE)
    return caught.value


def test_report_year_is_read_from_the_title(cecop_document):
    assert cecop_document.report().year == 2024


def test_tsam_by_subprogram_total_row_holds_every_column(cecop_document):
    report = cecop_document.report()
    total = report.works_table(Program.TSAM, Dimension.SUBPROGRAM).total
    assert (total.works, total.beneficiaries) == (612, 593_071)
    assert total.total == Decimal("188077805.06")
    assert total.cecop == Decimal("144686398.45")
    assert total.municipality == Decimal("23672343.56")
    assert total.community == Decimal("19719063.05")


def test_tsam_subprogram_rows_keep_table_row_and_line(cecop_document):
    table = cecop_document.report().works_table(Program.TSAM, Dimension.SUBPROGRAM)
    first = table.rows[0]
    assert len(table.rows) == 13
    assert (first.label, first.works, first.cecop) == (
        "PAVIMENTACIÓN",
        55,
        Decimal("16383794.36"),
    )
    assert (first.place.table, first.place.row, first.place.line) == (
        "tsam_by_subprogram",
        1,
        cecop_document.line_of("PAVIMENTACIÓN\t55\t"),
    )
    assert table.total.place.line == cecop_document.line_of("Total\t612\t")


def test_gse_by_subprogram_has_only_cecop_investment(cecop_document):
    table = cecop_document.report().works_table(Program.GSE, Dimension.SUBPROGRAM)
    assert table.columns == ("works", "cecop", "beneficiaries")
    assert (table.total.works, table.total.cecop, table.total.beneficiaries) == (
        44,
        Decimal("144096967.18"),
        1_067_715,
    )
    assert table.total.total is None


def test_region_tables_are_read_for_both_programs(cecop_document):
    report = cecop_document.report()
    tsam = report.works_table(Program.TSAM, Dimension.REGION)
    gse = report.works_table(Program.GSE, Dimension.REGION)
    assert [len(tsam.rows), len(gse.rows)] == [10, 9]
    assert tsam.total.cecop == Decimal("144686398.45")
    assert gse.total.cecop == Decimal("144096967.18")


def test_gse_region_table_is_found_under_its_truncated_program_heading(
    cecop_document,
):
    gse = cecop_document.report().works_table(Program.GSE, Dimension.REGION)
    assert gse.title.endswith("Programa Gestión Emergente Transforma")
    assert gse.line == cecop_document.line_of("REGION ESTATAL DE DESARROLLO")


def test_region_keys_ignore_accents_printed_differently(cecop_document):
    report = cecop_document.report()
    tsam = report.works_table(Program.TSAM, Dimension.REGION).rows[-1]
    gse = report.works_table(Program.GSE, Dimension.REGION).rows[-1]
    assert (tsam.label, gse.label) == ("TRES RÍOS", "TRES RIOS")
    assert tsam.key == gse.key == "TRES RIOS"


def test_drought_table_keeps_municipality_as_printed_and_its_total(cecop_document):
    drought = cecop_document.report().drought
    assert len(drought.rows) == 12
    assert drought.rows[6].municipality == "NACUZARI"
    assert drought.rows[-1].amount == Decimal("2421774.72")
    assert drought.total == Decimal("5455116.86")
    assert drought.total_place.line == cecop_document.line_of("5,455,116.86")


def test_aid_by_concept_rows_and_total(cecop_document):
    aid = cecop_document.report().aid
    assert [row.number for row in aid.rows] == [1, 2, 3, 4, 5]
    assert aid.rows[3].amount == Decimal("29145680.00")
    assert aid.total == Decimal("111652157.57")
    assert aid.total_place.line == cecop_document.line_of("111,652,157.57")


def test_every_copy_of_the_indicator_results_is_read_with_its_place(cecop_document):
    tables = cecop_document.report().indicator_tables
    header = "Indicador\tLínea base 2021"
    assert [(table.id, table.line, len(table.rows)) for table in tables] == [
        ("indicator_results_1", cecop_document.line_of(header, 1), 4),
        ("indicator_results_2", cecop_document.line_of(header, 2), 3),
        ("indicator_results_3", cecop_document.line_of(header, 3), 1),
    ]


def test_full_copy_is_the_indicator_results(cecop_document):
    assert cecop_document.report().indicator_results.id == "indicator_results_1"


def test_indicator_percent_keeps_its_unit(cecop_document):
    row = cecop_document.report().indicator_results.rows[0]
    assert row.baseline is not None
    assert (row.baseline.value, row.baseline.unit) == (Decimal("90"), Unit.PERCENT)
    latest = row.result(2024)
    assert latest is not None
    assert (latest.value, latest.unit) == (Decimal("70.29"), Unit.PERCENT)


def test_indicator_results_hold_every_year_of_the_header(cecop_document):
    row = cecop_document.report().indicator_results.rows[3]
    assert row.baseline_year == 2021
    assert [(item.year, item.figure.value) for item in row.results if item.figure] == [
        (2022, Decimal("239")),
        (2023, Decimal("644")),
        (2024, Decimal("1076")),
    ]


def test_semaphore_summary_as_published(cecop_document):
    summary = cecop_document.report().semaphore_summary
    assert summary.counts() == {
        "indicators": 4,
        "with_advance": 4,
        "without_advance": 0,
        "equal": 0,
        "without_information": 0,
    }
    assert summary.place.line == cecop_document.line_of("Número de Indicadores") + 1


def test_four_cards_are_read_in_order(cecop_document):
    cards = cecop_document.report().cards
    assert [card.executing_unit for card in cards] == [
        "Dirección Apoyo Técnico",
        "Dirección general de concertación y apoyo técnico",
        "Dirección General de Organización Social",
        "Coordinación General",
    ]


def test_card_reads_every_field(cecop_document):
    card = cecop_document.report().cards[1]
    assert card.responsible_unit == "Consejo Estatal de Concertación de Obra Pública"
    assert card.indicator.endswith("Gestión Emergente Transforma Sonora")
    assert card.method.startswith("Número de obras ejecutadas de manera directa")
    assert (card.frequency, card.unit_of_measure) == ("Trimestral", "Obra")
    assert card.source == "Dirección general de Concertación y apoyo técnico del CECOP"
    texts = (card.objective, card.indicator_objective, card.description)
    assert all(texts + (card.additional_reference,))


def test_seed_card_reads_its_wording():
    card = seed_document().report().cards[1]
    assert card.objective.startswith("Fomentar la participación")
    assert card.indicator_objective.endswith("(GSE)")
    assert card.description.startswith("Ejecutar obra pública")
    assert card.additional_reference.startswith("Unidad de Medida Absoluta")


def test_card_direction_ascendente_is_ascending(cecop_document):
    cards = cecop_document.report().cards
    assert {card.direction for card in cards} == {Direction.ASCENDING}


def test_card_baseline_and_goal_keep_year_and_percent(cecop_document):
    card = cecop_document.report().cards[0]
    assert (card.baseline_year, card.baseline.value, card.baseline.unit) == (
        2021,
        Decimal("90"),
        Unit.PERCENT,
    )
    assert (card.goal_year, card.goal.value, card.goal.unit) == (
        2027,
        Decimal("70.29"),
        Unit.PERCENT,
    )
    assert card.figures_line == cecop_document.line_of("90%\t\t70.29%")


def test_aid_card_baseline_is_read_as_printed(cecop_document):
    card = cecop_document.report().cards[3]
    assert (card.baseline.value, card.goal.value) == (Decimal("160"), Decimal("1076"))


def claim_rows(report: CecopReport) -> list[tuple]:
    return [
        (
            claim.line,
            claim.subject.value,
            claim.quantity.value,
            "+".join(program.value for program in claim.programs),
            claim.subprograms,
            str(claim.figure),
            claim.decimals,
            claim.at_least,
            claim.approximate,
        )
        for claim in report.claims
    ]


TSAM, GSE, BOTH = "tsam", "gse", "tsam+gse"
PARKS, SPORTS = "PARQUES Y AREAS VERDES", "INSTALACIONES DEPORTIVAS"
SCHOOLS = "MEJORAMIENTO DE EDIFICIOS ESCOLARES"
PUBLIC = "MEJORAMIENTO DE EDIFICIOS PUBLICOS"
PAVING = "PAVIMENTACION"
WATER = ("AGUA POTABLE", "ALCANTARILLADO")
RECREATION = (SPORTS, PARKS, "MEJORAMIENTO AMBIENTAL")
SEED_CLAIMS = [
    (215, "works", "count", GSE, (), "44", 0, False, False),
    (215, "works", "amount", GSE, (), "144", 0, False, False),
    (215, "works", "beneficiaries", GSE, (), "1067715", 0, False, False),
    (217, "works", "amount", TSAM, (), "150", 0, False, False),
    (221, "aid", "count", "", (), "1076", 0, True, False),
    (221, "aid", "amount", "", (), "111.6", 1, False, False),
    (225, "works", "count", BOTH, (PARKS,), "100", 0, False, False),
    (225, "works", "amount", BOTH, (PARKS,), "54.6", 1, False, False),
    (225, "works", "count", BOTH, (PUBLIC,), "195", 0, False, False),
    (225, "works", "amount", BOTH, (PUBLIC,), "62", 0, False, False),
    (225, "works", "beneficiaries", BOTH, (PUBLIC,), "1000000", 0, False, True),
    (241, "works", "count", TSAM, (PARKS,), "93", 0, False, False),
    (241, "works", "amount", TSAM, (PARKS,), "22.5", 1, False, False),
    (241, "works", "beneficiaries", TSAM, (PARKS,), "96639", 0, False, False),
    (243, "works", "amount", TSAM, (SPORTS,), "18.1", 1, False, False),
    (243, "works", "beneficiaries", TSAM, (SPORTS,), "156247", 0, False, False),
    (255, "budget", "amount", "", (), "528628425.05", 2, False, False),
    (280, "works", "count", GSE, (), "44", 0, False, False),
    (280, "works", "amount", GSE, (), "144", 0, False, False),
    (294, "works", "count", TSAM, (), "612", 0, False, False),
    (294, "works", "amount", TSAM, (), "144.6", 1, False, False),
    (294, "works", "amount", TSAM, WATER, "6", 0, False, False),
    (294, "works", "amount", TSAM, (PAVING,), "16.3", 1, False, False),
    (294, "works", "amount", TSAM, (SCHOOLS,), "21.2", 1, False, False),
    (294, "works", "amount", TSAM, (PARKS,), "22.5", 1, False, False),
    (294, "works", "amount", TSAM, ("ALUMBRADO PUBLICO",), "3.8", 1, False, False),
    (294, "works", "amount", TSAM, (PUBLIC,), "43.9", 1, False, False),
    (294, "works", "amount", TSAM, ("ELECTRIFICACION",), "3.4", 1, False, False),
    (296, "committees", "count", "", (), "671", 0, False, False),
    (298, "works", "amount", TSAM, (), "150", 0, True, False),
    (300, "works", "count", GSE, (), "44", 0, False, False),
    (300, "works", "beneficiaries", GSE, (), "1500000", 0, True, False),
    (300, "works", "count", GSE, (SCHOOLS,), "10", 0, False, False),
    (300, "works", "amount", GSE, (SCHOOLS,), "27.5", 1, False, False),
    (300, "works", "count", GSE, (PARKS,), "7", 0, False, False),
    (300, "works", "amount", GSE, (PARKS,), "32.1", 1, False, False),
    (300, "works", "count", GSE, (SPORTS,), "13", 0, False, False),
    (300, "works", "amount", GSE, (SPORTS,), "45.8", 1, False, False),
    (300, "works", "count", GSE, (PUBLIC,), "7", 0, False, False),
    (300, "works", "amount", GSE, (PUBLIC,), "18", 0, False, False),
    (300, "works", "count", GSE, (PAVING,), "3", 0, False, False),
    (300, "works", "amount", GSE, (PAVING,), "12.9", 1, False, False),
    (302, "works", "count", BOTH, (SCHOOLS,), "90", 0, False, False),
    (302, "works", "amount", BOTH, (SCHOOLS,), "48.7", 1, False, False),
    (302, "works", "beneficiaries", BOTH, (SCHOOLS,), "50000", 0, True, False),
    (404, "works", "count", BOTH, RECREATION, "194", 0, False, False),
    (404, "works", "amount", BOTH, RECREATION, "119.3", 1, False, False),
    (404, "works", "beneficiaries", BOTH, RECREATION, "450000", 0, True, False),
    (406, "aid", "count", "", (), "1076", 0, False, False),
    (406, "aid", "amount", "", (), "111.6", 1, False, False),
    (408, "drought", "amount", "", (), "5.4", 1, False, False),
    (529, "committees", "count", "", (), "671", 0, False, False),
    (531, "works", "count", TSAM, (), "612", 0, False, False),
    (531, "works", "amount", TSAM, (), "144.6", 1, False, False),
    (533, "works", "count", GSE, (), "44", 0, False, False),
    (533, "works", "amount", GSE, (), "144", 0, False, False),
    (535, "aid", "count", "", (), "1076", 0, False, False),
    (535, "aid", "amount", "", (), "111.6", 1, False, False),
]  # fmt: skip


def test_prose_claims_of_the_seed_are_read_exactly():
    assert claim_rows(seed_document().report()) == SEED_CLAIMS


def test_the_demonstration_states_the_seeds_claims_in_its_own_lines():
    claims = claim_rows(demonstration_document().report())
    assert [claim[1:] for claim in claims] == [claim[1:] for claim in SEED_CLAIMS]


def tsam_total_amount(report: CecopReport):
    return next(
        c
        for c in report.claims
        if (c.quantity, c.programs, c.subprograms, c.figure)
        == (Quantity.AMOUNT, (Program.TSAM,), (), Decimal("144.6"))
    )


def test_prose_amount_keeps_its_precision_in_millions(cecop_document):
    claim = tsam_total_amount(cecop_document.report())
    assert (claim.figure, claim.decimals) == (Decimal("144.6"), 1)


def test_mas_de_marks_a_claim_as_at_least(cecop_document):
    claims = cecop_document.report().claims
    claim = next(c for c in claims if c.figure == Decimal("1500000"))
    assert claim.at_least
    assert claim.programs == (Program.GSE,)


def test_claims_whose_scope_the_words_do_not_tell_carry_both_columns(cecop_document):
    # "$150 mdp" released and "más de 150 mdp" invested in concerted works:
    # the state's part or the three parties' total, the words do not say.
    claims = [c for c in cecop_document.report().claims if c.figure == Decimal("150")]
    assert [(c.at_least, c.columns) for c in claims] == [
        (False, ("cecop", "total")),
        (True, ("cecop", "total")),
    ]


def test_sentences_stating_money_in_words_not_recognised_are_listed(cecop_document):
    unread = cecop_document.report().unread_sentences
    paving = next(u for u in unread if "6.1 mdp" in " ".join(u.figures))
    assert paving.line == cecop_document.line_of("6.1 mdp")
    assert paving.figures == ("$6.1 mdp",)
    # Read sentences are not listed: the 612 works and 144.6 mdp.
    assert all(u.line != cecop_document.line_of("144.6 mdp para 612") for u in unread)


def test_seed_sentences_stating_money_unread_are_its_thirty():
    unread = seed_document().report().unread_sentences
    assert len(unread) == 30
    first = next(u for u in unread if u.line == 282)
    assert first.text.startswith("Pavimentación con concreto hidráulico de vado")


def test_a_sentence_worded_anew_is_listed_instead_of_dropped(cecop_document):
    line = cecop_document.line_of("invirtió 144.6 mdp para 612 obras")
    text = cecop_document.edited(
        "invirtió 144.6 mdp para 612 obras", "destinó 144.6 mdp a 612 obras"
    )
    report = parse_report(text, source_name=SOURCE)
    assert all(claim.line != line for claim in report.claims)
    figures = [f for u in report.unread_sentences if u.line == line for f in u.figures]
    assert figures[:2] == ["144.6 mdp", "$6 mdp"]
    assert "$16.3 mdp" in figures


def test_committees_claim_is_not_tied_to_a_program(cecop_document):
    claims = [
        c for c in cecop_document.report().claims if c.subject == Subject.COMMITTEES
    ]
    assert [(c.figure, c.programs) for c in claims] == [
        (Decimal("671"), ()),
        (Decimal("671"), ()),
    ]


def test_tables_are_found_by_heading_not_by_line_number(cecop_document):
    text = "Nota previa\n\n\n" + cecop_document.text
    report = parse_report(text, source_name=SOURCE)
    table = report.works_table(Program.TSAM, Dimension.SUBPROGRAM)
    assert table.total.cecop == Decimal("144686398.45")
    assert table.total.place.line == cecop_document.line_of("Total\t612\t") + 3


def test_another_year_of_the_same_layout_is_read(cecop_document):
    text = cecop_document.text.replace("2024", "2025")
    report = parse_report(text, source_name="cecop-2025.txt")
    assert report.year == 2025
    latest = report.indicator_results.rows[0].latest()
    assert latest is not None
    assert latest.year == 2025


def test_unrelated_text_is_refused_as_not_a_cecop_report():
    error = parse_error("Acta de la sesión ordinaria\n\nOrden del día\t1\t2\n")
    assert "not a CECOP annual results report" in str(error)
    assert error.file == SOURCE


def test_results_report_of_another_agency_is_refused():
    error = parse_error("SECRETARÍA DE SALUD\n\nINFORME ANUAL DE RESULTADOS\n\n2024\n")
    assert "not a CECOP annual results report" in str(error)


def test_missing_total_row_names_table_and_row(cecop_document):
    table = cecop_document.report().works_table(Program.GSE, Dimension.SUBPROGRAM)
    error = parse_error(cecop_document.without_line(table.total.place.line))
    assert (error.table, error.row, error.field) == ("gse_by_subprogram", 10, "Total")
    assert "without its Total row" in str(error)


def test_malformed_amount_names_table_row_field_and_line(cecop_document):
    error = parse_error(cecop_document.edited("18,175,770.52", "1,2a3.00"))
    assert (error.table, error.row, error.field, error.line) == (
        "tsam_by_subprogram",
        3,
        "cecop",
        cecop_document.line_of("18,175,770.52"),
    )
    assert "1,2a3.00" in str(error)
    assert "INSTALACIONES DEPORTIVAS" in str(error)


def test_row_with_a_missing_column_names_table_and_row(cecop_document):
    row = "PUERTO\t62\t18,564,731.99\t"
    error = parse_error(cecop_document.edited(row, "PUERTO\t62\t"))
    assert (error.table, error.row, error.line) == (
        "tsam_by_region",
        6,
        cecop_document.line_of(row),
    )
    assert "has 6 cells" in str(error)


def test_malformed_drought_amount_is_refused(cecop_document):
    error = parse_error(cecop_document.edited("150,000.00", "150.000,00"))
    assert (error.table, error.row, error.field) == ("drought_aid", 5, "amount")


def test_drought_table_without_its_total_line_is_refused(cecop_document):
    total = cecop_document.report().drought.total_place.line
    error = parse_error(cecop_document.without_line(total))
    assert (error.table, error.row) == ("drought_aid", 13)


def test_aid_table_without_its_total_row_is_refused(cecop_document):
    error = parse_error(cecop_document.edited("Total\t\t111,652,157.57\n", ""))
    assert (error.table, error.row) == ("aid_by_concept", 6)


def test_malformed_indicator_result_is_refused(cecop_document):
    error = parse_error(cecop_document.edited("\t70.29%\tPOA", "\t70,29%\tPOA"))
    assert (error.table, error.row, error.field) == (
        "indicator_results_1",
        1,
        "result 2024",
    )


def test_card_with_an_unknown_direction_is_refused(cecop_document):
    error = parse_error(cecop_document.edited("Ascendente", "Lateral", occurrence=3))
    assert (error.table, error.field, error.line) == (
        "indicator_card_3",
        "direction",
        cecop_document.line_of("Ascendente", occurrence=3),
    )


def test_card_without_its_figures_is_refused(cecop_document):
    error = parse_error(cecop_document.edited("160\t\t1,076\t\n", ""))
    assert (error.table, error.field) == ("indicator_card_4", "baseline")


def test_truncated_file_is_refused_naming_the_missing_table(cecop_document):
    text = cecop_document.text
    error = parse_error(text[: text.index("AYUDAS PRIORITARIAS")])
    assert "drought_aid" in str(error)


def test_card_without_an_additional_reference_line_is_read(cecop_document):
    text = cecop_document.edited("REFERENCIA ADICIONAL\t\t\t\n", "")
    assert parse_report(text, source_name=SOURCE).cards[0].additional_reference == ""


def test_card_without_a_method_is_refused(cecop_document):
    error = parse_error(cecop_document.edited("METODO DE CALCULO", "NOTA", 2))
    assert (error.table, error.field) == ("indicator_card_2", "method")


def test_malformed_prose_figure_is_refused_with_its_line(cecop_document):
    error = parse_error(
        cecop_document.edited("invirtió 144.6 mdp", "invirtió 1,44.6 mdp")
    )
    assert (error.table, error.line) == (
        "prose",
        cecop_document.line_of("invirtió 144.6 mdp"),
    )


def test_missing_works_table_is_refused(cecop_document):
    error = parse_error(cecop_document.edited("REGION ESTATAL DE DESARROLLO", "ZONA"))
    assert "program gse by region, found 0" in str(error)


def test_tables_the_seed_prints_that_the_reader_does_not_take_in_are_listed():
    unread = [
        (table.first_line, table.last_line, table.heading)
        for table in seed_document().report().not_read
    ]
    assert unread == [
        (193, 195, "Plan Nacional de Desarrollo 2019-2024 Objetivos"),
        (199, 201, "Eje de Trabajo del PED 2021-2027"),
        (489, 497, GOBIERNO_DIGITAL),
        (503, 521, GOBIERNO_DIGITAL),
    ]


def test_the_demonstrations_table_the_reader_does_not_take_in_is_listed():
    document = demonstration_document()
    unread = [
        (table.first_line, table.last_line, table.heading)
        for table in document.report().not_read
    ]
    first = document.line_of("PROGRAMA\tACCIÓN\tEDADES")
    assert unread == [(first, first + 7, "PROGRAMA")]


def test_a_table_added_to_the_document_is_listed_as_not_read(
    cecop_document: CecopDocument,
):
    text = cecop_document.edited(
        "VIII. PROGRAMAS ESPECIALES",
        "Tabla nueva\tMonto\nA\t1\n\nVIII. PROGRAMAS ESPECIALES",
    )
    unread = parse_report(text, source_name=SOURCE).not_read
    added = cecop_document.line_of("VIII. PROGRAMAS ESPECIALES")
    assert ("Tabla nueva", added) in [(t.heading, t.first_line) for t in unread]
    assert len(unread) == len(cecop_document.report().not_read) + 1
