"""Reads on committees.

Counts are public; the member list is personal data. ``committee_members``
checks the reader's permission and records every read as a
``members_viewed`` audit event of the committee, with the reader as the
event's user: the design requires every access to personal data to be
logged, so this read writes that one log row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import User
from ruta.accounts.permissions import Action, can, can_anywhere, reaches, require
from ruta.accounts.personal import personal_data_read_log
from ruta.common.audit.history import history_of
from ruta.participation.models import (
    MEMBERS_VIEWED,
    Committee,
    CommitteeMember,
    HandoverAct,
    MemberRole,
    OversightVisit,
    TrainingWorkshop,
)
from ruta.participation.rules import OVERSEEN_STATUSES
from ruta.works.models import Work, WorkQuerySet
from ruta.works.selectors.desk import works_in_reach

# Who reads a page: a user, or no one signed in.
Reader = User | AnonymousUser | None


def committees_count(*, year: int, program_code: str = "") -> int:
    """Return how many committees were formed for works of ``year`` (and program)."""
    committees = Committee.objects.of_year(year)
    if program_code:
        committees = committees.filter(work__program__code=program_code)
    return committees.count()


@dataclass(frozen=True)
class CommitteesTally:
    """How many committees a set of works formed, and the people on them."""

    committees: int
    members: int


def committees_tallied(works: QuerySet[Work]) -> CommitteesTally:
    """Return the committees of ``works`` and their members, counted.

    A count of seats, never who holds them: members are personal data.
    """
    committees = Committee.objects.filter(work__in=works.order_by())
    return CommitteesTally(
        committees=committees.count(),
        members=CommitteeMember.objects.filter(committee__in=committees).count(),
    )


@dataclass(frozen=True)
class PlaceCommittees:
    """The committees of one municipality's works and the seats on them."""

    municipality_code: str
    committees: int
    members: int


def committees_by_municipality(works: QuerySet[Work]) -> list[PlaceCommittees]:
    """Return, for each municipality of ``works``, their committees and members."""
    rows = (
        Committee.objects.filter(work__in=works.order_by())
        .exclude(work__municipality__isnull=True)
        .values("work__municipality__code")
        .annotate(committees=Count("pk", distinct=True), seats=Count("members"))
        .order_by("work__municipality__code")
    )
    return [
        PlaceCommittees(
            row["work__municipality__code"], row["committees"], row["seats"]
        )
        for row in rows
    ]


@dataclass(frozen=True)
class WorkCommittee:
    """A work and how many people sit on its committee."""

    work: Work
    members: int


def works_by_committee_members(
    works: QuerySet[Work], *, descending: bool, limit: int
) -> tuple[list[WorkCommittee], int]:
    """Return the ``limit`` works of ``works`` whose committees have the most
    (or fewest) members, and how many others tie with the last one listed."""
    committees = Committee.objects.filter(work__in=works.order_by()).annotate(
        seats=Count("members")
    )
    order = "-seats" if descending else "seats"
    first = list(
        committees.select_related("work", "work__municipality").order_by(
            order, "work__public_id"
        )[:limit]
    )
    if not first:
        return [], 0
    last = first[-1].seats
    shown = sum(1 for committee in first if committee.seats == last)
    tied = committees.filter(seats=last).count() - shown
    return [WorkCommittee(committee.work, committee.seats) for committee in first], tied


def may_view_members(*, user: Reader, committee: Committee) -> bool:
    """Return whether ``user`` may see who sits on ``committee``."""
    return can(user, Action.VIEW_PERSONAL_DATA, committee)


@transaction.atomic
def committee_members(
    *, committee: Committee, user: User, purpose: str = ""
) -> list[CommitteeMember]:
    """Return the members of ``committee`` to an authorised user, logging the read.

    Raise ``PermissionDenied`` unless the user may view personal data over the
    committee's work.
    """
    require(user, Action.VIEW_PERSONAL_DATA, committee)
    members_read_record(committee=committee, user=user, purpose=purpose)
    return list(committee.members.select_related("user").order_by("role", "full_name"))


def members_read_record(
    *,
    committee: Committee,
    user: User,
    purpose: str = "",
    service: str = "committee_members",
) -> None:
    """Record that ``user`` read personal data of ``committee``'s members.

    The one log of member reads: the member page and the audit history (which
    shows members' changed values) both write it.
    """
    personal_data_read_log(committee, user, purpose, service, label=MEMBERS_VIEWED)


