"""Where each figure of a work's page came from, read from the audit history.

Every funding row, progress entry, contract and payment was written by a
person, a command or an import; the latest event of each row names who (a
user's number and roles, never a name: ``accounts.selectors.user_labels``
with no reader), when, and the published document an import read it from.
Where the document's line is known, the figure links to that row of the
document's page: an imported work's row of its works list (its
publication), a payment's own line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Model, Q

from ruta.accounts.selectors import user_labels
from ruta.common.history import history_of
from ruta.sources.models import PublishedRow, SourceDocument
from ruta.sources.records import row_anchor, row_place
from ruta.works.models import (
    PUBLICATION_TABLE_ID,
    Work,
    WorkPublication,
    in_state_condition,
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


def _latest_events(model: type[Model], ids: list[int]) -> dict[int, Any]:
    events = (
        history_of(model)
        ._default_manager.filter(pgh_obj_id__in=ids)
        .select_related("pgh_context")
        .order_by("pgh_obj_id", "-pgh_id")
        .distinct("pgh_obj_id")
    )
    return {int(event.pgh_obj_id): event for event in events}


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


def figure_sources(detail: WorkDetail) -> dict[str, Provenance]:
    """Return the provenance of the work and its rows, keyed as the money route's nodes.

    Keys: ``work``, ``f<pk>`` (funding), ``g<pk>`` (progress), ``c<pk>``
    (contract), ``p<pk>`` (payment record).
    """
    work = detail.work
    found: dict[str, Any] = {}
    for prefix, rows in (
        ("f", detail.funding),
        ("g", detail.progress),
        ("c", detail.contracts),
        ("p", detail.payments),
        ("", [work]),
    ):
        if rows:
            model = type(rows[0])
            for pk, event in _latest_events(model, [row.pk for row in rows]).items():
                found["work" if not prefix else f"{prefix}{pk}"] = event
    metadata = {
        key: (event.pgh_context.metadata if event.pgh_context else {})
        for key, event in found.items()
    }
    names = user_labels({meta.get("user") for meta in metadata.values()}, reader=None)
    published_rows = _document_rows(detail)
    payment_rows = _payment_rows(detail)
    sources = {}
    for key, event in found.items():
        document = metadata[key].get("document", "")
        row = published_rows.get(document)
        anchor = row_anchor(PUBLICATION_TABLE_ID, row) if row else ""
        place = row_place(PUBLICATION_TABLE_ID, row) if row else ""
        if key in payment_rows:
            document, row, anchor, place = payment_rows[key]
        sources[key] = Provenance(
            when=event.pgh_created_at,
            who=names.get(metadata[key].get("user")) or metadata[key].get("system", ""),
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

    Read with the instance's own condition (``in_state_condition``), so the
    import report and the pages agree on which works an instance shows.
    """
    published = WorkPublication.objects.filter(document=document).values("work_id")
    counts = Work.objects.filter(pk__in=published).aggregate(
        total=Count("pk"),
        in_state=Count("pk", filter=in_state_condition(state)),
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
