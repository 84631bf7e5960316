"""A section's body: description, objective, progress, activities, questionnaire.

The body is read line by line. Bullets in bold mark its parts ("Objetivo
Principal", "Avance del compromiso", "Actividad:", "Acciones:",
"Entregables:", "Recursos:", "Planificación del próximo avance:"); other
text lines add to the part open; lines with tabs are questionnaire rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ruta.ingest.actionplan.sections import Line
from ruta.ingest.actionplan.text import (
    clean,
    key,
    links,
    not_applicable,
    percentages,
    question_pairs,
)
from ruta.opengov.records import PrintedActivity, PrintedAnswer, PrintedStep
from ruta.sources.findings import Finding, Say, Values, finding_kind, sentence

_MARKER = re.compile(
    r"^\s*-?\s*\**\s*(?P<mark>[^:*]+?)\s*(?::\s*\**|\*\*|$)\s*(?P<rest>.*)$"
)
_MARKS = {
    "objetivo principal": "objective",
    "avance del compromiso": "progress",
    "actividad": "activity",
    "acciones": "action",
    "accion": "action",
    "entregables": "deliverable",
    "entregable": "deliverable",
    "recursos": "resources",
    "planificacion del proximo avance": "next_step",
}
HEADER_WORDS = {"categoria", "indicador", "informacion", "evidencia"}


@dataclass
class _Activity:
    name: str
    description: list[str] = field(default_factory=list)
    steps: list[list] = field(default_factory=list)  # [kind, name, [lines]]
    resources: list[str] = field(default_factory=list)

    def printed(self) -> PrintedActivity:
        return PrintedActivity(
            name=self.name,
            description=" ".join(self.description),
            steps=tuple(
                PrintedStep(
                    kind, name or " ".join(text), " ".join(text) if name else ""
                )
                for kind, name, text in self.steps
            ),
            resources=" ".join(self.resources),
        )


@dataclass
class Body:
    """What a section's body says, with the lines that say it."""

    description: list[str] = field(default_factory=list)
    objective: list[str] = field(default_factory=list)
    progress: list[str] = field(default_factory=list)
    next_step: list[str] = field(default_factory=list)
    activities: list[_Activity] = field(default_factory=list)
    answers: list[PrintedAnswer] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    stated: list[tuple[Decimal, int]] = field(default_factory=list)

    def activities_printed(self) -> tuple[PrintedActivity, ...]:
        return tuple(activity.printed() for activity in self.activities)

    def evidence_links(self) -> tuple[str, ...]:
        return links(" ".join(self.progress))


def _marker(text: str) -> tuple[str, str] | None:
    """Return the part a bold bullet opens and the text after it, if it is one."""
    if not text.lstrip().startswith(("-", "**")):
        return None
    match = _MARKER.match(text)
    if match is None:
        return None
    part = _MARKS.get(key(match["mark"]))
    return (part, clean(match["rest"])) if part else None


def body_read(lines: list[Line], *, where: str) -> Body:
    """Read a section's lines into a ``Body``; ``where`` names the section."""
    body = Body()
    part = "description"
    header: list[str] | None = None
    category = indicator = ""
    for line in lines:
        if "\t" in line.text:
            cells = [clean(cell) for cell in line.text.split("\t")]
            if {key(cell) for cell in cells if cell} <= HEADER_WORDS:
                header = [key(cell) for cell in cells]
                continue
            category = cells[0] or category
            indicator = (cells[1] if len(cells) > 1 else "") or indicator
            _row_read(body, cells, header, category, indicator, line, where)
            continue
        text = clean(line.text)
        if not text:
            continue
        marked = _marker(line.text)
        if marked is not None:
            part, rest = marked
            _open(body, part, rest)
            if part in {"activity", "action", "deliverable"}:
                part = "activity_text" if part == "activity" else "step_text"
            continue
        _add(body, part, text, line)
    return body


def _open(body: Body, part: str, rest: str) -> None:
    if part == "activity":
        body.activities.append(_Activity(rest))
    elif part in {"action", "deliverable"}:
        _current(body).steps.append([part, rest, []])
    elif part == "resources" and rest:
        _current(body).resources.append(rest)
    elif part == "next_step" and rest:
        body.next_step.append(rest)


def _current(body: Body) -> _Activity:
    if not body.activities:
        body.activities.append(_Activity(""))
    return body.activities[-1]


def _add(body: Body, part: str, text: str, line: Line) -> None:
    if part == "activity_text":
        _current(body).description.append(text)
    elif part == "step_text":
        _current(body).steps[-1][2].append(text)
    elif part == "resources":
        _current(body).resources.append(text)
    elif part == "next_step":
        body.next_step.append(text)
    elif part == "objective":
        body.objective.append(text)
    elif part == "progress":
        body.progress.append(text)
        body.stated += [(value, line.number) for value in percentages(text)]
    else:
        body.description.append(text)


def _row_read(
    body: Body,
    cells: list[str],
    header: list[str] | None,
    category: str,
    indicator: str,
    line: Line,
    where: str,
) -> None:
    """Read one questionnaire row: three cells (question and answer in one) or four."""
    width = len(header) if header else len(cells)
    if width >= 4 or len(cells) >= 4:
        padded = [*cells, "", "", "", ""]
        pairs = [(padded[2], padded[3])]
    else:
        pairs = question_pairs(cells[2] if len(cells) > 2 else "")
    for question, answer in pairs:
        printed = PrintedAnswer(
            category=category,
            indicator=indicator,
            question=question,
            answer=answer,
            line=line.number,
            links=links(answer),
        )
        body.answers.append(printed)
        body.stated += [(value, line.number) for value in percentages(answer)]
        finding = _answer_finding(printed, where)
        if finding is not None:
            body.findings.append(finding)


@finding_kind(
    "answer_empty", summary=sentence("Una respuesta del cuestionario está vacía.")
)
def answer_empty(values: Values, say: Say) -> str:
    data = {"indicator": values["indicator"], "question": values["question"]}
    if values["question"]:
        text = sentence(
            "La respuesta del cuestionario a «%(indicator)s» está vacía (la celda "
            "de la pregunta dice «%(question)s»)."
        )
    else:
        text = sentence("La respuesta del cuestionario a «%(indicator)s» está vacía.")
    return say(text) % data


@finding_kind(
    "answer_not_applicable",
    summary=sentence("Una respuesta del cuestionario dice «N/A»."),
)
def answer_not_applicable(values: Values, say: Say) -> str:
    answer = values["answer"]
    return say(
        sentence(
            "La respuesta del cuestionario a «%(indicator)s» es «N/A»: «%(answer)s»."
        )
    ) % {
        "indicator": values["indicator"],
        "answer": answer if len(answer) <= 120 else answer[:119] + "…",
    }


def _answer_finding(answer: PrintedAnswer, where: str) -> Finding | None:
    """Return the finding for an empty or "N/A" answer, naming where it stands."""
    place = f"{where}, line {answer.line} (questionnaire: {answer.indicator})"
    values = {"indicator": answer.indicator, "question": answer.question}
    if not answer.answer:
        return answer_empty.found(where=place, values=values)
    if not_applicable(answer.answer):
        return answer_not_applicable.found(
            where=place,
            values={**values, "answer": answer.answer[:300]},
        )
    return None
