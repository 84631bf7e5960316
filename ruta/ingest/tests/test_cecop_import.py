"""Importing the CECOP 2024 annual report, checked with the document's own figures.

The report imported is its demonstration (``testkit.cecop``), which prints
the original's tables, cards and contradictions, so these tests run without
the seed; what only the original prints (its own lines, the sentences and
tables it words its own way) is checked on the seed. How the loader refuses
bad input and who may import are tested on the project's own rendered
report (``test_fixture_imports``).
"""

import hashlib
from decimal import Decimal

import pytest
from pghistory.models import Events

from ruta.indicators.models import Computation, IndicatorCard, IndicatorResult
from ruta.ingest.cecop import Dimension, Program
from ruta.ingest.loaders.cecop import cecop_report_import
from ruta.sources.findings import DocumentError
from ruta.sources.models import DocumentFinding, PublishedRow, SourceDocument
from ruta.sources.services import ImportStatus
from ruta.works.models import EmergencyAction
from testkit.actors import TEST_ACTOR
from testkit.cecop import (
    CECOP_DEMONSTRATION,
    demonstration_document,
    edited_demonstration,
)

SEED_TABLE_ROWS = {
    "tsam_by_subprogram": 14,
    "gse_by_subprogram": 10,
    "tsam_by_region": 11,
    "gse_by_region": 10,
    "drought_aid": 13,
    "aid_by_concept": 6,
    "indicator_results_1": 4,
    "indicator_results_2": 3,
    "indicator_results_3": 1,
    "semaphore_summary": 1,
    "indicator_card_1": 1,
    "indicator_card_2": 1,
    "indicator_card_3": 1,
    "indicator_card_4": 1,
}

TRACKED_EVENTS = (
    "sources.SourceDocumentEvent",
    "indicators.IndicatorCardEvent",
    "indicators.IndicatorResultEvent",
    "works.EmergencyActionEvent",
)

SEED_FINDING_CODES = [
    "prose_scope_unstated",
    "prose_figure_mismatch",
    "prose_unit_slip",
    "prose_scope_unstated",
    "prose_figure_mismatch",
    "prose_figure_mismatch",
    "prose_figure_mismatch",
    "indicator_baseline_mismatch",
    "semaphore_summary_mismatch",
    "indicator_result_mismatch",
    "indicator_result_mismatch",
]


def stored_counts() -> dict[str, int]:
    """Return how many rows each table the import writes holds."""
    return {
        "documents": SourceDocument.objects.count(),
        "rows": PublishedRow.objects.count(),
        "findings": DocumentFinding.objects.count(),
        "cards": IndicatorCard.objects.count(),
        "results": IndicatorResult.objects.count(),
        "emergency_actions": EmergencyAction.objects.count(),
        "events": Events.objects.across(*TRACKED_EVENTS).count(),
    }


NOTHING = {
    "documents": 0,
    "rows": 0,
    "findings": 0,
    "cards": 0,
    "results": 0,
    "emergency_actions": 0,
}


def written(counts: dict[str, int]) -> dict[str, int]:
    return {name: count for name, count in counts.items() if name != "events"}


def test_import_records_the_document_with_its_hash_agency_and_year(
    imported_demonstration, demonstration_file
):
    document = imported_demonstration.document
    assert imported_demonstration.status == ImportStatus.IMPORTED
    assert document.name == CECOP_DEMONSTRATION.file_name
    sha256 = hashlib.sha256(demonstration_file.read_bytes()).hexdigest()
    assert document.sha256 == sha256
    assert (document.agency.acronym, document.fiscal_year_id) == ("CECOP", 2024)


def test_import_writes_every_row_of_every_table(imported_demonstration):
    rows = PublishedRow.objects.filter(document=imported_demonstration.document)
    counted = {table: rows.filter(table_id=table).count() for table in SEED_TABLE_ROWS}
    assert counted == SEED_TABLE_ROWS
    assert rows.count() == 77


def test_published_row_keeps_its_figures_and_place(imported_demonstration):
    row = PublishedRow.objects.get(table_id="tsam_by_subprogram", row_number=1)
    assert (row.label, row.line, row.program, row.dimension) == (
        "PAVIMENTACIÓN",
        demonstration_document().line_of("PAVIMENTACIÓN\t55\t"),
        "tsam",
        "subprogram",
    )
    assert row.values == {
        "works": 55,
        "total": "19934628.64",
        "cecop": "16383794.36",
        "municipality": "2117994.82",
        "community": "1432839.46",
        "beneficiaries": 61383,
    }


