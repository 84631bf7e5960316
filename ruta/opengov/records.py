"""What an action-plan progress report prints, as plain values: no Django.

The reader (``ruta.ingest.actionplan``) fills these and the services store
them, so the domain never imports a reader and ``ruta ingest action-plan
--json`` prints the very records the domain writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ruta.sources.findings import Finding


@dataclass(frozen=True)
class PrintedAnswer:
    """One answer of the standard questionnaire, with the line it starts on."""

    category: str
    indicator: str
    question: str
    answer: str
    line: int
    links: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """Return the answer as the command prints it."""
        return {
            "category": self.category,
            "indicator": self.indicator,
            "question": self.question,
            "answer": self.answer,
            "links": list(self.links),
            "line": self.line,
        }


@dataclass(frozen=True)
class PrintedStep:
    """An action or a deliverable of an activity."""

    kind: str  # "action" or "deliverable"
    name: str
    description: str = ""


@dataclass(frozen=True)
class PrintedActivity:
    """An activity of a commitment: its actions, deliverables and resources."""

    name: str
    description: str = ""
    steps: tuple[PrintedStep, ...] = ()
    resources: str = ""


@dataclass(frozen=True)
class PrintedCommitment:
    """A commitment as the table names it and its section reports it."""

    number: int
    name: str
    agency: str
    line: int
    section_title: str = ""
    section_agency: str = ""
    section_line: int | None = None
    description: str = ""
    objective: str = ""
    progress_pct: Decimal | None = None
    progress_text: str = ""
    next_step: str = ""
    evidence_links: tuple[str, ...] = ()
    activities: tuple[PrintedActivity, ...] = ()
    answers: tuple[PrintedAnswer, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """Return the commitment as the command prints it."""
        pct = self.progress_pct
        return {
            "number": self.number,
            "name": self.name,
            "agency": self.agency,
            "section_agency": self.section_agency,
            "progress_pct": None if pct is None else float(pct),
            "next_step": self.next_step,
            "evidence_links": list(self.evidence_links),
            "activities": [
                {
                    "name": activity.name,
                    "actions": [s.name for s in activity.steps if s.kind == "action"],
                    "deliverables": [
                        s.name for s in activity.steps if s.kind == "deliverable"
                    ],
                    "resources": activity.resources,
                }
                for activity in self.activities
            ],
            "questionnaire": [answer.as_json() for answer in self.answers],
            "line": self.line,
        }


@dataclass(frozen=True)
class PrintedPlan:
    """A progress report of an action plan: its commitments and findings.

    ``state`` is the state the title names ("GUANAJUATO"), ``latest_date``
    the latest full date the text states (the default reporting date).
    """

    title: str
    state: str
    commitments: tuple[PrintedCommitment, ...]
    findings: tuple[Finding, ...] = ()
    latest_date: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
