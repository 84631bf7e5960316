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
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from ruta.common.text.rfc import is_company_rfc, rfc_compact
from ruta.common.text.search import fold, folded, spanish_query
from ruta.common.web.pagination import KeyOrder
from ruta.works.models import Contract, Progress, WorkQuerySet

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# The explorer's orders: key → (label, order by key). The default follows the
# works' index (newest year first, then folio); every order ends
# with the folio, so a page starts after the last work it showed (keyset).
DEFAULT_ORDER = KeyOrder("fiscal_year_id", descending=True)
SORTS: dict[str, tuple[StrPromise, KeyOrder]] = {
    "": (_("Ejercicio y folio"), DEFAULT_ORDER),
    "-amount": (_("Mayor inversión"), KeyOrder("total_investment", descending=True)),
    "amount": (_("Menor inversión"), KeyOrder("total_investment")),
    "-date": (
        _("Inicio más reciente"),
        KeyOrder("start_date", descending=True, nullable=True),
    ),
    "date": (_("Inicio más antiguo"), KeyOrder("start_date", nullable=True)),
    "-progress": (
        _("Mayor avance físico"),
        KeyOrder("latest_progress", descending=True, nullable=True),
    ),
    "progress": (
        _("Menor avance físico"),
        KeyOrder("latest_progress", nullable=True),
    ),
    "name": (_("Nombre (A–Z)"), KeyOrder("search_folded")),
}
# Words searched, no order chosen: the best-ranked matches first.
RANKED_ORDER = KeyOrder("rank", descending=True)
_FOLIO = re.compile(r"^[A-Za-z]{2,10}-\d{4}-\d{1,6}$")
# Ranking by relevance reads every match: past this many, a search is listed
# in the default order (the works' index), and the page says so.
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
    """Return ``works`` in the order ``sort`` names (see ``order_of``)."""
    works = works.annotate(latest_progress=latest_progress())
    order = order_of(sort, ranked_by, rank=rank)
    if order is RANKED_ORDER:
        relevance = SearchRank(F("search_vector"), spanish_query(ranked_by))
        works = works.annotate(rank=relevance)
    return works.order_by(*order.order_by())


def order_of(sort: str, ranked_by: str, *, rank: bool = True) -> KeyOrder:
    """Return the order a list takes: ``sort``'s, or by relevance.

    Relevance when words are searched, no order was chosen and ``rank``
    allows (too many matches are not ranked).
    """
    if not sort and rank and ranked_by.strip():
        return RANKED_ORDER
    return SORTS.get(sort, SORTS[""])[1]


# A shorter text would match a piece of almost any company's name.
CONTRACTOR_NAME_MIN = 4
# A company's works are read as ids up to this many (see contractor_work_ids).
NAMED_IDS_MOST = 1_000


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
    found = works.search_condition(text)
    if len(fold(text)) < CONTRACTOR_NAME_MIN:
        return works.filter(found)
    # A contractor's name finds its works too ("constructora del desierto"),
    # by their ids, in the same condition as the words: PostgreSQL then reads
    # a common word's matches in the list's order and stops at a page, and a
    # rare word's from the indexes. (As a set of ids beside the words' set,
    # every match of a common word was gathered before the first page.)
    return works.filter(found | Q(pk__in=contractor_work_ids(text)))


def by_contractor(works: WorkQuerySet, text: str) -> WorkQuerySet:
    """Return works with a contract of the company ``text`` (RFC or part of a name)."""
    return works.filter(pk__in=contractor_works(text))


def contractor_works(text: str) -> QuerySet[Contract, int]:
    """Return the ids of works with a contract of the company ``text``."""
    text = text.strip()
    if is_company_rfc(text):
        contracts = Contract.objects.filter(contractor_rfc=rfc_compact(text))
    else:
        contracts = Contract.objects.annotate(
            name_folded=folded("contractor_name")
        ).filter(name_folded__contains=fold(text))
    return contracts.values_list("work_id", flat=True).distinct()


def contractor_work_ids(text: str) -> list[int] | QuerySet[Contract, int]:
    """Return the ids ``contractor_works`` finds, read when there are few.

    Up to ``NAMED_IDS_MOST`` as a list; past it, the query itself (longer
    than that, a list of ids costs more to send and plan than to join).
    """
    named = contractor_works(text)
    ids = list(named[: NAMED_IDS_MOST + 1])
    return named if len(ids) > NAMED_IDS_MOST else ids
