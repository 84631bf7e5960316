"""The site search as an endpoint: the same hits the search page gives.

No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.
"""

from typing import Annotated, Any, Literal

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from ninja import Field, Router, Schema

from ruta.common.text.search import (
    SEARCH_MAX_LENGTH,
    SEARCH_TEXT_PATTERN,
    SearchRefused,
)
from ruta.common.web.pagination import Cursor
from ruta.portal.search import (
    PAGE_SIZE_MAX,
    PAGES_MAX,
    PER_KIND,
    site_search,
)

router = Router(tags=["search"])

# ``portal.search.KIND_KEYS``, spelled out for the document (a test keeps
# them the same); empty: every kind.
SearchKindKey = Literal[
    "",
    "obras",
    "municipios",
    "contratistas",
    "organizaciones",
    "convocatorias",
    "proyectos",
    "programas-poa",
    "metas-poa",
    "indicadores",
    "compromisos",
    "consultas",
    "documentos",
    "hallazgos",
    "datos-abiertos",
]
SearchText = Annotated[
    str,
    Field(min_length=1, max_length=SEARCH_MAX_LENGTH, pattern=SEARCH_TEXT_PATTERN),
]
# A page by position; the works' pages after the first may be asked by key
# instead (``after``, a group's own), however deep.
Page = Annotated[int, Field(ge=1, le=PAGES_MAX)]
Size = Annotated[int, Field(ge=1, le=PAGE_SIZE_MAX)]


class HitOut(Schema):
    """A record found: its name, its page on the site, a line about it."""

    title: str
    url: str
    detail: str


class KindOut(Schema):
    """One kind's page of hits; ``total`` is a lower bound when ``capped``."""

    kind: str
    label: str
    total: int
    capped: bool
    page: int
    size: int
    # The works' next page: pass it as ``after`` (with ``kind=obras``); ""
    # when none follows or the kind pages by position.
    after: str
    hits: list[HitOut]


class SearchMendedOut(Schema):
    """A typed word no record holds, read as the known word it resembles."""

    typed: str
    read: str


class SearchOut(Schema):
    """The kinds with hits (or the one asked for), best hits first."""

    asked: str
    searched: str
    mended: list[SearchMendedOut]
    groups: list[KindOut]


@router.get("", response=SearchOut, summary="Search everything public")
def search(
    request: HttpRequest,
    q: SearchText,
    kind: SearchKindKey = "",
    page: Page = 1,
    size: Size = PER_KIND,
    after: Cursor = "",
) -> dict[str, Any]:
    """Find works, municipalities, contractors, organisations, calls and their
    projects, POA programs and goals, indicators, commitments, consultations,
    documents and datasets whose names hold every word of ``q`` (accents and
    case ignored, a word cut short matched as its beginning, a one-letter typo
    mended and said in ``mended``). ``kind`` asks for one kind alone and
    ``page`` pages it; the works' pages after the first are asked with
    ``after``, the previous page's own, however deep. Personal data is
    never searched."""
    try:
        answer = site_search(q, kind=kind, page=page, size=size, after=after)
    except SearchRefused as refusal:
        raise BadRequest(str(refusal)) from refusal
    return {
        "asked": answer.asked,
        "searched": answer.searched,
        "mended": [{"typed": typed, "read": read} for typed, read in answer.mended],
        "groups": [
            {
                "kind": group.kind.key,
                "label": str(group.kind.label),
                "total": group.found.total,
                "capped": group.found.capped,
                "page": group.page,
                "size": group.size,
                "after": group.after,
                "hits": [
                    {"title": hit.title, "url": hit.url, "detail": hit.detail}
                    for hit in group.found.hits
                ],
            }
            for group in answer.groups
        ],
    }
