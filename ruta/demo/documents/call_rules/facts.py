"""The figures of the rules the demonstration prints, and how it writes numbers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

PAGE_BREAK = "\n\n"
REQUIREMENTS_HEADER = "Criterios\tRequisitos"
CAUSES_HEADER = "Causa\tCriterio\tPlazo (días naturales)\tResolución"
_WORDS = {3: "tres", 5: "cinco", 10: "diez", 15: "quince", 30: "treinta"}
PERIODS = {1: "mensuales", 2: "bimestrales", 3: "trimestrales", 6: "semestrales"}
ORDINALS = {2: "segundo", 3: "tercer", 4: "cuarto", 5: "quinto", 6: "sexto"}


@dataclass(frozen=True)
class RulesFacts:
    """The figures of the rules, each at the section that prints it."""

    year: int = 2021
    municipalities: int = 72  # §3.1
    cofunding_share: int = 50  # §3.4 req. 3 and §3.4.1-2
    administrative_cap: int = 30  # §3.4.1-2
    agreement_days: int = 15  # §3.7.2-8
    report_days: int = 5  # §3.7.2-15, §4.6 (business days), §5
    invoice_days: int = 5  # §3.7.2-16
    complement_days: int = 5  # §3.7.2-17
    reassignment_days: int = 15  # §4.3.3
    refund_days: int = 30  # §4.7 and §5
    report_months: int = 3  # §5 A: quarterly reports
    extension_days: int = 5  # §5 A.1
    answer_days: int = 5  # §5 B.2
    second_answer_days: int = 3  # §5 B.4
    cancel_days: int = 30  # §5 cancellation 10 and table row 1
    start_days: int = 150  # §5 table row 1: the term from the project's start
    refund_month: int = 4  # §5 table row 1
    causes_days: tuple[int, int, int, int] = (10, 5, 10, 30)  # §5 table rows 2–5
    notice_days: int = 15  # §5 table rows 2–5 and 9
    bank_extension_days: int = 60  # §5 table row 7
    irregular_days: int = 90  # §5 table row 8
    reserve_days: int = 30  # §5 table row 8
    # §3.6 B: the 2021 rules leave the most per project to each call.
    max_per_project: Decimal | None = None


SEED_FACTS = RulesFacts()


def say(days: int) -> str:
    """Return a number as the rules often write it, in words when short."""
    return _WORDS.get(days, str(days))


def two(days: int) -> str:
    """Return a number of two digits at least ("05"), as the rules print some."""
    return f"{days:02d}"
