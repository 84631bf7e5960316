"""A question that asks two things is split into the questions it asks."""

from __future__ import annotations

import pytest

from ruta.portal.questions.clauses import asks_again, question_clauses


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (
            "cuantas obras de pavimentacion hay en Navojoa y cuanto se invirtio",
            ["cuantas obras de pavimentacion hay en Navojoa", "cuanto se invirtio"],
        ),
        (
            "¿Existe convenio con el municipio de Álamos? ¿por cuánto?",
            ["Existe convenio con el municipio de Álamos", "por cuánto"],
        ),
        (
            "¿Qué obras se adjudicaron en Hermosillo y a qué empresas?",
            ["Qué obras se adjudicaron en Hermosillo", "a qué empresas"],
        ),
        (
            "Who built the school in Ures and how much was paid?",
            ["Who built the school in Ures", "how much was paid"],
        ),
        # "y" between two names joins them: one question.
        ("obras de agua potable y drenaje en Cajeme", None),
        ("¿Cuánto se invirtió en Álamos?", None),
        # More than three parts is not a question to split.
        ("¿a? ¿b? ¿c? ¿d?", None),
    ],
)
def test_a_question_is_split_where_another_question_begins(text, clauses):
    assert question_clauses(text) == (clauses or [text])


@pytest.mark.parametrize(
    ("clause", "asked", "again"),
    [
        ("por cuánto", "", True),
        ("y cuántos", "", True),
        ("cuánto se invirtió", "", False),
        ("a qué empresas", "contracts", True),
        ("a qué empresas", "works_list", False),
        ("en qué municipio", "", False),
        ("quién la construyó", "works_list", False),
    ],
)
def test_a_follow_up_that_names_nothing_asks_again(clause, asked, again):
    assert asks_again(clause, asked) is again
