"""Public page of indicators: every card, its results and its semáforo."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ruta.common.caching import public_page
from ruta.indicators.charts import trend_chart
from ruta.indicators.selectors import SUMMARY_LABELS, prepared_card_views, summary


@require_safe
@public_page
def indicator_list(request: HttpRequest) -> HttpResponse:
    """List each card with its trend chart, baseline, results per year, goal and
    semáforo."""
    views = prepared_card_views()
    counts = summary(views)
    return render(
        request,
        "indicators/list.html",
        {
            "views": views,
            "charts": {view.card.pk: trend_chart(view) for view in views},
            "summary": [(SUMMARY_LABELS[key], count) for key, count in counts.items()],
            "computed_from_demo": any(view.computed_from_demo for view in views),
        },
    )
