"""Reads of the data requests: public lists without contact, counts, staff queue."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from ruta.accounts.permissions import Action, can
from ruta.catalog.scope import Scope
from ruta.datarequests.models import DataRequest, RequestStatus


def public_requests(*, status: str = "") -> QuerySet[DataRequest]:
    """Return requests for public pages: never their contact (deferred, unread)."""
    found = DataRequest.objects.select_related("agency").defer("contact_email")
    return found.filter(status=status) if status else found


@dataclass(frozen=True)
class AgencyCount:
    """How many requests wait on one agency (or on none named)."""

    agency: str
    open: int


def open_by_agency() -> list[AgencyCount]:
    """Return the open requests counted per agency, most first."""
    rows = (
        DataRequest.objects.open()
        .values("agency__name")
        .annotate(open=Count("pk"))
        .order_by("-open", "agency__name")
    )
    return [AgencyCount(row["agency__name"] or "", row["open"]) for row in rows]


def answerable(user: Any) -> list[DataRequest]:
    """Return the open requests ``user`` may answer (the agency's validators)."""
    return [
        request
        for request in public_requests(status=RequestStatus.OPEN)
        if can(user, Action.VALIDATE, request.permission_scope())
    ]


def requests_waiting(user: Any) -> int:
    """Return how many open requests wait for ``user`` (the desk's count)."""
    return len(answerable(user))


def status_counts() -> dict[str, int]:
    """Return how many requests are in each status."""
    rows = DataRequest.objects.values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


# ------------------------------------------------ the contact (personal data)

# The service every read of a requester's contact is recorded under, on the
# request's page and in the audit history alike.
CONTACT_SERVICE = "datarequests_contact"


def requester_holders(events: Iterable[Any]) -> dict[str, tuple[DataRequest, Scope]]:
    """Return each request event's record and the scope guarding its values."""
    events = list(events)
    ids = {int(event.pgh_obj_id) for event in events if event.pgh_obj_id}
    found = DataRequest.objects.in_bulk(ids)
    holders = {}
    for event in events:
        request = found.get(int(event.pgh_obj_id or 0))
        if request is not None:
            holders[event.pgh_slug] = (request, request.permission_scope())
    return holders
