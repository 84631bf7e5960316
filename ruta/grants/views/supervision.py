"""A project's technical file and its supervision visits: the page, the ZIP of
its files, and the visit staff record from their phone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ruta.accounts.http import SignedInRequest
from ruta.common.files.privatefiles import private_archive_response
from ruta.common.web.forms import form_submit
from ruta.grants.forms import VisitForm
from ruta.grants.models import Agreement, Application
from ruta.grants.selectors.pages import may_manage
from ruta.grants.selectors.technical_file import (
    technical_file_entries,
    technical_file_read,
)
from ruta.grants.services.supervision import visit_record


def _application(code: str, folio: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related("call__agency", "organization"),
        call__code=code,
        folio=folio,
    )


@never_cache
@login_required
def technical_file_page(
    request: SignedInRequest, code: str, folio: int
) -> HttpResponse:
    """Show a project's technical file: every record and a link to each file."""
    application = _application(code, folio)
    found = technical_file_read(application, request.user, request.path)
    if found is None:
        raise Http404("no such technical file")
    return render(
        request,
        "grants/technical_file.html",
        {
            "application": application,
            "call": application.call,
            "tf": found,
            "manages": may_manage(request.user, application.call),
        },
    )


@require_safe
@never_cache
@login_required
def technical_file_download(
    request: SignedInRequest, code: str, folio: int
) -> HttpResponseBase:
    """Send the technical file's files as one ZIP, with its index."""
    application = _application(code, folio)
    found = technical_file_read(application, request.user, request.path)
    if found is None:
        raise Http404("no such technical file")
    return private_archive_response(
        technical_file_entries(found),
        name=f"expediente-{application.call.code}-{application.folio:04d}.zip",
    )


VISIT_FIELDS = {"visit_photos": "photos"}


@never_cache
@login_required
def visit_new_page(request: SignedInRequest, code: str, folio: int) -> HttpResponse:
    """Record a supervision or follow-up visit (the call's staff)."""
    application = _application(code, folio)
    if not may_manage(request.user, application.call):
        raise PermissionDenied
    agreement = Agreement.objects.filter(application=application).first()
    if agreement is None:
        raise Http404("no agreement to supervise")
    form = VisitForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        recorded = form_submit(
            form,
            lambda: visit_record(
                agreement=agreement, **form.cleaned_data, actor=request.user
            ),
            fields=VISIT_FIELDS,
            denied=_("Su cuenta no puede registrar visitas de este proyecto."),
        )
        if recorded.ok:
            messages.success(request, _("Visita registrada en el expediente."))
            return redirect(
                reverse("grants:technical_file", args=[code, folio]) + "#visitas"
            )
    return render(
        request,
        "grants/visit_new.html",
        {"application": application, "call": application.call, "form": form},
        status=400 if form.errors else 200,
    )
