"""An application's file: the page its organisation, reviewers and staff share.

Each action the page offers posts to its own address: a form of the file to
its view (``evaluation``, ``agreements``), a step that asks at most a reason
to the one page of steps (``ruta.accounts.cycle_views``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ruta.accounts.http import SignedInRequest
from ruta.grants.forms import (
    BankAccountForm,
    BeneficiaryForm,
    CfdiForm,
    DocumentForm,
    ReportForm,
)
from ruta.grants.selectors.files import may_read_files
from ruta.grants.selectors.organizations import application_other_support
from ruta.grants.selectors.pages import (
    acts_for,
    application_file,
    application_personal,
    may_manage,
    may_open,
    may_score,
)
from ruta.grants.selectors.zones import application_zone
from ruta.grants.services.register import PRIVACY_NOTICE_VERSION
from ruta.grants.views.posted import application_at


@never_cache
@login_required
@require_safe
def application_page(request: SignedInRequest, code: str, folio: int) -> HttpResponse:
    """Show an application's file to its organisation, reviewers and staff."""
    application = application_at(code, folio)
    if not may_open(request.user, application):
        raise PermissionDenied
    call = application.call
    context = {
        "application": application,
        "call": call,
        "acts_for": acts_for(request.user, application),
        "manages": may_manage(request.user, call),
        "scores": may_score(request.user, call),
        "reads_files": may_read_files(request.user, application),
        "personal": application_personal(application, request.user, request.path),
        "rubric": call.rubric.all(),
        "document_form": DocumentForm(),
        "cfdi_form": CfdiForm(),
        "report_form": ReportForm(),
        "bank_form": BankAccountForm(),
        "beneficiary_form": BeneficiaryForm(),
        # A version's name, shown as such (as in the register's column).
        "privacy_notice_version": format_html(
            "<code>{}</code>", PRIVACY_NOTICE_VERSION
        ),
        "today": timezone.localdate(),
        "other_support": application_other_support(application),
        "zone": application_zone(
            application.scheme,
            application.municipality_id or "",
            application.ageb,
            call.fiscal_year,
        ),
        **application_file(application),
    }
    return render(request, "grants/application.html", context)
