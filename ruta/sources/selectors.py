"""Reads of the imported documents: what each one printed and what was found.

A reader who follows a figure back to its source lands here: the file and
its SHA-256 (to check it is the same file), the tables read with their rows
and lines, the findings, and the tables the reader did not take in.

Rows and findings are read a page at a time, by key (a row's number in its
table, a finding's id) on an index: the last page of a 100,000-row file
costs what the first does, and no page reads every row.
"""

from __future__ import annotations

from collections.abc import Sequence as _Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeAlias, TypedDict, TypeVar, cast
from urllib.parse import urlencode

from django.db.models import (
    Count,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse as _reverse
from django.utils.translation import ngettext

from ruta.common.text.search import Found, Hit, entries_found, entries_kept, words_of
from ruta.sources.display import FindingText, finding_text
from ruta.sources.figures import figures_text
from ruta.sources.models import (
    DocumentFinding,
    DocumentTable,
    PublishedRow,
    SourceDocument,
)
from ruta.sources.records import row_anchor, table_anchor

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class DocumentCounts(TypedDict):
    """What a listed or shown document carries besides its fields."""

    row_count: int
    finding_count: int


CountedDocument: TypeAlias = "WithAnnotations[SourceDocument, DocumentCounts]"

# A page of rows or findings: a federal works file has 100,000 rows and
# thousands of findings; a CECOP report or a POA form fits in one page.
ROWS_PER_PAGE = 200
FINDINGS_PER_PAGE = 200
DOCUMENTS_PER_PAGE = 50
# Tables whose first rows the document page reads; past them (no reader
# prints so many) each table links to its own rows.
TABLES_WITH_ROWS = 60

Item = TypeVar("Item")


def documents() -> QuerySet[CountedDocument]:
    """Return the imported documents the instance lists (``here``), newest
    first, with their row and finding counts.

    Rows are counted by the database as they are written (``DocumentTable``):
    counting a federal works file's rows cost each document a read of all
    of them. Findings count without the informative notes, by a subquery
    (a document has at most a few thousand).
    """
    return (
        SourceDocument.objects.here()
        .select_related("agency", "fiscal_year")
        .annotate(
            row_count=Coalesce(
                Subquery(
                    DocumentTable.objects.filter(document=OuterRef("pk"))
                    .order_by()
                    .values("document")
                    .annotate(total=Sum("rows"))
                    .values("total")
                ),
                Value(0),
            ),
            finding_count=_counted(DocumentFinding.objects.exclude(severity="info")),
        )
        .order_by("-imported_at", "-pk")
    )


def _counted(rows: QuerySet) -> Coalesce:
    """Return how many of ``rows`` belong to the outer document."""
    counted = (
        rows.filter(document=OuterRef("pk"))
        .order_by()
        .values("document")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted), Value(0))


@dataclass(frozen=True)
class RowView:
    """A published row as the document page and the API give it."""

    row_number: int
    line: int
    label: str
    values: dict
    table_id: str = ""
    kind: str = ""  # the document's ``DocumentKind``, which names the figures

    @property
    def anchor(self) -> str:
        """Return the row's fragment on the page, which other pages link to."""
        return row_anchor(self.table_id, self.row_number)

    @property
    def figures(self) -> str:
        """Return the values as "obras: 55; total: 19934628.64; …" as read."""
        return figures_text(self.kind, self.values)


@dataclass(frozen=True)
class TableSummary:
    """One table of a document as it was read: how many rows, which numbers.

    ``first_row`` and ``last_row`` bound its row numbers, so a page of rows
    knows whether one comes before or after it without reading another row.
    """

    table_id: str
    title: str
    row_count: int
    first_row: int
    last_row: int

    @property
    def anchor(self) -> str:
        """Return the table's fragment on the document's page."""
        return table_anchor(self.table_id)

    @property
    def fits_one_page(self) -> bool:
        """Return whether every row of the table fits on one page."""
        return self.row_count <= ROWS_PER_PAGE


