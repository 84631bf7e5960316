"""Reads of contracting processes: stored releases, links to works, public rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from ruta.catalog.instance import instance
from ruta.works.models import (
    ContractingContract,
    ContractingProcess,
    ContractingRelease,
    Work,
)
from ruta.works.selectors.works import work_known_without


@dataclass(frozen=True)
class StoredRelease:
    """A release as stored: its JSON, its OCDS version, the file it came in and
    its place there."""

    data: dict[str, Any]
    version: str
    file: str
    place: str


def releases_stored(ocids: Iterable[str]) -> dict[str, dict[str, StoredRelease]]:
    """Return, for each of ``ocids``, its stored releases by release id.

    A release id published again with other content is stored once per
    file: the one stored last stands for it.
    """
    stored: dict[str, dict[str, StoredRelease]] = {}
    rows = (
        ContractingRelease.objects.filter(process__ocid__in=list(ocids))
        .order_by("pk")
        .values_list(
            "process__ocid", "release_id", "data", "version", "document__name", "place"
        )
    )
    for ocid, release_id, *kept in rows:
        stored.setdefault(ocid, {})[release_id] = StoredRelease(*kept)
    return stored


def works_by_public_id(ids: Iterable[str]) -> dict[str, Work]:
    """Return the works whose folio is one of ``ids``."""
    return {work.public_id: work for work in Work.objects.filter(public_id__in=ids)}


def processes_published(work: Work | None = None) -> QuerySet[ContractingProcess]:
    """Return processes with their contracts and payments, for public pages."""
    contracts = ContractingContract.objects.prefetch_related("payments")
    processes = ContractingProcess.objects.select_related(
        "work", "document"
    ).prefetch_related(Prefetch("contracts", queryset=contracts))
    if work is not None:
        return processes.filter(work=work)
    return processes.filter(process_in_instance_condition())


def work_processes(work: Work) -> list[ContractingProcess]:
    """Return ``work``'s processes as ``processes_published`` reads them.

    None read for a work known to have none (most: only works an OCDS file
    named have any).
    """
    if work_known_without(work, "contracting_processes"):
        return []
    return list(processes_published(work))


def process_in_instance_condition() -> Q:
    """Return the condition of the processes the instance publishes.

    A process linked to a work follows the work (published, in the
    instance's state); one linked to none follows the agency that published
    it, so a state's instance shows its own agencies' processes and not
    another state's; with no agency it shows on a national instance only.
    """
    linked = Q(work__in=Work.objects.published())
    unlinked = Q(work__isnull=True)
    if instance().code:
        unlinked &= Q(agency__in=instance().agencies())
    return linked | unlinked
