"""The work's page and API detail, read in few queries and kept per data version.

The same ``WorkDetail`` as the plain selector ``ruta.works.selectors.works.
work_detail`` (a differential test compares them on the demo world), read
the way ``make bench`` (the work page and the API detail, their throughput)
and ``python -m bench readmodels`` (beside the selector) showed it must be:
the work's row with a probe of which kinds of rows it has, each kind read
only when present, with SQL the ORM wrote once per process, and the catalog
rows and source files it names kept for the data version
(``docs/performance.md``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.db import connection
from django.db.models import (
    Field,
    ForeignKey,
    ForeignObjectRel,
    JSONField,
    Model,
    QuerySet,
)
from django.db.models.expressions import RawSQL

from ruta.common.db.versioning import data_version, version_kept
from ruta.common.fast.compiled import rows_read
from ruta.common.text.money import ZERO
from ruta.sources.models import SourceDocument
from ruta.works.models import (
    BudgetModification,
    Contract,
    Funding,
    FundingSource,
    Payment,
    Progress,
    Work,
    WorkDocument,
    WorkPublication,
)
from ruta.works.sections import section_row_kinds
from ruta.works.selectors.works import WorkDetail, catalog_rows_attached, kept_key

M = TypeVar("M", bound=Model)

# A work's page shows its description, never its search columns; its
# municipality is attached from the rows kept for the data version.
DETAIL_DEFERRED = ("search_vector", "search_folded")


def work_detail(*, public_id: str, published_only: bool = True) -> WorkDetail:
    """Return the work ``public_id`` with funding, progress, contracts, payments,
    committee.

    The work row is read alone and its catalog rows (program, subprogram,
    agency, municipality with its region, state, year) come from those kept
    for the data version: joining seven tables and grouping them to count
    the committee cost more than everything else the page reads.

    Whether the public sees it is checked on the row read by its folio
    (``Work.is_public``, with its kept municipality): the same condition as
    ``Work.objects.published()``, without building its join.

    The work and each kind of its rows are read with SQL the ORM wrote once
    in this process (``rows_read``): building it again on every read cost
    more than the database took to answer.

    Raise ``Work.DoesNotExist`` when there is no such (published) work.
    """
    kinds = detail_row_kinds()
    found = rows_read(
        ("works.detail", kinds),
        Work,
        lambda folio: (
            Work.objects.defer(*DETAIL_DEFERRED)
            .annotate(row_kinds=_row_kinds(kinds))
            .filter(public_id=folio)
        ),
        public_id,
        marker=FOLIO_MARKER,
    )
    if not found:
        raise Work.DoesNotExist(f"no work {public_id}")
    work = found[0]
    catalog_rows_attached([work])
    if published_only and not work.is_public:
        raise Work.DoesNotExist(f"no published work {public_id}")
    present = _kinds_present(work)
    if "committee" not in present:
        # Known to have none: its page's committee section asks no further.
        Work._meta.get_field("committee").set_cached_value(work, None)
    rows = {kind: _rows(work, present, kind) for kind in DETAIL_READS}
    funding = _in_source_order(rows["funding"])
    committee = getattr(work, "committee", None)
    return WorkDetail(
        work=work,
        funding=funding,
        funding_total=sum((row.amount for row in funding), ZERO),
        progress=rows["progress"],
        contracts=rows["contracts"],
        # Payments are made under contracts: none without one.
        payments=list(
            Payment.objects.of_work(work.pk).select_related(
                "contract", "source_document"
            )
        )
        if rows["contracts"]
        else [],
        documents=rows["documents"],
        committee_formed_on=committee.formed_on if committee else None,
        committee_member_count=committee.members.count() if committee else 0,
        region=work.region,
        publications=_with_kept_documents(rows["publications"]),
        modifications=rows["budget_modifications"],
    )


# How ``work_detail`` reads each kind of a work's rows (by the name of their
# relation), from the work's id, in the order the page lists them.
DETAIL_READS: dict[str, tuple[type[Model], Callable[[int], QuerySet[Any]]]] = {
    "funding": (
        Funding,
        lambda pk: Funding.objects.filter(work_id=pk).order_by("fund"),
    ),
    "progress": (
        Progress,
        lambda pk: Progress.objects.filter(work_id=pk).order_by("date", "id"),
    ),
    "contracts": (
        Contract,
        lambda pk: Contract.objects.filter(work_id=pk).order_by("signed_on"),
    ),
    "documents": (
        WorkDocument,
        lambda pk: WorkDocument.objects.filter(work_id=pk).order_by("date"),
    ),
    "publications": (
        WorkPublication,
        lambda pk: WorkPublication.objects.filter(work_id=pk).newest_first(),
    ),
    "budget_modifications": (
        BudgetModification,
        lambda pk: (
            BudgetModification.objects.filter(work_id=pk)
            .approved()
            .order_by("decided_at")
        ),
    ),
}


# What the reads of ``work_detail`` hold in place of a folio or a work's id
# while their SQL is built: no work has either.
FOLIO_MARKER = "\x00folio"
WORK_ID_MARKER = -1


# The kinds of rows a work's page lists, by the name of their relation: those
# ``work_detail`` reads, its committee, and its contracting processes.
DETAIL_ROW_KINDS = (*DETAIL_READS, "committee", "contracting_processes")


def detail_row_kinds() -> tuple[str, ...]:
    """Return the kinds of rows read with a work: the page's and its sections'."""
    return tuple(dict.fromkeys((*DETAIL_ROW_KINDS, *section_row_kinds())))


def _row_kinds(kinds: tuple[str, ...]) -> RawSQL:
    """Return whether the work read has rows of each of ``kinds``.

    Read with the work, in its one query (an object of booleans by kind):
    most works (those imported from the published files) have no progress,
    contracts, documents or reports, and a kind known to be empty is not
    queried at all. Kinds, table and column names come from the models,
    quoted.
    """
    quote = connection.ops.quote_name
    work_id = f"{quote(Work._meta.db_table)}.{quote(_column(Work._meta.pk))}"
    probes = []
    for kind in kinds:
        field = cast(ForeignObjectRel, Work._meta.get_field(kind)).field
        table, column = quote(field.model._meta.db_table), quote(_column(field))
        probe = f"EXISTS (SELECT 1 FROM {table} WHERE {table}.{column} = {work_id})"  # noqa: S608
        probes.append(f"'{kind}', {probe}")
    return RawSQL(  # noqa: S611 - no value from outside: names from the models
        f"jsonb_build_object({', '.join(probes)})", (), output_field=JSONField()
    )


def _column(field: Field | None) -> str:
    """Return ``field``'s column: every concrete field (a key, a link) has one."""
    if field is None or field.column is None:
        raise ValueError(f"{field} has no column")
    return field.column


