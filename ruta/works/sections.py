"""Sections other apps add to a work's public page.

Committees, problem reports and follows belong to apps that read works, so
the work page cannot import them. Each of those apps registers here, when the
site starts (its ``registrations`` module), a template and a function giving
its context; the page renders the registered sections in order, after its
own.

A section that lists rows of the work (its reports, its alerts) names their
relations in ``lists``: the work page reads whether the work has any with the
work's own row (``work_detail``), and the section reads none of a kind the
work is known to have none of (``work_known_without``), instead of a query
that finds nothing, which is what most works' sections find.
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
    """A part of the work page: ``context`` returns ``None`` to leave it out.

    ``lists``: the work's relations (reverse foreign keys) whose rows the
    section reads, whose presence the page reads with the work.
    """

    key: str
    order: int
    template: str
    context: Callable[[Work, HttpRequest], Mapping[str, Any] | None]
    lists: tuple[str, ...] = ()


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


def section_row_kinds() -> tuple[str, ...]:
    """Return the relations the registered sections list, each once, in order."""
    kinds: dict[str, None] = {}
    for section in sorted(_SECTIONS.values(), key=lambda item: (item.order, item.key)):
        kinds.update(dict.fromkeys(section.lists))
    return tuple(kinds)


def work_sections(work: Work, request: HttpRequest) -> list[RenderedSection]:
    """Return the registered sections of ``work``'s page, in their order."""
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda item: (item.order, item.key)):
        context = section.context(work, request)
        if context is not None:
            rendered.append(RenderedSection(section.key, section.template, context))
    return rendered


@dataclass(frozen=True)
class ContractorSection:
    """A part of a company's page: ``context`` returns ``None`` to leave it out."""

    key: str
    order: int
    template: str
    context: Callable[[str, HttpRequest], Mapping[str, Any] | None]


_CONTRACTOR_SECTIONS: dict[str, ContractorSection] = {}


def contractor_section_register(section: ContractorSection) -> None:
    """Add ``section`` to every company's page (idempotent per key)."""
    _CONTRACTOR_SECTIONS[section.key] = section


def contractor_sections(rfc: str, request: HttpRequest) -> list[RenderedSection]:
    """Return the registered sections of the company ``rfc``'s page, in order."""
    rendered = []
    ordered = sorted(
        _CONTRACTOR_SECTIONS.values(), key=lambda item: (item.order, item.key)
    )
    for section in ordered:
        context = section.context(rfc, request)
        if context is not None:
            rendered.append(RenderedSection(section.key, section.template, context))
    return rendered
