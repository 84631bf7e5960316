"""Checks of TMM-F004 goals, on plain numbers and on the Mexicali seed."""

import json
from dataclasses import fields, is_dataclass
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruta.ingest.poa import (
    REVIEW_RULES,
    check_copy,
    check_document,
    check_goal,
    forms_as_json,
    read_copies,
    reconcile_copies,
    relative_percent,
)
from ruta.ingest.poa.model import ERROR, INFO, WARNING, Reading, Status
from ruta.programs.rules import Accumulation, accumulation_fitting
from ruta.sources.findings import Finding
from ruta.sources.models import Severity
from testkit.seeds import MEXICALI_POA_2023_Q4, seed_path

SOURCE = "mexicali-poa-2023-q4.txt"


@cache
def seed():
    text = seed_path(MEXICALI_POA_2023_Q4).read_text(encoding="utf-8")
    copies = read_copies(text, source_name=SOURCE)
    forms = reconcile_copies(copies)
    return copies, forms, check_document(copies, forms)


NO_OBSERVATION_CODE = "POA-NO-OBSERVATION"


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def found(code: str) -> list[Finding]:
    return [f for f in seed()[2] if f.code == code]


# ---------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("absolute", "target", "printed"),
    [
        (1770, 1751, "101"),  # 101.09
        (15, 17, "88"),  # 88.24
        (9, 8, "113"),  # 112.5 rounds half up
        (170, 120, "142"),  # 141.67
        (2001, 1000, "200"),  # 200.1
        (457, 381, "120"),  # 119.95
        (0, 1, "0"),
    ],
)
def test_relative_is_rounded_to_a_whole_percent_half_up(absolute, target, printed):
    assert relative_percent(absolute, target) == Decimal(printed)


def test_a_zero_target_has_no_relative():
    with pytest.raises(ValueError, match="zero"):
        relative_percent(3, 0)


# ---------------------------------------------------------------- one goal


GOAL_300 = [(371, 410), (241, 202), (629, 671), (509, 487)]


def test_a_consistent_goal_has_no_warning():
    findings = check_goal(300, 1750, GOAL_300, 1770, Decimal("101"), "Se cumplió.")
    assert findings == []


def test_programmed_short_of_the_target_is_only_informative():
    (finding,) = check_goal(300, 1751, GOAL_300, 1770, Decimal("101"), "Se cumplió.")
    assert finding.code == "POA-PROGRAMMED-SUM"
    assert finding.severity == "info"
    assert finding.values == {
        "programmed": 1750,
        "target": 1751,
        "accumulation": "sum",
        "goal": 300,
    }


def test_achieved_not_adding_up_to_the_absolute():
    findings = check_goal(503, 1, [(1, 1)] * 4, 1, Decimal("100"), "")
    (achieved,) = [f for f in findings if f.code == "POA-ACHIEVED-SUM"]
    assert achieved.values == {
        "achieved": 4,
        "absolute": 1,
        "accumulation": "sum",
        "goal": 503,
    }
    assert achieved.message.startswith("Meta 503: la suma de lo alcanzado es 4")


def test_goal_503_holds_as_a_goal_restated_each_quarter():
    # The seed prints 1 each quarter, an absolute of 1 and 100 %: not a sum.
    quarters = [(1, 1)] * 4
    assert accumulation_fitting([a for _, a in quarters], 1) == Accumulation.LAST
    assert (
        check_goal(
            503, 1, quarters, 1, Decimal("100"), "", accumulation=Accumulation.LAST
        )
        == []
    )


def test_a_level_reached_accumulates_as_the_largest_quarter():
    quarters = [(10, 12), (10, 15), (10, 9), (10, 11)]
    assert accumulation_fitting([a for _, a in quarters], 15) == Accumulation.MAX
    assert accumulation_fitting([a for _, a in quarters], 47) == Accumulation.SUM
    assert accumulation_fitting([a for _, a in quarters], 30) is None


def test_relative_not_matching_the_absolute():
    (finding,) = check_goal(
        101, 4, [(1, 4), (1, 1), (1, 4), (1, 2)], 11, Decimal("257"), "x"
    )
    assert finding.code == "POA-RELATIVE"
    assert finding.values == {
        "printed": Decimal("257"),
        "expected": Decimal("275"),
        "absolute": 11,
        "target": 4,
        "goal": 101,
    }


