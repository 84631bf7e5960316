"""Reads of consultations on draft regulations, for pages and open data.

Pages show a draft's text by article and paragraph with its published
comments and the agency's answers, never who wrote them: commenters' name
and e-mail are personal data, declared in ``apps.py`` with the functions
here that guard and log their reads in the audit history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ruta.accounts.permissions import Action, agencies_where, can, reaches
from ruta.catalog.models import Agency
from ruta.opengov.models import (
    Comment,
    CommentStatus,
    DraftRegulation,
)
from ruta.opengov.rules import (
    ClosingTally,
    ConsultationState,
    DraftUnit,
    closing_tally,
    consultation_state,
    draft_units,
)


def drafts() -> QuerySet[DraftRegulation]:
    """Return the drafts the instance publishes (``here``) with their
    agencies, latest consultation first."""
    return DraftRegulation.objects.here().select_related("agency")


def agencies_for_drafts(user: Any) -> QuerySet[Agency]:
    """Return the agencies ``user`` may put drafts to consultation for (capture)."""
    agencies = Agency.objects.only("pk", "parent_id", "kind", "municipality_id")
    ids = [agency.pk for agency in agencies_where(user, Action.CAPTURE, agencies)]
    return Agency.objects.filter(pk__in=ids).order_by("name")


def draft_state(draft: DraftRegulation) -> ConsultationState:
    """Return whether the draft takes comments today."""
    return consultation_state(
        opens_on=draft.opens_on,
        closes_on=draft.closes_on,
        closed=draft.closed_at is not None,
        today=timezone.localdate(),
    )


@dataclass(frozen=True)
class UnitView:
    """An article or paragraph with its published comments."""

    unit: DraftUnit
    comments: list[Comment]


def draft_page(draft: DraftRegulation) -> tuple[Any, list[UnitView], list[Comment]]:
    """Return the current version, its units with comments, and whole-draft comments."""
    version = draft.versions.order_by("-number").first()
    published = list(
        draft.comments.filter(status=CommentStatus.PUBLISHED)
        .select_related("version")
        .only(
            "id",
            "anchor",
            "body",
            "decision",
            "answer",
            "submitted_at",
            "version__number",
            "draft_id",
            "status",
        )
    )
    by_anchor: dict[str, list[Comment]] = {}
    for comment in published:
        by_anchor.setdefault(comment.anchor, []).append(comment)
    units = draft_units(version.text) if version else []
    return (
        version,
        [UnitView(unit, by_anchor.get(unit.anchor, [])) for unit in units],
        by_anchor.get("", []),
    )


def draft_tally(draft: DraftRegulation) -> ClosingTally:
    """Return the closing report's counts for the draft."""
    return closing_tally(draft.comments.values_list("status", "decision"))


def answered_comments(draft: DraftRegulation) -> QuerySet[Comment]:
    """Return the published comments with their decision, for the closing report."""
    return draft.comments.filter(status=CommentStatus.PUBLISHED).only(
        "id", "anchor", "body", "decision", "answer", "draft_id", "status"
    )


def comments_to_moderate(draft: DraftRegulation) -> QuerySet[Comment]:
    """Return the draft's comments awaiting moderation, oldest first (no names)."""
    return draft.comments.filter(status=CommentStatus.PENDING).only(
        "id", "anchor", "body", "submitted_at", "draft_id", "status"
    )


def comments_to_answer(draft: DraftRegulation) -> QuerySet[Comment]:
    """Return the draft's published comments the agency has not answered."""
    return draft.comments.filter(status=CommentStatus.PUBLISHED, decision="").only(
        "id", "anchor", "body", "submitted_at", "draft_id", "status", "decision"
    )


def comment_counts(draft: DraftRegulation) -> list[dict[str, object]]:
    """Return open data: comments per article or paragraph and outcome, no names."""
    counts = Counter(
        (anchor or "", status, decision)
        for anchor, status, decision in draft.comments.values_list(
            "anchor", "status", "decision"
        )
    )
    return [
        {
            "draft": draft.slug,
            "anchor": anchor,
            "status": status,
            "decision": decision,
            "comments": count,
        }
        for (anchor, status, decision), count in sorted(counts.items())
    ]


# ------------------------------------------- guarding commenters' personal data


def commenter_holders(
    events: Iterable[Any],
) -> dict[str, tuple[DraftRegulation, DraftRegulation]]:
    """Return each comment event's draft, whose agency's scope guards its values."""
    events = list(events)
    ids = {event.pgh_data.get("draft_id") for event in events} - {None}
    found = DraftRegulation.objects.in_bulk(ids)
    return {
        event.pgh_slug: (found[event.pgh_data["draft_id"]],) * 2
        for event in events
        if event.pgh_data.get("draft_id") in found
    }


def commenter_events_within_reach(reader: Any) -> Q:
    """Return the comment events a reader may list: drafts of agencies in reach."""
    ids = [
        draft.pk for draft in DraftRegulation.objects.all() if reaches(reader, draft)
    ]
    return Q(pgh_data__draft_id__in=ids)


def drafts_to_moderate(user: Any) -> list[DraftRegulation]:
    """Return the drafts whose comments ``user`` moderates, with pending counts."""
    counted = drafts().annotate(
        pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING))
    )
    return [
        draft
        for draft in counted
        if can(user, Action.VALIDATE, draft) or can(user, Action.CAPTURE, draft)
    ]
