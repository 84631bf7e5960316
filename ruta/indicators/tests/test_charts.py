"""An indicator's trend chart: baseline, results and goal on one scale."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from ruta.indicators.charts import HEIGHT, LEFT, TOP, WIDTH, trend_chart
from ruta.indicators.selectors import card_view
from testkit.factories.indicators import IndicatorCardFactory, IndicatorResultFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def card():
    card = IndicatorCardFactory(baseline_value=Decimal("90"), goal_value=Decimal("87"))
    IndicatorResultFactory(card=card, year=2023, value=Decimal("60"))
    IndicatorResultFactory(card=card, year=2024, value=Decimal("95"))
    return card


def test_the_line_runs_from_the_baseline_through_each_result(card):
    chart = trend_chart(card_view(card))
    assert [(p.kind, p.year, p.value) for p in chart.points] == [
        ("baseline", 2021, Decimal("90")),
        ("result", 2023, Decimal("60")),
        ("result", 2024, Decimal("95")),
    ]
    assert (chart.goal.year, chart.goal.value) == (2027, Decimal("87"))


def test_years_and_values_take_the_whole_plot(card):
    chart = trend_chart(card_view(card))
    assert chart.points[0].x == LEFT  # 2021, the first year
    assert chart.goal.x == WIDTH - 16  # 2027, the last year at the right edge
    assert chart.y_ticks[0] == (Decimal(0), HEIGHT - 28)  # drawn from zero
    highest = min(point.y for point in chart.points)
    assert highest > TOP  # head room above the highest result (95)
    assert chart.points[2].y < chart.points[0].y < chart.points[1].y


def test_a_card_without_results_draws_its_baseline_and_goal(db):
    chart = trend_chart(card_view(IndicatorCardFactory()))
    assert [p.kind for p in chart.points] == ["baseline"]
    assert chart.last == chart.points[0]


def test_the_page_draws_each_cards_trend_with_the_semaphore_in_words(client, card):
    cache.clear()  # the page's prepared views are cached by data version
    html = client.get("/es-mx/indicadores/").content.decode()
    assert 'class="trend-chart"' in html
    assert f'id="tendencia-{card.pk}"' in html
    assert 'class="semaphore-green" fill="currentColor"' in html
    assert "el color del semáforo (Avance)" in html
