"""Public pages of works."""

from __future__ import annotations

from django.core.paginator import InvalidPage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ruta.accounts.permissions import Action, can
from ruta.common.caching import public_page
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
    try:
        listing = (
            work_list_page(
                filters=filters, number=request.GET.get("page"), per_page=PAGE_SIZE
            )
            if filters is not None
            else empty_work_list_page(per_page=PAGE_SIZE)
        )
    except InvalidPage as missing:
        raise Http404("no such page of works") from missing
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
            # The members page itself lives in ``participation``.
            "may_view_members": committee is not None
            and can(request.user, Action.VIEW_PERSONAL_DATA, committee),
        },
    )
