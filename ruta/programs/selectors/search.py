"""The POA's part of the site search: unit programs and their goals.

Only the years whose plan is approved (what the public sees) and the units
the instance publishes (``UnitProgram.here``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ruta.common.text.search import Found, Hit, entries_found, entries_kept, words_of
from ruta.programs.models import Goal, UnitProgram


def _units() -> QuerySet[UnitProgram]:
    return UnitProgram.objects.here().approved()


def units_search(words: Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the public unit programs whose program or unit holds
    every word."""
    entries = entries_kept(
        "units",
        lambda: _units().select_related("program", "executing_unit"),
        ["program__name", "executing_unit__name"],
        lambda unit: Hit(
            title=unit.program.name,
            url=reverse("programs:unit", args=[unit.pk]),
            detail=f"{unit.executing_unit.name} · {unit.program.fiscal_year_id}",
        ),
    )
    return entries_found(entries, words, offset, limit)


def units_search_words() -> set[str]:
    """Return the words of the public unit programs' names."""
    return words_of(
        text
        for pair in _units().values_list("program__name", "executing_unit__name")
        for text in pair
    )


def goals_search(words: Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the public POA goals whose description holds every word."""
    entries = entries_kept(
        "goals",
        lambda: Goal.objects.filter(unit_program__in=_units()).select_related(
            "unit_program__program"
        ),
        ["description"],
        lambda goal: Hit(
            title=goal.description,
            url=reverse("programs:unit", args=[goal.unit_program_id])
            + f"#meta-{goal.number}",
            detail=_("Meta %(number)s · %(program)s · %(year)s")
            % {
                "number": goal.number,
                "program": goal.unit_program.program.name,
                "year": goal.unit_program.program.fiscal_year_id,
            },
        ),
    )
    return entries_found(entries, words, offset, limit)


def goals_search_words() -> set[str]:
    """Return the words of the public POA goals' descriptions."""
    return words_of(
        Goal.objects.filter(unit_program__in=_units()).values_list(
            "description", flat=True
        )
    )