def test_total_rows_are_marked_as_totals(imported_demonstration):
    total = PublishedRow.objects.get(table_id="gse_by_region", is_total=True)
    report = demonstration_document().report()
    line = report.works_table(Program.GSE, Dimension.REGION).total.place.line
    assert (total.label, total.row_number, total.line) == ("TOTALES", 10, line)
    assert total.values == {
        "works": 44,
        "cecop": "144096967.18",
        "beneficiaries": 1067715,
    }


def test_import_stores_the_eleven_findings_the_report_prints(imported_demonstration):
    findings = DocumentFinding.objects.filter(document=imported_demonstration.document)
    assert [finding.code for finding in findings] == SEED_FINDING_CODES
    baseline = findings.get(code="indicator_baseline_mismatch")
    report = demonstration_document().report()
    aid, card = report.indicator_results.rows[3], report.cards[3]
    assert baseline.where == (
        f"{aid.place.describe()}; line {card.figures_line} (indicator_card_4)"
    )
    assert (baseline.values["results_table"], baseline.values["card"]) == (
        "230",
        "160",
    )


def test_import_records_the_tables_it_does_not_read(imported_demonstration):
    not_read = imported_demonstration.document.summary["not_read"]
    tables = [part["lines"] for part in not_read if part["kind"] == "table"]
    first = demonstration_document().line_of("PROGRAMA\tACCIÓN")
    assert tables == [[first, first + 7]]
    sentences = [part for part in not_read if part["kind"] == "sentence"]
    assert len(sentences) == 9
    assert sentences[0]["figures"] == ["59.9 mdp"]


def test_import_records_the_tables_the_seed_prints_that_it_does_not_read(
    imported_seed,
):
    not_read = imported_seed.document.summary["not_read"]
    tables = [part["lines"] for part in not_read if part["kind"] == "table"]
    assert tables == [[193, 195], [199, 201], [489, 497], [503, 521]]
    sentences = [part for part in not_read if part["kind"] == "sentence"]
    assert len(sentences) == 30
    assert sentences[0]["figures"] == ["1.500 millones de pesos"]


def test_import_creates_the_four_cards_with_their_configured_methods(
    imported_demonstration,
):
    cards = IndicatorCard.objects.order_by("source_line")
    assert [(card.computation, card.population) for card in cards] == [
        (Computation.RELEASED_PER_APPROVED, "concerted"),
        (Computation.REALIZED_WORKS_COUNT, "direct"),
        (Computation.COMMITTEES_PER_WORKS, ""),
        (Computation.AID_COUNT, ""),
    ]
    aid = cards.last()
    assert (aid.baseline_year, aid.baseline_value) == (2021, Decimal("160"))
    assert (aid.goal_year, aid.goal_value, aid.value_unit) == (
        2027,
        Decimal("1076"),
        "number",
    )
    assert aid.executing_unit == "Coordinación General"


def test_import_records_each_published_result_with_its_place(imported_demonstration):
    report = demonstration_document().report()
    card, row = report.cards[2], report.indicator_results.rows[2]
    results = IndicatorResult.objects.filter(card__source_line=card.place.line)
    assert [(r.year, r.value) for r in results] == [
        (2021, Decimal("90")),  # the table's baseline column
        (2022, Decimal("375.45")),
        (2023, Decimal("101.5")),
        (2024, Decimal("87")),
    ]
    latest = results.get(year=2024)
    assert (latest.source_table, latest.source_row, latest.source_line) == (
        "indicator_results_1",
        3,
        row.place.line,
    )
    assert latest.document == imported_demonstration.document


def test_drought_rows_become_emergency_actions_of_catalog_municipalities(
    imported_demonstration,
):
    actions = EmergencyAction.objects.filter(
        source_document=imported_demonstration.document
    )
    assert actions.count() == 12
    mapped = {
        action.municipality_as_printed: action.municipality_id for action in actions
    }
    assert mapped["ROSARIO TESOPACO"] == "26051"
    assert mapped["NACUZARI"] == "26041"
    assert mapped["BANAMICHI"] == "26013"
    assert mapped["SAN FELIPE DE JESUS"] == "26053"
    assert sum(action.amount for action in actions) == Decimal("5455116.86")


