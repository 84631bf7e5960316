"""Writes on consultations on draft regulations: drafts, versions, comments."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, SystemActor, service
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency
from ruta.opengov.models import (
    Comment,
    CommentDecision,
    CommentStatus,
    DraftRegulation,
    DraftVersion,
)
from ruta.opengov.rules import (
    ConsultationState,
    consultation_state,
    draft_units,
)

# ---------------------------------------------------------------- consultations

# Bounds of what the public may send: a comment is prose, not a document.
COMMENT_MAX_CHARS = 5_000
NAME_MAX_CHARS = 200
# Who writes a comment sent through the public form: no account is needed.
PUBLIC_COMMENTER = SystemActor("public consultation form")


@service
def draft_create(
    *,
    agency: Agency,
    slug: str,
    title: str,
    text: str,
    opens_on: date,
    closes_on: date,
    summary: str = "",
    is_demo: bool = False,
    actor: Actor,
) -> DraftRegulation:
    """Put a draft regulation to consultation with its first version.

    ``is_demo`` marks a consultation the demo opens.
    """
    draft = DraftRegulation(
        agency=agency,
        slug=slug,
        title=title.strip(),
        summary=summary.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        is_demo=is_demo,
    )
    require(actor, Action.CAPTURE, draft)
    if closes_on < opens_on:
        raise ValidationError(
            _("La consulta no puede terminar antes de empezar."), code="period_order"
        )
    draft.full_clean()
    draft.save()
    draft_version_add(draft=draft, text=text, actor=actor)
    return draft


@service
def draft_version_add(
    *, draft: DraftRegulation, text: str, actor: Actor
) -> DraftVersion:
    """Publish a new version of the draft's text; comments then read it."""
    require(actor, Action.CAPTURE, draft)
    if draft.closed_at is not None:
        raise ValidationError(
            _("La consulta está cerrada: no admite versiones nuevas."), code="closed"
        )
    if not draft_units(text):
        raise ValidationError(
            _("El texto no tiene artículos («Artículo 1.», …)."), code="no_articles"
        )
    latest = draft.versions.order_by("-number").first()
    return DraftVersion.objects.create(
        draft=draft, number=(latest.number + 1) if latest else 1, text=text
    )


@service
def comment_submit(
    *,
    draft: DraftRegulation,
    anchor: str,
    body: str,
    author_name: str,
    author_email: str = "",
    today: date | None = None,
    actor: Actor,
) -> Comment:
    """Receive a comment on the draft's current version; it awaits moderation.

    Refused, with nothing written, outside the consultation period, on a
    closed draft, on a place the current version does not have, or empty.
    """
    draft = DraftRegulation.objects.select_for_update().get(pk=draft.pk)
    _require_open(draft, today or timezone.localdate())
    version = draft.versions.order_by("-number").first()
    if version is None:
        raise ValueError("a draft is published with its first version")
    anchors = {unit.anchor for unit in draft_units(version.text)}
    if anchor and anchor not in anchors:
        raise ValidationError(
            _("La versión vigente no tiene ese artículo o párrafo."), code="anchor"
        )
    body, author_name = body.strip(), author_name.strip()
    _require_text(body, COMMENT_MAX_CHARS, _("El comentario"))
    _require_text(author_name, NAME_MAX_CHARS, _("El nombre"))
    comment = Comment(
        draft=draft,
        version=version,
        anchor=anchor,
        body=body,
        author_name=author_name,
        author_email=author_email.strip().lower(),
    )
    comment.full_clean()
    comment.save()
    return comment


def _require_open(draft: DraftRegulation, today: date) -> None:
    state = consultation_state(
        opens_on=draft.opens_on,
        closes_on=draft.closes_on,
        closed=draft.closed_at is not None,
        today=today,
    )
    messages = {
        ConsultationState.UPCOMING: _("La consulta abre el %(date)s."),
        ConsultationState.ENDED: _("La consulta terminó el %(date)s."),
        ConsultationState.CLOSED: _("La consulta está cerrada."),
    }
    if state in messages:
        day = draft.opens_on if state == ConsultationState.UPCOMING else draft.closes_on
        raise ValidationError(
            messages[state],
            code=state.value,
            params={"date": date_format(day, "DATE_FORMAT")},
        )


def _require_text(text: str, most: int, what: str) -> None:
    if not text:
        raise ValidationError(
            _("%(what)s no puede ir vacío.") % {"what": what}, code="empty"
        )
    if len(text) > most:
        raise ValidationError(
            _("%(what)s admite hasta %(most)s caracteres.")
            % {"what": what, "most": most},
            code="too_long",
        )


@service
def comment_moderate(
    *, comment: Comment, publish: bool, reason: str = "", actor: Actor
) -> Comment:
    """Publish a comment, or keep it unpublished saying why (the reason is public)."""
    require(actor, Action.VALIDATE, comment)
    if comment.status != CommentStatus.PENDING:
        raise ValidationError(_("El comentario ya fue moderado."), code="moderated")
    if not publish and not reason.strip():
        raise ValidationError(
            _("Diga por qué no se publica el comentario."), code="reason"
        )
    comment.status = CommentStatus.PUBLISHED if publish else CommentStatus.REFUSED
    comment.moderation_reason = reason.strip()[:500]
    comment.save(update_fields=["status", "moderation_reason"])
    return comment


@service
def comment_answer(
    *, comment: Comment, decision: CommentDecision, answer: str, actor: Actor
) -> Comment:
    """Record the agency's answer to a published comment: accepted or not, and why."""
    require(actor, Action.CAPTURE, comment)
    if comment.status != CommentStatus.PUBLISHED:
        raise ValidationError(
            _("Solo se responden comentarios publicados."), code="unpublished"
        )
    if comment.draft.closed_at is not None:
        raise ValidationError(_("La consulta está cerrada."), code="closed")
    _require_text(answer.strip(), COMMENT_MAX_CHARS, _("La respuesta"))
    comment.decision = CommentDecision(decision)
    comment.answer = answer.strip()
    comment.answered_at = timezone.now()
    comment.save(update_fields=["decision", "answer", "answered_at"])
    return comment


@service
def draft_close(*, draft: DraftRegulation, actor: Actor) -> DraftRegulation:
    """Close the consultation: its closing report becomes final.

    Every published comment must have its answer first, and the period must
    have ended, so the report says what happened to each comment.
    """
    require(actor, Action.VALIDATE, draft)
    if draft.closed_at is not None:
        raise ValidationError(_("La consulta ya está cerrada."), code="closed")
    if timezone.localdate() <= draft.closes_on:
        raise ValidationError(
            _("La consulta sigue abierta hasta el %(date)s."),
            code="open",
            params={"date": date_format(draft.closes_on, "DATE_FORMAT")},
        )
    waiting = draft.comments.filter(
        status__in=[CommentStatus.PENDING, CommentStatus.PUBLISHED], decision=""
    ).count()
    if waiting:
        raise ValidationError(
            _("Faltan %(count)s comentarios por moderar o responder."),
            code="unanswered",
            params={"count": waiting},
        )
    draft.closed_at = timezone.now()
    draft.save(update_fields=["closed_at"])
    return draft
