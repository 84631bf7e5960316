"""§3.4.1 criteria scored by the comisión dictaminadora; §4.3.1 orders by it."""

from __future__ import annotations

from decimal import Decimal

from ruta.grants.rules.scoring import (
    application_score,
    mark_problem,
    reviewer_total,
)

D = Decimal


def test_an_applications_score_is_the_mean_of_its_reviewers_totals():
    totals = [reviewer_total({"1": D("20"), "2": D("30")}), D("45")]
    assert application_score(totals) == D("47.50")
    assert application_score([D("80"), D("81"), D("81")]) == D("80.67")


def test_no_score_before_any_reviewer_scored():
    assert application_score([]) is None


def test_a_mark_outside_its_criterions_range_is_refused():
    assert mark_problem(D("21"), D("20")) == "over_maximum"
    assert mark_problem(D("-1"), D("20")) == "negative"
    assert mark_problem(D("20"), D("20")) == ""
    assert mark_problem(D("NaN"), D("20")) == "not_a_number"
