"""The staff desk: every task a signed-in person may do, in one list.

Accounts sit below the domain apps, so they cannot know a committee or a
call for grants; each app registers its tasks here when the site starts (its
``registrations`` module), and the desk home and the menu read this list, so
a page added later appears by itself. A task says:

- ``may(user)``: whether the person may do it at all (the page itself still
  checks each record it shows, with the permission rules);
- ``waiting(user)``: optionally, how many items wait for that person (open
  reports to moderate, values to review), counted within their scope;
- ``records(user)``: optionally, the records the task is done on (a call the
  person runs, a committee they sit on), each a link of its own.

The list is read for one person at a time on a page that is never cached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Text = str | Promise


class DeskArea(IntEnum):
    """The groups of the desk home, in the order they are shown."""

    WORKS = 10
    PROBLEMS = 20
    OVERSIGHT = 30
    PROGRAMS = 40
    INDICATORS = 45
    GRANTS = 50
    OPEN_GOVERNMENT = 60
    DATA = 70
    ADMINISTRATION = 80

    @property
    def label(self) -> Text:
        return AREA_LABELS[self]


AREA_LABELS: dict[DeskArea, Text] = {
    DeskArea.WORKS: _("Obras"),
    DeskArea.PROBLEMS: _("Reportes ciudadanos"),
    DeskArea.OVERSIGHT: _("Contraloría social"),
    DeskArea.PROGRAMS: _("Programas (POA)"),
    DeskArea.INDICATORS: _("Indicadores"),
    DeskArea.GRANTS: _("Apoyos a organizaciones"),
    DeskArea.OPEN_GOVERNMENT: _("Gobierno abierto"),
    DeskArea.DATA: _("Importaciones y documentos"),
    DeskArea.ADMINISTRATION: _("Administración"),
}


@dataclass(frozen=True)
class DeskLink:
    """A record a task is done on: its name and its page."""

    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class DeskTask:
    """One thing staff, committee members or organisations do on the site."""

    key: str
    area: DeskArea
    title: Text
    summary: Text
    url_name: str
    may: Callable[[Any], bool]
    order: int = 0
    waiting: Callable[[Any], int] | None = None
    waiting_label: Text = ""
    records: Callable[[Any], Iterable[DeskLink]] | None = None

    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class DeskEntry:
    """A task as one person sees it: what waits for them, and on which records."""

    task: DeskTask
    url: str
    waiting: int | None
    records: tuple[DeskLink, ...]


@dataclass(frozen=True)
class DeskGroup:
    area: DeskArea
    entries: tuple[DeskEntry, ...]

    @property
    def label(self) -> Text:
        return self.area.label


_TASKS: dict[str, DeskTask] = {}

# A task's records are listed up to this many; its page lists the rest.
RECORDS_SHOWN = 12


def desk_task_register(task: DeskTask) -> None:
    """Add ``task`` to the desk; a key registered twice is a programming error."""
    if task.key in _TASKS and _TASKS[task.key] != task:
        raise ValueError(f"desk task {task.key!r} is registered twice")
    _TASKS[task.key] = task


def desk_tasks() -> list[DeskTask]:
    """Return every registered task, in the desk's order."""
    return sorted(_TASKS.values(), key=lambda task: (task.area, task.order, task.key))


def desk_memo(user: Any, key: str, read: Callable[[Any], Any]) -> Any:
    """Return ``read(user)``, read once per user object.

    A task's ``may``, ``waiting`` and ``records`` often read the same list;
    kept on the user object (like the permission rules' assignments), the
    desk reads it once per request.
    """
    memo: dict[str, Any] | None = getattr(user, "_ruta_desk", None)
    if memo is None:
        memo = {}
        user._ruta_desk = memo
    if key not in memo:
        memo[key] = read(user)
    return memo[key]


def _signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def desk_entries(user: Any) -> list[DeskEntry]:
    """Return the tasks ``user`` may do, with what waits and where."""
    if not _signed_in(user):
        return []
    entries = []
    for task in desk_tasks():
        if not task.may(user):
            continue
        records = tuple(task.records(user))[:RECORDS_SHOWN] if task.records else ()
        waiting = task.waiting(user) if task.waiting else None
        entries.append(DeskEntry(task, task.url(), waiting, records))
    return entries


def desk_groups(user: Any) -> list[DeskGroup]:
    """Return ``user``'s tasks grouped by area, areas in the desk's order."""
    groups: dict[DeskArea, list[DeskEntry]] = {}
    for entry in desk_entries(user):
        groups.setdefault(entry.task.area, []).append(entry)
    return [DeskGroup(area, tuple(entries)) for area, entries in groups.items()]
