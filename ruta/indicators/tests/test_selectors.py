"""The semáforo and its summary, derived from the imported CECOP 2024 report.

The report imported is its demonstration (``testkit.cecop``), which prints the
original's indicators, results and cards.
"""

import importlib
from decimal import Decimal

import pgtrigger
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from ruta.catalog.models import Agency
from ruta.indicators.models import DirectionChoice, IndicatorResult
from ruta.indicators.rules import Semaphore, judged_baseline
from ruta.indicators.selectors import card_view, card_views, summary
from testkit.cecop import demonstration_document
from testkit.factories.indicators import IndicatorCardFactory, IndicatorResultFactory


def cecop() -> Agency:
    return Agency.objects.get(code="sonora-cecop")


def test_each_indicator_gets_its_semaphore_for_2024(imported_demonstration):
    views = card_views(cecop(), 2024)
    cards = [card.place.line for card in demonstration_document().report().cards]
    assert [(view.card.source_line, view.semaphore) for view in views] == [
        (cards[0], Semaphore.RED),  # 70.29% against 90%
        (cards[1], Semaphore.GREEN),  # 43 works against 28
        (cards[2], Semaphore.RED),  # 87% against 90%
        (cards[3], Semaphore.GREEN),  # 1,076 aids against 230 (the card: 160)
    ]


def test_summary_for_2024_counts_two_advances_and_two_setbacks(
    imported_demonstration,
):
    assert summary(card_views(cecop(), 2024)) == {
        "indicators": 4,
        "with_advance": 2,
        "without_advance": 2,
        "equal": 0,
        "without_information": 0,
    }


def test_as_of_2023_all_four_indicators_had_advanced(imported_demonstration):
    assert summary(card_views(cecop(), 2023))["with_advance"] == 4


def test_semaphore_has_a_text_label(imported_demonstration):
    labels = [view.semaphore_label for view in card_views(cecop(), 2024)]
    assert labels == ["Retroceso", "Avance", "Retroceso", "Avance"]


def test_card_without_results_is_grey(db):
    view = card_view(IndicatorCardFactory(), 2024)
    assert view.semaphore == Semaphore.GREY
    assert view.latest is None


def test_equal_to_baseline_is_yellow(db):
    result = IndicatorResultFactory(value=Decimal("90"))
    assert card_view(result.card, 2024).semaphore == Semaphore.YELLOW


def test_lower_figure_is_an_advance_for_a_descending_indicator(db):
    card = IndicatorCardFactory(direction=DirectionChoice.DESCENDING)
    IndicatorResultFactory(card=card, value=Decimal("70.29"))
    assert card_view(card, 2024).semaphore == Semaphore.GREEN


def test_latest_year_with_a_figure_decides_the_semaphore(db):
    card = IndicatorCardFactory()
    IndicatorResultFactory(card=card, year=2023, value=Decimal("101.5"))
    view = card_view(card, 2024)
    assert (view.latest.year, view.semaphore) == (2023, Semaphore.GREEN)
    assert [item.year for item in view.years] == [2022, 2023, 2024]


def test_the_results_table_baseline_rules_and_the_card_stands_in_when_blank():
    assert judged_baseline(Decimal("230"), Decimal("160")) == Decimal("230")
    assert judged_baseline(Decimal("0"), Decimal("160")) == Decimal("0")
    assert judged_baseline(None, Decimal("160")) == Decimal("160")


def test_a_printed_baseline_of_zero_is_judged_against(db):
    card = IndicatorCardFactory(baseline_year=2021, baseline_value=Decimal("5"))
    IndicatorResultFactory(card=card, year=2021, value=Decimal("0"))
    IndicatorResultFactory(card=card, year=2024, value=Decimal("0"))
    view = card_view(card, 2024)
    assert view.baseline == Decimal("0")
    assert view.semaphore == Semaphore.YELLOW


def test_reports_imported_before_baselines_were_kept_get_them_from_their_rows(
    imported_demonstration,
):
    migration = importlib.import_module(
        "ruta.indicators.migrations.0002_results_table_baselines"
    )
    # Before that migration no result was kept: the owner lifts the rule.
    with (
        pgtrigger.ignore("indicators.IndicatorResult:indicator_result_kept"),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM indicators_indicatorresult WHERE year = 2021")
    # The models as the migration knew them (documents were ``ingest``'s then).
    state = MigrationLoader(connection).project_state(
        ("indicators", "0002_results_table_baselines"), at_end=True
    )
    migration.baselines_from_published_rows(state.apps, None)
    restored = IndicatorResult.objects.filter(year=2021).order_by("source_line")
    rows = demonstration_document().report().indicator_results.rows
    assert [(r.value, r.source_line) for r in restored] == [
        (Decimal("90"), rows[0].place.line),
        (Decimal("28"), rows[1].place.line),
        (Decimal("90"), rows[2].place.line),
        (Decimal("230"), rows[3].place.line),
    ]