def _kinds_present(work: Work) -> set[str]:
    """Return the kinds of rows the work, read with them (``row_kinds``), has."""
    kinds: dict[str, bool] = getattr(work, "row_kinds", {})
    return {kind for kind, there in kinds.items() if there}


def _in_source_order(rows: list[Funding]) -> list[Funding]:
    """Return one work's funding rows as ``Funding.objects.in_source_order`` does.

    State first, then municipality, community, federal, other; read in the
    order of their funds, which a stable sort keeps within each source. A
    work has a few rows: sorting them here spares building the ordering
    expression for the database on every read.
    """
    rank = {source: index for index, source in enumerate(FundingSource.values)}
    return sorted(rows, key=lambda row: rank[row.source])


def _rows(work: Work, present: set[str], kind: str) -> list[Any]:
    """Return ``work``'s rows of ``kind`` as ``DETAIL_READS`` reads them.

    None are read when the work has none of ``kind``. Each row is given the
    work, as the work's related manager gives it.
    """
    if kind not in present:
        return []
    model, read = DETAIL_READS[kind]
    rows = rows_read(
        ("works.detail", kind), model, read, work.pk, marker=WORK_ID_MARKER
    )
    link = cast(ForeignKey, model._meta.get_field("work"))
    for row in rows:
        link.set_cached_value(row, work)
    return rows


def _with_kept_documents(
    publications: list[WorkPublication],
) -> list[WorkPublication]:
    """Give each publication its file as kept for the data version.

    A few files publish every imported work: joining them (and reading each
    file's summary, which a publication never shows) on every read cost more
    than the publications themselves.
    """
    if publications:
        token = data_version().token
        for publication in publications:
            publication.document = _kept_row(
                token, SourceDocument, publication.document_id, deferred=("summary",)
            )
    return publications


def _kept_row(
    token: str,
    model: type[M],
    pk: object,
    *,
    related: tuple[str, ...] = (),
    deferred: tuple[str, ...] = (),
) -> M:
    """Return the ``model`` row ``pk``, read once per version."""
    return version_kept(
        token,
        kept_key(model, pk),
        lambda: (
            model._default_manager.select_related(*related).defer(*deferred).get(pk=pk)
        ),
    )
