"""The catalog's days off: federal for every instance, a state's for its own."""

from __future__ import annotations

from datetime import date

from ruta.catalog.holidays import holidays, work_calendar

SONORA, JALISCO = "26", "14"


def test_every_instance_keeps_the_federal_days_of_rest():
    for state in ("", SONORA, JALISCO):
        days = holidays(state)
        assert date(2024, 1, 1) in days  # LFT art. 74 fr. I
        assert date(2024, 10, 1) in days  # change of the federal executive


def test_only_sonora_keeps_its_holy_week_days():
    good_friday_2024 = date(2024, 3, 29)
    assert good_friday_2024 in holidays(SONORA)
    assert good_friday_2024 not in holidays(JALISCO)
    assert good_friday_2024 not in holidays()


def test_a_state_day_off_moves_a_business_day_deadline():
    # Wednesday 27 March 2024 + 2 business days: Sonora skips Holy Thu and Fri.
    start = date(2024, 3, 27)
    assert work_calendar(JALISCO).add_business_days(start, 2) == date(2024, 3, 29)
    assert work_calendar(SONORA).add_business_days(start, 2) == date(2024, 4, 2)
