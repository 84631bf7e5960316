"""A project's budget lines against §3.4.1, §4.4.1 and §3.7.2-18.

- §3.4 req. 3 and §3.4.1-2: the organisation contributes 50 % (money or in
  kind). The rules say it two ways: "50% del monto total del proyecto" (§3.4,
  "peso por peso": the contribution equals the support) and "50% del monto
  solicitado" (§3.4.1-2: half the support). The call chooses
  (``CofundingBase``); the default is the project's total, the reading the
  programme's name and the table of requirements share.
- §3.4.1-2: administrative expenses are at most 30 % of the support.
- §4.4.1: scholarships, direct cash to beneficiaries, taxes and social
  security, rent, political or religious purposes, and what the call adds,
  may not be charged to the public support.
- §3.7.2-18: the administrative expenses include paying an accountant.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ruta.common.text.money import ZERO

COFUNDING_SHARE = Decimal("0.50")
ADMINISTRATIVE_CAP = Decimal("0.30")


class Category(StrEnum):
    """Concept categories of a budget line."""

    PERSONNEL = "personnel"
    MATERIALS = "materials"
    EQUIPMENT = "equipment"
    SERVICES = "services"
    TRAINING = "training"
    ADMINISTRATIVE = "administrative"
    ACCOUNTANT = "accountant"
    SCHOLARSHIPS = "scholarships"
    DIRECT_CASH = "direct_cash"
    TAXES = "taxes"
    RENT = "rent"
    POLITICAL_RELIGIOUS = "political_religious"


# §4.4.1 a)–e): never charged to the public support, in any scheme.
DISALLOWED = frozenset(
    {
        Category.SCHOLARSHIPS,
        Category.DIRECT_CASH,
        Category.TAXES,
        Category.RENT,
        Category.POLITICAL_RELIGIOUS,
    }
)
ADMINISTRATIVE = frozenset({Category.ADMINISTRATIVE, Category.ACCOUNTANT})


class CofundingBase(StrEnum):
    """What the 50 % contribution is measured against."""

    PROJECT = "project"
    REQUESTED = "requested"


DEFAULT_COFUNDING_BASE = CofundingBase.PROJECT


@dataclass(frozen=True)
class BudgetLine:
    """One concept: the support asked for it and the organisation's share."""

    concept: str
    category: Category
    support: Decimal
    own_money: Decimal = ZERO
    own_in_kind: Decimal = ZERO


@dataclass(frozen=True)
class BudgetProblem:
    """A rule a budget breaks, with the section and the figures."""

    code: str
    section: str
    line: int | None = None
    figures: tuple[tuple[str, str], ...] = ()


def support_total(lines: Sequence[BudgetLine]) -> Decimal:
    """Return the public support asked for (the requested amount)."""
    return sum((line.support for line in lines), ZERO)


def contribution_total(lines: Sequence[BudgetLine]) -> Decimal:
    """Return the organisation's contribution, money and in kind."""
    return sum((line.own_money + line.own_in_kind for line in lines), ZERO)


def required_contribution(support: Decimal, base: CofundingBase) -> Decimal:
    """Return the least contribution §3.4 asks for a given support."""
    if base == CofundingBase.PROJECT:
        # contribution ≥ 50 % of (support + contribution) ⇔ contribution ≥ support
        return support
    return (support * COFUNDING_SHARE).quantize(Decimal("0.01"))


def budget_problems(
    lines: Sequence[BudgetLine],
    *,
    base: CofundingBase = DEFAULT_COFUNDING_BASE,
    extra_disallowed: Collection[str] = (),
    maximum: Decimal | None = None,
) -> list[BudgetProblem]:
    """Return every rule the budget breaks; empty when it keeps them all."""
    problems = _line_problems(lines, extra_disallowed)
    support = support_total(lines)
    if support <= 0:
        problems.append(BudgetProblem("no_support", "3.4"))
        return problems
    if maximum is not None and support > maximum:
        problems.append(
            BudgetProblem("over_maximum", "3.6 B", figures=_f(support, maximum))
        )
    needed, given = required_contribution(support, base), contribution_total(lines)
    if given < needed:
        problems.append(
            BudgetProblem("cofunding_short", "3.4.1", figures=_f(given, needed))
        )
    admin = sum((ln.support for ln in lines if ln.category in ADMINISTRATIVE), ZERO)
    cap = (support * ADMINISTRATIVE_CAP).quantize(Decimal("0.01"))
    if admin > cap:
        problems.append(
            BudgetProblem("admin_over_cap", "3.4.1", figures=_f(admin, cap))
        )
    if not any(ln.category == Category.ACCOUNTANT for ln in lines):
        problems.append(BudgetProblem("no_accountant", "3.7.2-18"))
    return problems


def _line_problems(
    lines: Sequence[BudgetLine], extra_disallowed: Collection[str]
) -> list[BudgetProblem]:
    problems = []
    for number, line in enumerate(lines, start=1):
        amounts = (line.support, line.own_money, line.own_in_kind)
        if any(amount < 0 for amount in amounts):
            problems.append(BudgetProblem("negative_amount", "3.4", number))
        disallowed = line.category in DISALLOWED or line.category in extra_disallowed
        if disallowed and line.support > 0:
            problems.append(
                BudgetProblem(
                    "disallowed_concept",
                    "4.4.1",
                    number,
                    (("category", str(line.category)),),
                )
            )
    return problems


def _f(actual: Decimal, limit: Decimal) -> tuple[tuple[str, str], ...]:
    return (("actual", f"{actual:.2f}"), ("limit", f"{limit:.2f}"))
