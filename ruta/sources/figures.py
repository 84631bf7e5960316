"""What a published row's figures are called on pages, declared by their loaders.

A published row keeps its figures as they were read, under its reader's keys
(``baseline_year``, ``annual_target``) or a file's own headers (a works
list's): the data stays as read, and the API gives it so. Pages name each
figure as a person does: every loader declares, beside the rows it writes,
the name of each key it writes, in Spanish (the source language, translated
through the catalogue), and the names of a key's coded values
(``ascending``). A key no loader declares is a file's own header, shown as
the file prints it. Dates are written as people write them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.functional import Promise

Names = Mapping[str, str | Promise]


@dataclass(frozen=True)
class FigureNames:
    """A document kind's figure names, and the names of coded values by key."""

    names: Names = field(default_factory=dict)
    values: Mapping[str, Names] = field(default_factory=dict)


_DECLARED: dict[str, FigureNames] = {}


def figure_names_declare(
    kind: str, names: Names, values: Mapping[str, Names] | None = None
) -> None:
    """Declare what the figures of ``kind``'s rows (a ``DocumentKind``) are called."""
    _DECLARED[kind] = FigureNames(names, values or {})


def figure_names_of(kind: str) -> FigureNames:
    """Return ``kind``'s declared names (none when no loader declared them)."""
    return _DECLARED.get(kind, FigureNames())


def figure_name(kind: str, key: str) -> str:
    """Return what a page calls figure ``key`` of a ``kind`` document."""
    name = figure_names_of(kind).names.get(key)
    return str(name) if name is not None else key


def figure_value(kind: str, key: str, value: object) -> str:
    """Return a figure's value as a page writes it: a code by its name, a date
    as people write it, anything else as read."""
    names = figure_names_of(kind).values.get(key, {})
    if isinstance(value, str) and value in names:
        return str(names[value])
    if isinstance(value, str) and len(value) == 10:
        try:
            return date_format(date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            pass
    return str(value)


def figures_text(kind: str, values: Mapping[str, object], prefix: str = "") -> str:
    """Return a row's figures as "name: value" pairs, in the page's language.

    A nested figure (an indicator's results by year) is named by its key and
    then its own ("resultado 2023: 45").
    """
    parts = []
    for key, value in values.items():
        name = f"{prefix}{figure_name(kind, key)}"
        if isinstance(value, Mapping):
            parts.append(figures_text(kind, value, f"{name} "))
        elif value not in (None, ""):
            parts.append(f"{name}: {figure_value(kind, key, value)}")
    return "; ".join(part for part in parts if part)
