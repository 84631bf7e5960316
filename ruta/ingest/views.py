"""The staff desk's page of background imports: progress and result."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from ruta.accounts.permissions import Action, can_anywhere
from ruta.ingest.selectors import import_jobs_recent


@never_cache
@login_required
def import_jobs(request: HttpRequest) -> HttpResponse:
    """List recent import jobs with rows read, findings so far and outcome."""
    if not can_anywhere(request.user, Action.CAPTURE):
        raise PermissionDenied
    return render(request, "ingest/jobs.html", {"jobs": import_jobs_recent()})
