"""The parts of an answered question the person may change: its chips.

Each chip is one understood part (the year, the place, the money word) with
the other values it may take, each a link that asks the same question again
with that part changed: ``?q=…&year=2023``. The page shows them as links
(no script needed), the API gives them as structured parts with the same
links. A change replaces a part the question already has; it never adds
one, so the question stays the one that was asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from ruta.catalog.instance import instance
from ruta.common.glossary import BudgetMoment, MoneyGroup
from ruta.portal.questions.parse import Question, Slot
from ruta.portal.questions.results import Chip, Choice
from ruta.portal.questions.vocabulary import question_vocabulary

# The parts a chip changes, each by the query parameter that carries it.
CHIP_PARAMETERS = {
    Slot.YEAR: "year",
    Slot.MUNICIPALITY: "municipality",
    Slot.REGION: "region",
    Slot.MOMENT: "moment",
    Slot.PHASE: "phase",
}
PARAMETER_SLOTS = {parameter: slot for slot, parameter in CHIP_PARAMETERS.items()}


def chip_values(slot: Slot) -> list[tuple[str, str]]:
    """Return the values ``slot`` may take here, each (key, name), in order."""
    match slot:
        case Slot.YEAR:
            years = sorted(question_vocabulary().years, reverse=True)
            return [(str(year), str(year)) for year in years]
        case Slot.MUNICIPALITY:
            places = instance().municipalities().order_by("name")
            return list(places.values_list("code", "name"))
        case Slot.REGION:
            regions = instance().regions().order_by("name")
            return [(str(pk), name) for pk, name in regions.values_list("pk", "name")]
        case Slot.MOMENT:
            return [(moment.value, _(moment.label)) for moment in BudgetMoment]
        case Slot.PHASE:
            return [(group.value, _(group.label)) for group in MoneyGroup]
    return []


def changes_read(query: Mapping[str, str]) -> dict[Slot, str] | None:
    """Return the parts ``query`` changes, or None when a value is not one of
    the chip's values (the request is refused rather than half-answered)."""
    changes: dict[Slot, str] = {}
    for parameter, slot in PARAMETER_SLOTS.items():
        value = query.get(parameter)
        if not value:
            continue
        if value not in {key for key, _name in chip_values(slot)}:
            return None
        changes[slot] = value
    return changes


def question_changed(question: Question, changes: Mapping[Slot, str]) -> Question:
    """Return ``question`` with the parts it has replaced by ``changes``.

    A relative period ("el año pasado") changed to another year is no longer
    that period: the answer stops saying how it read it.
    """
    slots = dict(question.slots)
    changed = False
    for slot, value in changes.items():
        if slot not in slots or slot in question.negated:
            continue
        slots[slot] = int(value) if slot is Slot.YEAR else value
        changed = True
    if not changed:
        return question
    period_said = question.period_said
    if Slot.YEAR in changes and Slot.YEAR in slots and not question.period:
        period_said = ""
    return Question(
        ask=question.ask,
        slots=slots,
        mended=question.mended,
        negated=question.negated,
        rank=question.rank,
        compared=question.compared,
        measure=question.measure,
        period=question.period,
        period_said=period_said,
        synonyms=question.synonyms,
    )


def question_chips(
    text: str,
    question: Question,
    changes: Mapping[Slot, str],
    label_of: Mapping[Slot, object],
) -> list[Chip]:
    """Return a chip for each part of ``question`` a person may change."""
    chips = []
    kept = {CHIP_PARAMETERS[slot]: value for slot, value in changes.items()}
    for slot, parameter in CHIP_PARAMETERS.items():
        if slot not in question.slots or slot in question.negated:
            continue
        current = str(question.slots[slot])
        values = chip_values(slot)
        names = dict(values)
        choices = tuple(
            Choice(
                key,
                name,
                _asked_again("portal:question", text, kept, parameter, key),
                _asked_again("api:question", text, kept, parameter, key),
            )
            for key, name in values
            if key != current
        )
        chips.append(
            Chip(
                str(slot),
                parameter,
                str(label_of[slot]),
                names.get(current, current),
                current,
                choices,
                tuple(
                    (name, value)
                    for name, value in {"q": text, **kept}.items()
                    if name != parameter
                ),
            )
        )
    return chips


def _asked_again(
    route: str, text: str, kept: Mapping[str, str], parameter: str, key: str
) -> str:
    query = {"q": text, **kept, parameter: key}
    return f"{reverse(route)}?{urlencode(query)}"
