"""The reader of a grants programme's rules of operation, pure.

``call_rules_read`` takes the text of the Reglas de Operación of a programme
of the Peso por Peso kind (numbered sections, the requirements table of
§3.4, the obligations of §3.7.2, the operation of §4, §5 with its lists and
its table of causes) and returns the figures the platform enforces as the
document prints them, each with its section and line, and the findings of
the figures the platform applies otherwise (``checks``). Text that is not
such a document raises ``DocumentError`` naming the file and the line. No
database and no Django: ``ruta.ingest.loaders.callrules`` writes what this
reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ruta.ingest.callrules.checks import figure_check, unread_check
from ruta.ingest.callrules.figures import SPECS, RuleFigure, Unread, figure_read
from ruta.ingest.callrules.layout import Layout, folded, layout_read
from ruta.sources.findings import DocumentError, Finding

__all__ = ["PrintedRules", "RuleFigure", "call_rules_read"]

_YEAR = re.compile(r"ejercicio fiscal (\d{4})")
_PROGRAM = re.compile(r"programa\s+(.+?)(?:\s+para el ejercicio\b|$)")
_MONEY = re.compile(r"\$\s?(\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{2})?)")
# The part of §3.6 on amounts (B), which may print the most a project receives.
MAXIMUM_PLACE = "3.6 B"


@dataclass(frozen=True)
class PrintedRules:
    """What a rules document prints that the platform enforces, with its findings."""

    title: str
    title_line: int
    program: str
    fiscal_year: int | None
    normative: str  # what §3.3.1 says of the body that rules the programme
    figures: tuple[RuleFigure, ...]
    findings: tuple[Finding, ...]
    max_per_project: Decimal | None = None
    max_line: int | None = None


def call_rules_read(text: str, *, name: str) -> PrintedRules:
    """Return the rules ``text`` prints; raise ``DocumentError`` if it is none."""
    layout = layout_read(text)
    title = _title(layout, name)
    _sections_required(layout, name, title[1])
    figures: list[RuleFigure] = []
    findings: list[Finding] = []
    for spec in SPECS:
        read = figure_read(layout, spec)
        if isinstance(read, Unread):
            findings.append(unread_check(read, name=name))
            continue
        figures.append(read)
        if (finding := figure_check(read, name=name)) is not None:
            findings.append(finding)
    maximum, max_line = _maximum(layout)
    year = _YEAR.search(folded(title[0]))
    return PrintedRules(
        title=title[0],
        title_line=title[1],
        program=_program(title[0]),
        fiscal_year=int(year[1]) if year else None,
        normative=" ".join(p.text() for p in layout.texts.get("3.3.1", [])[1:]),
        figures=tuple(figures),
        findings=tuple(findings),
        max_per_project=maximum,
        max_line=max_line,
    )


def _title(layout: Layout, name: str) -> tuple[str, int]:
    if layout.title is None:
        raise DocumentError(
            "no title 'REGLAS DE OPERACIÓN …' before the first numbered section: "
            "the text is not the rules of operation of a programme",
            file=name,
            line=layout.first_line or None,
        )
    return layout.title.text(), layout.title.line


def _sections_required(layout: Layout, name: str, line: int) -> None:
    """Refuse rules that number none of the places the platform reads."""
    if any(layout.place_line(spec.place) for spec in SPECS):
        return
    wanted = ", ".join(dict.fromkeys(f"§{spec.place}" for spec in SPECS[:8]))
    raise DocumentError(
        "the rules number none of the sections the platform enforces "
        f"({wanted}, §5 …): the text is not in the layout of the Reglas de "
        "Operación",
        file=name,
        line=line,
    )


def _program(title: str) -> str:
    match = _PROGRAM.search(folded(title))
    return title[match.start(1) : match.end(1)].strip(' "“”') if match else ""


def _maximum(layout: Layout) -> tuple[Decimal | None, int | None]:
    """Return the most a project receives if §3.6 B prints it, with its line."""
    for passage in layout.texts.get(MAXIMUM_PLACE, []):
        text = passage.text()
        if (match := _MONEY.search(text)) is not None:
            value = Decimal(match[1].replace(",", ""))
            return value, passage.line_at(match.start())
    return None, None
