"""Pages of the data requests: the public list, each request, the form, the answer."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can
from ruta.accounts.personal import personal_data_read_log
from ruta.common.ops.client import client_address
from ruta.common.web.caching import public_page
from ruta.common.web.forms import form_submit
from ruta.common.web.ratelimit import rate_hit
from ruta.datarequests import rules
from ruta.datarequests.forms import AnswerForm, RequestForm
from ruta.datarequests.models import DataRequest
from ruta.datarequests.selectors import (
    CONTACT_SERVICE,
    open_by_agency,
    public_requests,
    status_counts,
)
from ruta.datarequests.services import (
    REQUESTER,
    data_request_answer,
    data_request_file,
)
from ruta.opendata.datasets import dataset_get

LIST_SIZE = 200


@public_page()
def request_list(request: HttpRequest) -> HttpResponse:
    """List the requests, their status and answers, and the open ones per agency."""
    requests = list(public_requests()[:LIST_SIZE])
    return render(
        request,
        "datarequests/list.html",
        {
            "requests": requests,
            "has_demo": any(item.is_demo for item in requests),
            "by_agency": open_by_agency(),
            "counts": status_counts(),
        },
    )


@public_page()
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one request and its answer, without the requester's contact."""
    found = public_requests().filter(pk=pk).first()
    if found is None:
        raise Http404(_("No hay una petición con ese número."))
    scope = found.permission_scope()
    may_answer = can(request.user, Action.VALIDATE, scope)
    # An auditor reads the request's contact as who answers it does.
    may_read_contact = (
        not may_answer
        and bool(found.contact_email)
        and can(request.user, Action.VIEW_PERSONAL_DATA, scope)
    )
    return render(
        request,
        "datarequests/detail.html",
        {
            "item": found,
            "dataset": dataset_get(found.dataset),
            "may_answer": may_answer,
            "may_read_contact": may_read_contact,
        },
    )


def _about(request: HttpRequest) -> tuple[str, str]:
    """Return the dataset and page a request is about, from the link that led here."""
    dataset = request.GET.get("conjunto", "")[:60]
    page = request.GET.get("pagina", "")[: rules.PAGE_MAX]
    if dataset and dataset_get(dataset) is None:
        raise Http404(_("No hay un conjunto de datos con esa clave."))
    if page and not rules.page_valid(page):
        page = ""
    return dataset, page


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    """Take a request for missing data (no account needed)."""
    dataset, page = _about(request)
    form = RequestForm(request.POST if request.method == "POST" else None)
    context: dict[str, object] = {
        "form": form,
        "dataset": dataset_get(dataset),
        "page": page,
    }
    if request.method != "POST":
        return render(request, "datarequests/new.html", context)
    if form.is_valid() and form.cleaned_data["website"]:
        return redirect("datarequests:list")  # a robot: nothing kept
    if form.is_valid() and not _allowed(request):
        context["throttled"] = True
        return render(request, "datarequests/new.html", context, status=429)
    submitted = form_submit(
        form,
        lambda: data_request_file(
            what=form.cleaned_data["what"],
            dataset=dataset,
            page=page,
            agency=form.cleaned_data["agency"],
            email=form.cleaned_data["email"],
            language=get_language() or "es-mx",
            actor=REQUESTER,
        ),
    )
    if not submitted.ok:
        return render(request, "datarequests/new.html", context, status=400)
    filed = cast("DataRequest", submitted.value)
    return redirect("datarequests:filed", pk=filed.pk)


@never_cache
@require_safe
def request_filed(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a request just filed, saying it was received (never kept by a cache).

    A page of its own after the redirect, so reloading it files nothing again.
    """
    found = public_requests().filter(pk=pk).first()
    if found is None:
        raise Http404(_("No hay una petición con ese número."))
    context = {"item": found, "dataset": dataset_get(found.dataset), "filed": True}
    return render(request, "datarequests/detail.html", context)


def _contact(request: SignedInRequest, item: DataRequest) -> str:
    """Return the requester's e-mail to a reader allowed it, logging the read.

    Whoever answers learns whether the answer will reach someone; only
    readers allowed personal data over the agency see the address itself.
    """
    if not item.contact_email:
        return ""
    if not can(request.user, Action.VIEW_PERSONAL_DATA, item.permission_scope()):
        return ""
    personal_data_read_log(item, request.user, request.path, CONTACT_SERVICE)
    return item.contact_email


def _allowed(request: HttpRequest) -> bool:
    """Count a request from the client's address; False past the hourly ceiling."""
    count = rate_hit(
        "data-requests",
        client_address(request) or "unknown",
        limit=settings.RUTA_DATA_REQUESTS_PER_HOUR,
        seconds=3600,
    )
    return not count.exceeded


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_answer(request: SignedInRequest, pk: int) -> HttpResponse:
    """Answer a request: staff who validate the asked agency's data.

    A reader of the agency's personal data who does not answer (an auditor)
    reads the page and its contact, without the form; a POST is refused.
    """
    item = get_object_or_404(DataRequest.objects.select_related("agency"), pk=pk)
    scope = item.permission_scope()
    may_answer = can(request.user, Action.VALIDATE, scope)
    if not may_answer and (
        request.method == "POST"
        or not can(request.user, Action.VIEW_PERSONAL_DATA, scope)
    ):
        raise PermissionDenied
    form = AnswerForm(request.POST if request.method == "POST" else None)
    context = {
        "item": item,
        "form": form if may_answer else None,
        "contact": _contact(request, item),
    }
    if request.method == "POST":
        submitted = form_submit(
            form,
            lambda: data_request_answer(
                request=item, actor=request.user, **form.cleaned_data
            ),
        )
        if submitted.ok:
            messages.success(request, _("Respuesta publicada."))
            return redirect(item.get_absolute_url())
        return render(request, "datarequests/answer.html", context, status=400)
    return render(request, "datarequests/answer.html", context)
