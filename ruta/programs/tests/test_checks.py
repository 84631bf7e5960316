"""The capture checks are the reader's, on the seed's own figures."""

from django.utils import translation

from ruta.ingest.poa import REVIEW_RULES
from ruta.programs.checks import (
    MESSAGES,
    QUARTER_RULE,
    blocking,
    capture_findings,
    problem_message,
)
from ruta.programs.reasons import REVIEW_REASONS, review_reason
from ruta.programs.rules import GOAL_RULES
from ruta.sources.findings import Finding


def codes(**kwargs):
    return [f.code for f in capture_findings(**kwargs)]


def test_a_quarter_on_programme_passes():
    assert (
        codes(number=302, annual_target=12, earlier=[], entry=(3, 3), observation="")
        == []
    )


def test_a_quarter_gap_needs_an_observation():
    # Goal 305 of 54201, fourth quarter: nothing programmed... 30 P, 5 A in JUL-SEP.
    earlier = [(40, 73), (30, 18)]
    assert codes(
        number=305, annual_target=100, earlier=earlier, entry=(30, 5), observation=""
    ) == [QUARTER_RULE]
    assert (
        codes(
            number=305,
            annual_target=100,
            earlier=earlier,
            entry=(30, 5),
            observation="No se alcanzó la acción",
        )
        == []
    )


def test_the_year_end_compares_with_the_annual_target():
    # Goal 405 of 54202: 36 of 40 reports, 90%, with its observation.
    earlier = [(None, None)] * 3
    found = capture_findings(
        number=405, annual_target=40, earlier=earlier, entry=(40, 36), observation=""
    )
    (problem,) = blocking(found, 405)
    assert problem.code == "POA-NO-OBSERVATION"
    assert "90%" in problem.message
    assert (
        codes(
            number=405,
            annual_target=40,
            earlier=earlier,
            entry=(40, 36),
            observation="Solo hay 36 obras terminadas",
        )
        == []
    )


def test_only_the_entered_quarter_is_blamed_for_achieving_unprogrammed():
    # Goal 309 of 54201 achieved 20 in ENE-MAR with nothing programmed; a
    # later capture does not report that quarter again.
    earlier = [(None, 20)]
    assert (
        codes(
            number=309,
            annual_target=60,
            earlier=earlier,
            entry=(20, 20),
            observation="",
        )
        == []
    )
    assert "POA-ACHIEVED-UNPROGRAMMED" in codes(
        number=309, annual_target=60, earlier=[], entry=(None, 20), observation="x"
    )


def test_a_programmed_total_off_the_target_does_not_block():
    # Goal 300: Σ P = 1,750 against an annual target of 1,751 (info only).
    earlier = [(371, 410), (241, 202), (629, 671)]
    found = capture_findings(
        number=300,
        annual_target=1751,
        earlier=earlier,
        entry=(509, 487),
        observation="Se cumplió la meta anual",
    )
    assert [f.code for f in found] == ["POA-PROGRAMMED-SUM"]
    assert blocking(found, 300) == []


def test_every_rule_has_a_message_in_both_languages():
    assert set(GOAL_RULES) | {QUARTER_RULE} <= set(MESSAGES)
    assert set(REVIEW_RULES) <= set(REVIEW_REASONS)
    for message in [*MESSAGES.values(), *REVIEW_REASONS.values()]:
        with translation.override("es-mx"):
            spanish = str(message)
        with translation.override("en"):
            assert str(message) != spanish, spanish


def test_an_unknown_rule_is_still_worded_for_people():
    finding = Finding(code="POA-NEW", message="goal 7: something new", where="")
    with translation.override("es-mx"):
        assert problem_message(finding, 7) == (
            "Meta 7: no cumple la regla POA-NEW del formato."
        )
    assert "regla desconocida" in review_reason("desconocida")
