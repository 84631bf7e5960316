"""An application's score from its reviewers' marks (§3.4.1, §4.3.1).

§3.4.1 lists the criteria a comisión dictaminadora values; each call gives
them points (its rubric, §4.2 f). An application's score is the mean of its
reviewers' totals, to two places: every reviewer weighs the same, and the
ranking of §4.3.1 orders by it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

# §3.4.1: the eligibility criteria a rubric scores (7 is "the others the call sets").
CRITERIA = (
    ("1", "Corresponde a los derechos sociales o la asistencia social"),
    ("2", "Cumple los criterios de asignación de montos"),
    ("3", "Trayectoria y desempeño del actor social"),
    ("4", "Participación digna, con seguridad sanitaria, DD. HH. y género"),
    ("5", "Congruencia de diagnóstico, objetivos, metas, presupuesto e indicadores"),
    ("6", "Transparencia y rendición de cuentas"),
)


def mark_problem(points: Decimal, maximum: Decimal) -> str:
    """Return why a mark is out of its criterion's range, or an empty string."""
    if not points.is_finite():
        return "not_a_number"
    if points < 0:
        return "negative"
    if points > maximum:
        return "over_maximum"
    return ""


def reviewer_total(marks: Mapping[str, Decimal]) -> Decimal:
    """Return one reviewer's total over the rubric's criteria."""
    return sum(marks.values(), Decimal("0"))


def application_score(totals: Sequence[Decimal]) -> Decimal | None:
    """Return the mean of the reviewers' totals; ``None`` before any scored."""
    if not totals:
        return None
    mean = sum(totals, Decimal("0")) / len(totals)
    return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
