"""Public pages of the imported documents: the source behind every figure.

A document's page shows a page of each table's rows and its first findings;
the rest is a link away, read by key, so a 100,000-row file's page is as
quick as a form's. A position that cannot be read (an unknown table, a row
number out of range, past the last row) is not found, as a page past the
end of a list.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ruta.common.web.caching import form_query, public_page
from ruta.sources.forms import DocumentPageForm, FindingPageForm, RowPageForm
from ruta.sources.models import SourceDocument
from ruta.sources.selectors import (
    DocumentDetail,
    document_detail,
    documents_page,
    finding_page,
    table_pages,
)


@require_safe
@public_page(query=form_query(DocumentPageForm))
def document_list(request: HttpRequest) -> HttpResponse:
    """List the imported documents with their rows and findings, a page at a time.

    Newest first; ``?desde=<id>`` starts a page at a document, ``antes=<id>``
    gives the newer ones. A position past the list is not found.
    """
    form = DocumentPageForm(request.GET)
    if not form.is_valid():
        raise Http404("no such page of documents")
    window = form.window()
    listed = documents_page(window)
    if window.given and not listed.page.items:
        raise Http404("no documents there")
    return render(request, "sources/list.html", {"listed": listed})


def _detail(sha256: str) -> DocumentDetail:
    try:
        return document_detail(sha256)
    except SourceDocument.DoesNotExist as missing:
        raise Http404("no such document") from missing


@require_safe
@public_page(query=form_query(RowPageForm))
def document_page(request: HttpRequest, sha256: str) -> HttpResponse:
    """Show one document: its hash, findings, unread tables and rows a page at a time.

    ``?tabla=<id>&desde=<row>`` opens a table at a row (the links to a row
    carry it); ``antes=<row>`` gives the rows before one.
    """
    form = RowPageForm(request.GET)
    if not form.is_valid():
        raise Http404("no such page of this document")
    chosen = form.cleaned_data["tabla"]
    window = form.window()
    if window.given and not chosen:
        raise Http404("a row position needs its table")
    detail = _detail(sha256)
    if chosen and chosen not in {table.table_id for table in detail.tables}:
        raise Http404("no such table in this document")
    tables = table_pages(detail.document, detail.tables, chosen, window)
    if any(
        page.chosen and page.rows is not None and not page.rows.items for page in tables
    ):
        raise Http404("no rows there")
    context = {
        "detail": detail,
        "tables": tables,
        "findings": finding_page(detail.document),
    }
    return render(request, "sources/detail.html", context)


@require_safe
@public_page(query=form_query(FindingPageForm))
def document_findings(request: HttpRequest, sha256: str) -> HttpResponse:
    """Show a document's findings a page at a time (``desde``/``antes``: an id)."""
    form = FindingPageForm(request.GET)
    if not form.is_valid():
        raise Http404("no such page of findings")
    try:
        document = SourceDocument.objects.get(sha256=sha256)
    except SourceDocument.DoesNotExist as missing:
        raise Http404("no such document") from missing
    window = form.window()
    findings = finding_page(document, window)
    if window.given and not findings.page.items:
        raise Http404("no findings there")
    context = {"document": document, "findings": findings}
    return render(request, "sources/findings.html", context)
