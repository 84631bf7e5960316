"""The days that are not business days, from the catalog's ``holidays.csv``.

Rows with a blank ``state`` are the federal days of obligatory rest (Ley
Federal del Trabajo art. 74), which every instance keeps; rows naming a
state (INEGI code) are that state's own days off, which only its instance
keeps. Pure (read before and without the database): the grants' rules and
the reporting calendar count through ``ruta.common.text.workdays`` with them.
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from importlib import resources

from ruta.common.text.workdays import WorkCalendar

FILE = "data/holidays.csv"


@cache
def _rows() -> tuple[tuple[date, str], ...]:
    text = resources.files("ruta.catalog").joinpath(FILE).read_text(encoding="utf-8")
    return tuple(
        (date.fromisoformat(row["date"]), row["state"].strip())
        for row in csv.DictReader(text.splitlines())
    )


@cache
def holidays(state_code: str = "") -> frozenset[date]:
    """Return the federal days off, plus ``state_code``'s own when given."""
    return frozenset(day for day, state in _rows() if state in {"", state_code})


def work_calendar(state_code: str = "") -> WorkCalendar:
    """Return the business-day calendar of an instance of ``state_code``."""
    return WorkCalendar(holidays(state_code))