def test_emergency_action_keeps_declaration_row_and_line(imported_demonstration):
    action = EmergencyAction.objects.get(municipality_as_printed="SUAQUI GRANDE")
    assert action.declaration == "Declaratoria de Estado de Emergencia Hídrica 2024"
    assert (action.source_row, action.source_line, action.amount) == (
        12,
        demonstration_document().line_of("\tSUAQUI GRANDE\t"),
        Decimal("2421774.72"),
    )


def test_importing_the_same_file_again_changes_nothing(
    imported_demonstration, demonstration_file
):
    before = stored_counts()
    again = cecop_report_import(path=demonstration_file, actor=TEST_ACTOR)
    assert again.status == ImportStatus.ALREADY_IMPORTED
    assert again.document == imported_demonstration.document
    assert len(again.findings) == 11
    assert stored_counts() == before


def test_import_history_names_the_command_and_the_document(imported_demonstration):
    sha = imported_demonstration.document.sha256
    events = Events.objects.filter(pgh_label="insert").across(
        "indicators.IndicatorCardEvent"
    )
    assert events.count() == 4
    assert {event.pgh_context["document"] for event in events} == {sha}
    assert {event.pgh_context["command"] for event in events} == {"ingest cecop-report"}


def test_text_that_is_not_utf8_writes_nothing(catalog, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("INFORME ANUAL DE RESULTADOS, Concertación".encode("latin-1"))
    with pytest.raises(DocumentError, match="not UTF-8"):
        cecop_report_import(path=path, actor=TEST_ACTOR)
    assert written(stored_counts()) == NOTHING


def test_the_publisher_is_the_agency_and_state_the_title_names(
    imported_demonstration,
):
    agency = imported_demonstration.document.agency
    assert (agency.code, agency.state.name) == ("sonora-cecop", "Sonora")


def test_a_publisher_of_another_state_is_not_taken_for_the_catalog_one(
    catalog, write_report
):
    # Every line above the title names Sinaloa: the document's mark as well.
    text = edited_demonstration("GOBIERNO DE SONORA", "GOBIERNO DE SINALOA")
    text = text.replace("CECOP (Sonora)", "CECOP (Sinaloa)", 1)
    with pytest.raises(DocumentError) as caught:
        cecop_report_import(path=write_report(text), actor=TEST_ACTOR)
    assert " GOBIERNO DE SINALOA CONSEJO ESTATAL DE CONCERTACION" in str(caught.value)
    assert "field 'publisher'" in str(caught.value)
    assert written(stored_counts()) == NOTHING


def test_dry_run_reads_and_checks_but_writes_nothing(catalog, demonstration_file):
    result = cecop_report_import(
        path=demonstration_file, dry_run=True, actor=TEST_ACTOR
    )
    assert result.status == ImportStatus.DRY_RUN
    assert (result.rows, len(result.findings)) == (77, 11)
    assert written(stored_counts()) == NOTHING


def test_a_corrected_report_updates_results_and_replaces_emergency_actions(
    imported_demonstration, demonstration_file, write_report
):
    corrected = edited_demonstration("CUMPAS\t150,000.00", "CUMPAS\t160,000.00")
    corrected = corrected.replace("\t87%\tPOA CECOP", "\t88%\tPOA CECOP")
    result = cecop_report_import(path=write_report(corrected), actor=TEST_ACTOR)
    assert result.status == ImportStatus.IMPORTED
    actions = EmergencyAction.objects.all()
    assert {action.source_document for action in actions} == {result.document}
    assert actions.get(municipality_as_printed="CUMPAS").amount == Decimal("160000")
    card_line = demonstration_document().report().cards[2].place.line
    committees = IndicatorResult.objects.get(card__source_line=card_line, year=2024)
    assert (committees.value, committees.document) == (Decimal("88"), result.document)
    assert IndicatorCard.objects.count() == 4
    again = cecop_report_import(path=demonstration_file, actor=TEST_ACTOR)
    assert again.status == ImportStatus.ALREADY_IMPORTED
    committees.refresh_from_db()
    assert committees.document == result.document  # nothing changed
    assert "was imported after this one" in again.notes[0]
