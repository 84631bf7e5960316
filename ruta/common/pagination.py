"""API pagination by key (keyset): the last page costs what the first does.

An OFFSET makes PostgreSQL read and throw away every row before the page
(8 s at offset 500,000 of a million works); a page that starts after the
last key it showed reads only its own rows from the index. So list
endpoints answer ``{"items": […], "next": url, "next_cursor": token}``:
``next`` is the address of the following page, ``null`` on the last.

The cursor carries the keys of the last row shown, signed, so a cursor
that was altered names no page (404, ``invalid-cursor``) instead of being
read as an arbitrary position; the OpenAPI document gives its alphabet and
length, so one it allows is never a 400. There is no total count: counting
a million rows costs more than the page (the explorer and the aggregates
endpoints give totals).

A list is ordered by one or two keys, the last unique (``("-fiscal_year_id",
"public_id")``). With two, a page is read as two index ranges: the rest of
the current first key, then the keys after it.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from django.core import signing
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from ruta.common.guards import UnknownValue

PAGE_SIZE_MAX = 500
CURSOR_MAX_LENGTH = 400
# What ``signing.dumps`` writes: URL-safe base64, a leading "." when
# compressed, ":" between value, time and signature.
CURSOR_PATTERN = r"^[A-Za-z0-9_.:-]*$"
_SALT = "ruta.api.cursor"

Cursor = Annotated[
    str,
    Field(
        max_length=CURSOR_MAX_LENGTH,
        pattern=CURSOR_PATTERN,
        description="`next_cursor` of the previous page; empty for the first",
    ),
]
PageSize = Annotated[int, Field(ge=1, le=PAGE_SIZE_MAX)]


def _after(key: str, value: object) -> dict[str, object]:
    """Return the filter for rows after ``value`` in ``key``'s direction."""
    name = key.lstrip("-")
    return {f"{name}__{'lt' if key.startswith('-') else 'gt'}": value}


class KeysetPagination(PaginationBase):
    """Pages that start after the keys of the previous page's last row."""

    class Input(Schema):
        cursor: Cursor = ""
        page_size: PageSize = 50

    class Output(Schema):
        items: list[Any]
        next: str | None = Field(None, description="the following page's address")
        next_cursor: str | None = None

    items_attribute = "items"

    def __init__(self, *, keys: tuple[str, ...], **kwargs: Any) -> None:
        if not 1 <= len(keys) <= 2:
            raise ValueError("a keyset is one or two keys, the last unique")
        self.keys = keys
        super().__init__(**kwargs)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        size = pagination.page_size
        ordered = queryset.order_by(*self.keys)
        after = cursor_decoded(pagination.cursor, len(self.keys))
        rows = self._rows(ordered, after, size + 1)
        more = len(rows) > size
        rows = rows[:size]
        last = (
            [getattr(rows[-1], key.lstrip("-")) for key in self.keys] if more else None
        )
        return keyset_answer(request, rows, last)

    def _rows(self, ordered: QuerySet, after: list | None, limit: int) -> list:
        if after is None:
            return list(ordered[:limit])
        if len(self.keys) == 1:
            return list(ordered.filter(**_after(self.keys[0], after[0]))[:limit])
        first, last = self.keys
        rows = list(
            ordered.filter(**{first.lstrip("-"): after[0]}, **_after(last, after[1]))[
                :limit
            ]
        )
        if len(rows) < limit:
            rows += ordered.filter(**_after(first, after[0]))[: limit - len(rows)]
        return rows


def cursor_encoded(values: list[Any]) -> str:
    """Return the signed cursor of a page's last keys."""
    return signing.dumps(values, salt=_SALT, compress=True)


def cursor_decoded(cursor: str, length: int) -> list[Any] | None:
    """Return the keys a cursor carries (``None`` for none); a forged one is 404."""
    if not cursor:
        return None
    try:
        values = signing.loads(cursor, salt=_SALT)
    except signing.BadSignature as bad:
        raise UnknownValue(
            "cursor", "not a cursor this API gave", code="invalid-cursor"
        ) from bad
    if not isinstance(values, list) or len(values) != length:
        raise UnknownValue("cursor", "a cursor of another list", code="invalid-cursor")
    return values


def keyset_answer(
    request: HttpRequest, items: list[Any], last: list[Any] | None
) -> dict[str, Any]:
    """Return a page's answer; ``last`` holds its last keys when more follow."""
    cursor = cursor_encoded(last) if last is not None else None
    return {
        "items": items,
        "next_cursor": cursor,
        "next": _address(request, cursor) if cursor else None,
    }


def _address(request: HttpRequest, cursor: str) -> str:
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(
        f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}"
    )