def committees_within_reach(user: User) -> list[int]:
    """Return the ids of committees whose work lies within one of ``user``'s scopes.

    Checked record by record with the permission rules themselves (agency
    lineages are read once per agency), so the rule has one definition.
    """
    committees = Committee.objects.select_related("work").only(
        "pk", "work__executing_agency_id", "work__municipality_id"
    )
    return [committee.pk for committee in committees if reaches(user, committee)]


def member_list_reads(committee: Committee) -> QuerySet:
    """Return the audit events recording reads of ``committee``'s members.

    Each event's ``user`` is the reader.
    """
    return (
        MiddlewareEvents.objects.tracks(committee)
        .filter(pgh_label=MEMBERS_VIEWED)
        .order_by("pgh_created_at")
    )


# ------------------------------------------------ the audit history's view


def member_holders(events: Iterable[Any]) -> dict[str, tuple[Committee, Committee]]:
    """Return each member event's committee, whose work's scope guards its values."""
    events = list(events)
    ids = {event.pgh_data.get("committee_id") for event in events} - {None}
    committees = Committee.objects.select_related("work").in_bulk(ids)
    holders = {}
    for event in events:
        committee = committees.get(event.pgh_data.get("committee_id"))
        if committee is not None:
            holders[event.pgh_slug] = (committee, committee)
    return holders


def member_events_within_reach(reader: User) -> Q:
    """Return the member events a reader may list: their committees in reach."""
    return Q(pgh_data__committee_id__in=committees_within_reach(reader))


# ------------------------------------------------ oversight: visits and act


@dataclass(frozen=True)
class WorkOversight:
    """What a work's committee has recorded: public, with no member's data."""

    committee: Committee
    member_count: int
    workshop: TrainingWorkshop | None
    visits: list[OversightVisit]
    act: HandoverAct | None


def work_oversight(work: Work) -> WorkOversight | None:
    """Return the oversight of ``work``'s committee, or ``None`` without one.

    A work read with its committee (as the work page reads it) that has
    none is answered without a query.
    """
    if _known_without_committee(work):
        return None
    committee = (
        Committee.objects.filter(work=work)
        .select_related("workshop", "handover_act")
        .annotate(member_count=Count("members"))
        .first()
    )
    if committee is None:
        return None
    visits = list(
        committee.visits.prefetch_related("photos").order_by("-visited_on", "-id")
    )
    return WorkOversight(
        committee=committee,
        member_count=committee.member_count,
        workshop=getattr(committee, "workshop", None),
        visits=visits,
        act=getattr(committee, "handover_act", None),
    )


def _known_without_committee(work: Work) -> bool:
    """Return whether ``work`` was read with its committee and has none."""
    return Work.committee.is_cached(work) and getattr(work, "committee", None) is None


def member_committees(user: User) -> list[Committee]:
    """Return the committees on which ``user``'s account holds a seat."""
    if not user.is_authenticated:
        return []
    return list(
        Committee.objects.filter(members__user=user)
        .select_related("work", "work__municipality", "handover_act")
        .annotate(visit_count=Count("visits", distinct=True))
        .distinct()
        .order_by("work__public_id")
    )


def has_oversight_desk(user: Any, committees: list[Committee] | None = None) -> bool:
    """Return whether ``user`` has the oversight desk: a committee seat, or the role.

    ``committees``, when given, are the user's seats already read.
    """
    seats = member_committees(user) if committees is None else committees
    return bool(seats) or can_anywhere(user, Action.RECORD_OVERSIGHT)


def may_record_oversight(user: Reader, committee: Committee) -> bool:
    """Return whether ``user`` may record ``committee``'s visits and act."""
    return can(user, Action.RECORD_OVERSIGHT, committee.oversight_scope())


def may_follow_oversight(user: Reader, committee: Committee) -> bool:
    """Return whether ``user`` may open the committee's desk: members and staff.

    Staff of the work's scope follow the committee's visits there (and record
    its workshop); the signed minutes only for those who may see its members.
    """
    return may_record_oversight(user, committee) or may_record_workshop(user, committee)


def may_record_workshop(user: Reader, committee: Committee) -> bool:
    """Return whether ``user`` may record the committee's training workshop."""
    return can(user, Action.CAPTURE, committee)


def may_link_members(user: Reader, committee: Committee) -> bool:
    """Return whether ``user`` may give members the accounts they sign in with."""
    return can(user, Action.CAPTURE, committee) and can(
        user, Action.VIEW_PERSONAL_DATA, committee
    )


