"""The reader of open-government action-plan progress reports, pure.

``action_plan_read`` takes the text of a report of the Guanajuato kind (a
table of commitments and their agencies, then one section per commitment
with its objective, progress, activities and the standard questionnaire)
and returns a ``PrintedPlan`` with the findings of what does not hold
together. No database and no Django: ``ruta.ingest.loaders.actionplan``
writes what this reads.
"""

from __future__ import annotations

import re

from ruta.ingest.actionplan.body import Body, body_read
from ruta.ingest.actionplan.match import Pairing, pairings
from ruta.ingest.actionplan.sections import (
    Line,
    commitments_table,
    numbered,
    sections,
)
from ruta.ingest.actionplan.text import clean, dates, is_heading
from ruta.opengov.records import PrintedCommitment, PrintedPlan
from ruta.sources.findings import (
    DocumentError,
    Finding,
    Say,
    Values,
    figure,
    finding_kind,
    sentence,
)

__all__ = ["action_plan_read"]

_STATE = re.compile(r"\bESTADO DE ([A-ZÁÉÍÓÚÑ ]+?)\s*$")


def action_plan_read(text: str, *, name: str) -> PrintedPlan:
    """Return the plan ``text`` reports; raise ``DocumentError`` if it is none."""
    lines = numbered(text)
    rows, after = commitments_table(lines, name=name)
    found = sections(lines, after)
    if not found:
        raise DocumentError(
            "the commitments table is followed by no commitment section "
            "(a bold bullet naming the agency, e.g. '- **Secretaría … (SIGLAS)**')",
            file=name,
            line=lines[after - 1].number,
        )
    pairs, findings = pairings(rows, found, name=name)
    commitments = [
        _commitment(pair, number, name) for number, pair in enumerate(pairs, 1)
    ]
    findings += [f for c, pair in zip(commitments, pairs, strict=True) for f in c[1]]
    title = _title(lines, rows[0].line)
    return PrintedPlan(
        title=title,
        state=_state(title),
        commitments=tuple(c[0] for c in commitments),
        findings=tuple(findings),
        latest_date=max(dates(text), default=None),
    )


def _title(lines: list[Line], table: int) -> str:
    """Return the title: the first heading above the table that names a state.

    A line printed above the title (a cover line, a demonstration's mark) is
    not taken for it; a report whose headings name no state has its first
    line as its title.
    """
    above = [line.text for line in lines if line.number < table and line.text.strip()]
    named = (
        clean(text) for text in above if is_heading(text) and _STATE.search(clean(text))
    )
    return next(named, clean(above[0]) if above else "")


def _state(title: str) -> str:
    match = _STATE.search(title.upper())
    return match[1].strip() if match else ""


def _commitment(
    pair: Pairing, number: int, name: str
) -> tuple[PrintedCommitment, list[Finding]]:
    """Return the commitment of a pairing and its section's findings."""
    row, section = pair.row, pair.section
    if section is None:
        if row is None:
            raise ValueError("a pairing has a row, a section or both")
        return PrintedCommitment(
            number=number, name=row.name, agency=row.agency, line=row.line
        ), []
    title = row.name if row else (section.title or section.agency)
    where = f"{name}, section {title!r}"
    body = body_read(section.body, where=where)
    pct, stated = _progress(body, where)
    return PrintedCommitment(
        number=number,
        name=title,
        agency=row.agency if row else section.agency,
        line=row.line if row else section.line,
        section_title=section.title,
        section_agency=section.agency,
        section_line=section.title_line or section.line,
        description=" ".join(body.description),
        objective=" ".join(body.objective),
        progress_pct=pct,
        progress_text="\n".join(body.progress),
        next_step=" ".join(body.next_step),
        evidence_links=body.evidence_links(),
        activities=body.activities_printed(),
        answers=tuple(body.answers),
    ), [*body.findings, *stated]


@finding_kind(
    "progress_stated_differently",
    summary=sentence(
        "Una sección declara porcentajes de avance distintos: no se toma ninguno."
    ),
)
def progress_stated_differently(values: Values, say: Say) -> str:
    on_line = say(sentence("%(value)s en la línea %(line)s"))
    stated = []
    for pair in values["stated"].split("; "):
        value, line = pair.split()
        stated.append(on_line % {"value": figure(value, say, "percent"), "line": line})
    return say(
        sentence(
            "El avance se declara de formas distintas: %(stated)s; no se toma ninguno."
        )
    ) % {"stated": ", ".join(stated)}


def _progress(body: Body, where: str) -> tuple:
    """Return the one percentage the section states, or None with a finding.

    Two different percentages leave the progress unknown: the report
    contradicts itself and the platform does not choose.
    """
    values = sorted({value for value, _ in body.stated})
    if len(values) <= 1:
        return (values[0] if values else None), []
    return None, [
        progress_stated_differently.found(
            where=f"{where}, lines {', '.join(str(line) for _, line in body.stated)}",
            values={
                "percentages": "; ".join(str(v) for v in values),
                "stated": "; ".join(f"{value} {line}" for value, line in body.stated),
            },
        )
    ]
