"""The life of a quarter value: its statuses, who moves it, and how sure it is.

Imported values start verified, reconciled or needing review; a validator
settles a value needing review (reviewed). Captured values start captured
and a validator approves them. Services enforce these transitions; nothing
else changes a status.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ruta.accounts.permissions import Action, NotPermitted, Scoped, can
from ruta.programs.models import ValueStatus

# (from, to) → the action the user must be allowed on the unit. ``None`` is a
# quarter with no value yet.
TRANSITIONS: dict[tuple[str | None, str], Action] = {
    (ValueStatus.NEEDS_REVIEW, ValueStatus.REVIEWED): Action.VALIDATE,
    (None, ValueStatus.CAPTURED): Action.CAPTURE,
    # A quarter not yet reported may hold what a document planned for it.
    (ValueStatus.VERIFIED, ValueStatus.CAPTURED): Action.CAPTURE,
    (ValueStatus.RECONCILED, ValueStatus.CAPTURED): Action.CAPTURE,
    (ValueStatus.NEEDS_REVIEW, ValueStatus.CAPTURED): Action.CAPTURE,
    (ValueStatus.CAPTURED, ValueStatus.CAPTURED): Action.CAPTURE,
    # A quarter a year opened on the site programmed.
    (ValueStatus.PLANNED, ValueStatus.CAPTURED): Action.CAPTURE,
    (ValueStatus.CAPTURED, ValueStatus.APPROVED): Action.VALIDATE,
}

# How sure a value is, least sure first: a row is as sure as its least sure value.
CERTAINTY = {
    ValueStatus.NEEDS_REVIEW: 0,
    ValueStatus.CAPTURED: 1,
    ValueStatus.RECONCILED: 2,
    ValueStatus.REVIEWED: 2,
    ValueStatus.VERIFIED: 3,
    ValueStatus.APPROVED: 3,
    ValueStatus.PLANNED: 3,
}

# Values no one has approved yet: only the unit's staff and validators see them.
UNAPPROVED = frozenset({ValueStatus.CAPTURED})

# Values a person has settled: a later import must not overwrite them.
SETTLED_BY_PEOPLE = frozenset(
    {ValueStatus.REVIEWED, ValueStatus.CAPTURED, ValueStatus.APPROVED}
)


def least_certain(statuses: Iterable[str]) -> str:
    """Return the least certain of ``statuses`` (verified when there are none)."""
    return min(statuses, key=lambda s: CERTAINTY[ValueStatus(s)], default="verified")


def open_quarter(unit_program: Any) -> int | None:
    """Return the quarter open for capture: the one after the last reported."""
    reported = unit_program.reported_quarter or 0
    return reported + 1 if reported < 4 else None


def transition_require(
    user: object, current: str | None, target: str, scope: Scoped
) -> None:
    """Raise unless ``user`` may move a value from ``current`` to ``target``."""
    action = TRANSITIONS.get((current, target))
    if action is None:
        raise ValidationError(
            _("Un valor en estado %(current)s no puede pasar a %(target)s.")
            % {"current": _label(current), "target": _label(target)},
            code="invalid_transition",
        )
    if not can(user, action, scope):
        raise NotPermitted(user, action)


def _label(status: str | None) -> str:
    return str(ValueStatus(status).label) if status else str(_("sin valor"))
