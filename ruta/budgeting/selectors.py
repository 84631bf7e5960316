"""Reads of participatory budgeting for pages, the ballots' download and the desk.

The result is derived here from the ballots each time it is read
(``rules.tally`` over the vote counts), never stored, so what the results
page shows and what anyone computes from the published ballots are the same
computation. Proposers' contacts are personal data: these functions never
hand them to a public page; the functions at the end guard and log their
reads in the audit history.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from ruta.accounts.permissions import Action, can, can_anywhere, reaches
from ruta.accounts.personal import personal_data_read_log
from ruta.budgeting import rules
from ruta.budgeting.models import (
    CONTACT_VIEWED,
    Ballot,
    BallotChoice,
    Feasibility,
    Period,
    PeriodPhase,
    Proposal,
)
from ruta.catalog.instance import instance
from ruta.catalog.models import Municipality
from ruta.common.audit.history import history_of
from ruta.common.prepared import prepared

# The public list's filters: every proposal, or by its review or result.
STATUS_FILTERS = ("pending", "feasible", "unfeasible", "hidden", "funded")


def periods_public() -> QuerySet[Period]:
    """Return the instance's periods, latest year first, with their municipality."""
    return (
        Period.objects.filter(instance().of_municipality())
        .select_related("municipality")
        .annotate(
            proposal_count=Count("proposals", filter=Q(proposals__hidden_reason=""))
        )
    )


# The periods one message lists at most.
MESSAGE_PERIODS = 5


def periods_voting(slug: str = "") -> list[Period]:
    """Return the instance's periods open to vote, ``slug``'s alone if it is one.

    ``slug`` as a message writes it (any case); unknown, every open one.
    """
    voting = Period.objects.filter(
        instance().of_municipality(), phase=PeriodPhase.VOTING
    ).order_by("-year", "slug")
    named = [period for period in voting if period.slug.lower() == slug.lower()]
    return named or list(voting[:MESSAGE_PERIODS])


def period_public(slug: str) -> Period:
    """Return the instance's period ``slug`` (``DoesNotExist`` otherwise)."""
    return (
        Period.objects.filter(instance().of_municipality())
        .select_related("municipality", "agency")
        .get(slug=slug)
    )


def proposals_public(period: Period, status: str = "") -> list[Proposal]:
    """Return the period's proposals in number order, filtered by ``status``.

    ``funded`` (the winners) is known only once the results are published.
    """
    proposals = period.proposals.select_related("work")
    if status == "hidden":
        return list(proposals.exclude(hidden_reason=""))
    proposals = proposals.visible()
    if status in (Feasibility.PENDING, Feasibility.FEASIBLE, Feasibility.UNFEASIBLE):
        return list(proposals.filter(feasibility=status))
    if status == "funded":
        if period.phase != PeriodPhase.RESULTS:
            return []
        return list(proposals.filter(pk__in=period_result(period).funded_ids))
    return list(proposals)


def proposal_public(period: Period, number: int) -> Proposal:
    """Return proposal ``number`` of ``period`` (``DoesNotExist`` otherwise)."""
    return period.proposals.select_related("work", "period__municipality").get(
        number=number
    )


def ballot_proposals(period: Period) -> list[Proposal]:
    """Return the proposals on the ballot: visible and feasible, by number."""
    return list(period.proposals.on_ballot())


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Row:
    """A proposal in the result, with its votes and whether it is funded."""

    proposal: Proposal
    votes: int
    funded: bool


@dataclass(frozen=True)
class PeriodResult:
    """The counted vote: rows in tally order, ballots cast, what is funded."""

    rows: list[Row]
    ballots: int
    tally: rules.Tally

    @property
    def funded_ids(self) -> frozenset[int]:
        """Return the ids of the funded proposals."""
        return self.tally.funded


