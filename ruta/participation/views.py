"""The committee members page, for users allowed to see personal data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from ruta.participation.models import Committee
from ruta.participation.selectors import committee_members, may_view_members


@never_cache
@login_required
def committee_page(request: HttpRequest, public_id: str) -> HttpResponse:
    """Show who sits on a work's committee; each view is logged (personal data)."""
    committee = get_object_or_404(
        Committee.objects.select_related("work"), work__public_id=public_id
    )
    if not may_view_members(user=request.user, committee=committee):
        raise PermissionDenied
    members = committee_members(
        committee=committee, user=request.user, purpose=request.path
    )
    return render(
        request,
        "participation/committee.html",
        {"committee": committee, "work": committee.work, "members": members},
    )
