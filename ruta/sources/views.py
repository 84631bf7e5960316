"""Public pages of the imported documents: the source behind every figure."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ruta.common.caching import public_page
from ruta.sources.models import SourceDocument
from ruta.sources.selectors import document_detail, documents


@require_safe
@public_page
def document_list(request: HttpRequest) -> HttpResponse:
    """List the imported documents with their rows and findings."""
    return render(request, "sources/list.html", {"documents": documents()})


@require_safe
@public_page
def document_page(request: HttpRequest, sha256: str) -> HttpResponse:
    """Show one document: its hash, tables read, findings and unread tables."""
    try:
        detail = document_detail(sha256)
    except SourceDocument.DoesNotExist as missing:
        raise Http404("no such document") from missing
    return render(request, "sources/detail.html", {"detail": detail})