def vote_counts(period: Period) -> dict[int, int]:
    """Return each ballot proposal's votes, by proposal id (zero included)."""
    counted = dict(
        BallotChoice.objects.filter(ballot__period=period)
        .values("proposal_id")
        .annotate(votes=Count("id"))
        .values_list("proposal_id", "votes")
    )
    return {p.pk: counted.get(p.pk, 0) for p in period.proposals.on_ballot()}


def period_tally(period: Period) -> PeriodResult:
    """Return the period's result counted from its ballots (``rules.tally``)."""
    proposals = {p.pk: p for p in period.proposals.on_ballot().select_related("work")}
    counts = vote_counts(period)
    candidates = [
        rules.Candidate(pk, counts[pk], proposal.assessed_cost or Decimal(0))
        for pk, proposal in proposals.items()
    ]
    tally = rules.tally(candidates, period.total_budget)
    rows = [
        Row(proposals[item.key], item.votes, item.key in tally.funded)
        for item in tally.ranked
    ]
    return PeriodResult(rows, period.ballots.count(), tally)


def period_result(period: Period) -> PeriodResult:
    """Return the period's result for pages: counted once per data version.

    A count over every ballot is what no anonymous request should build
    (``ruta.common.prepared``); services count afresh (``period_tally``).
    """
    return prepared("budgeting-result", lambda: period_tally(period), period.pk)


def ballots_published(period: Period) -> list[tuple[str, list[int]]]:
    """Return every ballot as its folio and the numbers of the proposals it chose.

    The published dataset: no voter, no contact, no time; anyone can count it
    again with ``rules.vote_counts`` and ``rules.tally``.
    """
    chosen: dict[str, list[int]] = {}
    for folio, number in (
        BallotChoice.objects.filter(ballot__period=period)
        .order_by("ballot__folio", "proposal__number")
        .values_list("ballot__folio", "proposal__number")
    ):
        chosen.setdefault(folio, []).append(number)
    for folio in Ballot.objects.filter(period=period).values_list("folio", flat=True):
        chosen.setdefault(folio, [])
    return sorted(chosen.items())


def _published_periods() -> QuerySet[Period]:
    """Return the instance's periods whose results are published, in order."""
    return (
        Period.objects.filter(instance().of_municipality())
        .filter(phase=PeriodPhase.RESULTS)
        .order_by("year", "slug")
    )


def ballot_rows() -> Iterator[dict[str, Any]]:
    """Yield every ballot of the published results as an open-data row.

    A folio and the numbers it chose: no voter, no contact, no time.
    """
    for period in _published_periods():
        for folio, numbers in ballots_published(period):
            yield {
                "EJERCICIO": period.year,
                "MUNICIPIO": period.municipality_id,
                "PRESUPUESTO": period.slug,
                "FOLIO": folio,
                "PROPUESTAS": " ".join(str(number) for number in numbers),
                "DEMOSTRACION": period.is_demo,
            }


def proposal_rows() -> Iterator[dict[str, Any]]:
    """Yield the ballot's proposals of the published results, with their count."""
    for period in _published_periods().select_related("municipality"):
        for row in period_tally(period).rows:
            proposal = row.proposal
            yield {
                "EJERCICIO": period.year,
                "MUNICIPIO": period.municipality_id,
                "PRESUPUESTO": period.slug,
                "PRESUPUESTO_TOTAL": period.total_budget,
                "NUMERO": proposal.number,
                "TITULO": proposal.title,
                "COSTO_EVALUADO": proposal.assessed_cost,
                "VOTOS": row.votes,
                "GANADORA": row.funded,
                "OBRA": proposal.work.public_id if proposal.work else "",
                "DEMOSTRACION": period.is_demo,
            }


def period_writers(period: Period) -> set[int]:
    """Return who opened the period or assessed its proposals, from the history.

    They may not publish its result: whoever wrote what is approved never
    approves it (``ruta.accounts.duties``).
    """
    opened = history_of(Period)._default_manager.filter(
        pgh_obj_id=period.pk, pgh_context__metadata__service="period_open"
    )
    assessed = history_of(Proposal)._default_manager.filter(
        period_id=period.pk, pgh_context__metadata__service="proposal_assess"
    )
    return {
        int(user)
        for events in (opened, assessed)
        for user in events.values_list("pgh_context__metadata__user", flat=True)
        if user is not None
    }


