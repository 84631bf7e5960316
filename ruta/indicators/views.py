"""Indicator pages: every card with its results and semáforo (public), and the
staff's capture and approval of results per period and place."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can_anywhere
from ruta.common.web.caching import public_page
from ruta.common.web.forms import form_submit
from ruta.indicators.charts import trend_chart
from ruta.indicators.forms import ResultForm
from ruta.indicators.selectors import (
    SUMMARY_LABELS,
    capturable_cards,
    prepared_card_periods,
    prepared_card_views,
    results_awaiting,
    summary,
)
from ruta.indicators.services import (
    indicator_result_capture,
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
        },
    )
