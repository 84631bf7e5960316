"""Reads for the staff desk: the works a person may capture, and their next steps."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from ruta.accounts.models import Role, RoleAssignment, User
from ruta.accounts.permissions import Action, can, is_administrator
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, Municipality
from ruta.common.fields import MoneyField
from ruta.common.text.money import ZERO
from ruta.works.cycles import AID, MODIFICATION
from ruta.works.models import (
    Aid,
    BudgetModification,
    Contract,
    Work,
    WorkDocument,
    WorkStatus,
)

DESK_LIMIT = 200


def _agency_and_units(agency_ids: set[int]) -> set[int]:
    """Return ``agency_ids`` and every unit below them, at any depth."""
    found, frontier = set(agency_ids), set(agency_ids)
    while frontier:
        frontier = (
            set(
                Agency.objects.filter(parent_id__in=frontier).values_list(
                    "pk", flat=True
                )
            )
            - found
        )
        found |= frontier
    return found


def _candidates(user: User) -> QuerySet[Work]:
    """Return the works any of ``user``'s capture roles could reach (a superset)."""
    if is_administrator(user):
        return Work.objects.in_instance()
    assignments = RoleAssignment.objects.filter(
        user=user, role__in=(Role.CAPTURE, Role.VALIDATOR)
    )
    agencies = {a.agency_id for a in assignments if a.agency_id}
    municipalities = {a.municipality_id for a in assignments if a.municipality_id}
    return Work.objects.filter(
        Q(executing_agency_id__in=_agency_and_units(agencies))
        | Q(municipality_id__in=municipalities)
    )


def desk_works(user: User) -> list[Work]:
    """Return the works ``user`` may capture, most recently changed first."""
    works = _candidates(user).select_related(
        "municipality", "executing_agency", "fiscal_year"
    )
    return [
        work
        for work in works.order_by("-updated", "public_id")[:DESK_LIMIT]
        if can(user, Action.CAPTURE, work)
    ]


def desk_agencies(user: User) -> list[Agency]:
    """Return the agencies ``user`` may capture works for."""
    if is_administrator(user):
        return list(instance().agencies_working().order_by("name"))
    agencies = {
        a.agency_id
        for a in RoleAssignment.objects.filter(
            user=user, role__in=(Role.CAPTURE, Role.VALIDATOR)
        )
        if a.agency_id
    }
    municipalities = RoleAssignment.objects.filter(
        user=user, municipality__isnull=False
    ).values("municipality_id")
    return list(
        Agency.objects.filter(
            Q(pk__in=_agency_and_units(agencies))
            | Q(municipality_id__in=municipalities)
        ).order_by("name")
    )


def desk_municipalities() -> QuerySet[Municipality]:
    """Return the municipalities a work may be placed in (the instance's)."""
    return instance().municipalities().order_by("name_folded")


def desk_contracts(work: Work) -> list[Contract]:
    """Return ``work``'s contracts with what was paid (``paid``) and is left
    (``unpaid``), summed from their payment records.
    """
    paid = Coalesce(
        Sum("payments__amount"),
        Value(ZERO),
        output_field=MoneyField(),
    )
    return list(
        work.contracts.annotate(paid=paid)
        .annotate(unpaid=F("amount") - F("paid"))
        .order_by("signed_on", "number")
    )


def desk_documents(work: Work) -> list[WorkDocument]:
    """Return ``work``'s documents and photos, newest first."""
    return list(work.documents.order_by("-date", "-pk"))


def proposals_to_approve(user: User) -> list[Work]:
    """Return the proposed works ``user`` may approve (validate), oldest first."""
    proposals = _candidates(user).filter(status=WorkStatus.PROPOSED)
    return [
        work
        for work in proposals.order_by("created", "public_id")[:DESK_LIMIT]
        if can(user, Action.VALIDATE, work)
    ]


def desk_modifications(work: Work) -> list[BudgetModification]:
    """Return ``work``'s budget modifications, every status, oldest first."""
    return list(
        work.budget_modifications.select_related("captured_by", "decided_by").order_by(
            "captured_at", "pk"
        )
    )


def modifications_to_decide(user: User) -> list[BudgetModification]:
    """Return the captured modifications ``user`` may decide, oldest first.

    Those of works ``user`` validates, except the ones ``user`` captured.
    """
    pending = (
        BudgetModification.objects.filter(MODIFICATION.in_step("approve"))
        .filter(work__in=_candidates(user))
        .exclude(captured_by=user)
        .select_related("work", "work__executing_agency")
        .order_by("captured_at", "pk")
    )
    return MODIFICATION.awaiting(user, "approve", pending[:DESK_LIMIT])


def works_in_reach(user: User) -> QuerySet[Work]:
    """Return the works any of ``user``'s capture or validation roles may reach.

    A superset, for other apps' staff lists to narrow and check record by
    record with the permission rules.
    """
    return _candidates(user)


# The requests for aid one page of the desk lists to resolve, oldest first.
AIDS_PAGE = 50


def aid_agencies(user: User) -> list[Agency]:
    """Return the agencies ``user`` may capture requests for aid for."""
    if is_administrator(user):
        return list(instance().agencies_working().order_by("name"))
    ids = {
        a.agency_id
        for a in RoleAssignment.objects.filter(
            user=user, role__in=(Role.CAPTURE, Role.VALIDATOR)
        )
        if a.agency_id
    }
    agencies = Agency.objects.filter(pk__in=_agency_and_units(ids)).order_by("name")
    return [
        agency for agency in agencies if can(user, Action.CAPTURE, Aid(agency=agency))
    ]


def aids_resolvable(user: User) -> QuerySet[Aid]:
    """Return the requests for aid ``user`` may resolve: those of agencies
    ``user`` validates, except the ones ``user`` captured or imported."""
    pending = Aid.objects.filter(AID.in_step("grant")).exclude(captured_by=user)
    if not is_administrator(user):
        ids = {
            a.agency_id
            for a in RoleAssignment.objects.filter(user=user, role=Role.VALIDATOR)
            if a.agency_id
        }
        pending = pending.filter(agency_id__in=_agency_and_units(ids))
    return pending


def aids_to_resolve(user: User) -> tuple[list[Aid], int]:
    """Return the oldest requests for aid ``user`` may resolve, and how many wait."""
    pending = aids_resolvable(user)
    page = pending.select_related("agency", "municipality", "fiscal_year").order_by(
        "requested_on", "pk"
    )[:AIDS_PAGE]
    return AID.awaiting(user, "grant", page), pending.count()


@dataclass(frozen=True)
class AidYear:
    """A year of requests waiting for ``user``: a file imported at once."""

    year: int
    count: int
    total: Decimal


def aid_years_to_resolve(user: User) -> list[AidYear]:
    """Return, per fiscal year, how many requests wait for ``user`` and their sum."""
    rows = (
        aids_resolvable(user)
        .order_by()
        .values("fiscal_year_id")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("fiscal_year_id")
    )
    return [AidYear(r["fiscal_year_id"], r["count"], r["total"]) for r in rows]
