"""Indicator pages: every card with its results and semáforo (public), and the
staff's capture and approval of results per period and place."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can, can_anywhere
from ruta.common.caching import public_page
from ruta.common.forms import action_submit, form_submit
from ruta.indicators.charts import trend_chart
from ruta.indicators.forms import RejectForm, ResultForm
from ruta.indicators.models import IndicatorResult
from ruta.indicators.selectors import (
    SUMMARY_LABELS,
    capturable_cards,
    prepared_card_periods,
    prepared_card_views,
    results_awaiting,
    summary,
)
from ruta.indicators.services import (
    indicator_result_approve,
    indicator_result_capture,
    indicator_result_reject,
)


@require_safe
@public_page
def indicator_list(request: HttpRequest) -> HttpResponse:
    """List each card with its trend chart, baseline, results per year, goal and
    semáforo."""
    views = prepared_card_views()
    periods = prepared_card_periods()
    counts = summary(views)
    return render(
        request,
        "indicators/list.html",
        {
            "views": views,
            "charts": {view.card.pk: trend_chart(view) for view in views},
            "periods": periods,
            "summary": [(SUMMARY_LABELS[key], count) for key, count in counts.items()],
            "computed_from_demo": any(view.computed_from_demo for view in views),
        },
    )


@never_cache
@login_required
def result_capture(request: SignedInRequest) -> HttpResponse:
    """Capture a result for a period and place; list those awaiting approval."""
    if not can_anywhere(request.user, Action.CAPTURE):
        raise PermissionDenied
    cards = capturable_cards(request.user)
    waiting = results_awaiting(request.user)
    form = ResultForm(request.POST or None, cards=cards)
    if request.method == "POST":
        captured = form_submit(
            form,
            lambda: indicator_result_capture(
                card=form.cleaned_data["card"],
                period=form.period(),
                value=form.cleaned_data["value"],
                note=form.cleaned_data["note"],
                actor=request.user,
            ),
            fields={"two_places": "place"},
        )
        if captured.ok:
            messages.success(
                request,
                _("Resultado capturado; lo aprueba otra persona para publicarlo."),
            )
            return redirect("indicators:capture")
    return render(
        request,
        "indicators/capture.html",
        {
            "form": form,
            "waiting": waiting,
            "may_validate": can_anywhere(request.user, Action.VALIDATE),
            "reject_form": RejectForm(),
        },
    )


def _awaiting(request: SignedInRequest, pk: int) -> IndicatorResult:
    result = get_object_or_404(
        IndicatorResult.objects.select_related("card__agency"), pk=pk
    )
    if not can(request.user, Action.VALIDATE, result.card.agency):
        raise PermissionDenied
    return result


@require_POST
@login_required
def result_approve(request: SignedInRequest, pk: int) -> HttpResponse:
    """Publish a captured result (validators who did not capture it)."""
    result = _awaiting(request, pk)
    approved = action_submit(
        request, lambda: indicator_result_approve(result=result, actor=request.user)
    )
    if approved.ok:
        messages.success(request, _("Resultado aprobado y publicado."))
    return redirect("indicators:capture")


@require_POST
@login_required
def result_reject(request: SignedInRequest, pk: int) -> HttpResponse:
    """Drop a captured result with the reason."""
    result = _awaiting(request, pk)
    form = RejectForm(request.POST)
    rejected = form_submit(
        form,
        lambda: indicator_result_reject(
            result=result, reason=form.cleaned_data["reason"], actor=request.user
        ),
    )
    if rejected.ok:
        messages.success(request, _("Resultado descartado."))
    else:
        messages.error(request, _("Escriba el motivo para descartar el resultado."))
    return redirect("indicators:capture")
