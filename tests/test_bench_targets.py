"""make bench's targets: each figure is checked against its bound, either way."""

from __future__ import annotations

from bench.targets import (
    FIRST_READ_MS,
    THROUGHPUT,
    WORK_PAGE_THROUGHPUT,
    Figure,
    Target,
    table,
)


def test_a_bound_to_stay_under_is_met_at_it_and_missed_above_it():
    assert FIRST_READ_MS.met(300)
    assert not FIRST_READ_MS.met(300.1)


def test_a_bound_to_reach_is_met_at_it_and_missed_below_it():
    assert WORK_PAGE_THROUGHPUT.met(0.15)
    assert not WORK_PAGE_THROUGHPUT.met(0.149)


def test_each_throughput_address_has_its_target():
    assert set(THROUGHPUT) == {"API work detail", "work page"}


def test_the_table_writes_each_figure_in_its_unit_and_marks_a_miss():
    figures = [
        Figure("explorer, p95", 412.25, FIRST_READ_MS),
        Figure("work page", 0.156, WORK_PAGE_THROUGHPUT),
        Figure("import", 2.17, Target(1.5, at_most=True, unit="×")),
    ]
    assert table(figures).splitlines()[2:] == [
        "| explorer, p95 | 412.2 ms | ≤ 300.0 ms | **no** |",
        "| work page | 15.60% | ≥ 15.00% | yes |",
        "| import | 2.17× | ≤ 1.50× | **no** |",
    ]
