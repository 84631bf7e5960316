"""Public pages of action plans, consultations on draft regulations, open data."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can
from ruta.common.bounds import BIGINT_MAX
from ruta.common.files.downloads import csv_chunks, json_default
from ruta.common.web.builds import built_download
from ruta.common.web.caching import public_page
from ruta.common.web.forms import form_submit
from ruta.opengov import consultations, selectors
from ruta.opengov.forms import CommentForm, DraftForm, VersionForm
from ruta.opengov.models import ActionPlan, Comment, CommentDecision, DraftRegulation
from ruta.opengov.reporting_selectors import may_coordinate
from ruta.opengov.rules import ConsultationState
from ruta.opengov.services import (
    COMMENT_MAX_CHARS,
    PUBLIC_COMMENTER,
    comment_answer,
    comment_moderate,
    comment_submit,
    draft_close,
    draft_create,
    draft_version_add,
)

# Commitment numbers are PositiveSmallIntegerField values.
NUMBER_MAX = 32_767


def _plan(key: str) -> ActionPlan:
    plan = selectors.plan_by_key(key)
    if plan is None:
        raise Http404(_("No hay un plan de acción con esa clave."))
    return plan


@require_safe
@public_page
def plan_list(request: HttpRequest) -> HttpResponse:
    """List the action plans."""
    plans = list(selectors.current_plans())
    return render(request, "opengov/plan_list.html", {"plans": plans})


@require_safe
@public_page
def plan_page(request: HttpRequest, key: str) -> HttpResponse:
    """Show a plan's commitments with their progress bars and semáforos."""
    plan = _plan(key)
    periods = list(selectors.published_periods(plan))
    return render(
        request,
        "opengov/plan.html",
        {
            "plan": plan,
            "periods": periods,
            "has_demo": any(period.is_demo for period in periods),
            "summaries": selectors.commitment_views(plan),
            "legend": selectors.status_legend(),
            "findings": selectors.plan_findings(plan),
        },
    )


@require_safe
@public_page
def commitment_page(request: HttpRequest, key: str, number: int) -> HttpResponse:
    """Show a commitment: its timeline, activities, next step and answers."""
    plan = _plan(key)
    commitment = (
        selectors.commitment_by_number(plan, number) if number <= NUMBER_MAX else None
    )
    if commitment is None:
        raise Http404(_("El plan no tiene ese compromiso."))
    timeline = selectors.commitment_timeline(commitment)
    return render(
        request,
        "opengov/commitment.html",
        {
            "plan": plan,
            "commitment": commitment,
            "timeline": timeline,
            "has_demo": any(point.is_demo for point in timeline),
            "reports": selectors.report_details(commitment),
            "withheld": selectors.names_withheld(),
            "may_report": can(request.user, Action.CAPTURE, commitment)
            or may_coordinate(request.user, plan),
        },
    )


DOWNLOADS = {
    "compromisos": (selectors.commitment_rows, selectors.COMMITMENT_COLUMNS),
    "respuestas": (selectors.answer_rows, selectors.ANSWER_COLUMNS),
}


