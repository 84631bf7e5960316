"""Checks every budgeting service shares: bounded text and money, the phase, rates."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from ruta.budgeting import rules
from ruta.budgeting.models import Period
from ruta.common.refusals import refusal
from ruta.common.web.guards import unstorable
from ruta.common.web.ratelimit import rate_hit

HOUR = 3600


def text_bounded(value: str, *, least: int, most: int, what: str, code: str) -> str:
    """Return ``value`` trimmed, refused when too short, too long or unstorable."""
    text = value.strip()
    if unstorable(text):
        raise refusal(
            _("%(what)s tiene un carácter que no se puede guardar.") % {"what": what},
            f"{code}_unstorable",
            code,
        )
    if not least <= len(text) <= most:
        raise refusal(
            _("%(what)s debe tener de %(least)s a %(most)s caracteres.")
            % {"what": what, "least": least, "most": most},
            f"{code}_length",
            code,
        )
    return text


def money_bounded(value: Decimal, *, most: Decimal, what: str, code: str) -> Decimal:
    """Return ``value`` when it is more than zero and at most ``most``."""
    if not Decimal(0) < value <= most:
        raise refusal(
            _("%(what)s debe ser mayor que cero y a lo más %(most)s.")
            % {"what": what, "most": f"{most:,.2f}"},
            f"{code}_range",
            code,
        )
    return value.quantize(Decimal("0.01"))


def phase_require(period: Period, phase: rules.Phase, message: str) -> None:
    """Refuse with ``message`` unless ``period`` is in ``phase``."""
    if period.phase != phase:
        raise refusal(message, "phase")


def throttle(scope: str, client: str | None, limit: int, message: str) -> None:
    """Count one event of ``client``; refuse once it passed ``limit`` this hour."""
    if client is None:
        return
    if rate_hit(scope, client, limit=limit, seconds=HOUR).exceeded:
        raise refusal(message % {"limit": limit}, "throttled")
