"""The question box as an endpoint: the same answer the page and ``ruta ask`` give.

No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.
"""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from ruta.common.bounds import STORABLE_TEXT
from ruta.common.web.guards import UnknownValue
from ruta.portal.questions.answers import question_ask
from ruta.portal.questions.chips import changes_read
from ruta.portal.questions.parse import MAX_QUESTION_LENGTH

router = Router(tags=["questions"])

QuestionText = Annotated[
    str, Field(min_length=1, max_length=MAX_QUESTION_LENGTH, pattern=STORABLE_TEXT)
]

Changed = Annotated[str, Field(max_length=20, pattern=r"^[a-z0-9_]*$")]


class UnderstoodOut(Schema):
    """A filter the question was narrowed by, with the page of that selection."""

    name: str
    key: str
    url: str


class FigureOut(Schema):
    """A figure of the answer, exact; ``unit`` is ``MXN`` for pesos."""

    label: str
    value: str
    unit: str


class SourceOut(Schema):
    """Where a figure comes from: the rows, a work, a published document."""

    label: str
    url: str


class AnsweredWorkOut(Schema):
    folio: str
    title: str
    url: str


class MendedOut(Schema):
    """A word read as a known one it resembles (a typo)."""

    typed: str
    read: str


class ChoiceOut(Schema):
    """Another value of a part, with the question asked again with it."""

    key: str
    name: str
    url: str
    api_url: str


class PartOut(Schema):
    """A part of the question the person may change (its ``parameter``)."""

    slot: str
    parameter: str
    label: str
    name: str
    key: str
    choices: list[ChoiceOut]


class AnswerOut(Schema):
    """An answer, or a decline (``answered`` false) saying what was not understood."""

    answered: bool
    answer: str
    asked: str
    understood: dict[str, UnderstoodOut]
    figures: list[FigureOut]
    sources: list[SourceOut]
    works: list[AnsweredWorkOut]
    not_understood: list[str]
    suggestions: list[str]
    mended: list[MendedOut]
    parts: list[PartOut]


@router.get("", response=AnswerOut, summary="Answer a question in Spanish")
def question(
    request: HttpRequest,
    q: QuestionText,
    year: Changed = "",
    municipality: Changed = "",
    region: Changed = "",
    moment: Changed = "",
    phase: Changed = "",
    group: Changed = "",
    measure: Changed = "",
) -> dict[str, Any]:
    """Answer ``q`` from the published data, saying what was understood and
    citing the sources; a question not wholly understood is declined
    (``answered`` false) with the words not understood and questions that can
    be answered instead. ``parts`` are what the person may change: asked again
    with ``year``, ``municipality``, ``region``, ``moment``, ``phase``,
    ``group`` or ``measure`` set to one of a part's choices, the part is
    replaced; a value that is not one of its part's choices here is a 404
    (``unknown-choice``), as a year the catalog lacks is."""
    asked = {
        "year": year,
        "municipality": municipality,
        "region": region,
        "moment": moment,
        "phase": phase,
        "group": group,
        "measure": measure,
    }
    changes = changes_read(asked)
    if changes is None:
        raise _choice_unknown(asked)
    return question_ask(q, changes).as_json()


def _choice_unknown(asked: dict[str, str]) -> UnknownValue:
    """Return the 404 naming the first change that is not one of its part's
    choices here (they change with the data: a year, a place)."""
    parameter = next(
        name
        for name, value in asked.items()
        if value and not changes_read({name: value})
    )
    return UnknownValue(
        parameter,
        f"{asked[parameter]!r} is not one of the part's choices here",
        code="unknown-choice",
    )
