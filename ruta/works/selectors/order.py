"""How the works explorer searches and sorts: folio, contractor, words, rank.

A folio ("GSE-2024-0001") or a company's RFC typed in the search box finds
that work or that company's works; other text is searched as words (see
``WorkQuerySet.search``) and, unless the reader chose an order, the best
matches come first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchRank
from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from ruta.common.rfc import is_company_rfc, rfc_compact
from ruta.common.search import fold, folded, spanish_query
from ruta.works.models import Contract, Progress, WorkQuerySet

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# The explorer's orders: key → (label, ORDER BY). The default follows the
# published-works index (newest year first, then folio).
DEFAULT_ORDER = ("-fiscal_year_id", "public_id")
SORTS: dict[str, tuple[StrPromise, tuple]] = {
    "": (_("Ejercicio y folio"), DEFAULT_ORDER),
    "-amount": (_("Mayor inversión"), ("-total_investment", "public_id")),
    "amount": (_("Menor inversión"), ("total_investment", "public_id")),
    "-date": (
        _("Inicio más reciente"),
        (F("start_date").desc(nulls_last=True), "public_id"),
    ),
    "date": (
        _("Inicio más antiguo"),
        (F("start_date").asc(nulls_last=True), "public_id"),
    ),
    "-progress": (
        _("Mayor avance físico"),
        (F("latest_progress").desc(nulls_last=True), "public_id"),
    ),
    "progress": (
        _("Menor avance físico"),
        (F("latest_progress").asc(nulls_last=True), "public_id"),
    ),
    "name": (_("Nombre (A–Z)"), ("search_folded", "public_id")),
}
_FOLIO = re.compile(r"^[A-Za-z]{2,10}-\d{4}-\d{1,6}$")
# Ranking by relevance reads every match: past this many, a search is listed
# in the default order (the published-works index), and the page says so.
RANKED_AT_MOST = 5_000


def latest_progress() -> Subquery:
    """Return the physical progress of a work's latest progress entry."""
    return Subquery(
        Progress.objects.filter(work=OuterRef("pk"))
        .order_by("-date", "-id")
        .values("physical_percent")[:1]
    )


def ordered(
    works: WorkQuerySet, *, sort: str, ranked_by: str, rank: bool = True
) -> WorkQuerySet:
    """Return ``works`` in the order ``sort`` names.

    With no order chosen and words searched, the best-ranked matches first,
    unless ``rank`` is false (too many matches to rank them all).
    """
    works = works.annotate(latest_progress=latest_progress())
    if not sort and rank and ranked_by.strip():
        relevance = SearchRank(F("search_vector"), spanish_query(ranked_by))
        return works.annotate(rank=relevance).order_by("-rank", *DEFAULT_ORDER)
    _label, order = SORTS.get(sort, SORTS[""])
    return works.order_by(*order)


# A shorter text would match a piece of almost any company's name.
CONTRACTOR_NAME_MIN = 4


def searched(works: WorkQuerySet, text: str) -> WorkQuerySet:
    """Return the works a search box's ``text`` finds.

    By folio, by a company's RFC, or by words in the work, its place or the
    name of a company that holds one of its contracts.
    """
    text = text.strip()
    if _FOLIO.match(text):
        by_folio = works.filter(public_id__iexact=text)
        if by_folio.exists():
            return by_folio
    # Only a company's RFC is a search key: a person's is personal data, and
    # a search must not confirm that a person holds a contract.
    if is_company_rfc(text):
        return by_contractor(works, text)
    found = works.search(text)
    if len(fold(text)) < CONTRACTOR_NAME_MIN:
        return found
    # A contractor's name finds its works too ("constructora del desierto").
    named = by_contractor(works, text)
    return works.filter(Q(pk__in=found.values("pk")) | Q(pk__in=named.values("pk")))


def by_contractor(works: WorkQuerySet, text: str) -> WorkQuerySet:
    """Return works with a contract of the company ``text`` (RFC or part of a name)."""
    text = text.strip()
    if is_company_rfc(text):
        contracts = Contract.objects.filter(contractor_rfc=rfc_compact(text))
    else:
        contracts = Contract.objects.annotate(
            name_folded=folded("contractor_name")
        ).filter(name_folded__contains=fold(text))
    return works.filter(pk__in=contracts.values("work_id"))