def may_read_minutes(user: Reader, committee: Committee) -> bool:
    """Return whether ``user`` may read signed minutes (members' signatures)."""
    return may_record_oversight(user, committee) or can(
        user, Action.VIEW_PERSONAL_DATA, committee
    )


def minutes_read_record(*, visit: OversightVisit, user: User) -> None:
    """Record that ``user`` opened a visit's signed minutes (members' names)."""
    members_read_record(
        committee=visit.committee,
        user=user,
        purpose=f"minutes:{visit.pk}",
        service="visit_minutes",
    )


def handover_act_check(work: Work) -> None:
    """Refuse to hand over a work whose committee has not recorded its act.

    A read that raises: it writes nothing, so it lives with the reads.

    Registered as a check of the work's hand-over step
    (``ruta.works.cycles``): the lifecycle and the act always agree. A work
    without a committee (a program that forms none) is handed over as before.
    """
    committee = Committee.objects.filter(work=work).first()
    if committee is None:
        return
    if not HandoverAct.objects.filter(committee=committee).exists():
        raise ValidationError(
            _(
                "La obra tiene comité ciudadano: la entrega-recepción se registra "
                "después de que el comité registre su acta."
            ),
            code="handover_act_missing",
        )


# ------------------------------------------------ forming committees (staff)

# A staff list shows this many works; the search narrows it.
STAFF_LIST_LIMIT = 50


def works_without_committee(user: User, query: str = "") -> list[Work]:
    """Return works ``user`` may form a committee for that have none yet.

    Works of programs that require a committee first, then the rest the
    search finds; approved and not yet handed over or cancelled. Each is
    checked with the permission rules.
    """
    # NOT EXISTS, not a join kept where it found no committee: the planner
    # then counts on nearly every work passing, and walks the works' own
    # order to a page instead of sorting them all.
    works = cast(
        WorkQuerySet,
        works_in_reach(user)
        .filter(
            ~Exists(Committee.objects.filter(work=OuterRef("pk"))),
            status__in=OVERSEEN_STATUSES,
        )
        .select_related("municipality", "program"),
    )
    works = _searched(works, query) if query else works.needing_committee()
    found = []
    # Newest year first, then folio: the works' index (``work_year_order``).
    ordered = works.order_by("-fiscal_year_id", "public_id")
    for work in ordered[: STAFF_LIST_LIMIT * 4]:
        if can(user, Action.CAPTURE, work):
            found.append(work)
        if len(found) == STAFF_LIST_LIMIT:
            break
    return found


def _searched(works: WorkQuerySet, query: str) -> WorkQuerySet:
    """Return the work whose public id is ``query``, else the works it finds."""
    exact = works.filter(public_id__iexact=query)
    return exact if exact.exists() else works.search(query)


def committees_in_reach(user: User, query: str = "") -> list[Committee]:
    """Return the committees whose members ``user`` may keep, newest first."""
    committees = (
        Committee.objects.filter(work__in=works_in_reach(user))
        .select_related("work", "work__municipality")
        .annotate(member_count=Count("members"))
    )
    if query:
        committees = committees.filter(work__in=_searched(Work.objects.all(), query))
    found: list[Committee] = []
    for committee in committees.order_by("-formed_on", "-id")[: STAFF_LIST_LIMIT * 4]:
        if may_link_members(user, committee):
            found.append(committee)
        if len(found) == STAFF_LIST_LIMIT:
            break
    return found


def may_form_committees(user: Reader) -> bool:
    """Return whether ``user`` may form committees anywhere (for menus)."""
    return can_anywhere(user, Action.CAPTURE)


@dataclass(frozen=True)
class Departure:
    """A member who left: their office, when and why; no name (personal data)."""

    role: str
    on: Any
    reason: str
    replaced: bool


def member_departures(committee: Committee) -> list[Departure]:
    """Return who left ``committee`` and why, from the audit history, newest first."""
    events = (
        history_of(CommitteeMember)
        ._default_manager.filter(committee_id=committee.pk, pgh_label="delete")
        .select_related("pgh_context")
        .order_by("-pgh_created_at")
    )
    departures = []
    for event in events:
        context = event.pgh_context.metadata if event.pgh_context else {}
        departures.append(
            Departure(
                role=str(dict(MemberRole.choices).get(event.role, event.role)),
                on=event.pgh_created_at,
                reason=str(context.get("reason", "")),
                replaced=context.get("service") == "committee_member_replace",
            )
        )
    return departures
