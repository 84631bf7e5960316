"""Public pages of works, and the committee members page for authorised users."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from ruta.common.caching import public_page
from ruta.participation.models import Committee
from ruta.participation.selectors import committee_members, may_view_members
from ruta.works.forms import WorkFilterForm
from ruta.works.models import Work
from ruta.works.selectors import (
    empty_work_list_page,
    work_detail,
    work_filter_options,
    work_list_page,
)

PAGE_SIZE = 25


@public_page
def works_index(request: HttpRequest) -> HttpResponse:
    """List published works, filtered by the GET form, a page at a time."""
    form = WorkFilterForm(request.GET or None, options=work_filter_options())
    filters = form.filters()
    listing = (
        work_list_page(
            filters=filters, number=request.GET.get("page"), per_page=PAGE_SIZE
        )
        if filters is not None
        else empty_work_list_page(per_page=PAGE_SIZE)
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "works/list.html",
        {
            "form": form,
            "page": listing.page,
            "query": query.urlencode(),
            "has_demo": listing.has_demo,
        },
    )


@public_page
def work_page(request: HttpRequest, public_id: str) -> HttpResponse:
    """Show a work: money route, progress, contracts and committee (counts only)."""
    try:
        detail = work_detail(public_id=public_id)
    except Work.DoesNotExist as missing:
        raise Http404 from missing
    committee = getattr(detail.work, "committee", None)
    return render(
        request,
        "works/detail.html",
        {
            "detail": detail,
            "work": detail.work,
            "may_view_members": committee is not None
            and may_view_members(user=request.user, committee=committee),
        },
    )


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
        "works/committee.html",
        {"committee": committee, "work": committee.work, "members": members},
    )
