"""Reads for the OC4IDS and OCDS exports: published records, a chunk at a time.

``iterator(chunk_size=…)`` runs the prefetches once per chunk, so the number
of queries grows with the number of chunks, never with the number of rows in
one, and only one chunk of works is in memory at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeAlias, TypedDict, cast

from django.db.models import (
    Count,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from ruta.participation.models import CommitteeMember
from ruta.works.models import (
    Contract,
    ContractingContract,
    ContractingParty,
    ContractingPayment,
    ContractingProcess,
    ContractingRelease,
    Funding,
    Payment,
    Progress,
    Work,
    WorkDocument,
)
from ruta.works.selectors.contracting import process_in_instance_condition

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

CHUNK_SIZE = 500


class ProjectRows(TypedDict):
    """What ``published_works`` reads with each work, its rows as lists."""

    member_count: int
    funding_rows: list[Funding]
    progress_rows: list[Progress]
    contract_rows: list[Contract]
    process_rows: list[ContractingProcess]
    document_rows: list[WorkDocument]


ProjectWork: TypeAlias = "WithAnnotations[Work, ProjectRows]"


class ProcessDates(TypedDict):
    """What ``_processes`` reads with each process."""

    latest_release: str | None  # as the release prints it


ReleasedProcess: TypeAlias = "WithAnnotations[ContractingProcess, ProcessDates]"


def _member_count() -> Coalesce:
    """Return the number of members of a work's committee, as a subquery."""
    members = (
        CommitteeMember.objects.filter(committee__work=OuterRef("pk"))
        .order_by()
        .values("committee__work")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(members, output_field=IntegerField()), Value(0))


def _latest_release_date() -> Subquery:
    """Return the date of a process's latest release as published, as a subquery."""
    releases = (
        ContractingRelease.objects.filter(process=OuterRef("pk"))
        .order_by()
        .values("process")
        .annotate(latest=Max("date"))
        .values("latest")
    )
    return Subquery(releases)


def _processes() -> QuerySet[ReleasedProcess]:
    """Return processes with their public rows: parties, awards, contracts, payments."""
    contracts = ContractingContract.objects.order_by(
        "contract_id", "id"
    ).prefetch_related(
        Prefetch("payments", queryset=ContractingPayment.objects.order_by("day", "id"))
    )
    return (
        ContractingProcess.objects.select_related("document")
        .annotate(latest_release=_latest_release_date())
        .prefetch_related(
            Prefetch("parties", queryset=ContractingParty.objects.order_by("id")),
            "awards",
            Prefetch("contracts", queryset=contracts),
        )
    )


def published_works() -> QuerySet[ProjectWork]:
    """Return published works with everything their OC4IDS project holds.

    The rows come as lists (``funding_rows``, ``progress_rows``,
    ``contract_rows``, ``process_rows``, ``document_rows``): reading a
    prefetched manager clones a queryset each time, a tenth of the export's
    time.
    """
    works = (
        Work.objects.published()
        .select_related(
            "fiscal_year",
            "program__agency",
            "subprogram",
            "executing_agency",
            "municipality__state",
            "municipality__region__plan",
            "state",
            "committee",
        )
        .annotate(member_count=_member_count())
        .prefetch_related(
            Prefetch(
                "funding",
                queryset=Funding.objects.in_source_order(),
                to_attr="funding_rows",
            ),
            Prefetch(
                "progress",
                queryset=Progress.objects.order_by("date", "id"),
                to_attr="progress_rows",
            ),
            Prefetch(
                "contracts",
                queryset=Contract.objects.order_by("signed_on", "id").prefetch_related(
                    Prefetch(
                        "payments", queryset=Payment.objects.order_by("paid_on", "id")
                    )
                ),
                to_attr="contract_rows",
            ),
            Prefetch(
                "contracting_processes",
                queryset=_processes().order_by("ocid"),
                to_attr="process_rows",
            ),
            Prefetch(
                "documents",
                queryset=WorkDocument.objects.order_by("date", "id"),
                to_attr="document_rows",
            ),
        )
        .order_by("pk")
    )
    # The rows come by Prefetch(to_attr=...), which the type does not follow.
    return cast("QuerySet[ProjectWork]", works)


def published_works_chunked(chunk_size: int = CHUNK_SIZE) -> Iterator[ProjectWork]:
    """Yield the published works, ``chunk_size`` at a time with their rows."""
    return published_works().iterator(chunk_size=chunk_size)


def processes_republished(
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[ReleasedProcess]:
    """Yield the OCDS processes this instance publishes, under their own ocids.

    Those of its published works, and those read from OCDS files linked to no
    work that its own agencies published (``process_in_instance_condition``):
    what the contracting pages show is what the package republishes.
    """
    processes = (
        _processes()
        .select_related("work")
        .filter(process_in_instance_condition())
        .order_by("ocid")
    )
    return processes.iterator(chunk_size=chunk_size)


def captured_contracts(chunk_size: int = CHUNK_SIZE) -> Iterator[Contract]:
    """Yield the contracts captured for published works (not read from OCDS)."""
    contracts = (
        Contract.objects.filter(work__in=Work.objects.published())
        .select_related("work__executing_agency", "work__program__agency")
        .order_by("work__public_id", "signed_on", "id")
    )
    return contracts.iterator(chunk_size=chunk_size)
