"""API pagination whose page number is bounded before any query runs.

A page past the last is a 404 problem, not an empty list: the client asked
for something that is not there. Page numbers beyond ``MAX_PAGE`` are refused
by the schema (422) before the database is asked for an offset it cannot hold.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from ruta.common.bounds import MAX_PAGE


class BoundedPageNumberPagination(PageNumberPagination):
    """Page-number pagination with a bounded page and page size."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=500)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        size = self._get_page_size(pagination.page_size)
        if pagination.page > 1 and (pagination.page - 1) * size >= result["count"]:
            raise Http404(f"page {pagination.page} is past the last page")
        return result