def test_over_or_under_the_goal_without_observation():
    over = check_goal(103, 4, [(1, 1), (1, 2), (1, 1), (1, 1)], 5, Decimal("125"), " ")
    assert codes(over) == ["POA-NO-OBSERVATION"]
    assert "por encima de la meta" in over[0].message
    # The platform's policy, not the form's: informational, and it says so.
    assert over[0].severity == "info"
    assert over[0].message.endswith("(política de la plataforma).")
    assert (
        check_goal(
            103,
            4,
            [(1, 1), (1, 2), (1, 1), (1, 1)],
            5,
            Decimal("125"),
            "",
            observation_policy=False,
        )
        == []
    )
    under = check_goal(305, 100, [(40, 73), (30, 18), (30, 5), (None, None)], 96, None)
    assert codes(under) == ["POA-NO-OBSERVATION"]
    assert "por debajo de la meta" in under[0].message


def test_achieved_in_a_quarter_with_nothing_programmed():
    quarters = [(None, None), (None, 450), (503, 320), (267, None)]
    (finding,) = check_goal(312, 770, quarters, 770, Decimal("100"), "Se cumplió")
    assert finding.code == "POA-ACHIEVED-UNPROGRAMMED"
    assert finding.values == {"quarter": "ABR-JUN", "achieved": 450, "goal": 312}


def test_quarters_typed_so_far_are_checked_without_the_annual_sums():
    """The capture form checks each quarter as staff type it."""
    findings = check_goal(404, 120, [(30, 101), (30, 52)], 153, None, "")
    assert codes(findings) == ["POA-NO-OBSERVATION"]  # 153 of 120 is over the goal
    assert check_goal(404, 120, [(30, 101), (30, 52)], 150, None, "x") == [
        Finding(
            code="POA-ACHIEVED-SUM",
            message=(
                "Meta 404: la suma de lo alcanzado es 153, pero el avance absoluto "
                "impreso es 150."
            ),
            where="goal 404",
            values={
                "achieved": 153,
                "absolute": 150,
                "accumulation": "sum",
                "goal": 404,
            },
        )
    ]


def test_a_missing_target_is_a_finding():
    assert "POA-TARGET-INVALID" in codes(
        check_goal(1, 0, [(0, 0)], 0, Decimal("0"), "x")
    )


@given(
    st.lists(
        st.tuples(st.integers(1, 999), st.integers(0, 999)), min_size=4, max_size=4
    )
)
def test_figures_computed_the_forms_way_never_raise_a_warning(quarters):
    target = sum(p for p, _ in quarters)
    absolute = sum(a for _, a in quarters)
    findings = check_goal(1, target, quarters, absolute, None, "Observación.")
    assert findings == []


# ---------------------------------------------------------------- the seed


def test_the_seed_warnings_name_form_and_goal():
    warnings = sorted(
        (f.code, f.where.split(", ", 1)[1])
        for f in seed()[2]
        if f.severity == "warning" and f.code.startswith("POA-")
    )
    cdhi = "form DEPARTAMENTO DE CENTROS DE DESARROLLO HUMANO INTEGRAL"
    social = "form 54201 DEPARTAMENTO DE PARTICIPACIÓN SOCIAL"
    # Goal 503 holds as a goal restated each quarter; goal 103's missing
    # observation is the platform's policy (information), not a warning.
    assert warnings == [
        ("POA-ACHIEVED-UNPROGRAMMED", f"{social}, goal 312"),
        ("POA-ACHIEVED-UNPROGRAMMED", f"{cdhi}, goal 510"),
        ("POA-GOAL-REPEATED", "copy 16 (lines 898-944), lines 926, 927, 929"),
        (
            "POA-LISTED-NAME",
            "forms 54201 DEPARTAMENTO DE PARTICIPACIÓN SOCIAL, "
            "54202 DEPARTAMENTO TÉCNICO, "
            "DEPARTAMENTO DE CENTROS DE DESARROLLO HUMANO INTEGRAL",
        ),
        ("POA-REPEATED-RUN", "copy 15 (lines 757-894), lines 776-870"),
    ]
    policy = [f for f in seed()[2] if f.code == "POA-NO-OBSERVATION"]
    assert ("form 54101 DIRECCIÓN, goal 103", "info") in {
        (f.where.split(", ", 1)[1], f.severity) for f in policy
    }


def test_a_goal_number_repeated_in_a_copy_is_found():
    copies = seed()[0]
    (finding,) = check_copy(copies[15])
    assert finding.values == {"goal": 504, "times": 3}
    assert check_copy(copies[14]) == []


