"""The figures of the rules the platform enforces, each at the section it comes from.

A call's rules document (the Reglas de Operación) prints these figures; the
platform applies its own, declared once in ``budget``, ``deadlines`` and
``sanctions``. This list names each of them by the section that prints it,
so a reader of the document can say where the document and the platform
disagree (``ruta.ingest.callrules``). The values are read from the modules
that apply them, never written again here.

A section is named as the rest of the rules name it ("3.7.2-8" is item 8 of
§3.7.2, "5 A.1" item 1 of §5 A, "5 tabla 2" row 2 of §5's table).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ruta.grants.rules import budget, deadlines
from ruta.grants.rules.sanctions import CAUSES_BY_CODE


class Unit(StrEnum):
    """What a figure counts."""

    PERCENT = "percent"
    NATURAL_DAYS = "natural_days"  # días naturales: every calendar day
    BUSINESS_DAYS = "business_days"  # días hábiles (``deadlines.is_business_day``)
    MONTHS = "months"


@dataclass(frozen=True)
class Enforced:
    """A figure the platform applies: the section, what it is, its value, its unit."""

    section: str
    name: str
    value: Decimal
    unit: Unit

    @property
    def key(self) -> tuple[str, str]:
        """Return what identifies the figure: its section and its name."""
        return self.section, self.name


def _percent(share: Decimal) -> Decimal:
    value = share * 100
    return value.to_integral() if value == value.to_integral() else value.normalize()


def _days(days: int | None, unit: Unit = Unit.NATURAL_DAYS) -> tuple[Decimal, Unit]:
    if days is None:
        raise ValueError("a figure of the rules needs its value")
    return Decimal(days), unit


def _table(row: int, cause: str) -> tuple[Enforced, ...]:
    """Return the term and the refund period of a row of §5's table, as declared."""
    declared = CAUSES_BY_CODE[cause]
    found = []
    if declared.days is not None:
        found.append(Enforced(f"5 tabla {row}", "term_days", *_days(declared.days)))
    if declared.refund_days is not None:
        found.append(
            Enforced(f"5 tabla {row}", "refund_days", *_days(declared.refund_days))
        )
    return tuple(found)


_SHARE = _percent(budget.COFUNDING_SHARE)
_BUSINESS = Unit.BUSINESS_DAYS

ENFORCED: tuple[Enforced, ...] = (
    Enforced("3.4 req. 3", "cofunding_share", _SHARE, Unit.PERCENT),
    Enforced("3.4.1-2", "cofunding_share", _SHARE, Unit.PERCENT),
    Enforced(
        "3.4.1-2",
        "administrative_cap",
        _percent(budget.ADMINISTRATIVE_CAP),
        Unit.PERCENT,
    ),
    Enforced("3.7.2-8", "agreement_days", *_days(deadlines.AGREEMENT_DAYS)),
    Enforced("3.7.2-15", "report_days", *_days(deadlines.REPORT_DAYS)),
    Enforced("3.7.2-16", "invoice_days", *_days(deadlines.INVOICE_WINDOW_DAYS)),
    Enforced("3.7.2-17", "complement_days", *_days(deadlines.COMPLEMENT_DAYS)),
    Enforced("4.3.3", "reassignment_days", *_days(deadlines.REASSIGNMENT_DAYS)),
    Enforced("4.6", "report_days", *_days(deadlines.REPORT_DAYS, _BUSINESS)),
    Enforced("4.7", "refund_days", *_days(deadlines.REFUND_DAYS)),
    Enforced("5", "report_days", *_days(deadlines.REPORT_DAYS)),
    Enforced("5", "refund_days", *_days(deadlines.REFUND_DAYS)),
    Enforced(
        "5 A", "report_period", Decimal(deadlines.REPORT_PERIOD_MONTHS), Unit.MONTHS
    ),
    Enforced("5 A.1", "extension_days", *_days(deadlines.REPORT_EXTENSION_MAX_DAYS)),
    Enforced("5 B.2", "answer_days", *_days(deadlines.ANSWER_DAYS)),
    Enforced("5 B.4", "answer_days", *_days(deadlines.SECOND_ANSWER_DAYS)),
    Enforced(
        "5 cancelación 10", "cancel_days", *_days(deadlines.OBSERVATIONS_CANCEL_DAYS)
    ),
    # Row 1's term is the one the daily job applies to a report still missing.
    Enforced("5 tabla 1", "term_days", *_days(deadlines.LATE_REPORT_CANCEL_DAYS)),
    Enforced(
        "5 tabla 1",
        "refund_month",
        Decimal(deadlines.CAUSE_1_REFUND_MONTH),
        Unit.MONTHS,
    ),
    *_table(2, "assets_ceded"),
    *_table(3, "inspection_refused"),
    *_table(4, "goals_not_met"),
    *_table(5, "unjustified_spending"),
    Enforced("5 tabla 7", "extension_days", *_days(deadlines.BANK_EXTENSION_MAX_DAYS)),
    *_table(8, "formalization_irregular"),
    *_table(9, "withdrawal"),
)
ENFORCED_BY_KEY: dict[tuple[str, str], Enforced] = {
    figure.key: figure for figure in ENFORCED
}
