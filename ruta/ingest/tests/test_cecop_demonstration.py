"""The demonstration of the CECOP 2024 report reads as the report does.

The demonstration (``ruta.demo.documents.cecop_published``) stands for the
original in a clone without it: these tests read it always and assert what
the reader takes from it; with the seed beside the checkout, they check
that it prints the original's tables, cards, claims and contradictions, in
the project's own words.
"""

import re
from decimal import Decimal

from ruta.demo.documents.cecop_published import published_report, render_published
from ruta.demo.documents.demonstration import MARK, demonstration_mark
from ruta.ingest.cecop import CecopReport, check_report
from ruta.ingest.cecop.rows import report_rows
from testkit.cecop import (
    CECOP_DEMONSTRATION,
    CecopDocument,
    demonstration_document,
    seed_document,
)

LINES = re.compile(r"\blines? \d+(?:–\d+)?")
# What each card says in words of its own: the demonstration rewords it.
CARD_WORDING = {
    "objective",
    "indicator_objective",
    "description",
    "additional_reference",
    "figures_line",
}

TSAM_TOTAL = (612, Decimal("188077805.06"), Decimal("144686398.45"), 593_071)
GSE_TOTAL = (44, None, Decimal("144096967.18"), 1_067_715)
TABLES = [
    # table, rows read (the Total row's included), the Total row's figures
    ("tsam_by_subprogram", 14, TSAM_TOTAL),
    ("gse_by_subprogram", 10, GSE_TOTAL),
    ("tsam_by_region", 11, TSAM_TOTAL),
    ("gse_by_region", 10, GSE_TOTAL),
]
INDICATORS = [
    # the results table's rows as printed: name, baseline, results 2022–2024
    (
        "Porcentaje en el cumplimiento de proyectos de obra realizados en "
        "concertación con los 72 Ayuntamientos del Estado",
        "90%",
        ("367%", "100%", "70.29%"),
    ),
    (
        "Ejecutar obra pública concertada de manera directa por el CECOP del "
        "programa Gestión Emergente Transforma Sonora",
        "28",
        ("93", "77", "43"),
    ),
    (
        "Porcentaje en la Conformación de comités ciudadanos de la Transformación",
        "90%",
        ("375.45%", "101.5%", "87%"),
    ),
    ("Otorgamiento de Ayudas Sociales Diversas", "230", ("239", "644", "1,076")),
]
CARDS = [
    # executing unit, method, unit of measure, baseline, goal
    (
        "Dirección Apoyo Técnico",
        "Total, de obras liberadas /total de obras aprobadas *100",
        "Porcentaje de obras liberadas",
        "90%",
        (2027, "70.29%"),
    ),
    (
        "Dirección general de concertación y apoyo técnico",
        "Número de obras ejecutadas de manera directa por el CECOP a través de "
        "terceros del Programa Gestión",
        "Obra",
        "28",
        (2027, "43"),
    ),
    (
        "Dirección General de Organización Social",
        "Número de comités / total de obras *100",
        "Porcentaje",
        "90%",
        (2027, "87%"),
    ),
    (
        "Coordinación General",
        "Número total de ayudas sociales diversas otorgadas, incluyendo el "
        "enfoque perspectiva de género",
        "Solicitud",
        "160",
        (2027, "1,076"),
    ),
]
# The original's contradictions, where they stand (lines apart).
FINDINGS = [
    ("prose_scope_unstated", "line (prose); line (tsam_by_subprogram, row 14)"),
    (
        "prose_figure_mismatch",
        "line (prose); line (tsam_by_subprogram, row 7); "
        "line (gse_by_subprogram, row 5)",
    ),
    ("prose_unit_slip", "line (prose)"),
    ("prose_scope_unstated", "line (prose); line (tsam_by_subprogram, row 14)"),
    ("prose_figure_mismatch", "line (prose); line (gse_by_subprogram, row 10)"),
    (
        "prose_figure_mismatch",
        "line (prose); line (tsam_by_subprogram, row 2); "
        "line (gse_by_subprogram, row 2)",
    ),
    (
        "prose_figure_mismatch",
        "line (prose); line (tsam_by_subprogram, row 3); "
        "line (tsam_by_subprogram, row 7); line (tsam_by_subprogram, row 8); "
        "line (gse_by_subprogram, row 3); line (gse_by_subprogram, row 5)",
    ),
    (
        "indicator_baseline_mismatch",
        "line (indicator_results_1, row 4); line (indicator_card_4)",
    ),
    (
        "semaphore_summary_mismatch",
        "line (semaphore_summary, row 1); line (indicator_results_1, rows 1–4)",
    ),
    (
        "indicator_result_mismatch",
        "line (indicator_results_1, row 2); line (gse_by_subprogram, row 10)",
    ),
    (
        "indicator_result_mismatch",
        "line (indicator_results_1, row 3); line (prose); "
        "line (tsam_by_subprogram, row 14); line (gse_by_subprogram, row 10)",
    ),
]


