"""What the question box says: an answer's figures, its sources and what it understood.

Shared by every kind of answer (``answers`` and the modules beside it), so
that the page, ``ruta ask``, the API and a message read one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy

from ruta.works.models import Work

MXN = "MXN"
# What a ranking lists and by what it orders (the parser's ``Rank``).
RANK_GROUPS = {
    "municipality": gettext_lazy("municipios"),
    "subprogram": gettext_lazy("subprogramas"),
    "program": gettext_lazy("programas"),
    "region": gettext_lazy("regiones"),
    "agency": gettext_lazy("dependencias ejecutoras"),
    "work": gettext_lazy("obras"),
    "contractor": gettext_lazy("empresas contratistas"),
    "organization": gettext_lazy("organizaciones"),
    "chapter": gettext_lazy("capítulos"),
    "aid_concept": gettext_lazy("conceptos de ayuda"),
    "grant_project": gettext_lazy("proyectos apoyados"),
}
RANK_MEASURES = {
    "invested": gettext_lazy("dinero invertido (recursos liberados)"),
    "count": gettext_lazy("obras registradas"),
    "beneficiaries": gettext_lazy("beneficiarios declarados"),
}


@dataclass(frozen=True)
class Citation:
    """Where a figure comes from: a page that shows the rows, a work, a document."""

    label: str
    url: str


@dataclass(frozen=True)
class Understood:
    """One thing the question was narrowed by, and where to see the same selection."""

    slot: str
    label: str
    name: str
    key: str
    url: str = ""


@dataclass(frozen=True)
class Figure:
    """A figure of the answer, exact: an amount in pesos, a count or a percent."""

    label: str
    value: str
    unit: str = ""


@dataclass(frozen=True)
class Choice:
    """Another value of a chip, and the question asked again with it."""

    key: str
    name: str
    url: str  # the question page
    api_url: str  # the same answer in JSON


@dataclass(frozen=True)
class Chip:
    """An understood part of the question and the values it may take instead."""

    slot: str
    parameter: str
    label: str
    name: str
    key: str
    choices: tuple[Choice, ...]
    kept: tuple[tuple[str, str], ...] = ()  # the question and other parts changed


@dataclass(frozen=True)
class Answer:
    """What the box says; ``answered`` is False when it declines."""

    text: str
    answered: bool = True
    asked: str = ""
    understood: list[Understood] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)
    works: list[Work] = field(default_factory=list)
    not_understood: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    mended: list[tuple[str, str]] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Return the answer as ``ruta ask --json`` and the API give it."""
        return {
            "answered": self.answered,
            "answer": self.text,
            "asked": self.asked,
            "understood": {
                item.slot: {"name": item.name, "key": item.key, "url": item.url}
                for item in self.understood
            },
            "figures": [
                {"label": f.label, "value": f.value, "unit": f.unit}
                for f in self.figures
            ],
            "sources": [{"label": c.label, "url": c.url} for c in self.sources],
            "works": [
                {"folio": w.public_id, "title": w.title, "url": w.get_absolute_url()}
                for w in self.works
            ],
            "not_understood": self.not_understood,
            "suggestions": self.suggestions,
            "mended": [{"typed": a, "read": b} for a, b in self.mended],
            "parts": [
                {
                    "slot": chip.slot,
                    "parameter": chip.parameter,
                    "label": chip.label,
                    "name": chip.name,
                    "key": chip.key,
                    "choices": [
                        {
                            "key": choice.key,
                            "name": choice.name,
                            "url": choice.url,
                            "api_url": choice.api_url,
                        }
                        for choice in chip.choices
                    ],
                }
                for chip in self.chips
            ],
        }