@require_safe
@public_page
@built_download
def download(
    request: HttpRequest, key: str, dataset: str, fmt: str
) -> HttpResponseBase:
    """Return a plan's commitments or answers of every period as CSV or JSON."""
    if dataset not in DOWNLOADS or fmt not in {"csv", "json"}:
        raise Http404(_("No existe esa descarga."))
    plan = _plan(key)
    rows_of, columns = DOWNLOADS[dataset]
    rows = rows_of(plan)
    name = f"{plan.key[:60]}-{dataset}.{fmt}"
    response: HttpResponseBase
    if fmt == "json":
        response = HttpResponse(
            json.dumps(rows, ensure_ascii=False, default=json_default),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = StreamingHttpResponse(
            csv_chunks(columns, rows), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---------------------------------------------------------------- consultations


def _draft(slug: str) -> DraftRegulation:
    draft = consultations.drafts().filter(slug=slug).first()
    if draft is None:
        raise Http404(_("No hay un anteproyecto con esa clave."))
    return draft


@require_safe
@public_page
def draft_list(request: HttpRequest) -> HttpResponse:
    """List the drafts put to consultation with their period and state."""
    listed = [
        (draft, consultations.draft_state(draft)) for draft in consultations.drafts()
    ]
    return render(request, "opengov/draft_list.html", {"drafts": listed})


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def draft_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a draft by article with its published comments; take a comment."""
    draft = _draft(slug)
    version, units, whole = consultations.draft_page(draft)
    state = consultations.draft_state(draft)
    form = CommentForm(request.POST or None, units=[u.unit for u in units])
    if request.method == "POST":
        submitted = form_submit(
            form,
            lambda: comment_submit(
                draft=draft, actor=PUBLIC_COMMENTER, **form.cleaned_data
            ),
        )
        if submitted.ok:
            messages.success(
                request,
                _("Recibimos su comentario; se publicará después de moderarlo."),
            )
            return redirect(draft)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "opengov/draft.html",
        {
            "draft": draft,
            "version": version,
            "units": units,
            "whole": whole,
            "state": state,
            "is_open": state == ConsultationState.OPEN,
            "form": form,
        },
        status=status,
    )


@require_safe
@public_page
def draft_report(request: HttpRequest, slug: str) -> HttpResponse:
    """Show the closing report: comments received, accepted, rejected with reasons."""
    draft = _draft(slug)
    return render(
        request,
        "opengov/draft_report.html",
        {
            "draft": draft,
            "state": consultations.draft_state(draft),
            "tally": consultations.draft_tally(draft),
            "comments": consultations.answered_comments(draft),
        },
    )


@require_safe
@public_page
def draft_counts(request: HttpRequest, slug: str) -> HttpResponse:
    """Return the draft's comment counts by place and outcome as JSON (no names)."""
    draft = _draft(slug)
    return HttpResponse(
        json.dumps(consultations.comment_counts(draft), ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_desk(request: SignedInRequest, slug: str) -> HttpResponse:
    """Let the agency's staff moderate comments and answer the published ones.

    Commenters' names are not shown here: moderation and answers are about
    what a comment says.
    """
    draft = _draft(slug)
    # Validators moderate and close; capture staff answer and publish versions.
    may_validate = can(request.user, Action.VALIDATE, draft)
    may_capture = can(request.user, Action.CAPTURE, draft)
    if not (may_validate or may_capture):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        try:
            _desk_action(request, draft)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("Hecho."))
            return redirect("opengov:draft_desk", slug=draft.slug)
    return render(
        request,
        "opengov/draft_desk.html",
        {
            "draft": draft,
            "error": error,
            "pending": consultations.comments_to_moderate(draft),
            "unanswered": consultations.comments_to_answer(draft),
            "decisions": CommentDecision.choices,
            "version_form": VersionForm(),
            "may_validate": may_validate,
            "may_capture": may_capture,
        },
        status=400 if error else 200,
    )


def _desk_action(request: SignedInRequest, draft: DraftRegulation) -> None:
    """Run the moderation or answer the staff form posted."""
    action = request.POST.get("action", "")
    if action in {"publish", "refuse", "answer"}:
        raw = request.POST.get("comment", "")
        if not raw.isdigit() or int(raw) > BIGINT_MAX:
            raise ValidationError(_("Elija un comentario."))
        comment = get_object_or_404(Comment, pk=int(raw), draft=draft)
    if action in {"publish", "refuse"}:
        comment_moderate(
            comment=comment,
            publish=action == "publish",
            reason=request.POST.get("reason", "")[:500],
            actor=request.user,
        )
    elif action == "version":
        form = VersionForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Escriba el texto de la nueva versión."))
        draft_version_add(
            draft=draft, text=form.cleaned_data["text"], actor=request.user
        )
    elif action == "close":
        draft_close(draft=draft, actor=request.user)
    elif action == "answer":
        decision = request.POST.get("decision", "")
        if decision not in CommentDecision.values:
            raise ValidationError(_("Elija si el comentario se acepta o no."))
        comment_answer(
            comment=comment,
            decision=CommentDecision(decision),
            answer=request.POST.get("answer", "")[:COMMENT_MAX_CHARS],
            actor=request.user,
        )
    else:
        raise ValidationError(_("Acción desconocida."))


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_new(request: SignedInRequest) -> HttpResponse:
    """Let capture staff put a draft of one of their agencies to consultation."""
    agencies = consultations.agencies_for_drafts(request.user)
    if not agencies.exists():
        raise PermissionDenied
    form = DraftForm(request.POST or None, agencies=agencies)
    if request.method == "POST":
        created = form_submit(
            form, lambda: draft_create(actor=request.user, **form.cleaned_data)
        )
        if created.ok and created.value is not None:
            return redirect(created.value)
    status = 400 if request.method == "POST" else 200
    return render(request, "opengov/draft_new.html", {"form": form}, status=status)
