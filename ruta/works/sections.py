"""Sections other apps add to a work's public page.

Committees, problem reports and follows belong to apps that read works, so
the work page cannot import them. Each of those apps registers here, when it
starts (``AppConfig.ready``), a template and a function giving its context;
the page renders the registered sections in order, after its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

    from ruta.works.models import Work


@dataclass(frozen=True)
class WorkSection:
    """A part of the work page: ``context`` returns ``None`` to leave it out."""

    key: str
    order: int
    template: str
    context: Callable[[Work, HttpRequest], Mapping[str, Any] | None]


@dataclass(frozen=True)
class RenderedSection:
    """A section ready for the page: its template and its context."""

    key: str
    template: str
    context: Mapping[str, Any]


_SECTIONS: dict[str, WorkSection] = {}


def work_section_register(section: WorkSection) -> None:
    """Add ``section`` to every work page (idempotent per key)."""
    _SECTIONS[section.key] = section


def work_sections(work: Work, request: HttpRequest) -> list[RenderedSection]:
    """Return the registered sections of ``work``'s page, in their order."""
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda item: (item.order, item.key)):
        context = section.context(work, request)
        if context is not None:
            rendered.append(RenderedSection(section.key, section.template, context))
    return rendered
