"""Where alerts come from: audit event tables read by increasing ``pgh_id``.

A source names a pghistory event model and a function turning a batch of
its events into ``Detected`` changes of works. The detector keeps one
cursor per source, so each audit event is read once; a new source (the
problem reports' status, say) is one ``event_source_register`` call in its
app's ``ready``. Sources decide only what changed; the detector then keeps
the changes of published works alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.apps import apps

from ruta.alerts.models import AlertKind


@dataclass(frozen=True)
class Detected:
    """A public change of one work, or of another followable thing.

    A work's change names ``work_id``; any other names the followed kind,
    key and public name (``target``), its source having kept only what is
    public.
    """

    source_event_id: int
    work_id: int | None
    kind: str
    occurred_at: datetime
    data: dict[str, Any] = field(default_factory=dict)
    target: tuple[str, str, str] | None = None  # kind, key, label


@dataclass(frozen=True)
class EventSource:
    """An audit event table and how its events become alerts."""

    key: str
    event_model: str  # "works.WorkEvent"
    detect: Callable[[list[Any]], Iterable[Detected]]


_SOURCES: dict[str, EventSource] = {}


def event_source_register(source: EventSource) -> None:
    """Add ``source`` to what the detector reads (idempotent per key)."""
    _SOURCES[source.key] = source


def event_sources() -> list[EventSource]:
    """Return the registered sources, by key."""
    return [_SOURCES[key] for key in sorted(_SOURCES)]


def event_model(source: EventSource) -> Any:
    """Return the event model class of ``source``."""
    return apps.get_model(source.event_model)


# ------------------------------------------------------------- the works


def _previous(model: Any, event: Any) -> Any:
    """Return the audit event of the same row just before ``event``."""
    return (
        model.objects.filter(pgh_obj_id=event.pgh_obj_id, pgh_id__lt=event.pgh_id)
        .order_by("-pgh_id")
        .first()
    )


def work_status_changes(events: list[Any]) -> Iterable[Detected]:
    """Return status changes of works published at the time of the change."""
    for event in events:
        if event.pgh_label != "update" or event.published_at is None:
            continue
        before = _previous(type(event), event)
        if before is None or before.status == event.status:
            continue
        yield Detected(
            event.pgh_id,
            event.pgh_obj_id,
            AlertKind.STATUS,
            event.pgh_created_at,
            {"before": before.status, "after": event.status},
        )


def progress_entries(events: list[Any]) -> Iterable[Detected]:
    """Return new progress entries; one that raises the amount paid is a payment."""
    for event in events:
        if event.pgh_label != "insert":
            continue
        paid_before = _paid_before(type(event), event)
        kind = (
            AlertKind.PAYMENT if event.amount_paid > paid_before else AlertKind.PROGRESS
        )
        yield Detected(
            event.pgh_id,
            event.work_id,
            kind,
            event.pgh_created_at,
            {"percent": str(event.physical_percent), "paid": str(event.amount_paid)},
        )


def _paid_before(model: Any, event: Any) -> Decimal:
    """Return the most a work had paid in entries recorded before ``event``."""
    earlier = model.objects.filter(
        work_id=event.work_id, pgh_label="insert", pgh_id__lt=event.pgh_id
    ).order_by("-amount_paid")
    first = earlier.values_list("amount_paid", flat=True).first()
    return first if first is not None else Decimal(0)


def new_documents(events: list[Any]) -> Iterable[Detected]:
    """Return documents added to works (their title and kind are public)."""
    for event in events:
        if event.pgh_label != "insert":
            continue
        yield Detected(
            event.pgh_id,
            event.work_id,
            AlertKind.DOCUMENT,
            event.pgh_created_at,
            {"title": event.title, "kind": event.kind},
        )


def payment_records(events: list[Any]) -> Iterable[Detected]:
    """Return payments recorded under a work's contracts (date and amount)."""
    inserted = [event for event in events if event.pgh_label == "insert"]
    works = dict(
        apps.get_model("works.Contract")
        .objects.filter(pk__in={event.contract_id for event in inserted})
        .values_list("pk", "work_id")
    )
    for event in inserted:
        if event.contract_id not in works:
            continue
        yield Detected(
            event.pgh_id,
            works[event.contract_id],
            AlertKind.PAYMENT,
            event.pgh_created_at,
            {"amount": str(event.amount), "paid_on": event.paid_on.isoformat()},
        )


WORK_SOURCES = (
    EventSource("works.status", "works.WorkEvent", work_status_changes),
    EventSource("works.payment", "works.PaymentEvent", payment_records),
    EventSource("works.progress", "works.ProgressEvent", progress_entries),
    EventSource("works.document", "works.WorkDocumentEvent", new_documents),
)


# ------------------------------------------------- the problem reports


def report_status_changes(events: list[Any]) -> Iterable[Detected]:
    """Return status changes of problem reports that are not hidden.

    Each carries the agency's public response (the work page shows it too);
    a report hidden by moderation alerts nobody.
    """
    inserts = [event for event in events if event.pgh_label == "insert"]
    reports = (
        apps.get_model("problems", "ProblemReport")
        .objects.filter(hidden_reason="")
        .in_bulk({event.report_id for event in inserts})
    )
    for event in inserts:
        report = reports.get(event.report_id)
        if report is None:
            continue
        yield Detected(
            event.pgh_id,
            report.work_id,
            AlertKind.REPORT,
            event.pgh_created_at,
            {
                "report": report.pk,
                "before": event.status_from,
                "after": event.status_to,
                "response": event.response,
            },
        )


REPORT_SOURCE = EventSource(
    "problems.status", "problems.StatusChangeEvent", report_status_changes
)
