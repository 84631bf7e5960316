"""Pagination by key (keyset): the last page costs what the first does.

An OFFSET makes PostgreSQL read and throw away every row before the page
(guarded by ``make bench``'s last pages at scale); a page that starts after the
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
the current first key, then the keys after it (``KeyOrder``, which also
takes a first key that may be empty, and reads a list backwards). The works
explorer pages the same way (``key_page``), with links to the first, the
previous, the next and the last page instead of page numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import urlencode

from django.core import signing
from django.db.models import F, QuerySet
from django.db.models.expressions import OrderBy
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from ruta.common.web.guards import UnknownValue

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


@dataclass(frozen=True)
class KeyOrder:
    """A list's order by key: a first key, then a unique one ascending.

    The first key may be descending and may be empty (``nullable``), the
    empty ones last; it may be an annotation. ``reversed`` is the same order
    read from its end, for a previous page and the last one.

    ``matches_first`` reads a page from the rows a filter matches, sorted,
    instead of walking an index in the order until a page of them is found:
    for a few matches that sit far along the order (a small program whose
    works nearly all come after the others), the walk read most of a million
    works.
    Sorting costs what the matches are, so it is for a few of them only.
    """

    first: str
    descending: bool = False
    unique: str = "public_id"
    nullable: bool = False
    backwards: bool = False
    matches_first: bool = False

    @property
    def reversed(self) -> KeyOrder:
        return replace(self, backwards=not self.backwards)

    @property
    def tag(self) -> str:
        """Return a name of the order a cursor carries, to be read in it only."""
        return f"{'-' if self.descending else ''}{self.first},{self.unique}"

    def order_by(self) -> tuple[OrderBy, OrderBy]:
        """Return the ORDER BY of this order (or of its reverse)."""
        down = self.descending != self.backwards
        first = F(self.first)
        unique = F(self.unique)
        if not self.nullable:
            # Where to put empty keys is moot without any, and saying it
            # keeps PostgreSQL from reading the order off a plain index
            # (the works' ``-fiscal_year, public_id``): it sorted
            # every work to take a page. Which is what ``matches_first``
            # asks for: the empty keys on the side no index keeps them.
            if self.matches_first:
                by = (
                    first.desc(nulls_last=True) if down else first.asc(nulls_first=True)
                )
            else:
                by = first.desc() if down else first.asc()
            return (by, unique.desc() if self.backwards else unique.asc())
        if self.backwards:
            return (
                first.desc(nulls_first=True) if down else first.asc(nulls_first=True),
                unique.desc(),
            )
        return (
            first.desc(nulls_last=True) if down else first.asc(nulls_last=True),
            unique.asc(),
        )

    def keys_of(self, row: object) -> list[Any]:
        """Return the keys of ``row`` as a cursor carries them (JSON's types)."""
        return [_plain(getattr(row, self.first)), _plain(getattr(row, self.unique))]

    def rows_after(self, rows: QuerySet, keys: list[Any] | None, limit: int) -> list:
        """Return up to ``limit`` rows of ``rows`` after ``keys`` in this order.

        Read as index ranges, never an OFFSET: the rest of the current first
        key, then the first keys after it, then (going forwards) the empty ones.
        """
        ordered = rows.order_by(*self.order_by())
        if keys is None:
            return list(ordered[:limit])
        value, unique = keys
        beyond = "lt" if self.backwards else "gt"
        found: list = []
        if value is None:
            found += ordered.filter(
                **{f"{self.first}__isnull": True, f"{self.unique}__{beyond}": unique}
            )[:limit]
            if self.backwards and len(found) < limit:
                found += ordered.filter(**{f"{self.first}__isnull": False})[
                    : limit - len(found)
                ]
            return found
        found += ordered.filter(
            **{self.first: value, f"{self.unique}__{beyond}": unique}
        )[:limit]
        down = self.descending != self.backwards
        if len(found) < limit:
            found += ordered.filter(
                **{f"{self.first}__{'lt' if down else 'gt'}": value}
            )[: limit - len(found)]
        if self.nullable and not self.backwards and len(found) < limit:
            found += ordered.filter(**{f"{self.first}__isnull": True})[
                : limit - len(found)
            ]
        return found


def _plain(value: object) -> object:
    """Return ``value`` as JSON holds it: amounts and dates as text."""
    if isinstance(value, Decimal | date):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return value


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

    def __init__(
        self,
        *,
        keys: tuple[str, ...],
        ready: Callable[[list[Any]], Any] | None = None,
        matches_first: Callable[..., bool] | None = None,
        **kwargs: Any,
    ) -> None:
        """``ready``, when given, is called with each page's rows before they are
        written (to attach what the rows' query left out); ``matches_first``
        with the view's parameters, to say that its matches are few enough
        to be read whole and sorted (``KeyOrder.matches_first``)."""
        if not 1 <= len(keys) <= 2:
            raise ValueError("a keyset is one or two keys, the last unique")
        self.keys = keys
        self.ready = ready
        self.matches_first = matches_first
        first, *unique = keys
        self.order = (
            KeyOrder(
                first=first.lstrip("-"),
                descending=first.startswith("-"),
                unique=unique[0],
            )
            if unique
            else None
        )
        super().__init__(**kwargs)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        size = pagination.page_size
        ordered = queryset.order_by(*self.keys)
        after = cursor_decoded(pagination.cursor, len(self.keys))
        order = self.order
        if order is not None and self.matches_first and self.matches_first(**params):
            order = replace(order, matches_first=True)
        rows = self._rows(ordered, order, after, size + 1)
        more = len(rows) > size
        rows = rows[:size]
        if self.ready is not None:
            self.ready(rows)
        last = (
            [getattr(rows[-1], key.lstrip("-")) for key in self.keys] if more else None
        )
        return keyset_answer(request, rows, last)

    def _rows(
        self, ordered: QuerySet, order: KeyOrder | None, after: list | None, limit: int
    ) -> list:
        if order is not None:
            return order.rows_after(ordered, after, limit)
        if after is None:
            return list(ordered[:limit])
        return list(ordered.filter(**_after(self.keys[0], after[0]))[:limit])


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


@dataclass(frozen=True)
class KeyPage:
    """A page read by key, and the keys its neighbours start from.

    ``after`` holds the keys of its last row when a page follows it;
    ``before`` those of its first row when one precedes it.
    """

    rows: list[Any]
    after: list[Any] | None = None
    before: list[Any] | None = None


def key_page(
    rows: QuerySet,
    order: KeyOrder,
    *,
    size: int,
    after: list[Any] | None = None,
    before: list[Any] | None = None,
    last: bool = False,
) -> KeyPage:
    """Return the page of ``rows`` after ``after``, before ``before``, or the last.

    A previous page and the last one are read in the reversed order and
    turned around: each costs what the first page does.
    """
    if before is not None or last:
        found = order.reversed.rows_after(rows, before, size + 1)
        more = len(found) > size
        shown = found[:size][::-1]
        return KeyPage(
            shown,
            after=order.keys_of(shown[-1]) if shown and not last else None,
            before=order.keys_of(shown[0]) if more else None,
        )
    found = order.rows_after(rows, after, size + 1)
    shown = found[:size]
    return KeyPage(
        shown,
        after=order.keys_of(shown[-1]) if len(found) > size else None,
        before=order.keys_of(shown[0]) if shown and after is not None else None,
    )


def order_cursor(order: KeyOrder, keys: list[Any]) -> str:
    """Return the signed cursor of ``keys`` in ``order`` (the order is named in it)."""
    return cursor_encoded([order.tag, *keys])


def order_cursor_read(order: KeyOrder, cursor: str) -> list[Any] | None:
    """Return the keys of a cursor of ``order``; a forged or other one is refused."""
    values = cursor_decoded(cursor, 3)
    if values is None:
        return None
    if values[0] != order.tag:
        raise UnknownValue("cursor", "a cursor of another order", code="invalid-cursor")
    return values[1:]
