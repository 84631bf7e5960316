"""§3.4 requirements 1–13: which block eligibility and which can be cured."""

from __future__ import annotations

from datetime import date

import pytest

from ruta.grants.rules.requirements import (
    REQUIREMENTS,
    REQUIREMENTS_BY_CODE,
    compliance_opinion_is_current,
    coordinator_is_free,
    is_eligible_by_requirements,
    requirements_check,
)

ALL = {requirement.code for requirement in REQUIREMENTS}


def test_section_3_4_lists_requirements_1_to_13():
    numbers = {code.split(".")[0] for code in ALL}
    assert numbers == {str(n) for n in range(1, 14)}


@pytest.mark.parametrize("code", ["4", "5.2", "13"])
def test_section_3_4_cancellation_causes_block_and_cannot_be_cured(code):
    """4 "cancelación de su derecho", 5.2 "será anulada", 13 "quedará cancelada"."""
    requirement = REQUIREMENTS_BY_CODE[code]
    assert requirement.blocking
    assert not requirement.curable


@pytest.mark.parametrize("code", ["6.1", "12"])
def test_section_3_4_requirements_with_a_substitute_can_be_cured(code):
    """6.1 accepts the proof of the CLUNI process; 12 a commitment letter."""
    assert REQUIREMENTS_BY_CODE[code].curable


def test_section_3_4_req_11_the_bank_account_is_due_only_when_approved():
    for code in ("11.1", "11.2"):
        assert not REQUIREMENTS_BY_CODE[code].blocking
        assert REQUIREMENTS_BY_CODE[code].when_approved
    assert is_eligible_by_requirements(requirements_check(ALL - {"11.1", "11.2"}))


def test_section_3_4_a_missing_blocking_document_makes_the_application_ineligible():
    checks = requirements_check(ALL - {"7"})
    assert not is_eligible_by_requirements(checks)
    missing = [check for check in checks if check.blocks]
    assert [check.requirement.code for check in missing] == ["7"]
    assert not missing[0].final


def test_section_3_4_req_6_2_dnias_counts_as_met_when_it_does_not_apply():
    checks = requirements_check(ALL - {"6.2"}, dnias_applies=False)
    assert is_eligible_by_requirements(checks)


def test_section_3_4_req_2_2_the_compliance_opinion_is_at_most_a_month_old():
    assert compliance_opinion_is_current(date(2021, 2, 15), date(2021, 3, 15))
    assert not compliance_opinion_is_current(date(2021, 2, 15), date(2021, 3, 16))
    assert compliance_opinion_is_current(date(2021, 1, 31), date(2021, 2, 28))


def test_section_3_4_req_13_a_coordinator_holds_only_one_project():
    assert coordinator_is_free("BOXW310820HNERXN09", ["GOMA800229MSRNRR05"])
    assert not coordinator_is_free("boxw310820hnerxn09 ", ["BOXW310820HNERXN09"])
