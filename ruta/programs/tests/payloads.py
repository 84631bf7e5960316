"""Edits of an import payload for the tests: another document, period or value."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any, TypeVar

from ruta.ingest.loaders.poa_payload import Payload
from ruta.programs.services import PrintedForm, PrintedQuarter, PrintedValue

T = TypeVar("T")


def printed(value: PrintedValue[T], new: T | None) -> PrintedValue[T]:
    """Return ``value`` as if the form printed ``new``, read the same way."""
    return replace(value, value=new)


def replaced_at(items: tuple[T, ...], index: int, **changes: Any) -> tuple[T, ...]:
    """Return ``items`` with the one at ``index`` given ``changes``."""
    return (*items[:index], replace(items[index], **changes), *items[index + 1 :])


def form_index(payload: Payload, code: str) -> int:
    """Return the position of the form of the unit coded ``code``."""
    codes = [form.executing_unit.code.value for form in payload.forms]
    return codes.index(code)


def of_unit(payload: Payload, code: str) -> Payload:
    """Return ``payload`` with only the form of the unit coded ``code``."""
    return replace(payload, forms=(payload.forms[form_index(payload, code)],))


def in_period(
    form: PrintedForm, *, quarter: int, year: int | None = None
) -> PrintedForm:
    """Return ``form`` reporting another quarter (and year); its label unchanged."""
    period = form.period.value
    moved = replace(period, quarter=quarter, year=year or period.year)
    return replace(form, period=printed(form.period, moved))


def blank(cells: PrintedQuarter) -> PrintedQuarter:
    """Return a quarter with nothing printed, as a form before it has it."""
    return replace(
        cells,
        programmed=printed(cells.programmed, None),
        achieved=printed(cells.achieved, None),
    )


def another_document(payload: Payload, name: str, quarter: int = 4) -> Payload:
    """Return ``payload`` as another document reporting ``quarter``.

    The quarters after ``quarter`` are blank, as on that quarter's form.
    """
    forms = tuple(_reporting(form, quarter) for form in payload.forms)
    digest = hashlib.sha256(name.encode()).hexdigest()
    return replace(payload, name=name, sha256=digest, forms=forms)


def _reporting(form: PrintedForm, quarter: int) -> PrintedForm:
    goals = tuple(
        replace(
            goal,
            quarters=(
                *goal.quarters[:quarter],
                *(blank(cells) for cells in goal.quarters[quarter:]),
            ),
        )
        for goal in form.goals
    )
    return replace(in_period(form, quarter=quarter), goals=goals)