def test_values_left_for_review_are_listed_with_their_candidates():
    review = found("POA-NEEDS-REVIEW")
    homero = [
        f
        for f in review
        if "el responsable de la unidad ejecutora; queda para revisión" in f.message
    ]
    assert len(homero) == 1
    assert set(homero[0].values["candidates"]) == {
        "HOMERO SARMIENTO AGUILERA",
        "HOMERO GAMANTE AGUILAN",
        "HOMERO SAMANTEGO AGUILAR",
    }
    goals = {f.where.rsplit("goal ", 1)[-1] for f in review if ", goal " in f.where}
    assert {"204", "205", "309", "311", "313"} <= goals
    assert "503" not in goals  # settled as a goal restated each quarter


def test_an_observation_left_for_review_is_not_reported_missing():
    # Goal 308 is at 121%; its copies print three readings of the observation.
    social = "form 54201 DEPARTAMENTO DE PARTICIPACIÓN SOCIAL"
    on_308 = [f for f in seed()[2] if f.where.endswith(f"{social}, goal 308")]
    assert [(f.code, f.values["field"]) for f in on_308] == [
        ("POA-NEEDS-REVIEW", "observation")
    ]
    assert len(on_308[0].values["candidates"]) == 3


def test_the_json_is_serialisable_with_codes_as_printed():
    copies, forms, findings = seed()
    data = json.loads(json.dumps(forms_as_json(forms, findings)))
    direccion = data["forms"][0]
    assert direccion["ramo"]["code"] == "54"
    assert direccion["program"]["code"] == "511"
    assert direccion["executing_unit"]["code"] == "54101"
    assert direccion["period"]["label"] == "OCTUBRE-DICIEMBRE 2023"
    g101 = direccion["goals"][1]
    assert g101["number"] == 101
    assert [q["achieved"] for q in g101["quarters"]] == [4, 1, 4, 2]
    assert (g101["absolute"], g101["relative_pct"]) == (11, "275")
    assert g101["status"] == "reconciled"
    assert g101["statuses"]["quarters"][0] == {
        "programmed": "verified",
        "achieved": "reconciled",
    }
    assert data["forms"][4]["executing_unit"]["code"] is None
    assert data["findings"][0].keys() >= {"message", "where"}


def test_the_json_lists_what_a_goal_leaves_for_review():
    data = forms_as_json(seed()[1], [])
    g204 = data["forms"][1]["goals"][4]
    assert g204["status"] == "needs_review"
    fields = [item["field"] for item in g204["review"]]
    assert fields == [
        f"{q} {s}" for q in ("ABR-JUN", "JUL-SEP", "OCT-DIC") for s in "PA"
    ]
    assert sorted(g204["review"][0]["candidates"], key=str) == [1, None]


def test_the_readers_severities_are_the_stored_severities():
    assert {INFO, WARNING, ERROR} == set(Severity.values)
    assert {f.severity for f in seed()[2]} <= set(Severity.values)


def test_every_value_left_for_review_names_a_known_rule():
    def readings(node):
        if isinstance(node, Reading):
            yield node
        elif is_dataclass(node):
            for item in fields(node):
                yield from readings(getattr(node, item.name))
        elif isinstance(node, tuple | list):
            for item in node:
                yield from readings(item)

    _, forms, _ = seed()
    rules = {r.rule for r in readings(forms) if r.status == Status.NEEDS_REVIEW}
    assert rules
    assert rules <= set(REVIEW_RULES)


def test_a_line_of_action_named_differently_on_two_forms_is_reported():
    _copies, _forms, findings = seed()
    listed = [f for f in findings if f.code == "POA-LISTED-NAME"]
    assert [f.values["listed"] for f in listed] == ["2.1.5"]  # accents aside
    message = listed[0].message
    assert "«APOYOS A POBLACIÓN EN POBREZA EXTREMA» en 54201" in message
    assert "«INFRAESTRUCTURA PARA EL DESARROLLO HUMANO Y EL CIUDADANO»" in message


def test_a_midyear_form_asks_why_only_when_the_advance_differs_from_the_programmed():
    quarters = [(1, 1), (1, 1), (1, None), (1, None)]
    on_track = check_goal(103, 4, quarters, 2, Decimal("50"), "", through=2)
    assert on_track == []  # 50 % of the year, as programmed: nothing to explain
    ahead = [(1, 1), (1, 2), (1, None), (1, None)]
    (finding,) = check_goal(103, 4, ahead, 3, Decimal("75"), "", through=2)
    assert finding.code == NO_OBSERVATION_CODE
    assert finding.message == (
        "Meta 103: hasta ABR-JUN se alcanzó 3 contra 2 programado y no hay "
        "observación (política de la plataforma)."
    )
    assert check_goal(103, 4, ahead, 3, Decimal("75"), "Adelanto.", through=2) == []
