"""The one business-day count: weekends and the holidays handed in are skipped."""

from __future__ import annotations

from datetime import date

import pytest

from ruta.common.text.workdays import (
    WorkCalendar,
    add_business_days,
    is_business_day,
)

NEW_YEAR_2024 = frozenset({date(2024, 1, 1)})


def test_a_weekday_not_off_is_a_business_day():
    assert is_business_day(date(2024, 1, 2), NEW_YEAR_2024)
    assert not is_business_day(date(2024, 1, 1), NEW_YEAR_2024)  # holiday
    assert not is_business_day(date(2024, 1, 6), NEW_YEAR_2024)  # Saturday


def test_ten_business_days_after_the_seed_poa_quarter_closes():
    # TMM-F004 Oct-Dec 2023 closes on Sunday 31 December; 1 January is off.
    assert add_business_days(date(2023, 12, 31), 10, NEW_YEAR_2024) == date(2024, 1, 15)


@pytest.mark.parametrize("days", [0, -1, 367])
def test_a_count_out_of_bounds_is_refused(days):
    with pytest.raises(ValueError, match="between 1 and 366"):
        add_business_days(date(2024, 1, 1), days, NEW_YEAR_2024)


def test_a_calendar_counts_with_its_own_days_off():
    calendar = WorkCalendar(NEW_YEAR_2024)
    assert calendar.add_business_days(date(2023, 12, 29), 1) == date(2024, 1, 2)
    assert WorkCalendar(frozenset()).add_business_days(date(2023, 12, 29), 1) == date(
        2024, 1, 1
    )
