"""Arithmetic and completeness checks of the TMM-F004 forms a document prints.

The goal rules themselves are the domain's (``ruta.programs.rules``): the
capture page runs the same ``check_goal`` while staff type a quarter.
``check_form`` and ``check_document`` run them on reconciled forms and add
what reading and reconciling found.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ruta.common.text.folding import label_key
from ruta.ingest.poa.model import Status
from ruta.programs.rules import (
    ACHIEVED_SUM,
    ACHIEVED_UNPROGRAMMED,
    GOAL_RULES,
    HUNDRED,
    INFO,
    NEEDS_REVIEW,
    NO_OBSERVATION,
    PROGRAMMED_SUM,
    QUARTER_LABELS,
    RELATIVE,
    TARGET_INVALID,
    Accumulation,
    check_goal,
    no_observation,
    relative_percent,
)
from ruta.sources.findings import Finding, Say, Values, finding_kind, sentence

if TYPE_CHECKING:
    from ruta.ingest.poa.model import FormCopy, Reading, ReconciledForm, ReconciledGoal

__all__ = [
    "ACHIEVED_SUM",
    "ACHIEVED_UNPROGRAMMED",
    "GOAL_RULES",
    "NEEDS_REVIEW",
    "NO_OBSERVATION",
    "PROGRAMMED_SUM",
    "RELATIVE",
    "TARGET_INVALID",
    "check_copy",
    "check_document",
    "check_form",
    "check_goal",
    "relative_percent",
]


# ---------------------------------------------------------------- forms


@finding_kind(
    "POA-GOAL-REPEATED",
    summary=sentence("Un número de meta se imprime más de una vez."),
)
def goal_repeated(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El número de meta %(goal)s se imprime %(times)s veces en una copia; "
            "los renglones se asignan a las metas por su descripción."
        )
    ) % {"goal": values["goal"], "times": values["times"]}


def check_copy(copy: FormCopy) -> list[Finding]:
    """Return a finding for each goal number a copy prints more than once."""
    counts = Counter(row.number for row in copy.rows)
    findings = []
    for number, times in sorted(counts.items()):
        if times > 1:
            lines = [row.line for row in copy.rows if row.number == number]
            printed = ", ".join(map(str, lines))
            where = f"{copy.source_name}, {copy.describe()}, lines {printed}"
            values = {"goal": number, "times": times}
            findings.append(goal_repeated.found(where=where, values=values))
    return findings


def check_form(
    form: ReconciledForm, *, observation_policy: bool = True
) -> list[Finding]:
    """Return the arithmetic findings and the values left for review of a form."""
    where = f"{form.source_name}, form {form.label()}"
    findings = _header_review(form, where)
    period = form.period.value
    through = period.quarter if period and period.quarter else len(QUARTER_LABELS)
    for goal in form.goals:
        findings += _goal_findings(goal, where, through, observation_policy)
        findings += _review_findings(goal, where)
    return findings


def _goal_findings(
    goal: ReconciledGoal, where: str, through: int = 4, policy: bool = True
) -> list[Finding]:
    cells = [r for q in goal.quarters for r in (q.programmed, q.achieved)]
    unresolved = any(r.value is None and r.status == Status.NEEDS_REVIEW for r in cells)
    quarters = [(q.programmed.value, q.achieved.value) for q in goal.quarters]
    number = goal.number.value or 0
    if unresolved or goal.absolute.value is None:
        pct = goal.relative_pct.value
        final = through == len(QUARTER_LABELS)
        if (
            final
            and policy
            and pct is not None
            and pct != HUNDRED
            and not _observation(goal).strip()
        ):
            return [no_observation(number, pct, f"{where}, goal {number}")]
        return []
    return check_goal(
        number,
        goal.annual_target.value,
        quarters,
        goal.absolute.value,
        goal.relative_pct.value,
        _observation(goal),
        where=where,
        through=through,
        accumulation=Accumulation(goal.accumulation.value or Accumulation.SUM),
        observation_policy=policy,
    )


def _observation(goal: ReconciledGoal) -> str:
    """Return the goal's observation, or a candidate when left for review.

    An observation the copies print differently is left for review with its
    readings; the goal still has one, so it is not reported as missing.
    """
    if goal.observation.value is not None:
        return goal.observation.value
    return next((c.value for c in goal.observation.candidates if c.value), "")


# What a reading left for review is ("annual target", "ABR-JUN P", "ramo code").
_READINGS = {
    "number": sentence("el número de meta"),
    "description": sentence("la descripción"),
    "unit": sentence("la unidad de medida"),
    "annual target": sentence("la meta anual"),
    "lines of action": sentence("las líneas de acción"),
    "absolute": sentence("el avance absoluto"),
    "relative": sentence("el avance relativo"),
    "observation": sentence("la observación"),
    "accumulation": sentence("la forma de acumular los trimestres"),
    "form code": sentence("la clave del formato"),
    "period": sentence("el periodo"),
    "person responsible for the programa": sentence("el responsable del programa"),
    "person responsible for the unidad ejecutora": sentence(
        "el responsable de la unidad ejecutora"
    ),
    "person responsible for the ramo": sentence("el responsable del ramo"),
    "ramo code": sentence("la clave del ramo"),
    "ramo name": sentence("el nombre del ramo"),
    "programa code": sentence("la clave del programa"),
    "programa name": sentence("el nombre del programa"),
    "unidad ejecutora code": sentence("la clave de la unidad ejecutora"),
    "unidad ejecutora name": sentence("el nombre de la unidad ejecutora"),
    "finalidad code": sentence("la clave de la finalidad"),
    "finalidad name": sentence("el nombre de la finalidad"),
    "función code": sentence("la clave de la función"),
    "función name": sentence("el nombre de la función"),
    "subfunción code": sentence("la clave de la subfunción"),
    "subfunción name": sentence("el nombre de la subfunción"),
}
_LISTED_READINGS = (
    (
        re.compile(r"(?P<quarter>[A-Z]{3}-[A-Z]{3}) P"),
        sentence("lo programado en %(quarter)s"),
    ),
    (
        re.compile(r"(?P<quarter>[A-Z]{3}-[A-Z]{3}) A"),
        sentence("lo alcanzado en %(quarter)s"),
    ),
    (re.compile(r"eje (?P<code>\S+) name"), sentence("el nombre del eje %(code)s")),
    (re.compile(r"eje (?P<code>\S+)"), sentence("la clave del eje %(code)s")),
    (
        re.compile(r"línea de acción (?P<code>\S+) name"),
        sentence("el nombre de la línea de acción %(code)s"),
    ),
    (
        re.compile(r"línea de acción (?P<code>\S+)"),
        sentence("la clave de la línea de acción %(code)s"),
    ),
)


def _reading_words(field: str, say: Say) -> str:
    """Return what a reading left for review is; KeyError if not known."""
    if field in _READINGS:
        return say(_READINGS[field])
    for pattern, text in _LISTED_READINGS:
        if match := pattern.fullmatch(field):
            return say(text) % match.groupdict()
    raise KeyError(field)


@finding_kind(
    NEEDS_REVIEW,
    summary=sentence(
        "Las copias del formato dejan un valor sin establecer: espera revisión."
    ),
)
def needs_review(values: Values, say: Say) -> str:
    data = {
        "field": _reading_words(values["field"], say),
        "readings": values["readings"],
        "goal": values.get("goal"),
    }
    if values.get("goal") not in (None, "", "None"):
        text = sentence(
            "Meta %(goal)s: las copias del formato no establecen %(field)s; queda "
            "para revisión (lecturas: %(readings)s)."
        )
    else:
        text = sentence(
            "Las copias del formato no establecen %(field)s; queda para revisión "
            "(lecturas: %(readings)s)."
        )
    return say(text) % data


def _review_findings(goal: ReconciledGoal, where: str) -> list[Finding]:
    number = goal.number.value
    named: list[tuple[str, Reading[Any]]] = [
        ("number", goal.number),
        ("description", goal.description),
        ("unit", goal.unit),
        ("annual target", goal.annual_target),
        ("lines of action", goal.lines_of_action),
        ("absolute", goal.absolute),
        ("relative", goal.relative_pct),
        ("observation", goal.observation),
        ("accumulation", goal.accumulation),
    ]
    for quarter in goal.quarters:
        named += [
            (f"{quarter.label} P", quarter.programmed),
            (f"{quarter.label} A", quarter.achieved),
        ]
    return [
        needs_review.found(
            where=f"{where}, goal {number}",
            severity=INFO,
            values={
                "field": name,
                "candidates": [c.value for c in reading.candidates],
                "readings": _readings(reading),
                "goal": number,
            },
        )
        for name, reading in named
        if reading.status == Status.NEEDS_REVIEW
    ]


def _readings(reading: Reading[Any]) -> str:
    """Return the candidate readings as pages show them: "1 | —" ("—" is blank)."""
    return " | ".join(_shown(candidate.value) for candidate in reading.candidates)


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, tuple | list):
        return ", ".join(map(str, value)) or "—"
    return str(value)


def _header_readings(form: ReconciledForm) -> list[tuple[str, Reading[Any]]]:
    named: list[tuple[str, Reading[Any]]] = [
        ("form code", form.form_code),
        ("period", form.period),
        ("person responsible for the programa", form.persons.program),
        ("person responsible for the unidad ejecutora", form.persons.executing_unit),
        ("person responsible for the ramo", form.persons.ramo),
    ]
    coded = (
        ("ramo", form.ramo),
        ("programa", form.program),
        ("unidad ejecutora", form.executing_unit),
        ("finalidad", form.finalidad),
        ("función", form.funcion),
        ("subfunción", form.subfuncion),
    )
    for label, entry in coded:
        named += [(f"{label} code", entry.code), (f"{label} name", entry.name)]
    listed = [("eje", e) for e in form.ejes]
    listed += [("línea de acción", line) for line in form.lines_of_action]
    for label, entry in listed:
        named += [(f"{label} {entry.code.value}", entry.code)]
        named += [(f"{label} {entry.code.value} name", entry.name)]
    return named


def _header_review(form: ReconciledForm, where: str) -> list[Finding]:
    return [
        needs_review.found(
            where=where,
            severity=INFO,
            values={
                "field": name,
                "candidates": [c.value for c in reading.candidates],
                "readings": _readings(reading),
            },
        )
        for name, reading in _header_readings(form)
        if reading.status == Status.NEEDS_REVIEW
    ]


def check_document(
    copies: Sequence[FormCopy],
    forms: Sequence[ReconciledForm],
    *,
    observation_policy: bool = True,
) -> list[Finding]:
    """Return every finding of a document: reading, reconciling and arithmetic.

    ``observation_policy`` adds the platform's informational findings of
    goals off their programme with no observation (``ruta.programs.rules``).
    """
    findings = [finding for copy in copies for finding in copy.findings]
    findings += [finding for copy in copies for finding in check_copy(copy)]
    for form in forms:
        findings += list(form.notes)
        findings += check_form(form, observation_policy=observation_policy)
    findings += check_listed_names(forms)
    return findings


_LISTED_KINDS = {
    "eje": sentence("El eje"),
    "línea de acción": sentence("La línea de acción"),
}


@finding_kind(
    "POA-LISTED-NAME",
    summary=sentence(
        "Una línea de acción o eje lleva nombres distintos en formatos distintos."
    ),
)
def listed_name(values: Values, say: Say) -> str:
    names = values["spellings"].split(" | ")
    spellings = [f"«{name}»" for name in names]
    if "forms" in values:
        on = say(sentence("«%(name)s» en %(forms)s"))
        forms = values["forms"].split(" | ")
        spellings = [
            on % {"name": name, "forms": printed_on}
            for name, printed_on in zip(names, forms, strict=True)
        ]
    return say(
        sentence(
            "%(kind)s %(listed)s lleva %(names)s nombres distintos en los formatos "
            "del documento: %(spellings)s."
        )
    ) % {
        "kind": say(_LISTED_KINDS[values["kind"]]),
        "listed": values["listed"],
        "names": values["names"],
        "spellings": "; ".join(spellings),
    }


def check_listed_names(forms: Sequence[ReconciledForm]) -> list[Finding]:
    """Return the ejes and líneas one code names differently on different forms.

    One plan gives each code one name; forms of the same document that print
    other words for it (each form's copies agreeing) contradict each other.
    Accents and case are not compared (scans lose them), nor names left for
    review.
    """
    printed: dict[tuple[str, str], dict[str, list[str]]] = {}
    spelled: dict[str, str] = {}
    for form in forms:
        for kind, entries in (
            ("eje", form.ejes),
            ("línea de acción", form.lines_of_action),
        ):
            for entry in entries:
                code, name = entry.code.value, entry.name.value
                if code and name and entry.name.status != Status.NEEDS_REVIEW:
                    names = printed.setdefault((kind, code), {})
                    spelled.setdefault(label_key(name), name)
                    names.setdefault(label_key(name), []).append(form.label())
    findings = []
    for (kind, code), names in sorted(printed.items()):
        if len(names) < 2:
            continue
        where = f"{forms[0].source_name}, forms " + ", ".join(
            dict.fromkeys(label for labels in names.values() for label in labels)
        )
        findings.append(
            listed_name.found(
                where=where,
                values={
                    "listed": code,
                    "names": len(names),
                    "kind": kind,
                    "spellings": " | ".join(spelled[key] for key in names),
                    "forms": " | ".join(", ".join(on) for on in names.values()),
                },
            )
        )
    return findings
