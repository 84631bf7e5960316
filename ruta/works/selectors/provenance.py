"""Where each figure of a work's page came from, read from the audit history.

Every funding line, progress entry, contract and payment was written by a
person, a command or an import; the latest event of each row (of a funding
line, the work's event that set it) names who (a
user's number and roles, never a name: ``accounts.selectors.user_labels``
with no reader), when, and the published document an import read it from.
Where the document's line is known, the figure links to that row of the
document's page: an imported work's row of its works list (its
publication), a payment's own line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q

from ruta.accounts.selectors import user_labels
from ruta.catalog.instance import located_in_state
from ruta.common.audit.history import history_of
from ruta.common.text.money import ExactJSONDecoder
from ruta.sources.models import PublishedRow, SourceDocument
from ruta.sources.records import row_anchor, row_place
from ruta.works.models import (
    LINES_PER_WORK,
    PUBLICATION_TABLE_ID,
    Funding,
    Work,
    WorkPublication,
)
from ruta.works.selectors.works import WorkDetail


@dataclass(frozen=True)
class Provenance:
    """Who entered a figure and when; the document's SHA-256 when one was read,
    and the row of it the figure came from when known (``row``, ``anchor``;
    ``place`` opens the document's page at that row).
    """

    when: datetime
    who: str
    document: str = ""
    row: int | None = None
    anchor: str = ""
    place: str = ""


@dataclass(frozen=True)
class AuditEvent:
    """One audit event of a work or of one of its rows, as its page reads it.

    ``key`` names the row as ``figure_sources`` does (``work``, ``f<pk>``,
    ...); ``number`` orders events as they were written; ``status`` and
    ``as_of`` are the work's after the event (its own events only).
    """

    key: str
    number: int
    when: datetime
    metadata: dict[str, Any]
    status: str = ""
    as_of: date | None = None
    # The work's funding lines as the event left them (none before they
    # were kept on the work, ``works.0037``).
    funding_lines: list[dict[str, Any]] | None = None


def work_events(detail: WorkDetail) -> list[AuditEvent]:
    """Return the audit events of the work and its rows, oldest first.

    Both what the page's status timeline walks and the latest event of each
    figure (``figure_sources``): the work's own history, then each kind of
    row's, each read with its context. The work's page reads them through
    ``ruta.works.readmodels.provenance``, one query for every kind.
    """
    events = [
        *_own_events(history_of(Work), "", [detail.work.pk], with_work=True),
        *(
            event
            for prefix, rows in row_kinds(detail)
            for event in _own_events(
                history_of(type(rows[0])), prefix, [row.pk for row in rows]
            )
        ),
    ]
    return sorted(events, key=lambda event: (event.when, event.number))


def _own_events(
    history: Any, prefix: str, ids: list[int], *, with_work: bool = False
) -> list[AuditEvent]:
    """Return the events of one history's rows ``ids``, keyed by ``prefix``.

    ``history`` is an event model pghistory made: its fields are its
    tracked model's and pghistory's, which the types do not know.
    """
    rows = history.objects.filter(pgh_obj_id__in=ids).select_related("pgh_context")
    return [
        AuditEvent(
            key=f"{prefix}{event.pgh_obj_id}" if prefix else "work",
            number=event.pgh_id,
            when=event.pgh_created_at,
            metadata=event_metadata(
                event.pgh_context.metadata if event.pgh_context else None
            ),
            status=event.status if with_work else "",
            as_of=event.as_of if with_work else None,
            funding_lines=event_lines(event.funding_lines) if with_work else None,
        )
        for event in rows.order_by("pgh_id")
    ]


def event_lines(value: Any) -> list[dict[str, Any]] | None:
    """Return an event's funding lines, their amounts exact (JSON text or read)."""
    if value is None or not isinstance(value, str | bytes):
        return value
    return json.loads(value, cls=ExactJSONDecoder)


def event_metadata(value: Any) -> dict[str, Any]:
    """Return an event's context metadata (JSON text as Django reads jsonb)."""
    if value is None:
        return {}
    return json.loads(value) if isinstance(value, str | bytes) else value


def status_history(events: list[AuditEvent]) -> list[tuple[datetime, str, date | None]]:
    """Return the work's own ``events`` as its status timeline walks them.

    (recorded, status, as_of), oldest first: ``route.timeline_of``'s input.
    """
    return [
        (event.when, event.status, event.as_of)
        for event in events
        if event.key == "work"
    ]


def row_kinds(detail: WorkDetail) -> list[tuple[str, list[Any]]]:
    """Return the work's rows that carry figures, by their key's prefix."""
    kinds: list[tuple[str, list[Any]]] = [
        ("g", detail.progress),
        ("c", detail.contracts),
        ("p", detail.payments),
    ]
    return [(prefix, rows) for prefix, rows in kinds if rows]


def _latest(events: list[AuditEvent]) -> dict[str, AuditEvent]:
    """Return the latest of ``events`` for each key.

    Latest by time, then by number: a funding line's events come from two
    histories (its table's, then its work's), whose numbers do not compare.
    """
    latest: dict[str, AuditEvent] = {}
    for event in events:
        order = (event.when, event.number)
        known = latest.get(event.key)
        if known is None or order > (known.when, known.number):
            latest[event.key] = event
    return latest


def _line_events(events: list[AuditEvent], detail: WorkDetail) -> list[AuditEvent]:
    """Return, for each of the work's funding lines, the events that set it.

    A line is a part of its work's row (``Work.funding_lines``): the work's
    event that first showed the line as it is now is where it came from. A
    line no event of the work shows was last written in the funding table
    of before ``works.0037``, whose events name it by its source and fund.
    """
    keys = {line.pk - detail.work.pk * LINES_PER_WORK: line for line in detail.funding}
    found = []
    seen: dict[int, dict[str, Any]] = {}
    for event in events:
        if event.key != "work" or event.funding_lines is None:
            continue
        for line in event.funding_lines:
            number = line["k"]
            if number in keys and seen.get(number) != line:
                seen[number] = line
                found.append(replace(event, key=f"f{keys[number].pk}"))
    earlier = [line for number, line in keys.items() if number not in seen]
    return found + (_table_events(detail.work, earlier) if earlier else [])


def _table_events(work: Work, lines: list[Funding]) -> list[AuditEvent]:
    """Return the latest event of the funding table of each of ``lines``."""
    wanted = {(line.source, line.fund): line for line in lines}
    rows = (
        history_of(Funding)
        .objects.filter(work_id=work.pk)
        .order_by("pgh_id")
        .values_list(
            "source", "fund", "pgh_id", "pgh_created_at", "pgh_context__metadata"
        )
    )
    return [
        AuditEvent(
            key=f"f{wanted[source, fund].pk}",
            number=number,
            when=when,
            metadata=event_metadata(metadata),
        )
        for source, fund, number, when, metadata in rows
        if (source, fund) in wanted
    ]


def _payment_rows(detail: WorkDetail) -> dict[str, tuple[str, int, str, str]]:
    """Return the document, row, anchor and place of each payment read from a line."""
    lines = [p for p in detail.payments if p.source_document and p.source_line]
    if not lines:
        return {}
    wanted = Q()
    for payment in lines:
        wanted |= Q(document_id=payment.source_document_id, line=payment.source_line)
    rows: dict[tuple[int | None, int | None], PublishedRow] = {
        (row.document_id, row.line): row
        for row in PublishedRow.objects.filter(wanted).order_by("table_id", "pk")
    }
    found = {}
    for payment in lines:
        row = rows.get((payment.source_document_id, payment.source_line))
        document = payment.source_document
        if row is not None and document is not None:
            found[f"p{payment.pk}"] = (
                document.sha256,
                row.row_number,
                row_anchor(row.table_id, row.row_number),
                row_place(row.table_id, row.row_number),
            )
    return found


def _document_rows(detail: WorkDetail) -> dict[str, int]:
    """Return the row of the work in each works list it was published in."""
    return {
        publication.document.sha256: publication.row_number
        for publication in detail.publications
    }


def figure_sources(
    detail: WorkDetail, events: list[AuditEvent] | None = None
) -> dict[str, Provenance]:
    """Return the provenance of the work and its rows, keyed as the money route's nodes.

    Keys: ``work``, ``f<pk>`` (funding), ``g<pk>`` (progress), ``c<pk>``
    (contract), ``p<pk>`` (payment record). ``events`` are ``work_events``'s,
    read here when not given.
    """
    events = work_events(detail) if events is None else events
    found = _latest([*events, *_line_events(events, detail)])
    names = user_labels(
        {event.metadata.get("user") for event in found.values()}, reader=None
    )
    published_rows = _document_rows(detail)
    payment_rows = _payment_rows(detail)
    sources = {}
    for key, event in found.items():
        metadata = event.metadata
        document = metadata.get("document", "")
        row = published_rows.get(document)
        anchor = row_anchor(PUBLICATION_TABLE_ID, row) if row else ""
        place = row_place(PUBLICATION_TABLE_ID, row) if row else ""
        if key in payment_rows:
            document, row, anchor, place = payment_rows[key]
        user = metadata.get("user")
        sources[key] = Provenance(
            when=event.when,
            who=(names.get(user) if user is not None else None)
            or metadata.get("system", ""),
            document=document,
            row=row,
            anchor=anchor,
            place=place,
        )
    return sources


@dataclass(frozen=True)
class StateSpread:
    """Where the works a document published lie, against one state."""

    state: str
    in_state: int
    elsewhere: int
    without_state: int


def document_works_spread(document: SourceDocument, state: str) -> StateSpread:
    """Count the works ``document`` published in ``state``, elsewhere and in none.

    Read with the instance's own condition (``located_in_state``), so the
    import report and the pages agree on which works an instance shows.
    """
    published = WorkPublication.objects.filter(document=document).values("work_id")
    counts = Work.objects.filter(pk__in=published).aggregate(
        total=Count("pk"),
        in_state=Count("pk", filter=located_in_state(state)),
        without_state=Count(
            "pk", filter=Q(municipality__isnull=True, state__isnull=True)
        ),
    )
    return StateSpread(
        state=state,
        in_state=counts["in_state"],
        elsewhere=counts["total"] - counts["in_state"] - counts["without_state"],
        without_state=counts["without_state"],
    )
