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
from dataclasses import replace
from typing import TypeGuard
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from ruta.catalog.instance import instance
from ruta.common.text.glossary import BudgetMoment, MoneyGroup
from ruta.portal.questions.parse import Question, Rank, Slot
from ruta.portal.questions.results import RANK_GROUPS, RANK_MEASURES, Chip, Choice
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
# A ranking's grouping and a ranking's or comparison's measure.
SHAPE_PARAMETERS = ("group", "measure")
PARAMETERS = (*PARAMETER_SLOTS, *SHAPE_PARAMETERS)
# The groups a ranking of groups may change to (a ranking of works keeps its own).
CHANGEABLE_GROUPS = ("municipality", "region", "subprogram", "program", "agency")


def _changeable(rank: Rank | None) -> TypeGuard[Rank]:
    """Return whether a ranking's group and measure may be changed by a chip:
    a ranking of places by the works' measures (not of committees)."""
    return (
        rank is not None
        and rank.group in CHANGEABLE_GROUPS
        and rank.measure in RANK_MEASURES
    )


def chip_values(slot: str) -> list[tuple[str, str]]:
    """Return the values a part may take here, each (key, name), in order."""
    match slot:
        case "group":
            return [(group, str(RANK_GROUPS[group])) for group in CHANGEABLE_GROUPS]
        case "measure":
            return [(key, str(name)) for key, name in RANK_MEASURES.items()]
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


def changes_read(query: Mapping[str, str]) -> dict[str, str] | None:
    """Return the parts ``query`` changes, by parameter, or None when a value
    is not one of the part's values (refused rather than half-answered)."""
    changes: dict[str, str] = {}
    for parameter in PARAMETERS:
        value = query.get(parameter)
        if not value:
            continue
        if value not in {key for key, _name in chip_values(parameter)}:
            return None
        changes[parameter] = value
    return changes


def question_changed(question: Question, changes: Mapping[str, str]) -> Question:
    """Return ``question`` with the parts it has replaced by ``changes``.

    A relative period ("el año pasado") changed to another year is no longer
    that period: the answer stops saying how it read it.
    """
    slots = dict(question.slots)
    changed = False
    for parameter, value in changes.items():
        slot = PARAMETER_SLOTS.get(parameter)
        if slot is None or slot not in slots or slot in question.negated:
            continue
        slots[slot] = int(value) if slot is Slot.YEAR else value
        changed = True
    rank, measure = question.rank, question.measure
    if _changeable(rank):
        group = changes.get("group", rank.group)
        # A bound on the count of works is no bound on money or people.
        measure_asked = rank.measure if rank.bounded else changes.get("measure")
        rank = replace(rank, group=group, measure=measure_asked or rank.measure)
        changed = changed or rank != question.rank
    elif question.compared and "measure" in changes:
        measure = changes["measure"]
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
        rank=rank,
        compared=question.compared,
        measure=measure,
        period=question.period,
        period_said=period_said,
        synonyms=question.synonyms,
    )


def question_chips(
    text: str,
    question: Question,
    changes: Mapping[str, str],
    label_of: Mapping[Slot, object],
) -> list[Chip]:
    """Return a chip for each part of ``question`` a person may change."""
    parts: list[tuple[str, str, str]] = [
        (parameter, str(label_of[slot]), str(question.slots[slot]))
        for slot, parameter in CHIP_PARAMETERS.items()
        if slot in question.slots and slot not in question.negated
    ]
    rank = question.rank
    if _changeable(rank):
        parts.append(("group", _("Agrupado por"), rank.group))
        if not rank.bounded:
            parts.append(("measure", _("Medida"), rank.measure))
    elif question.compared:
        parts.append(("measure", _("Medida"), question.measure or "invested"))
    return [_chip(text, changes, *part) for part in parts]


def _chip(
    text: str, changes: Mapping[str, str], parameter: str, label: str, current: str
) -> Chip:
    values = chip_values(parameter)
    names = dict(values)
    choices = tuple(
        Choice(
            key,
            name,
            _asked_again("portal:question", text, changes, parameter, key),
            _asked_again("api:question", text, changes, parameter, key),
        )
        for key, name in values
        if key != current
    )
    kept = {"q": text, **changes}
    return Chip(
        parameter,
        parameter,
        label,
        names.get(current, current),
        current,
        choices,
        tuple((name, value) for name, value in kept.items() if name != parameter),
    )


def _asked_again(
    route: str, text: str, kept: Mapping[str, str], parameter: str, key: str
) -> str:
    query = {"q": text, **kept, parameter: key}
    return f"{reverse(route)}?{urlencode(query)}"
