"""Reads for the audit history: whose scope guards a contract's personal data."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ruta.works.models import Aid, Contract, WorkPublication


def contract_holders(events: Iterable[Any]) -> dict[str, tuple[Contract, Contract]]:
    """Return each contract event's contract, whose work's scope guards its RFC.

    Events of contracts deleted since are absent: their values stay withheld.
    """
    events = list(events)
    ids = {int(event.pgh_obj_id) for event in events}
    contracts = Contract.objects.select_related("work").in_bulk(ids)
    return {
        event.pgh_slug: (contracts[int(event.pgh_obj_id)],) * 2
        for event in events
        if int(event.pgh_obj_id) in contracts
    }


def aid_holders(events: Iterable[Any]) -> dict[str, tuple[Aid, Aid]]:
    """Return each aid event's aid, whose agency's scope guards the recipient's sex."""
    events = list(events)
    ids = {int(event.pgh_obj_id) for event in events}
    found = Aid.objects.in_bulk(ids)
    return {
        event.pgh_slug: (found[int(event.pgh_obj_id)],) * 2
        for event in events
        if int(event.pgh_obj_id) in found
    }


def publication_holders(
    events: Iterable[Any],
) -> dict[str, tuple[WorkPublication, WorkPublication]]:
    """Return each publication event's record; its work's scope guards the official."""
    events = list(events)
    ids = {int(event.pgh_obj_id) for event in events}
    found = WorkPublication.objects.select_related("work").in_bulk(ids)
    return {
        event.pgh_slug: (found[int(event.pgh_obj_id)],) * 2
        for event in events
        if int(event.pgh_obj_id) in found
    }


def contracting_holders(model: str) -> Callable[[Iterable[Any]], dict[str, Any]]:
    """Return the holders reader of an OCDS model: its process's scope guards it."""
    from ruta.works import models

    records = getattr(models, model).objects

    def holders(events: Iterable[Any]) -> dict[str, tuple[Any, Any]]:
        events = list(events)
        found = records.in_bulk({int(event.pgh_obj_id) for event in events})
        return {
            event.pgh_slug: (found[int(event.pgh_obj_id)],) * 2
            for event in events
            if int(event.pgh_obj_id) in found
        }

    return holders