# ------------------------------------------------------------------ staff


def may_run_budgets(user: Any) -> bool:
    """Return whether ``user`` may run participatory budgets somewhere."""
    return can_anywhere(user, Action.CAPTURE)


def municipalities_for_periods(user: Any) -> list[Municipality]:
    """Return the instance's municipalities whose government ``user`` captures for."""
    from ruta.catalog.models import AgencyKind

    agencies = (
        instance()
        .agencies()
        .filter(kind=AgencyKind.AYUNTAMIENTO)
        .select_related("municipality")
    )
    return sorted(
        (
            a.municipality
            for a in agencies
            if a.municipality and can(user, Action.CAPTURE, a)
        ),
        key=lambda m: m.name,
    )


def periods_in_reach(user: Any) -> list[Period]:
    """Return the periods ``user`` runs (captures for), with pending counts."""
    counted = Period.objects.select_related("municipality").annotate(
        pending=Count(
            "proposals",
            filter=Q(proposals__hidden_reason="", proposals__feasibility="pending"),
        )
    )
    return [period for period in counted if can(user, Action.CAPTURE, period)]


def may_publish_results(user: Any, period: Period) -> bool:
    """Return whether ``user`` validates for the period's municipality."""
    return can(user, Action.VALIDATE, period)


def may_view_contact(user: Any, proposal: Proposal) -> bool:
    """Return whether ``user`` may read the proposer's contact."""
    return can(user, Action.VIEW_PERSONAL_DATA, proposal)


def proposer_contact_read(*, proposal: Proposal, user: Any, purpose: str) -> None:
    """Record that ``user`` read the proposer's contact of ``proposal``."""
    personal_data_read_log(
        proposal, user, purpose, "proposal_desk", label=CONTACT_VIEWED
    )


# ------------------------------------------------------------------ the work page


def _works_carrying_proposals() -> frozenset[int]:
    """Return the works some visible proposal is carried out by."""
    return frozenset(
        Proposal.objects.filter(work__isnull=False)
        .visible()
        .values_list("work_id", flat=True)
    )


def work_proposals_section(work: Any, request: Any) -> dict[str, Any] | None:
    """Return the work page's part on the proposals it carries out, if any.

    Few works carry one: which do is prepared once per data version, so the
    page of any other work asks the database nothing for this part.
    """
    if work.pk not in prepared("budgeting-works", _works_carrying_proposals):
        return None
    proposals = list(
        Proposal.objects.filter(work=work)
        .visible()
        .select_related("period__municipality")
        .order_by("period__year", "number")
    )
    if not proposals:
        return None
    counts = {
        row["proposal_id"]: row["votes"]
        for row in BallotChoice.objects.filter(proposal__in=proposals)
        .values("proposal_id")
        .annotate(votes=Count("id"))
    }
    return {"rows": [(p, counts.get(p.pk, 0)) for p in proposals]}


# ------------------------------------------------------------------ personal data


def proposer_holders(events: Iterable[Any]) -> dict[str, tuple[Any, Any]]:
    """Return each proposal event's proposal, whose period's scope guards it."""
    events = list(events)
    ids = {event.pgh_data.get("id") for event in events} - {None}
    proposals = Proposal.objects.select_related("period").in_bulk(ids)
    holders = {}
    for event in events:
        proposal = proposals.get(event.pgh_data.get("id"))
        if proposal is not None:
            holders[event.pgh_slug] = (proposal, proposal)
    return holders


def proposer_events_within_reach(reader: Any) -> Q:
    """Return the proposal events a reader may list: periods in reach."""
    ids = [period.pk for period in Period.objects.all() if reaches(reader, period)]
    return Q(pgh_data__period_id__in=ids)
