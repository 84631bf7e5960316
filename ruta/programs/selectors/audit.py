"""Reads for the audit history: captured quarters' figures before approval.

A captured quarter is not published until a validator approves it, nor a
year's programming opened on the site until its plan is; until
then its figures are shown only to the unit's staff (``is_unit_staff``), in
the audit history as on the unit's page. An event keeps the row as it was,
so a capture event's figures stay withheld from others after approval too
(and so do those of the approval itself, whose "before" is the draft): what
was published is the approved row, not every draft before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ruta.programs.models import Goal, ValueStatus
from ruta.programs.selectors.progress import is_unit_staff

# The fields of a quarter that carry its captured figures.
QUARTER_FIGURES = frozenset({"programmed", "achieved", "observation", "women", "men"})


def quarter_events_withheld(events: Sequence[Any], reader: Any) -> set[str]:
    """Return the captured-quarter events whose figures ``reader`` may not see.

    Those of quarters whose goal is gone are withheld from everyone.
    """
    captured = [event for event in events if _holds_captured(event)]
    goals = Goal.objects.select_related("unit_program__executing_unit__agency").in_bulk(
        {event.pgh_data.get("goal_id") for event in captured}
    )
    staff: dict[int, bool] = {}
    withheld = set()
    for event in captured:
        goal = goals.get(event.pgh_data.get("goal_id"))
        if goal is None:
            withheld.add(event.pgh_slug)
            continue
        unit = goal.unit_program
        if unit.pk not in staff:
            staff[unit.pk] = is_unit_staff(reader, unit)
        if not staff[unit.pk]:
            withheld.add(event.pgh_slug)
    return withheld


# Rows people typed before approval: a quarter's capture, a year's programming.
UNAPPROVED_ROWS = frozenset({ValueStatus.CAPTURED, ValueStatus.PLANNED})


def _holds_captured(event: Any) -> bool:
    """Return whether either side of ``event``'s changes is a row not approved."""
    before = ((event.pgh_diff or {}).get("status") or [None])[0]
    return bool(UNAPPROVED_ROWS & {(event.pgh_data or {}).get("status"), before})
