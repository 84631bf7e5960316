"""Evaluations and their "aspectos susceptibles de mejora": public, followed on
the site.

Validators of an agency record its evaluations and the aspects each found,
with the area responsible and a due date; the agency's staff record how far
each is attended, with evidence. The public page lists them all.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can, can_anywhere
from ruta.common.web.caching import public_page
from ruta.indicators import services
from ruta.indicators.forms import AspectForm, EvaluationForm, ProgressForm
from ruta.indicators.models import Evaluation, ImprovementAspect
from ruta.indicators.selectors import (
    agencies_defining_cards,
    evaluations_followed,
    evaluations_published,
)


@require_safe
@public_page
def evaluation_list(request: HttpRequest) -> HttpResponse:
    """List every evaluation with its aspects, their progress and due dates."""
    return render(
        request,
        "indicators/evaluations.html",
        {"evaluations": evaluations_published(), "today": timezone.localdate()},
    )


@never_cache
@login_required
def evaluation_desk(request: SignedInRequest) -> HttpResponse:
    """The evaluations the person records or follows up, with their forms."""
    if not can_anywhere(request.user, Action.CAPTURE):
        raise PermissionDenied
    agencies = agencies_defining_cards(request.user)
    evaluations = evaluations_followed(request.user)
    return render(
        request,
        "indicators/evaluation_desk.html",
        {
            "evaluations": evaluations,
            "decides": {
                e.pk for e in evaluations if can(request.user, Action.VALIDATE, e)
            },
            "new": EvaluationForm(agencies=agencies) if agencies else None,
            "today": timezone.localdate(),
        },
    )


def _submitted(
    request: SignedInRequest, form: forms.Form, write: Any, done: str
) -> None:
    """Run ``write`` on a valid form; show its refusal, or ``done``, on the desk."""
    if not form.is_valid():
        errors = [str(e) for field in form.errors.values() for e in field]
        messages.error(request, " ".join(errors))
        return
    try:
        write(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    messages.success(request, done)


@require_POST
@login_required
def evaluation_new(request: SignedInRequest) -> HttpResponse:
    agencies = agencies_defining_cards(request.user)
    if not agencies:
        raise PermissionDenied
    _submitted(
        request,
        EvaluationForm(request.POST, agencies=agencies),
        lambda data: services.evaluation_record(**data, actor=request.user),
        _("Evaluación registrada: agregue sus aspectos susceptibles de mejora."),
    )
    return redirect("indicators:evaluation-desk")


@require_POST
@login_required
def aspect_new(request: SignedInRequest, pk: int) -> HttpResponse:
    evaluation = get_object_or_404(Evaluation, pk=pk)
    _submitted(
        request,
        AspectForm(request.POST),
        lambda data: services.aspect_add(
            evaluation=evaluation, **data, actor=request.user
        ),
        _("Aspecto susceptible de mejora registrado."),
    )
    return redirect("indicators:evaluation-desk")


@require_POST
@login_required
def aspect_follow(request: SignedInRequest, pk: int) -> HttpResponse:
    aspect = get_object_or_404(ImprovementAspect, pk=pk)
    _submitted(
        request,
        ProgressForm(request.POST),
        lambda data: services.aspect_progress(
            aspect=aspect, **data, actor=request.user
        ),
        _("Avance registrado."),
    )
    return redirect("indicators:evaluation-desk")
