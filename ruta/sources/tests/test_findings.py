"""Kinds of finding: worded once in Spanish, again in any language, declared once."""

import pytest
from django.utils import translation

from ruta.sources.display import finding_text
from ruta.sources.findings import (
    Finding,
    FindingKind,
    Say,
    Values,
    figure,
    finding_kind,
    sentence,
)


def _goal_words(values: Values, say: Say) -> str:
    return say(sentence("Meta %(goal)s: se alcanzó %(achieved)s.")) % {
        "goal": values["goal"],
        "achieved": figure(values["achieved"], say),
    }


GOAL = FindingKind("test-goal", _goal_words, summary="Una meta no cuadra.")


def test_a_finding_is_worded_in_spanish_when_found_from_its_values_as_text():
    found = GOAL.found(where="goal 7", values={"goal": 7, "achieved": 1234567})
    assert found.message == "Meta 7: se alcanzó 1,234,567."
    assert found.values == {"goal": 7, "achieved": 1234567}
    assert found.as_dict()["values"] == {"goal": "7", "achieved": "1234567"}


def test_values_that_lack_what_the_sentence_needs_give_the_summary():
    assert GOAL.worded({"goal": "7"}) is None
    assert GOAL.found(where="goal 7", values={"goal": 7}).message == (
        "Una meta no cuadra."
    )


def test_a_finding_stored_with_its_summary_keeps_no_original_beside_it():
    summary = (
        "Un resultado publicado no se reproduce con las cifras del propio informe."
    )
    stored = Finding(
        code="indicator_result_mismatch",
        message=summary,
        where="line 266 (indicator_results_1, row 2)",
        values={"published": "43"},
    )
    with translation.override("en"):
        text = finding_text(stored)
    assert text.message == (
        "A published result cannot be reproduced from the report's own figures."
    )
    assert text.original == ""


def test_a_blank_figure_is_said_in_the_page_language():
    assert figure("None", lambda text: text) == "en blanco"
    with translation.override("en"):
        assert figure("blank", translation.gettext) == "blank"
    assert figure("87", str, "percent") == "87%"


def test_a_code_is_declared_once():
    with pytest.raises(ValueError, match="declared twice"):
        finding_kind("row_sources_mismatch")(_goal_words)
