"""The lifecycle of a work, as data: states, transitions and who takes them.

Only ``ruta.works.services.work_transition`` changes a work's status, and it
allows exactly the transitions declared here. Capture staff record what
happens on the ground (contract signed, execution started, work finished);
validators take the decisions (approve, release funds, accept the handover,
cancel). Validators also hold the capture action, so they may take every
transition over the works of their scope.

Apps that read works add what a transition requires with
``transition_check_register``: the participation app makes the handover of
a work with a citizens' committee wait for the committee's handover act.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ruta.accounts.permissions import Action
from ruta.works.models import WorkStatus

if TYPE_CHECKING:
    from ruta.works.models import Work


@dataclass(frozen=True)
class Transition:
    """A move from ``source`` to ``target`` that ``action`` permits."""

    source: WorkStatus
    target: WorkStatus
    action: Action
    label: Promise


FINAL_STATUSES = frozenset({WorkStatus.HANDED_OVER, WorkStatus.CANCELLED})

_FORWARD = (
    (WorkStatus.PROPOSED, WorkStatus.APPROVED, Action.VALIDATE, _("Aprobar")),
    (WorkStatus.APPROVED, WorkStatus.RELEASED, Action.VALIDATE, _("Liberar recursos")),
    (
        WorkStatus.RELEASED,
        WorkStatus.CONTRACTED,
        Action.CAPTURE,
        _("Registrar contratación"),
    ),
    (
        WorkStatus.CONTRACTED,
        WorkStatus.IN_EXECUTION,
        Action.CAPTURE,
        _("Iniciar ejecución"),
    ),
    (WorkStatus.IN_EXECUTION, WorkStatus.COMPLETED, Action.CAPTURE, _("Terminar")),
    (
        WorkStatus.COMPLETED,
        WorkStatus.HANDED_OVER,
        Action.VALIDATE,
        _("Registrar entrega-recepción"),
    ),
)

TRANSITIONS: tuple[Transition, ...] = (
    *(Transition(*row) for row in _FORWARD),
    *(
        Transition(status, WorkStatus.CANCELLED, Action.VALIDATE, _("Cancelar"))
        for status in WorkStatus
        if status not in FINAL_STATUSES
    ),
)


def transition_between(source: str, target: str) -> Transition | None:
    """Return the declared transition from ``source`` to ``target``, if any."""
    return next(
        (t for t in TRANSITIONS if t.source == source and t.target == target), None
    )


# What other apps require before a transition, by target: the committee's
# handover act before a work is handed over. Apps that read works register
# their checks when they start (``AppConfig.ready``); each raises
# ``ValidationError`` when the work is not ready.
_READINESS_CHECKS: dict[str, dict[str, Callable[[Work], None]]] = {}


def transition_check_register(
    target: WorkStatus, key: str, check: Callable[[Work], None]
) -> None:
    """Make ``work_transition`` to ``target`` run ``check`` first (idempotent)."""
    _READINESS_CHECKS.setdefault(str(target), {})[key] = check


def transition_checks(target: str) -> list[Callable[[Work], None]]:
    """Return the checks registered for moving a work to ``target``."""
    return list(_READINESS_CHECKS.get(str(target), {}).values())
