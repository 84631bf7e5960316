"""The calendar's pages: its rules and every agency's timeliness, and the desk list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ruta.accounts.http import SignedInRequest
from ruta.catalog.models import Agency
from ruta.common.web.caching import public_page
from ruta.timeliness.dataset import TIMELINESS
from ruta.timeliness.kinds import KINDS, STANDING_LABELS
from ruta.timeliness.obligations import Obligation
from ruta.timeliness.rules import REMIND_DAYS_BEFORE, SOON_DAYS
from ruta.timeliness.selectors import (
    agency_items,
    agency_tallies,
    agency_timeliness,
    desk_agencies,
    desk_obligations,
    tally,
)


@dataclass(frozen=True)
class Row:
    """An item as a page shows it on a day: its standing and days late."""

    item: Obligation
    standing: str
    label: str
    days_late: int


def _rows(items: Iterable[Obligation], today: date) -> list[Row]:
    rows = []
    for item in items:
        current = item.standing(today)
        rows.append(
            Row(
                item, str(current), str(STANDING_LABELS[current]), item.days_late(today)
            )
        )
    return rows


@require_safe
@public_page
def calendar_index(request: HttpRequest) -> HttpResponse:
    """Show every kind of report with its rule, and each agency's tally."""
    today = timezone.localdate()
    context = {
        "today": today,
        "kinds": KINDS,
        "tallies": [
            (row.agency, [row.count(key) for key in STANDING_LABELS])
            for row in agency_tallies(today)
        ],
        "standings": STANDING_LABELS,
        "dataset": TIMELINESS.slug,
    }
    return render(request, "timeliness/index.html", context)


@require_safe
@public_page
def agency_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show one agency's reports by year: on time, late, missing, due."""
    # Every agency that owes a report has its page: a POA the instance
    # follows may be another state's (the seed's Mexicali units on Sonora's).
    agency = get_object_or_404(Agency, code=code)
    today = timezone.localdate()
    groups = agency_timeliness(agency, today)
    counts = tally(agency_items(groups), today)
    context = {
        "agency": agency,
        "today": today,
        "groups": [(group.year, _rows(group.items, today)) for group in groups],
        "counts": [
            (key, label, counts.get(key, 0)) for key, label in STANDING_LABELS.items()
        ],
        "standings": STANDING_LABELS,
        "dataset": TIMELINESS.slug,
    }
    return render(request, "timeliness/agency.html", context)


@never_cache
@login_required
def calendar_desk(request: SignedInRequest) -> HttpResponse:
    """List what the person's agencies have overdue or due soon."""
    today = timezone.localdate()
    context = {
        "today": today,
        "agencies": desk_agencies(request.user),
        "rows": _rows(desk_obligations(request.user, today), today),
        "standings": STANDING_LABELS,
        "soon_days": SOON_DAYS,
        "remind_days": [d for d in REMIND_DAYS_BEFORE if d],
    }
    return render(request, "timeliness/desk.html", context)
