"""Document endpoints: every imported file, its tables, rows as read and findings.

Lists are read by key (``ruta.common.web.pagination``): the documents newest
first, a table's rows by their number, the findings in the order found. A
federal works file has 100,000 rows and thousands of findings; no answer
carries them all.

No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.
"""

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from ruta.common.bounds import STORABLE_TEXT, Sha256
from ruta.common.web.guards import UnknownValue
from ruta.common.web.pagination import KeysetPagination
from ruta.sources.forms import TABLE_ID_MAX_LENGTH
from ruta.sources.models import DocumentFinding, PublishedRow, SourceDocument
from ruta.sources.schemas import (
    DocumentDetailOut,
    DocumentOut,
    FindingOut,
    PublishedRowOut,
)
from ruta.sources.selectors import document_detail, documents

if TYPE_CHECKING:
    from ruta.sources.selectors import CountedDocument

router = Router(tags=["documents"])
# Newest first: ids grow with each import, as the import times do, and the
# id alone is a unique key (a cursor of a timestamp and an id is not JSON).
NEWEST_FIRST = ("-pk",)


def _document(document: "CountedDocument") -> dict:
    return {
        "sha256": document.sha256,
        "name": document.name,
        "kind": document.kind,
        "agency": document.agency.code if document.agency else None,
        "fiscal_year": document.fiscal_year_id,
        "imported_at": document.imported_at,
        "row_count": document.row_count,
        "finding_count": document.finding_count,
    }


def _document_id(sha256: str) -> int:
    """Return the id of the document with ``sha256``, or raise 404."""
    found = SourceDocument.objects.filter(sha256=sha256).values_list("pk", flat=True)
    for pk in found:
        return pk
    raise Http404("no such document")


@router.get("/", response=list[DocumentOut])
@paginate(KeysetPagination, keys=NEWEST_FIRST)
def list_documents(request: HttpRequest) -> QuerySet[SourceDocument]:
    """Return the imported documents, newest first (findings exclude notes).

    Pages follow `next` (keyset on the document's id, which grows with each
    import).
    """
    return documents()


@router.get("/{sha256}", response=DocumentDetailOut)
def get_document(request: HttpRequest, sha256: Sha256) -> dict:
    """Return a document's metadata, its tables counted, and what was not read.

    The rows of each table are at `/documents/{sha256}/rows?table={id}`, the
    findings at `/documents/{sha256}/findings`, both a page at a time.
    """
    try:
        detail = document_detail(sha256)
    except SourceDocument.DoesNotExist as missing:
        raise Http404("no such document") from missing
    return {
        **_document(detail.document),
        "tables": [
            {"id": table.table_id, "title": table.title, "row_count": table.row_count}
            for table in detail.tables
        ],
        "not_read": list(detail.not_read),
    }


class RowsQuery(Schema):
    table: str = Field(
        ...,
        min_length=1,
        max_length=TABLE_ID_MAX_LENGTH,
        pattern=STORABLE_TEXT,
        description="a table's `id`, as the document's `tables` give it",
    )


@router.get("/{sha256}/rows", response=list[PublishedRowOut])
@paginate(KeysetPagination, keys=("row_number",))
def list_rows(
    request: HttpRequest, sha256: Sha256, query: Query[RowsQuery]
) -> QuerySet[PublishedRow]:
    """Return one table's rows as read, by their number in the table.

    Each row keeps the line of the file it stands on. An unknown table is a
    404 (`unknown-table`). Pages follow `next` (keyset on the row's number).
    """
    rows = PublishedRow.objects.filter(
        document_id=_document_id(sha256), table_id=query.table
    )
    if not rows.exists():
        raise UnknownValue(
            "table", "not a table of this document", code="unknown-table"
        )
    return rows.only("row_number", "line", "label", "values")


@router.get("/{sha256}/findings", response=list[FindingOut])
@paginate(KeysetPagination, keys=("pk",))
def list_findings(request: HttpRequest, sha256: Sha256) -> QuerySet[DocumentFinding]:
    """Return a document's findings in the order they were found, notes included.

    Each finding has its stable `code` and `values`, its `message` in Spanish
    as it was worded when found, and its place in the reader's notation
    (`line 12 (table, row 3)`). Pages follow `next` (keyset on the finding's
    id).
    """
    return DocumentFinding.objects.filter(document_id=_document_id(sha256))
