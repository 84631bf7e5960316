"""Open-government action-plan progress reports written from structured data.

A ``Report`` holds what a report of the Guanajuato kind states: the table
of commitments and their agencies, then one section per commitment with
its description, objective, progress, activities (actions, deliverables,
resources), next step and the standard questionnaire's answers.
``render_report`` prints it in the layout the action-plan reader
(``ruta.ingest.actionplan``) takes: a commitment's heading in capitals, a
bold bullet naming the agency, bold bullets opening each part, the
questionnaire as tab-separated rows of three columns (questions and
answers in one cell) or four (question and evidence apart).

What the reader finds is data here, so a report keeps a seed's
contradictions on purpose: a section may print no heading
(``Section.heading`` empty) or name its agency otherwise than the table
(``Section.agency``), and an answer may be "N/A" or empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# The bold bullets that open a section's parts, as the reader knows them.
OBJECTIVE = "Objetivo Principal"
PROGRESS = "Avance del compromiso"
ACTIVITY = "Actividad"
ACTIONS = "Acciones"
DELIVERABLES = "Entregables"
RESOURCES = "Recursos"
NEXT_STEP = "Planificación del próximo avance"
TABLE_HEADER = ("NOMBRE DEL COMPROMISO", "DEPENDENCIA")

# A question of a three-column cell ends at "?" (a parenthesis may follow it):
# the reader splits the cell there, so an answer holds none.
_ASKS = re.compile(r"\?(?:\s*\([^()]*\))?$")


@dataclass(frozen=True)
class Answer:
    """A question of the questionnaire and what the agency answered."""

    question: str
    answer: str


@dataclass(frozen=True)
class Row:
    """A questionnaire row: its category ("" continues the one above), indicator
    and answers (a four-column row holds one; a three-column cell may hold several).
    """

    category: str
    indicator: str
    answers: tuple[Answer, ...]
    gap_before: bool = False  # the report leaves a blank line above it


@dataclass(frozen=True)
class Questionnaire:
    """The standard questionnaire as one section prints it."""

    columns: int  # 3: questions and answers in one cell; 4: evidence apart
    header: tuple[str, ...]  # the column titles; () when the report prints none
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Step:
    """An action or a deliverable of an activity, with the lines under it."""

    kind: str  # ACTIONS or DELIVERABLES
    name: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Activity:
    """An activity of a commitment: what was done, its steps and resources."""

    name: str
    description: str
    steps: tuple[Step, ...]
    resources: str
    # "- **Acciones: Análisis**" rather than "- **Acciones:** Análisis", and
    # the resources under their bullet: the seed prints one activity so.
    names_in_bold: bool = False


@dataclass(frozen=True)
class Section:
    """A commitment's section of the report."""

    heading: str  # the commitment's name in capitals; "" prints none
    agency: str  # as the section names it, which may differ from the table
    description: str
    objective: str
    progress: tuple[str, ...] = ()  # paragraphs under "Avance del compromiso"
    activities: tuple[Activity, ...] = ()
    next_step: str = ""
    questionnaire: Questionnaire | None = None
    progress_in_bold: bool = True


@dataclass(frozen=True)
class Commitment:
    """A row of the commitments table and its section."""

    name: str
    agency: str  # as the table prints it
    section: Section


@dataclass(frozen=True)
class Report:
    """An action plan's progress report."""

    title: str
    group: str  # the heading over the table ("COMPROMISOS DEL PODER EJECUTIVO")
    commitments: tuple[Commitment, ...]


def render_report(report: Report) -> str:
    """Return the report's text in the layout the action-plan reader takes."""
    lines = ["", report.title, "", report.group, "", "\t".join(TABLE_HEADER)]
    lines += [f"{c.name}\t{c.agency}" for c in report.commitments]
    for commitment in report.commitments:
        lines += ["", *_section(commitment.section)]
    return "\n".join(lines) + "\n"


def _bullet(mark: str, rest: str = "") -> str:
    return f"- **{mark}**" + (f" {rest}" if rest else "")


def _section(section: Section) -> Iterator[str]:
    if section.heading:
        yield from (section.heading, "")
    yield from (_bullet(section.agency), "", section.description, "")
    yield from (_bullet(OBJECTIVE), "", section.objective, "")
    yield _bullet(PROGRESS) if section.progress_in_bold else f"- {PROGRESS}"
    for paragraph in section.progress:
        yield from ("", paragraph)
    for activity in section.activities:
        yield from _activity(activity)
    if section.next_step:
        yield from ("", _bullet(f"{NEXT_STEP}:"), "", section.next_step)
    if section.questionnaire is not None:
        yield ""
        yield from _questionnaire(section.questionnaire)


def _marked(mark: str, name: str, in_bold: bool) -> str:
    return _bullet(f"{mark}: {name}") if in_bold else _bullet(f"{mark}:", name)


def _activity(activity: Activity) -> Iterator[str]:
    bold = activity.names_in_bold
    yield from ("", _marked(ACTIVITY, activity.name, bold), "", activity.description)
    for step in activity.steps:
        yield from ("", _marked(step.kind, step.name, bold))
        for line in step.lines:
            yield from ("", line)
    if bold:
        yield from ("", _bullet(f"{RESOURCES}:"), "", activity.resources)
    else:
        yield from ("", _bullet(f"{RESOURCES}:", activity.resources))


def _questionnaire(questionnaire: Questionnaire) -> Iterator[str]:
    if questionnaire.header:
        yield "\t".join(questionnaire.header)
    for row in questionnaire.rows:
        if row.gap_before:
            yield ""
        if questionnaire.columns == 4:
            (answer,) = row.answers
            cells = [answer.question, answer.answer]
        else:
            cells = [_cell(row.answers)]
        yield "\t".join([row.category, row.indicator, *cells])


def _cell(answers: tuple[Answer, ...]) -> str:
    """Return a three-column cell: each question followed by its answer.

    Raise ``ValueError`` for a cell the reader would split otherwise: a
    question that does not end at "?", a later one that does not open with
    "¿", or an answer holding a "?".
    """
    parts: list[str] = []
    for number, answer in enumerate(answers):
        alone = len(answers) == 1 and not answer.question
        later = number > 0 and not answer.question.startswith("¿")
        if not alone and (not _ASKS.search(answer.question) or later):
            raise ValueError(f"the reader cannot split {answer.question!r}")
        if "?" in answer.answer:
            raise ValueError(f"an answer holds a question mark: {answer.answer!r}")
        parts += (
            [answer.question, answer.answer] if answer.question else [answer.answer]
        )
    return " ".join(parts)
