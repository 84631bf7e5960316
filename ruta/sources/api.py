"""Document endpoints: every imported file, its rows as read and its findings.

No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.
"""

from django.http import Http404, HttpRequest
from ninja import Router

from ruta.common.bounds import Sha256
from ruta.sources.models import SourceDocument
from ruta.sources.schemas import DocumentDetailOut, DocumentOut
from ruta.sources.selectors import document_detail, documents

router = Router(tags=["documents"])


def _document(document: SourceDocument) -> dict:
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


@router.get("/", response=list[DocumentOut])
def list_documents(request: HttpRequest) -> list[dict]:
    """Return every imported document, newest first (findings exclude notes)."""
    return [_document(document) for document in documents()]


@router.get("/{sha256}", response=DocumentDetailOut)
def get_document(request: HttpRequest, sha256: Sha256) -> dict:
    """Return a document's tables and rows as read, its findings, what was not read.

    Each row keeps the line of the file it stands on; findings keep the
    reader's message (English), their place and their values.
    """
    try:
        detail = document_detail(sha256)
    except SourceDocument.DoesNotExist as missing:
        raise Http404("no such document") from missing
    return {
        **_document(detail.document),
        "tables": [
            {
                "id": table.table_id,
                "title": table.title,
                "rows": [
                    {
                        "row": row.row_number,
                        "line": row.line,
                        "label": row.label,
                        "values": row.values,
                    }
                    for row in table.rows
                ],
            }
            for table in detail.tables
        ],
        "findings": [
            {
                "code": finding.code,
                "severity": finding.severity,
                "message": finding.message,
                "where": finding.where,
                "values": finding.values,
            }
            for finding in detail.stored_findings
        ],
        "not_read": list(detail.not_read),
    }
