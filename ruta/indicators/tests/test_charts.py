"""An indicator's results drawn over the years, as its table gives them."""

from decimal import Decimal as D

from ruta.indicators.charts import HEIGHT, trend_chart


def test_results_baseline_and_goal_share_one_scale_from_zero():
    # Baseline 90 % in 2021, goal 87 % in 2027, a result far above both.
    chart = trend_chart(
        [(2024, D("375.45"), False)],
        baseline_year=2021,
        baseline=D("90"),
        goal_year=2027,
        goal=D("87"),
    )
    assert [tick for tick, _y in chart.y_ticks] == [D(0), D("187.725"), D("375.45")]
    (point,) = chart.points
    assert point.y == 12.0  # the highest value touches the top
    assert chart.baseline_y > point.y
    assert chart.goal.y > chart.baseline_y  # 87 sits below 90
    assert [year for year, _x in chart.x_ticks] == [2021, 2027]
    assert chart.x_ticks[0][1] < point.x < chart.goal.x


def test_years_run_left_to_right_and_computed_figures_are_marked():
    chart = trend_chart(
        [(2023, D("10"), True), (2022, D("20"), False)],
        baseline_year=2021,
        baseline=D("0"),
        goal_year=2024,
        goal=D("40"),
    )
    assert [(p.year, p.computed) for p in chart.points] == [(2022, False), (2023, True)]
    assert chart.points[0].x < chart.points[1].x
    assert chart.baseline_y == HEIGHT - 28  # zero sits on the axis
    assert chart.polyline.count(",") == 2


def test_a_negative_value_lowers_the_floor():
    chart = trend_chart(
        [(2024, D("-5"), False)],
        baseline_year=2024,
        baseline=D("5"),
        goal_year=2024,
        goal=D("10"),
    )
    assert chart.y_ticks[0][0] == D("-5")
    assert chart.points[0].y == HEIGHT - 28


def test_no_results_no_chart():
    assert (
        trend_chart([], baseline_year=2021, baseline=D(1), goal_year=2027, goal=D(2))
        is None
    )


def test_the_indicators_page_draws_each_card_with_results(client, imported_seed):
    html = client.get("/es-mx/indicadores/").content.decode()
    assert 'class="trend-chart"' in html
    assert "<title>2022: 367%</title>" in html
    assert "<title>2024: 70.29%</title>" in html
    assert "Meta 2027: 87%" in html