@dataclass(frozen=True)
class Window:
    """Where a page of a list ordered by an integer key starts or ends.

    ``since``: the page starts at the first key at or after it (a row's
    number, a finding's id); ``before``: the page ends just before it (the
    way back). Neither: the first page.
    """

    since: int | None = None
    before: int | None = None

    @property
    def given(self) -> bool:
        """Return whether a position was asked (else the first page)."""
        return self.since is not None or self.before is not None


@dataclass(frozen=True)
class KeyPage(Generic[Item]):
    """A page of a list read by key, and where the pages beside it start.

    ``previous_before`` is the ``before`` of the page before (None on the
    first page), ``next_since`` the ``since`` of the page after (None on the
    last): reading either costs what this page did, however far in.
    """

    items: tuple[Item, ...]
    previous_before: int | None = None
    next_since: int | None = None

    @property
    def is_whole(self) -> bool:
        """Return whether this page holds the whole list."""
        return self.previous_before is None and self.next_since is None


@dataclass(frozen=True)
class TablePage:
    """A table of a document and the page of its rows the reader is on.

    ``rows`` is None for a table whose rows the page does not read (past the
    first ``TABLES_WITH_ROWS`` tables): it links to them instead.
    """

    table: TableSummary
    rows: KeyPage[RowView] | None
    chosen: bool = False

    @property
    def first_shown(self) -> int | None:
        """Return the number of the page's first row."""
        return self.rows.items[0].row_number if self.rows and self.rows.items else None

    @property
    def last_shown(self) -> int | None:
        """Return the number of the page's last row."""
        return self.rows.items[-1].row_number if self.rows and self.rows.items else None

    @property
    def own_link(self) -> str:
        """Return the query and fragment that open the table on its first page."""
        return _table_link(self.table.table_id)

    @property
    def previous_link(self) -> str:
        """Return the query and fragment of the rows before, or ""."""
        before = self.rows.previous_before if self.rows else None
        return "" if before is None else _table_link(self.table.table_id, antes=before)

    @property
    def next_link(self) -> str:
        """Return the query and fragment of the rows after, or ""."""
        since = self.rows.next_since if self.rows else None
        return "" if since is None else _table_link(self.table.table_id, desde=since)


def _table_link(table_id: str, **position: int) -> str:
    query = urlencode({"tabla": table_id, **position})
    return f"?{query}#{table_anchor(table_id)}"


@dataclass(frozen=True)
class DocumentDetail:
    """A document, its tables and its first findings: never every row."""

    document: CountedDocument
    tables: tuple[TableSummary, ...]
    not_read: tuple[dict, ...]


@dataclass(frozen=True)
class FindingPage:
    """A page of a document's findings, in the order they were found."""

    page: KeyPage[DocumentFinding]
    total: int

    @property
    def findings(self) -> tuple[FindingText, ...]:
        """Return the page's findings in the active language."""
        return tuple(finding_text(finding) for finding in self.page.items)


def document_detail(sha256: str) -> DocumentDetail:
    """Return a document with its tables counted and what was not read (or raise).

    Two queries whatever the size: the document with its finding count, and
    its tables counted in one GROUP BY (the rows are counted there, not
    again for the document).
    """
    document = cast(
        "CountedDocument",
        SourceDocument.objects.select_related("agency", "fiscal_year")
        .annotate(
            finding_count=_counted(DocumentFinding.objects.exclude(severity="info"))
        )
        .get(sha256=sha256),
    )
    tables = document_tables(document)
    document.row_count = sum(table.row_count for table in tables)
    return DocumentDetail(
        document=document,
        tables=tables,
        not_read=tuple(document.summary.get("not_read", ())),
    )


