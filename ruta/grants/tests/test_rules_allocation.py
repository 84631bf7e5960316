"""§4.3 of the Peso por Peso 2021 rules: ranking, ties, one per organisation,
budget exhaustion, reassignment and the call's shortfall choice."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ruta.grants.rules.allocation import (
    Candidate,
    Outcome,
    Shortfall,
    allocate,
    allocated_total,
    first_eligible_per_organization,
)

D = Decimal
BUDGET = {"": D("300000.00")}


def c(folio, org, requested, score, eligible=True, at=None, **extra):
    when = datetime(2021, 3, 1, 9, 0) if at is None else at  # noqa: DTZ001
    return Candidate(folio, org, D(requested), eligible, D(score), when, **extra)


def by_folio(results):
    return {r.folio: r for r in results}


def test_section_4_3_1_ranks_by_score_highest_first_and_funds_in_that_order():
    results = by_folio(
        allocate(
            budgets=BUDGET,
            candidates=[
                c(1, "A", "100000", "70"),
                c(2, "B", "100000", "90"),
                c(3, "C", "100000", "80"),
            ],
        )
    )
    assert [results[f].rank for f in (2, 3, 1)] == [1, 2, 3]
    assert all(results[f].status == Outcome.SUPPORTED for f in (1, 2, 3))


def test_section_4_3_1_a_tie_goes_to_the_lowest_folio():
    results = by_folio(
        allocate(
            budgets={"": D("100000")},
            candidates=[c(7, "A", "100000", "85"), c(3, "B", "100000", "85")],
        )
    )
    assert results[3].status == Outcome.SUPPORTED
    assert results[7].status == Outcome.ELIGIBLE_NOT_SUPPORTED
    assert results[7].reason.code == "budget_exhausted"


def test_section_4_3_1_funds_until_exhausted_the_rest_eligible_not_supported():
    results = by_folio(
        allocate(
            budgets={"": D("250000")},
            candidates=[
                c(1, "A", "100000", "90"),
                c(2, "B", "100000", "80"),
                c(3, "C", "100000", "70"),
                c(4, "D", "10000", "60", eligible=False),
            ],
        )
    )
    assert results[1].status == results[2].status == Outcome.SUPPORTED
    assert results[3].status == Outcome.ELIGIBLE_NOT_SUPPORTED
    assert results[3].reason.params["left"] == "50000.00"
    assert results[4].status == Outcome.NOT_ELIGIBLE


def test_section_4_3_2_an_organisation_is_funded_only_for_its_first_eligible():
    early = datetime(2021, 3, 1, 9)  # noqa: DTZ001
    late = datetime(2021, 3, 2, 9)  # noqa: DTZ001
    candidates = [
        c(1, "A", "100000", "70", at=early),
        c(2, "A", "100000", "95", at=late),
        c(3, "B", "100000", "80"),
    ]
    assert first_eligible_per_organization(candidates) == {"A": 1, "B": 3}
    results = by_folio(allocate(budgets=BUDGET, candidates=candidates))
    assert results[2].status == Outcome.ELIGIBLE_NOT_SUPPORTED
    assert results[2].reason.code == "second_application"
    assert results[2].reason.params == {"first_folio": "1"}
    assert results[1].status == Outcome.SUPPORTED


def test_section_4_3_budget_per_scheme_or_theme_is_spent_separately():
    results = by_folio(
        allocate(
            budgets={"subsidy:": D("100000"), "coinvestment:": D("50000")},
            candidates=[
                c(1, "A", "100000", "90", pool="subsidy:"),
                c(2, "B", "60000", "95", pool="coinvestment:"),
                c(3, "C", "50000", "50", pool="coinvestment:"),
            ],
        )
    )
    assert results[1].status == Outcome.SUPPORTED
    assert results[2].status == Outcome.ELIGIBLE_NOT_SUPPORTED
    assert results[3].status == Outcome.ELIGIBLE_NOT_SUPPORTED  # stopped above


def test_section_4_3_3_money_not_formalised_in_15_days_is_reassigned_in_order():
    candidates = [
        c(1, "A", "100000", "90"),
        c(2, "B", "100000", "80"),
        c(3, "C", "100000", "70"),
        c(4, "D", "100000", "60"),
    ]
    results = by_folio(
        allocate(budgets={"": D("200000")}, candidates=candidates, not_formalized=[1])
    )
    assert results[1].status == Outcome.ELIGIBLE_NOT_SUPPORTED
    assert results[1].reason.code == "not_formalized"
    assert results[3].status == Outcome.SUPPORTED
    assert results[3].reason.code == "reassigned_funded"
    assert results[4].status == Outcome.ELIGIBLE_NOT_SUPPORTED
    assert results[4].reason.code == "reassigned_budget_exhausted"


def test_section_4_3_3_reassignment_skips_an_organisations_second_application():
    at1, at2 = datetime(2021, 3, 1), datetime(2021, 3, 5)  # noqa: DTZ001
    candidates = [
        c(1, "A", "100000", "90"),
        c(2, "B", "100000", "85", at=at1),
        c(3, "B", "100000", "80", at=at2),
    ]
    results = by_folio(
        allocate(budgets={"": D("200000")}, candidates=candidates, not_formalized=[1])
    )
    assert results[3].status == Outcome.ELIGIBLE_NOT_SUPPORTED
    assert results[3].reason.code == "second_application"


@pytest.mark.parametrize(
    ("shortfall", "funded"),
    [
        (Shortfall.STOP, {1}),
        (Shortfall.SKIP, {1, 3}),
        (Shortfall.PARTIAL, {1, 2}),
    ],
)
def test_section_4_3_the_calls_shortfall_choice_when_the_next_asks_too_much(
    shortfall, funded
):
    candidates = [
        c(1, "A", "100000", "90"),
        c(2, "B", "80000", "80", accepts_partial=True),
        c(3, "C", "30000", "70"),
    ]
    results = allocate(
        budgets={"": D("150000")}, candidates=candidates, shortfall=shortfall
    )
    assert {r.folio for r in results if r.status == Outcome.SUPPORTED} == funded
    assert all(r.shortfall == shortfall for r in results)
    if shortfall == Shortfall.PARTIAL:
        assert by_folio(results)[2].amount == D("50000.00")


def test_section_4_3_partial_needs_the_organisations_consent():
    results = by_folio(
        allocate(
            budgets={"": D("150000")},
            candidates=[c(1, "A", "100000", "90"), c(2, "B", "80000", "80")],
            shortfall=Shortfall.PARTIAL,
        )
    )
    assert results[2].status == Outcome.ELIGIBLE_NOT_SUPPORTED


def test_allocation_is_deterministic_whatever_the_input_order():
    candidates = [c(f, f"O{f}", "50000", str(90 - f % 3)) for f in range(1, 12)]
    first = allocate(budgets=BUDGET, candidates=candidates)
    again = allocate(budgets=BUDGET, candidates=list(reversed(candidates)))
    assert first == again


def test_allocation_refuses_a_folio_given_twice_and_an_unknown_pool():
    with pytest.raises(ValueError, match="once"):
        allocate(budgets=BUDGET, candidates=[c(1, "A", "1", "1"), c(1, "B", "1", "1")])
    with pytest.raises(ValueError, match="pool"):
        allocate(budgets=BUDGET, candidates=[c(1, "A", "1", "1", pool="x")])


# ------------------------------------------------------------ properties

candidate_lists = st.lists(
    st.builds(
        Candidate,
        folio=st.integers(1, 60),
        organization=st.sampled_from("ABCDEFGH"),
        requested=st.decimals("1000", "200000", places=2),
        eligible=st.booleans(),
        score=st.decimals("0", "100", places=0),
        eligible_at=st.datetimes(datetime(2021, 1, 1), datetime(2021, 3, 1)),  # noqa: DTZ001
        accepts_partial=st.booleans(),
    ),
    max_size=25,
    unique_by=lambda candidate: candidate.folio,
)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(
    candidates=candidate_lists,
    budget=st.decimals("0", "1000000", places=2),
    shortfall=st.sampled_from(Shortfall),
    drop=st.integers(0, 3),
)
def test_property_section_4_3_never_exceeds_the_budget_and_keeps_the_order(
    candidates, budget, shortfall, drop
):
    results = allocate(budgets={"": budget}, candidates=candidates, shortfall=shortfall)
    assert allocated_total(results) <= budget
    supported = [r.folio for r in results if r.status == Outcome.SUPPORTED]
    not_formalized = supported[:drop]
    again = allocate(
        budgets={"": budget},
        candidates=candidates,
        shortfall=shortfall,
        not_formalized=not_formalized,
    )
    assert allocated_total(again) <= budget
    _check_order(candidates, results, shortfall)


def _check_order(candidates, results, shortfall):
    """Ranks follow the score, highest first, equal scores by the lowest folio
    (computed here independently); one funded application per organisation;
    under "stop", no first application is funded below one left waiting."""
    outcome = {r.folio: r for r in results}
    eligible = [x for x in candidates if x.eligible]
    for a in eligible:
        for b in eligible:
            if a.score > b.score or (a.score == b.score and a.folio < b.folio):
                assert outcome[a.folio].rank < outcome[b.folio].rank
    by = {candidate.folio: candidate for candidate in candidates}
    funded = [by[r.folio].organization for r in results if r.status == "supported"]
    assert len(funded) == len(set(funded))
    if shortfall != Shortfall.STOP:
        return
    firsts = set(first_eligible_per_organization(candidates).values())
    ranked = sorted(eligible, key=lambda x: outcome[x.folio].rank)
    waiting = False
    for candidate in ranked:
        if candidate.folio not in firsts:
            continue
        status = outcome[candidate.folio].status
        assert not (waiting and status == Outcome.SUPPORTED)
        waiting = waiting or status != Outcome.SUPPORTED
