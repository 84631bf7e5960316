"""The "Seguir esta obra" block of a work's page (``ruta.works.sections``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from ruta.alerts.models import TargetKind
from ruta.alerts.selectors import Target, events_of_work
from ruta.works.models import Work
from ruta.works.sections import WorkSection
from ruta.works.selectors import work_known_without

SECTION_EVENTS = 5


def work_section_context(work: Work, request: HttpRequest) -> Mapping[str, Any] | None:
    """Return the follow links and latest alerts of a published work."""
    if work.published_at is None:
        return None
    target = Target(TargetKind.WORK, work.public_id, work.title)
    place = work.municipality
    return {
        "follow_url": reverse("alerts:follow", args=[TargetKind.WORK, work.public_id]),
        "feed_url": target.feed_url(),
        "events": []
        if work_known_without(work, "alert_events")
        else list(events_of_work(work)[:SECTION_EVENTS]),
        "program": work.program,
        "program_url": reverse(
            "alerts:follow", args=[TargetKind.PROGRAM, work.program.code]
        ),
        "municipality": place,
        "municipality_url": place
        and reverse("alerts:follow", args=[TargetKind.MUNICIPALITY, place.code]),
    }


WORK_SECTION = WorkSection(
    key="alerts.follow",
    order=50,
    template="alerts/_work_section.html",
    context=work_section_context,
    lists=("alert_events",),
)
