"""What each agency owes and how it delivered: the calendar's reads.

The items come from ``ruta.timeliness.obligations`` (one reader per kind of
report); this module sorts them for the public page, the desk and the
dataset. A list for every agency is prepared once per data version and day
(the standing of an item changes with the date as well as with the data).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from ruta.accounts.permissions import Action, agencies_where
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency
from ruta.common.prepared import prepared
from ruta.timeliness.kinds import KINDS
from ruta.timeliness.obligations import READERS, AgencyIds, Obligation
from ruta.timeliness.rules import Standing


def obligations(today: date, agency_ids: AgencyIds = None) -> list[Obligation]:
    """Return every report followed on ``today``, of ``agency_ids`` (all: None)."""
    calendar = instance().work_calendar()
    items = [
        item
        for kind in KINDS
        for item in READERS[kind.key](calendar, today, agency_ids)
        if item.agency_id
    ]
    return sorted(items, key=lambda item: (item.due, item.kind.key, item.key))


def all_obligations(today: date) -> list[Obligation]:
    """Return every agency's items on ``today``, built once per data version and day."""
    return prepared("calendar-obligations", lambda: obligations(today), today)


@dataclass(frozen=True)
class AgencyTally:
    """An agency and how its reports stand: counts by standing."""

    agency: Agency
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, standing: str) -> int:
        """Return the items in ``standing``."""
        return self.counts.get(standing, 0)


def tally(items: Iterable[Obligation], today: date) -> dict[str, int]:
    """Return how many ``items`` stand in each standing on ``today``."""
    return dict(Counter(str(item.standing(today)) for item in items))


def agency_tallies(today: date) -> list[AgencyTally]:
    """Return every agency that owes a report, with its counts, by name."""
    by_agency: dict[int, list[Obligation]] = {}
    for item in all_obligations(today):
        by_agency.setdefault(item.agency_id, []).append(item)
    agencies = Agency.objects.filter(pk__in=by_agency).order_by("name")
    return [
        AgencyTally(agency, tally(by_agency[agency.pk], today)) for agency in agencies
    ]


@dataclass(frozen=True)
class PeriodGroup:
    """An agency's items of one year, latest due first."""

    year: int
    items: tuple[Obligation, ...]


def agency_timeliness(agency: Agency, today: date) -> list[PeriodGroup]:
    """Return ``agency``'s items by year, the latest year first."""
    years: dict[int, list[Obligation]] = {}
    for item in all_obligations(today):
        if item.agency_id == agency.pk:
            years.setdefault(item.year, []).append(item)
    return [
        PeriodGroup(
            year, tuple(sorted(items, key=lambda i: (i.due, i.key), reverse=True))
        )
        for year, items in sorted(years.items(), reverse=True)
    ]


def agency_items(groups: Iterable[PeriodGroup]) -> list[Obligation]:
    """Return the items of ``groups`` in one list."""
    return [item for group in groups for item in group.items]


# ---------------------------------------------------------------- the desk


def desk_agencies(user: Any) -> list[Agency]:
    """Return the agencies whose reports ``user`` captures, of those that owe any."""
    owing = {item.agency_id for item in all_obligations(timezone.localdate())}
    return agencies_where(
        user, Action.CAPTURE, Agency.objects.filter(pk__in=owing).order_by("name")
    )


def desk_obligations(user: Any, today: date) -> list[Obligation]:
    """Return what ``user``'s agencies have overdue or due soon, the oldest first."""
    agency_ids = {agency.pk for agency in desk_agencies(user)}
    return [
        item
        for item in all_obligations(today)
        if item.agency_id in agency_ids and item.needs_attention(today)
    ]


# ---------------------------------------------------------------- the dataset


def timeliness_rows() -> Iterator[dict[str, Any]]:
    """Return every followed item on today's date, for the open dataset."""
    today = timezone.localdate()
    items = obligations(today)
    names = dict(
        Agency.objects.filter(pk__in={i.agency_id for i in items}).values_list(
            "pk", "name"
        )
    )
    codes = dict(Agency.objects.filter(pk__in=names).values_list("pk", "code"))
    for item in items:
        current = item.standing(today)
        yield {
            "CLAVE": item.key,
            "TIPO": item.kind.key,
            "CVE_DEPENDENCIA": codes[item.agency_id],
            "DEPENDENCIA": names[item.agency_id],
            "ASUNTO": item.subject,
            "EJERCICIO": item.year,
            "PERIODO": item.period,
            "VENCE": item.due,
            "ENTREGADO": item.delivered,
            "SITUACION": str(current),
            "DIAS_ATRASO": item.days_late(today)
            if current != Standing.DELIVERED
            else None,
            "CORTE": today,
            "DEMOSTRACION": item.is_demo,
        }
