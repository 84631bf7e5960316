"""The public usage page: counts per section, dataset, API part and question."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ruta.opendata.datasets import dataset_get
from ruta.usage.counter import usage_flush
from ruta.usage.models import UsageKind
from ruta.usage.selectors import page_window, usage_totals

SIGNUPS_DATASET = "avisos-suscripciones"


def _by_month(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the sign-ups rows with their month ("2026-11") as a date to write."""
    return [{**row, "month": date.fromisoformat(f"{row['MES']}-01")} for row in rows]


@require_safe
@cache_control(public=True, max_age=60)
def usage_page(request: HttpRequest) -> HttpResponse:
    """Show the last 30 days' counts, and the alerts' sign-ups and drop-outs.

    The counts are not data the version tracks, so the page is kept a minute
    at most; this process's own pending counts are written first.
    """
    usage_flush()
    since, until = page_window(timezone.localdate())
    rows = usage_totals(since=since, until=until)
    groups = [
        (kind, label, [row for row in rows if row.kind == kind])
        for kind, label in UsageKind.choices
    ]
    signups = dataset_get(SIGNUPS_DATASET)
    signup_rows = list(signups.rows()) if signups and signups.rows else []
    context = {
        "since": since,
        "until": until,
        "groups": groups,
        "demo": sum(row.demo for row in rows),
        "signups": _by_month(signup_rows),
        "signups_demo": any(row.get("DEMOSTRACION") for row in signup_rows),
        "signups_slug": SIGNUPS_DATASET,
    }
    return render(request, "usage/usage.html", context)