def document_tables(document: SourceDocument) -> tuple[TableSummary, ...]:
    """Return the document's tables in printed order, as the database keeps them.

    ``DocumentTable`` holds each table's rows, bounds and title, kept as rows
    are written, not grouped from every row on each read.
    """
    return tuple(
        TableSummary(
            table.table_id,
            table.title,
            table.rows,
            table.first_row,
            table.last_row,
        )
        for table in DocumentTable.objects.filter(document=document).order_by(
            "first_line", "table_id"
        )
    )


def table_pages(
    document: SourceDocument,
    tables: tuple[TableSummary, ...],
    chosen: str = "",
    at: Window = Window(),
) -> tuple[TablePage, ...]:
    """Return each table with a page of its rows, read in one query.

    The chosen table's page starts (or ends) where ``at`` says; the others
    show their first page. A table that fits one page is shown whole, so a
    link to one of its rows lands on it whatever position it carries. Rows
    are ordered by their number in the table, the order they were printed
    in, on the unique index of (document, table, row number).
    """
    read = [
        table
        for number, table in enumerate(tables)
        if number < TABLES_WITH_ROWS or table.table_id == chosen
    ]
    windows = {
        table.table_id: at
        if table.table_id == chosen and not table.fits_one_page
        else Window()
        for table in read
    }
    found = _rows_of_tables(document, windows)
    return tuple(
        TablePage(
            table=table,
            rows=_row_page(table, found.get(table.table_id, []))
            if table.table_id in windows
            else None,
            chosen=table.table_id == chosen,
        )
        for table in tables
    )


def _row_page(table: TableSummary, rows: list[RowView]) -> KeyPage[RowView]:
    """Return ``rows`` as a page of ``table``, knowing the rows beside it."""
    numbers = [row.row_number for row in rows]
    return _key_page(rows, numbers, first=table.first_row, last=table.last_row)


def _rows_of_tables(
    document: SourceDocument, windows: dict[str, Window]
) -> dict[str, list[RowView]]:
    """Return a page of rows of each table, ascending, in one UNION ALL query."""
    if not windows:
        return {}
    fields = ("table_id", "row_number", "line", "label", "values")
    queries = [
        _window_of(
            PublishedRow.objects.filter(document=document, table_id=table_id),
            "row_number",
            window,
            ROWS_PER_PAGE,
        ).values_list(*fields)
        for table_id, window in windows.items()
    ]
    first, *others = queries
    read = first.union(*others, all=True) if others else first
    rows: dict[str, list[RowView]] = {}
    for table_id, number, line, label, values in read:
        view = RowView(number, line, label, values, table_id, document.kind)
        rows.setdefault(table_id, []).append(view)
    for found in rows.values():
        found.sort(key=lambda row: row.row_number)
    return rows


def _window_of(rows: QuerySet, key: str, at: Window, size: int) -> QuerySet:
    """Return the ``size`` rows of ``rows`` in ``at``, by ``key`` on its index."""
    if at.before is not None:
        return rows.filter(**{f"{key}__lt": at.before}).order_by(f"-{key}")[:size]
    if at.since is not None:
        rows = rows.filter(**{f"{key}__gte": at.since})
    return rows.order_by(key)[:size]


def _key_page(
    items: list[Item], keys: list[int], *, first: int | None, last: int | None
) -> KeyPage[Item]:
    """Return ``items`` (ascending ``keys``) as a page between ``first`` and ``last``.

    A page before exists when its first key is past the list's first; one
    after when its last key is short of the list's last.
    """
    if not items or first is None or last is None:
        return KeyPage(tuple(items))
    return KeyPage(
        tuple(items),
        previous_before=keys[0] if keys[0] > first else None,
        next_since=keys[-1] + 1 if keys[-1] < last else None,
    )


def finding_page(
    document: SourceDocument, at: Window = Window(), size: int = FINDINGS_PER_PAGE
) -> FindingPage:
    """Return a page of the document's findings in the order found, in two queries.

    One aggregate gives the count and the first and last ids (so the page
    knows its neighbours), one index range the page itself.
    """
    span = document.findings.order_by().aggregate(
        total=Count("pk"), first=Min("pk"), last=Max("pk")
    )
    found = list(_window_of(document.findings.all(), "pk", at, size))
    found.sort(key=lambda finding: finding.pk)
    page = _key_page(
        found,
        [finding.pk for finding in found],
        first=span["first"],
        last=span["last"],
    )
    return FindingPage(page=page, total=span["total"])


