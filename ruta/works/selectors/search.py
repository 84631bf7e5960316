"""The works' and the contractors' part of the site search (``ruta.portal.search``).

Works are read through their own GIN index (``Work.search_vector``, the
explorer's) and never scanned: a million works are matched, counted up to a
bound and ranked only when few. Contractors are the companies with
contracts on published works, read once per version of the data (as the
question box reads them); a natural person's name and RFC are personal data
and are never listed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.contrib.postgres.search import SearchRank
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ruta.catalog.instance import instance
from ruta.common.db.versioning import data_version, version_kept
from ruta.common.text.rfc import is_company_rfc
from ruta.common.text.search import Found, Hit, texts_matching, words_of, words_query
from ruta.works.models import Contract, Work, work_urls

# Works counted up to this many; ranked by relevance up to ``RANKED_MAX``,
# else read in the explorer's order off its index.
COUNTED_MAX = 10_000
RANKED_MAX = 2_000
# The typo list reads the words of this many works, latest first: a bounded
# read whatever the table holds (the names of every other kind are whole).
WORDS_WORKS = 20_000


# A page of works after a key: "2024~OBRA-2024-00518", the last one shown.
WORK_KEY = re.compile(r"^(?P<year>[0-9]{4})~(?P<folio>[A-Za-z0-9._/-]{1,40})$")


def work_key(after: str) -> tuple[int, str] | None:
    """Return the (year, folio) a page of works begins after; None if malformed."""
    match = WORK_KEY.match(after)
    return (int(match["year"]), match["folio"]) if match else None


def works_search(
    words: Sequence[str], offset: int, limit: int, after: str = ""
) -> Found:
    """Return a page of the published works holding every word, best first.

    Few matches are ranked by relevance and paged by position; many are read
    in the explorer's order (newest year, then folio) and paged by key: the
    page after ``after`` (``work_key``) reads no row before it, however deep.
    """
    query = words_query(words)
    rows = Work.objects.published()
    rows = rows.filter(rows.indexed_condition(query))
    counted = rows.order_by().values("pk")[: COUNTED_MAX + 1].count()
    ordered: QuerySet[Work]
    keyed = counted > RANKED_MAX
    if not keyed:
        ordered = rows.annotate(
            search_rank=SearchRank(F("search_vector"), query)
        ).order_by("-search_rank", "-fiscal_year", "public_id")
    else:
        ordered = rows.order_by("-fiscal_year", "public_id")
    key = work_key(after) if keyed else None
    if key is not None:
        year, folio = key
        ordered = ordered.filter(
            Q(fiscal_year__lt=year) | Q(fiscal_year=year, public_id__gt=folio)
        )
        offset = 0
    found = list(
        ordered.select_related("municipality").only(
            "public_id", "title", "fiscal_year", "municipality__name"
        )[offset : offset + limit + 1]
    )
    more = len(found) > limit
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
        after=(
            f"{found[-1].fiscal_year_id}~{found[-1].public_id}"
            if keyed and more and found
            else ""
        ),
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
