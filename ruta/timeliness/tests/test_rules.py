"""The calendar's rules with the seeds' own periods and the instance's days off."""

from __future__ import annotations

from datetime import date

import pytest

from ruta.catalog.holidays import work_calendar
from ruta.timeliness.kinds import (
    ANNUAL_REPORT,
    BUDGET_STATEMENT,
    COMMITMENT_REPORT,
    POA_QUARTER,
)
from ruta.timeliness.rules import (
    Standing,
    days_late,
    is_due_soon,
    is_followed,
    quarter_end,
    reminder_due,
    standing,
)

SONORA = work_calendar("26")


def test_the_seed_poa_form_of_october_december_2023_was_due_on_15_january_2024():
    # TMM-F004 (seed 002) closes 31 December 2023; 1 January is a federal holiday.
    assert POA_QUARTER.rule.due(quarter_end(2023, 4), SONORA) == date(2024, 1, 15)


def test_a_poa_quarter_skips_sonoras_holy_week():
    # Wednesday 20 March 2024 + 10 business days, Holy Thursday and Friday off.
    assert POA_QUARTER.rule.due(date(2024, 3, 20), SONORA) == date(2024, 4, 5)
    assert POA_QUARTER.rule.due(date(2024, 3, 20), work_calendar("14")) == date(
        2024, 4, 3
    )


def test_the_cecop_annual_report_of_2024_was_due_by_the_end_of_february_2025():
    # Numeral 28, quoted by the report's cover letter (seed 000): first bimester.
    assert ANNUAL_REPORT.rule.due(date(2024, 12, 31), SONORA) == date(2025, 2, 28)
    assert ANNUAL_REPORT.rule.due(date(2023, 12, 31), SONORA) == date(2024, 2, 29)


def test_a_quarters_budget_statement_is_due_30_natural_days_after_it_closes():
    assert BUDGET_STATEMENT.rule.due(quarter_end(2024, 2), SONORA) == date(2024, 7, 30)


def test_a_commitment_report_counts_business_days_from_its_periods_date():
    # Guanajuato's progress report (seed 003) as of Friday 30 June 2023.
    assert COMMITMENT_REPORT.rule.due(date(2023, 6, 30), SONORA) == date(2023, 7, 14)


@pytest.mark.parametrize(
    ("quarter", "end"),
    [
        (1, date(2024, 3, 31)),
        (2, date(2024, 6, 30)),
        (3, date(2024, 9, 30)),
        (4, date(2024, 12, 31)),
    ],
)
def test_each_quarter_ends_on_its_last_day(quarter, end):
    assert quarter_end(2024, quarter) == end


def test_a_quarter_out_of_range_is_refused():
    with pytest.raises(ValueError, match="between 1 and 4"):
        quarter_end(2024, 5)


DUE = date(2024, 1, 15)


@pytest.mark.parametrize(
    ("delivered", "today", "undated", "expected", "late"),
    [
        (date(2024, 1, 15), date(2024, 3, 1), False, Standing.ON_TIME, 0),
        (date(2024, 1, 22), date(2024, 3, 1), False, Standing.LATE, 7),
        (None, date(2024, 1, 20), False, Standing.OVERDUE, 5),
        (None, date(2024, 1, 15), False, Standing.PENDING, 0),
        (None, date(2024, 3, 1), True, Standing.DELIVERED, 46),
    ],
)
def test_a_report_stands_by_its_due_date_and_delivery(
    delivered, today, undated, expected, late
):
    assert standing(DUE, delivered, today, undated=undated) == expected
    assert days_late(DUE, delivered, today) == late


def test_staff_are_reminded_three_days_and_one_day_before_and_on_the_day():
    reminded = [day for day in range(1, 20) if reminder_due(DUE, date(2024, 1, day))]
    assert reminded == [12, 14, 15]


def test_the_desk_looks_a_week_ahead_and_the_calendar_a_month():
    assert is_due_soon(DUE, date(2024, 1, 8))
    assert not is_due_soon(DUE, date(2024, 1, 7))
    assert not is_due_soon(DUE, date(2024, 1, 16))
    assert is_followed(DUE, date(2023, 12, 15))
    assert not is_followed(DUE, date(2023, 12, 14))
