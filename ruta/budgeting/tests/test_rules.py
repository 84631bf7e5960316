"""The pure rules: the greedy tally, ballots within budget, phases in order."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ruta.budgeting.rules import (
    BallotProblem,
    Candidate,
    Phase,
    ballot_problem,
    dates_in_order,
    next_phase,
    tally,
    vote_counts,
)

costs = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000000"), places=2)
candidates = st.lists(
    st.builds(Candidate, st.integers(0, 10_000), st.integers(0, 500), costs),
    max_size=30,
    unique_by=lambda item: item.key,
)
budgets = st.decimals(min_value=Decimal("0"), max_value=Decimal("20000000"), places=2)


def test_documented_example_skips_what_does_not_fit_and_tries_the_next():
    result = tally(
        [
            Candidate(1, 40, Decimal("600000")),  # first, funded: 400,000 left
            Candidate(2, 35, Decimal("500000")),  # does not fit: skipped
            Candidate(3, 20, Decimal("300000")),  # fits: funded, 100,000 left
            Candidate(4, 0, Decimal("50000")),  # no votes: never funded
        ],
        Decimal("1000000"),
    )
    assert result.funded == {1, 3}
    assert result.remaining == Decimal("100000")
    assert [item.key for item in result.ranked] == [1, 2, 3, 4]


def test_a_tie_goes_to_the_cheaper_then_to_the_lower_number():
    result = tally(
        [
            Candidate(7, 10, Decimal("300")),
            Candidate(5, 10, Decimal("300")),
            Candidate(2, 10, Decimal("400")),
        ],
        Decimal("600"),
    )
    assert [item.key for item in result.ranked] == [5, 7, 2]
    assert result.funded == {5, 7}


@settings(derandomize=True, max_examples=300)
@given(candidates, budgets)
def test_funded_never_exceeds_the_budget_and_the_rest_remains(items, budget):
    result = tally(items, budget)
    assert result.funded_total <= budget
    assert result.funded_total + result.remaining == budget


@settings(derandomize=True, max_examples=300)
@given(candidates, budgets)
def test_only_voted_proposals_are_funded_and_no_voted_one_left_would_fit(items, budget):
    result = tally(items, budget)
    for item in items:
        if item.key in result.funded:
            assert item.votes > 0
        elif item.votes > 0:
            assert item.cost > result.remaining


@settings(derandomize=True, max_examples=200)
@given(candidates, budgets, st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_proposals_come_in(
    items, budget, shuffler: random.Random
):
    shuffled = list(items)
    shuffler.shuffle(shuffled)
    assert tally(shuffled, budget) == tally(items, budget)


@settings(derandomize=True, max_examples=200)
@given(candidates, budgets, st.integers(1, 50))
def test_more_votes_never_unfund_a_funded_proposal(items, budget, more):
    result = tally(items, budget)
    for item in items:
        if item.key in result.funded:
            boosted = [
                Candidate(i.key, i.votes + more, i.cost) if i.key == item.key else i
                for i in items
            ]
            assert item.key in tally(boosted, budget).funded


def test_vote_counts_count_each_selection_and_keep_proposals_without_votes():
    assert vote_counts([[1, 2], [2], []], [1, 2, 3]) == {1: 1, 2: 2, 3: 0}


def test_ballot_within_its_budget_is_valid_and_each_fault_is_named():
    costs_ = {1: Decimal("300"), 2: Decimal("500"), 3: Decimal("250")}
    assert ballot_problem([1, 3], costs_, Decimal("550")) is None
    assert ballot_problem([], costs_, Decimal("550")) == BallotProblem.EMPTY
    assert ballot_problem([1, 1], costs_, Decimal("550")) == BallotProblem.REPEATED
    assert ballot_problem([9], costs_, Decimal("550")) == BallotProblem.NOT_ON_BALLOT
    assert ballot_problem([1, 2], costs_, Decimal("550")) == BallotProblem.OVER_BUDGET
    too_many = list(range(100))
    assert ballot_problem(too_many, costs_, Decimal("1")) == BallotProblem.TOO_MANY


def test_phases_go_forward_and_dates_never_back():
    assert next_phase(Phase.PROPOSALS) == Phase.REVIEW
    assert next_phase(Phase.RESULTS) is None
    assert dates_in_order(1, 2, 2, 3)
    assert not dates_in_order(1, 3, 2)
