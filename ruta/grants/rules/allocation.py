"""The allocation of a call's budget (§4.3 of the Peso por Peso 2021 rules).

§4.3.1: eligible applications are ranked by score, highest first, and funded
until the budget of their scheme/theme is exhausted; equal scores go to the
lowest folio (the order of receipt). §4.3.2: an organisation with two
applications in one call is funded only for the first that became eligible.
§4.3.3: the rest become "elegible no apoyado"; money freed by agreements not
formalised within 15 natural days of the result is reassigned to them in the
same order.

The rules do not say what happens when the next application in rank asks
for more than what is left. The call states its choice (``Shortfall``):
stop there (the default, so no application is ever funded ahead of a
better-ranked one), skip to the next that fits, or fund it partially when
the organisation consented. Every explanation names the choice applied.

Pure: plain values in, plain values out; the platform, the command
``ruta grants allocate`` and the tests call this same function.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from ruta.common.text.money import ZERO


class Shortfall(StrEnum):
    """What to do when the next application asks for more than what is left."""

    STOP = "stop"
    SKIP = "skip"
    PARTIAL = "partial"


DEFAULT_SHORTFALL = Shortfall.STOP


class Outcome(StrEnum):
    SUPPORTED = "supported"
    ELIGIBLE_NOT_SUPPORTED = "eligible_not_supported"
    NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True)
class Candidate:
    """One application as the allocation sees it."""

    folio: int
    organization: str
    requested: Decimal
    eligible: bool
    score: Decimal
    eligible_at: datetime | None = None
    pool: str = ""
    accepts_partial: bool = False


@dataclass(frozen=True)
class Reason:
    """Why an application got its status: a stable code and its figures."""

    code: str
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Allocation:
    """The result for one application: status, amount, rank and the reason."""

    folio: int
    status: Outcome
    amount: Decimal
    rank: int | None
    reason: Reason
    shortfall: Shortfall


def rank_key(candidate: Candidate) -> tuple[Decimal, int]:
    """Return the §4.3.1 order: score highest first, then the lowest folio."""
    return (-candidate.score, candidate.folio)


def first_eligible_per_organization(candidates: Iterable[Candidate]) -> dict[str, int]:
    """Return each organisation's first application to become eligible (§4.3.2).

    The first is the earliest ``eligible_at``; an organisation whose
    applications carry no time, or the same time, keeps the lowest folio.
    """
    first: dict[str, Candidate] = {}
    for candidate in sorted(candidates, key=_eligibility_order):
        if candidate.eligible:
            first.setdefault(candidate.organization, candidate)
    return {org: candidate.folio for org, candidate in first.items()}


def _eligibility_order(candidate: Candidate) -> tuple[bool, datetime, int]:
    moment = candidate.eligible_at or datetime.max  # noqa: DTZ901 - a sort key
    return (candidate.eligible_at is None, moment, candidate.folio)


@dataclass
class _Pool:
    """What is left of one scheme's/theme's budget while funding in order."""

    left: Decimal
    stopped: bool = False


def allocate(
    *,
    budgets: Mapping[str, Decimal],
    candidates: Sequence[Candidate],
    not_formalized: Iterable[int] = (),
    shortfall: Shortfall = DEFAULT_SHORTFALL,
) -> list[Allocation]:
    """Return every application's allocation, in folio order (§4.3).

    ``budgets`` maps each pool (scheme/theme) to its budget. With
    ``not_formalized`` (folios whose agreement was not signed within 15
    natural days of the result), the first pass is run, those folios lose
    their funds, and the freed money with what was left is offered to the
    "elegible no apoyado" applications in the same order (§4.3.3).
    """
    _check(budgets, candidates)
    dropped = frozenset(not_formalized)
    first = first_eligible_per_organization(candidates)
    results = _first_pass(budgets, candidates, first, shortfall)
    if dropped:
        results = _reassign(budgets, candidates, results, dropped, shortfall)
    return [results[candidate.folio] for candidate in sorted(candidates, key=_folio)]


def _folio(candidate: Candidate) -> int:
    return candidate.folio


def _check(budgets: Mapping[str, Decimal], candidates: Sequence[Candidate]) -> None:
    folios = [candidate.folio for candidate in candidates]
    if len(set(folios)) != len(folios):
        raise ValueError("each folio may appear once")
    for pool, budget in budgets.items():
        if budget < 0:
            raise ValueError(f"budget of pool {pool!r} is negative")
    for candidate in candidates:
        if candidate.requested <= 0:
            raise ValueError(f"folio {candidate.folio}: requested must be positive")
        if candidate.pool not in budgets:
            raise ValueError(f"folio {candidate.folio}: no budget for its pool")


def _first_pass(
    budgets: Mapping[str, Decimal],
    candidates: Sequence[Candidate],
    first: Mapping[str, int],
    shortfall: Shortfall,
) -> dict[int, Allocation]:
    pools = {name: _Pool(Decimal(amount)) for name, amount in budgets.items()}
    results: dict[int, Allocation] = {}
    ranked = sorted((c for c in candidates if c.eligible), key=rank_key)
    for rank, candidate in enumerate(ranked, start=1):
        if first[candidate.organization] != candidate.folio:
            results[candidate.folio] = _second_application(
                candidate, rank, first, shortfall
            )
            continue
        results[candidate.folio] = _offer(candidate, rank, pools, shortfall, "")
    for candidate in candidates:
        if not candidate.eligible:
            results[candidate.folio] = Allocation(
                candidate.folio,
                Outcome.NOT_ELIGIBLE,
                ZERO,
                None,
                Reason("not_eligible"),
                shortfall,
            )
    return results


def _second_application(
    candidate: Candidate, rank: int, first: Mapping[str, int], shortfall: Shortfall
) -> Allocation:
    reason = Reason(
        "second_application",
        {"first_folio": str(first[candidate.organization])},
    )
    return Allocation(
        candidate.folio, Outcome.ELIGIBLE_NOT_SUPPORTED, ZERO, rank, reason, shortfall
    )


def _offer(
    candidate: Candidate,
    rank: int,
    pools: Mapping[str, _Pool],
    shortfall: Shortfall,
    prefix: str,
) -> Allocation:
    """Fund ``candidate`` from its pool if the order and the policy allow it."""
    pool = pools[candidate.pool]
    figures = {"rank": str(rank), "left": f"{pool.left:.2f}"}

    def result(status: Outcome, amount: Decimal, code: str) -> Allocation:
        reason = Reason(prefix + code, {**figures, "amount": f"{amount:.2f}"})
        return Allocation(candidate.folio, status, amount, rank, reason, shortfall)

    if pool.stopped:
        return result(Outcome.ELIGIBLE_NOT_SUPPORTED, ZERO, "stopped_above")
    if candidate.requested <= pool.left:
        pool.left -= candidate.requested
        return result(Outcome.SUPPORTED, candidate.requested, "funded")
    if shortfall == Shortfall.PARTIAL and candidate.accepts_partial and pool.left > 0:
        amount, pool.left = pool.left, ZERO
        return result(Outcome.SUPPORTED, amount, "funded_partially")
    if shortfall == Shortfall.SKIP:
        return result(Outcome.ELIGIBLE_NOT_SUPPORTED, ZERO, "skipped_too_large")
    pool.stopped = True
    return result(Outcome.ELIGIBLE_NOT_SUPPORTED, ZERO, "budget_exhausted")


def _reassign(
    budgets: Mapping[str, Decimal],
    candidates: Sequence[Candidate],
    results: dict[int, Allocation],
    dropped: frozenset[int],
    shortfall: Shortfall,
) -> dict[int, Allocation]:
    """Offer freed and leftover money to "elegible no apoyado" in rank order."""
    unknown = dropped - {
        folio for folio, r in results.items() if r.status == Outcome.SUPPORTED
    }
    if unknown:
        raise ValueError(f"not formalised but not supported: {sorted(unknown)}")
    pools = {name: _Pool(Decimal(amount)) for name, amount in budgets.items()}
    by_folio = {candidate.folio: candidate for candidate in candidates}
    for folio, result in results.items():
        if result.status == Outcome.SUPPORTED and folio not in dropped:
            pools[by_folio[folio].pool].left -= result.amount
    updated = dict(results)
    for folio in dropped:
        freed = results[folio]
        updated[folio] = Allocation(
            folio,
            Outcome.ELIGIBLE_NOT_SUPPORTED,
            ZERO,
            freed.rank,
            Reason("not_formalized", {"amount": f"{freed.amount:.2f}"}),
            shortfall,
        )
    waiting = sorted(
        (
            by_folio[folio]
            for folio, result in results.items()
            if result.status == Outcome.ELIGIBLE_NOT_SUPPORTED
            and result.reason.code != "second_application"
        ),
        key=rank_key,
    )
    for candidate in waiting:
        rank = results[candidate.folio].rank or 0
        updated[candidate.folio] = _offer(
            candidate, rank, pools, shortfall, "reassigned_"
        )
    return updated


def allocated_total(results: Iterable[Allocation]) -> Decimal:
    """Return the money the allocation assigns."""
    return sum((r.amount for r in results if r.status == Outcome.SUPPORTED), ZERO)