def places(where: str) -> str:
    return LINES.sub("line", where)


def findings(document: CecopDocument) -> list[tuple]:
    """Return each finding's code, places and values, lines apart."""
    return [
        (
            f.code,
            places(f.where),
            {name: value for name, value in f.values.items() if name != "line"},
        )
        for f in check_report(document.report())
    ]


def rows(report: CecopReport) -> list[tuple]:
    """Return every row the import keeps, lines and the cards' wording apart."""
    return [
        (
            row.table_id,
            row.title,
            row.row_number,
            row.label,
            row.is_total,
            row.program,
            row.dimension,
            {
                name: value
                for name, value in row.values.items()
                if not (
                    row.table_id.startswith("indicator_card") and name in CARD_WORDING
                )
            },
        )
        for row in report_rows(report)
    ]


def claims(report: CecopReport) -> list[tuple]:
    return [
        (c.subject, c.quantity, c.programs, c.subprograms, c.figure, c.decimals)
        + (c.at_least, c.approximate, c.columns)
        for c in report.claims
    ]


def test_the_demonstration_is_the_published_report_under_its_mark():
    text = CECOP_DEMONSTRATION.text()
    assert text.startswith(MARK)
    mark = demonstration_mark(CECOP_DEMONSTRATION.original)
    assert text == mark + render_published(published_report())


def test_the_demonstration_reads_the_reports_works_tables():
    report = demonstration_document().report()
    records = [record.table_id for record in report_rows(report)]
    read = [
        (
            table.id,
            records.count(table.id),
            (table.total.works, table.total.total, table.total.cecop)
            + (table.total.beneficiaries,),
        )
        for table in report.works_tables
    ]
    assert read == TABLES


def test_the_demonstration_reads_the_aid_tables_and_the_semaphore_summary():
    report = demonstration_document().report()
    assert (len(report.drought.rows), report.drought.total) == (
        12,
        Decimal("5455116.86"),
    )
    assert (len(report.aid.rows), report.aid.total) == (5, Decimal("111652157.57"))
    assert report.semaphore_summary.counts() == {
        "indicators": 4,
        "with_advance": 4,
        "without_advance": 0,
        "equal": 0,
        "without_information": 0,
    }


def test_the_demonstration_prints_three_copies_of_the_indicator_results():
    tables = demonstration_document().report().indicator_tables
    printed = [
        [
            (row.name, row.baseline.text, tuple(r.figure.text for r in row.results))
            for row in table.rows
        ]
        for table in tables
    ]
    assert printed == [INDICATORS, INDICATORS[:3], INDICATORS[3:]]


def test_the_demonstration_reads_the_four_cards():
    cards = demonstration_document().report().cards
    assert [
        (card.executing_unit, card.method, card.unit_of_measure)
        + (card.baseline.text, (card.goal_year, card.goal.text))
        for card in cards
    ] == CARDS


def test_the_demonstration_has_the_reports_contradictions():
    found = findings(demonstration_document())
    assert [(code, where) for code, where, _values in found] == FINDINGS


def test_the_demonstration_lists_what_it_prints_that_the_reader_does_not_take():
    report = demonstration_document().report()
    assert [table.heading for table in report.not_read] == ["PROGRAMA"]
    assert [u.figures for u in report.unread_sentences][:3] == [
        ("59.9 mdp",),
        ("10.2 mdp",),
        ("$6.1 mdp",),
    ]


# ---------------------------------------------------------------- the seed


def test_the_demonstration_prints_the_seeds_rows():
    assert rows(demonstration_document().report()) == rows(seed_document().report())


def test_the_demonstration_states_the_seeds_claims():
    demonstration = claims(demonstration_document().report())
    assert demonstration == claims(seed_document().report())


def test_the_demonstration_has_the_seeds_findings_at_the_same_tables_and_rows():
    assert findings(demonstration_document()) == findings(seed_document())


def test_the_demonstration_words_its_prose_its_own_way():
    seed = {line.strip() for line in seed_document().text.split("\n")}
    prose = [
        line
        for line in demonstration_document().text.split("\n")
        if "\t" not in line and len(line) > 80
    ]
    assert prose
    assert [line for line in prose if line in seed] == []
