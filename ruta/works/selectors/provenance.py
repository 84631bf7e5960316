"""Where each figure of a work's page came from, read from the audit history.

Every funding row, progress entry, contract and payment was written by a person, a
command or an import; the latest event of each row names who (a user's
number and roles, never a name: ``accounts.selectors.user_labels`` with no
reader), when, and the published document an import read it from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Model

from ruta.accounts.selectors import user_labels
from ruta.works.selectors.works import WorkDetail


@dataclass(frozen=True)
class Provenance:
    """Who entered a figure and when; the document's SHA-256 when one was read."""

    when: datetime
    who: str
    document: str = ""


def _latest_events(model: type[Model], ids: list[int]) -> dict[int, object]:
    history = model._meta.get_field("events").related_model
    events = (
        history.objects.filter(pgh_obj_id__in=ids)
        .select_related("pgh_context")
        .order_by("pgh_obj_id", "-pgh_id")
        .distinct("pgh_obj_id")
    )
    return {int(event.pgh_obj_id): event for event in events}


def figure_sources(detail: WorkDetail) -> dict[str, Provenance]:
    """Return the provenance of the work and its rows, keyed as the money route's nodes.

    Keys: ``work``, ``f<pk>`` (funding), ``g<pk>`` (progress), ``c<pk>``
    (contract), ``p<pk>`` (payment record).
    """
    work = detail.work
    found: dict[str, object] = {}
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
    return {
        key: Provenance(
            when=event.pgh_created_at,
            who=names.get(metadata[key].get("user")) or metadata[key].get("system", ""),
            document=metadata[key].get("document", ""),
        )
        for key, event in found.items()
    }
