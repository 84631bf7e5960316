"""§3.4.1 co-investment and administrative cap, §4.4.1 expenses not allowed,
§3.7.2-18 the accountant."""

from __future__ import annotations

from decimal import Decimal

from ruta.grants.rules.budget import (
    BudgetLine,
    Category,
    CofundingBase,
    budget_problems,
    required_contribution,
)

D = Decimal


def lines(*extra):
    return [
        BudgetLine("Talleres", Category.TRAINING, D("70000"), D("40000"), D("30000")),
        BudgetLine("Contador", Category.ACCOUNTANT, D("30000"), D("30000")),
        *extra,
    ]


def codes(problems):
    return [problem.code for problem in problems]


def test_a_budget_keeping_every_rule_has_no_problems():
    assert budget_problems(lines()) == []


def test_section_3_4_peso_por_peso_the_contribution_is_half_the_whole_project():
    # Support 100,000 needs 100,000 own (money or in kind): 50 % of 200,000.
    assert required_contribution(D("100000"), CofundingBase.PROJECT) == D("100000")
    short = [
        BudgetLine("Talleres", Category.TRAINING, D("70000"), D("40000")),
        BudgetLine("Contador", Category.ACCOUNTANT, D("30000"), D("30000")),
    ]
    problems = budget_problems(short)
    assert codes(problems) == ["cofunding_short"]
    assert problems[0].section == "3.4.1"
    assert dict(problems[0].figures) == {"actual": "70000.00", "limit": "100000.00"}


def test_section_3_4_1_reading_half_the_requested_amount_is_the_calls_choice():
    assert required_contribution(D("100000"), CofundingBase.REQUESTED) == D("50000.00")
    half = [
        BudgetLine("Talleres", Category.TRAINING, D("70000"), D("20000")),
        BudgetLine("Contador", Category.ACCOUNTANT, D("30000"), D("30000")),
    ]
    assert budget_problems(half, base=CofundingBase.REQUESTED) == []


def test_section_3_4_1_contribution_may_be_in_kind():
    in_kind = [
        BudgetLine("Talleres", Category.TRAINING, D("70000"), D("0"), D("70000")),
        BudgetLine("Contador", Category.ACCOUNTANT, D("30000"), D("0"), D("30000")),
    ]
    assert budget_problems(in_kind) == []


def test_section_3_4_1_administrative_costs_at_most_30_percent_of_the_support():
    over = [
        BudgetLine("Talleres", Category.TRAINING, D("69999"), D("69999")),
        BudgetLine("Contador", Category.ACCOUNTANT, D("30001"), D("30001")),
    ]
    problems = budget_problems(over)
    assert codes(problems) == ["admin_over_cap"]
    assert dict(problems[0].figures) == {"actual": "30001.00", "limit": "30000.00"}


def test_section_4_4_1_disallowed_concepts_charged_to_the_support_are_rejected():
    for category in (
        Category.SCHOLARSHIPS,
        Category.DIRECT_CASH,
        Category.TAXES,
        Category.RENT,
        Category.POLITICAL_RELIGIOUS,
    ):
        line = BudgetLine("x", category, D("1"), D("1"))
        problems = budget_problems(lines(line))
        assert ("disallowed_concept", "4.4.1", 3) in [
            (p.code, p.section, p.line) for p in problems
        ]


def test_section_4_4_1_a_disallowed_concept_paid_by_the_organisation_is_allowed():
    own_rent = BudgetLine("Renta", Category.RENT, D("0"), D("12000"))
    assert budget_problems(lines(own_rent)) == []


def test_section_4_4_1_f_the_call_may_disallow_more():
    line = BudgetLine("Equipo", Category.EQUIPMENT, D("1"), D("1"))
    problems = budget_problems(lines(line), extra_disallowed={"equipment"})
    assert "disallowed_concept" in codes(problems)


def test_section_3_7_2_18_administrative_costs_include_an_accountant():
    no_accountant = [BudgetLine("Talleres", Category.TRAINING, D("100"), D("100"))]
    assert codes(budget_problems(no_accountant)) == ["no_accountant"]


def test_the_calls_maximum_per_project():
    assert "over_maximum" in codes(budget_problems(lines(), maximum=D("99999")))
