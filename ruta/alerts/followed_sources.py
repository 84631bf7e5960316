"""Alert sources of the followable kinds beyond works (``followables.py``).

Each reads its domain's audit event table and keeps only what became
public in that event: a POA quarter approved (or read from a published
form), an indicator result published, a commitment's report published, a
call published or its allocation run (the result, fallo), a draft's new
version or the consultation's close. What is public is decided by the
kind's own resolver, so a goal of an unapproved plan or an unpublished
call alerts nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ruta.alerts.followables import followable
from ruta.alerts.models import AlertKind, TargetKind
from ruta.alerts.sources import Detected, EventSource
from ruta.grants.models import Call
from ruta.opengov.models import DraftRegulation

# A quarter's values are public once read from a published form or approved.
PUBLIC_QUARTER = frozenset({"verified", "reconciled", "reviewed", "approved"})


def _before(event: Any) -> Any:
    """Return the audit event of the same row just before ``event``."""
    return (
        type(event)
        .objects.filter(pgh_obj_id=event.pgh_obj_id, pgh_id__lt=event.pgh_id)
        .order_by("-pgh_id")
        .first()
    )


def _became(event: Any, is_public: Callable[[Any], bool]) -> bool:
    """Return whether ``event`` made its row public (inserted or updated so)."""
    if event.pgh_label not in ("insert", "update") or not is_public(event):
        return False
    before = _before(event) if event.pgh_label == "update" else None
    return before is None or not is_public(before)


class _Labels:
    """Resolve each target once per batch: public name, or None if not public."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.found: dict[str, tuple[str, str] | None] = {}

    def target(self, key: object) -> tuple[str, str, str] | None:
        text = str(key)
        if text not in self.found:
            declared = followable(self.kind)
            self.found[text] = declared.resolve(text) if declared else None
        resolved = self.found[text]
        return (self.kind, *resolved) if resolved else None


def _detected(
    labels: _Labels, key: object, event: Any, kind: str, data: dict[str, Any]
) -> Detected | None:
    target = labels.target(key)
    if target is None:
        return None
    return Detected(event.pgh_id, None, kind, event.pgh_created_at, data, target)


def _kept(found: Iterable[Detected | None]) -> list[Detected]:
    return [change for change in found if change is not None]


def goal_quarters(events: list[Any]) -> list[Detected]:
    """Return quarters of POA goals that became public, with P and A."""
    labels = _Labels(TargetKind.GOAL)
    return _kept(
        _detected(
            labels,
            event.goal_id,
            event,
            AlertKind.PROGRESS,
            {
                "quarter": event.quarter,
                "programmed": event.programmed,
                "achieved": event.achieved,
            },
        )
        for event in events
        if _became(event, lambda e: e.status in PUBLIC_QUARTER)
    )


def indicator_results(events: list[Any]) -> list[Detected]:
    """Return indicator results that became published."""
    labels = _Labels(TargetKind.INDICATOR)
    return _kept(
        _detected(
            labels,
            event.card_id,
            event,
            AlertKind.RESULT,
            {"year": event.year, "quarter": event.quarter, "value": str(event.value)},
        )
        for event in events
        if _became(event, lambda e: e.status == "approved")
    )


def commitment_reports(events: list[Any]) -> list[Detected]:
    """Return commitments' progress reports that became published."""
    labels = _Labels(TargetKind.COMMITMENT)
    return _kept(
        _detected(
            labels,
            event.commitment_id,
            event,
            AlertKind.PROGRESS,
            {
                "percent": (
                    "" if event.progress_pct is None else str(event.progress_pct)
                ),
                "text": event.progress_text[:300],
            },
        )
        for event in events
        if _became(event, lambda e: e.status == "published")
    )


def call_publications(events: list[Any]) -> list[Detected]:
    """Return calls for grants that became published."""
    labels = _Labels(TargetKind.CALL)
    return _kept(
        _detected(labels, event.code, event, AlertKind.PUBLISHED, {})
        for event in events
        if _became(event, lambda e: e.is_published)
    )


def call_results(events: list[Any]) -> list[Detected]:
    """Return each allocation run (the result, fallo) of a published call."""
    inserted = [event for event in events if event.pgh_label == "insert"]
    codes = dict(
        Call.objects.filter(pk__in={e.call_id for e in inserted}).values_list(
            "pk", "code"
        )
    )
    labels = _Labels(TargetKind.CALL)
    return _kept(
        _detected(labels, codes.get(event.call_id, ""), event, AlertKind.RESULT, {})
        for event in inserted
    )


def draft_versions(events: list[Any]) -> list[Detected]:
    """Return new versions of drafts under consultation."""
    inserted = [event for event in events if event.pgh_label == "insert"]
    slugs = dict(
        DraftRegulation.objects.filter(
            pk__in={e.draft_id for e in inserted}
        ).values_list("pk", "slug")
    )
    labels = _Labels(TargetKind.CONSULTATION)
    return _kept(
        _detected(
            labels,
            slugs.get(event.draft_id, ""),
            event,
            AlertKind.PUBLISHED,
            {"version": event.number},
        )
        for event in inserted
    )


def draft_closings(events: list[Any]) -> list[Detected]:
    """Return consultations that closed (their tally is then published)."""
    labels = _Labels(TargetKind.CONSULTATION)
    return _kept(
        _detected(labels, event.slug, event, AlertKind.CLOSED, {})
        for event in events
        if event.pgh_label == "update"
        and _became(event, lambda e: e.closed_at is not None)
    )


FOLLOWED_SOURCES = (
    EventSource("programs.quarter", "programs.QuarterProgressEvent", goal_quarters),
    EventSource(
        "indicators.result", "indicators.IndicatorResultEvent", indicator_results
    ),
    EventSource("opengov.report", "opengov.CommitmentReportEvent", commitment_reports),
    EventSource("grants.call", "grants.CallEvent", call_publications),
    EventSource("grants.allocation", "grants.AllocationRunEvent", call_results),
    EventSource("opengov.version", "opengov.DraftVersionEvent", draft_versions),
    EventSource("opengov.closing", "opengov.DraftRegulationEvent", draft_closings),
)