@dataclass(frozen=True)
class DocumentPage:
    """A page of the imported documents, newest first, and how many there are."""

    page: KeyPage[CountedDocument]
    total: int


def documents_page(
    at: Window = Window(), size: int = DOCUMENTS_PER_PAGE
) -> DocumentPage:
    """Return a page of ``documents()`` by id, newest first, in two queries.

    Newest first, so ``since`` starts a page at an id or below it and
    ``before`` gives the newer page above one: a page costs the same however
    many documents came before it.
    """
    span = SourceDocument.objects.aggregate(
        total=Count("pk"), newest=Max("pk"), oldest=Min("pk")
    )
    rows = documents().order_by()
    if at.before is not None:
        found = list(rows.filter(pk__gt=at.before).order_by("pk")[:size])
        found.reverse()
    else:
        if at.since is not None:
            rows = rows.filter(pk__lte=at.since)
        found = list(rows.order_by("-pk")[:size])
    if not found:
        return DocumentPage(KeyPage(()), span["total"])
    page = KeyPage(
        tuple(found),
        previous_before=found[0].pk if found[0].pk < span["newest"] else None,
        next_since=found[-1].pk - 1 if found[-1].pk > span["oldest"] else None,
    )
    return DocumentPage(page, span["total"])


def documents_search(words: _Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the published documents whose name holds every word
    (the site search)."""
    entries = entries_kept(
        "documents",
        lambda: SourceDocument.objects.only("sha256", "name", "kind", "imported_at"),
        ["name"],
        lambda document: Hit(
            title=document.name,
            url=_reverse("sources:detail", args=[document.sha256]),
            detail=f"{document.get_kind_display()} · {document.imported_at:%Y-%m-%d}",
        ),
    )
    return entries_found(entries, words, offset, limit)


def documents_search_words() -> set[str]:
    """Return the words of the published documents' names."""
    return words_of(SourceDocument.objects.values_list("name", flat=True))


def _first_findings() -> QuerySet[DocumentFinding]:
    """Return each document's first finding of each kind (not the notes), with
    how many of that kind it holds: bounded by documents times kinds, however
    many rows a federal file's findings name."""
    kinds = (
        DocumentFinding.objects.exclude(severity="info")
        .order_by()
        .values("document_id", "code")
    )
    firsts = kinds.annotate(first=Min("pk")).values("first")
    same = (
        DocumentFinding.objects.filter(
            document_id=OuterRef("document_id"), code=OuterRef("code")
        )
        .order_by()
        .values("code")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        DocumentFinding.objects.filter(pk__in=Subquery(firsts))
        .select_related("document")
        .only(
            "code", "message", "where", "values", "document__sha256", "document__name"
        )
        .annotate(same=Subquery(same))
    )


def findings_search(words: _Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the documents' findings whose sentence holds every
    word (the site search): one hit per kind of finding in a document, which
    opens the document's findings at the first of them."""
    entries = entries_kept(
        "findings",
        _first_findings,
        ["message"],
        lambda finding: Hit(
            title=finding_text(finding).message,
            url=_reverse("sources:findings", args=[finding.document.sha256])
            + f"?{urlencode({'desde': finding.pk})}",
            detail=ngettext(
                "%(document)s · %(count)s hallazgo de este tipo",
                "%(document)s · %(count)s hallazgos de este tipo",
                finding.same,
            )
            % {"document": finding.document.name, "count": finding.same},
        ),
    )
    return entries_found(entries, words, offset, limit)


def findings_search_words() -> set[str]:
    """Return the words of the documents' first findings of each kind."""
    return words_of(_first_findings().values_list("message", flat=True))
