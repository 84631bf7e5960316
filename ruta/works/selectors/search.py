"""The works' and the contractors' part of the site search (``ruta.portal.search``).

Works are read through their own GIN index (``Work.search_vector``, the
explorer's) and never scanned: a million works are matched, counted up to a
bound and ranked only when few. Contractors are the companies with
contracts on published works, read once per version of the data (as the
question box reads them); a natural person's name and RFC are personal data
and are never listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.postgres.search import SearchRank
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ruta.catalog.instance import instance
from ruta.common.db.versioning import data_version, version_kept
from ruta.common.text.rfc import is_company_rfc
from ruta.common.text.search import Found, Hit, texts_matching, words_of, words_query
from ruta.common.web.pagination import KeyOrder, key_page
from ruta.works.models import Contract, Work, work_urls

# Works counted up to this many; ranked by relevance up to ``RANKED_MAX``,
# else read in the explorer's order off its index.
COUNTED_MAX = 10_000
RANKED_MAX = 2_000
# The typo list reads the words of this many works, latest first: a bounded
# read whatever the table holds (the names of every other kind are whole).
WORDS_WORKS = 20_000


# Many works are read in the explorer's order, paged by key after the first.
SEARCH_ORDER = KeyOrder("fiscal_year_id", descending=True)


def works_search(
    words: Sequence[str],
    offset: int,
    limit: int,
    after: list[Any] | None = None,
) -> Found:
    """Return a page of the published works holding every word, best first.

    Few matches are ranked by relevance and paged by position; many are read
    in the explorer's order (``SEARCH_ORDER``: newest year, then folio) and
    the page after the keys ``after`` reads no row before them, however deep
    (``Found.next_keys`` gives the next page's).
    """
    query = words_query(words)
    rows = Work.objects.published()
    rows = rows.filter(rows.indexed_condition(query))
    counted = rows.order_by().values("pk")[: COUNTED_MAX + 1].count()
    keyed = counted > RANKED_MAX
    next_keys = None
    if keyed and (after is not None or not offset):
        page = key_page(_search_rows(rows), SEARCH_ORDER, size=limit, after=after)
        found = list(page.rows)
        next_keys = tuple(page.after) if page.after else None
    else:
        ordered: QuerySet[Work] = (
            rows.order_by("-fiscal_year", "public_id")
            if keyed
            else rows.annotate(
                search_rank=SearchRank(F("search_vector"), query)
            ).order_by("-search_rank", "-fiscal_year", "public_id")
        )
        found = list(_search_rows(ordered)[offset : offset + limit + 1])
        if keyed and len(found) > limit:
            # A page by position of many: the next one is read by key.
            next_keys = tuple(SEARCH_ORDER.keys_of(found[limit - 1]))
        found = found[:limit]
    urls = work_urls(work.public_id for work in found)
    return Found(
        hits=tuple(
            Hit(
                title=work.title,
                url=url,
                detail=" · ".join(
                    part
                    for part in (
                        work.public_id,
                        work.municipality.name if work.municipality else "",
                        str(work.fiscal_year_id),
                    )
                    if part
                ),
            )
            for work, url in zip(found, urls, strict=True)
        ),
        total=min(counted, COUNTED_MAX),
        capped=counted > COUNTED_MAX,
        next_keys=next_keys,
    )


def _search_rows(rows: QuerySet[Work]) -> QuerySet[Work]:
    return rows.select_related("municipality").only(
        "public_id", "title", "fiscal_year", "municipality__name"
    )


def works_search_words() -> set[str]:
    """Return the words of the latest published works' titles and places.

    A bounded read (``WORDS_WORKS`` rows off the list's index), once per
    version of the data.
    """
    key = ("works-search-words", instance().scope)
    return version_kept(data_version().token, key, _works_words)


def _works_words() -> set[str]:
    latest = (
        Work.objects.published()
        .order_by("-fiscal_year", "public_id")
        .values_list("search_folded", flat=True)[:WORDS_WORKS]
    )
    return words_of(latest.iterator(chunk_size=2_000))


def contractors_public() -> list[tuple[str, str]]:
    """Return each company with contracts on published works: (RFC, name).

    Read once per version of the data; a natural person is never listed.
    """
    key = ("contractors-public", instance().scope)
    return version_kept(data_version().token, key, _contractors)


def _contractors() -> list[tuple[str, str]]:
    rows = (
        Contract.objects.filter(work__in=Work.objects.published())
        .exclude(contractor_rfc="")
        .values_list("contractor_rfc", "contractor_name")
        .distinct()
        .order_by("contractor_name", "contractor_rfc")
    )
    named: dict[str, str] = {}
    for rfc, name in rows:
        if is_company_rfc(rfc):
            named.setdefault(rfc, name)
    return sorted(named.items(), key=lambda pair: (pair[1], pair[0]))


def contractors_search(words: Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the companies whose name (or RFC) holds every word."""
    matched = texts_matching(
        ((f"{name} {rfc}", (rfc, name)) for rfc, name in contractors_public()),
        words,
    )
    return Found(
        hits=tuple(
            Hit(
                title=name,
                url=reverse("works:contractor", args=[rfc]),
                detail=_("RFC %(rfc)s") % {"rfc": rfc},
            )
            for rfc, name in matched[offset : offset + limit]
        ),
        total=len(matched),
    )


def contractors_search_words() -> set[str]:
    """Return the words of the public contractors' names."""
    return words_of(name for _rfc, name in contractors_public())
