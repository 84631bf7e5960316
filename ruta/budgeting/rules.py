"""Pure rules of participatory budgeting: phases, ballots, the tally.

No Django here: the services, the pages and the tests ask the same questions
the same way, and the tally can be run by anyone on the published ballots
(docs/budgeting.md).

The tally is the greedy rule Decidim and CONSUL apply, with no knapsack:
proposals are taken in order of votes (most first) and each is funded when
what remains of the total budget covers its assessed cost; one that does not
fit is passed over and the next is tried. A proposal with no votes is never
funded. Ties in votes go to the cheaper proposal (more of the budget left for
the next ones), then to the earlier proposal (lower number), so the order is
total and the result the same on every run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

# Bounds of what staff and the public may type.
TITLE_MIN, TITLE_MAX = 10, 200
DESCRIPTION_MIN, DESCRIPTION_MAX = 30, 5_000
REASON_MIN, REASON_MAX = 10, 1_000
# The largest budget a municipality's period may have: well above any
# municipal capital budget, so a typo of several digits is refused.
BUDGET_MAX = Decimal("10000000000.00")
# A ballot selects at most this many proposals (a bound, not a rule).
BALLOT_MAX_CHOICES = 50
# The verification code: its digits, minutes it lasts, attempts it allows.
CODE_DIGITS = 6
CODE_MINUTES = 15
CODE_ATTEMPTS = 5


class Phase(StrEnum):
    """The steps of a period, in order; staff move it forward one at a time."""

    PROPOSALS = "proposals"
    REVIEW = "review"
    VOTING = "voting"
    RESULTS = "results"


PHASE_ORDER = (Phase.PROPOSALS, Phase.REVIEW, Phase.VOTING, Phase.RESULTS)


def next_phase(phase: Phase) -> Phase | None:
    """Return the phase after ``phase``; ``None`` after the results."""
    index = PHASE_ORDER.index(phase)
    return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None


def dates_in_order(*dates: object) -> bool:
    """Return whether the phases' dates never go back (each on or after the last)."""
    return all(
        earlier <= later  # type: ignore[operator]  # dates compare
        for earlier, later in zip(dates, dates[1:], strict=False)
    )


# ------------------------------------------------------------------ ballots


class BallotProblem(StrEnum):
    """Why a ballot is refused (the services word each)."""

    EMPTY = "empty"
    TOO_MANY = "too_many"
    REPEATED = "repeated"
    NOT_ON_BALLOT = "not_on_ballot"
    OVER_BUDGET = "over_budget"


def ballot_problem(
    chosen: Sequence[int], costs: dict[int, Decimal], per_ballot: Decimal
) -> BallotProblem | None:
    """Return what is wrong with a ballot choosing ``chosen``; None if it is valid.

    ``costs`` holds the assessed cost of every proposal on the ballot (the
    feasible ones); their sum over the chosen must fit ``per_ballot``.
    """
    if not chosen:
        return BallotProblem.EMPTY
    if len(chosen) > BALLOT_MAX_CHOICES:
        return BallotProblem.TOO_MANY
    if len(set(chosen)) != len(chosen):
        return BallotProblem.REPEATED
    if any(key not in costs for key in chosen):
        return BallotProblem.NOT_ON_BALLOT
    if sum((costs[key] for key in chosen), Decimal(0)) > per_ballot:
        return BallotProblem.OVER_BUDGET
    return None


# ------------------------------------------------------------------ the tally


@dataclass(frozen=True)
class Candidate:
    """A proposal on the ballot: its number, votes and assessed cost."""

    key: int
    votes: int
    cost: Decimal


@dataclass(frozen=True)
class Tally:
    """The result: candidates in tally order, which are funded, what remains."""

    ranked: tuple[Candidate, ...]
    funded: frozenset[int]
    remaining: Decimal

    @property
    def funded_total(self) -> Decimal:
        """Return the sum of the funded proposals' assessed costs."""
        return sum(
            (item.cost for item in self.ranked if item.key in self.funded), Decimal(0)
        )


def tally_order(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    """Return ``candidates`` most voted first; ties cheaper first, then lower number."""
    return tuple(
        sorted(candidates, key=lambda item: (-item.votes, item.cost, item.key))
    )


def tally(candidates: Iterable[Candidate], budget: Decimal) -> Tally:
    """Fund proposals greedily by votes within ``budget`` (the module's rule)."""
    ranked = tally_order(candidates)
    remaining = budget
    funded: set[int] = set()
    for item in ranked:
        if item.votes > 0 and item.cost <= remaining:
            funded.add(item.key)
            remaining -= item.cost
    return Tally(ranked, frozenset(funded), remaining)


def vote_counts(
    ballots: Iterable[Iterable[int]], keys: Iterable[int]
) -> dict[int, int]:
    """Return the votes of each proposal in ``keys`` from ballots' selections."""
    counts = dict.fromkeys(keys, 0)
    for selection in ballots:
        for key in selection:
            counts[key] += 1
    return counts
