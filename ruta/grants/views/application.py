"""An application's file: the page its organisation, reviewers and staff share,
and the dispatch of the actions posted from it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ruta.accounts.http import SignedInRequest
from ruta.grants.forms import (
    BankAccountForm,
    BeneficiaryForm,
    CfdiForm,
    DocumentForm,
    ReportForm,
)
from ruta.grants.models import (
    Agreement,
    Application,
    ApplicationDocument,
    Disbursement,
    Observation,
    Refund,
    Report,
    Sanction,
)
from ruta.grants.selectors.files import may_read_files
from ruta.grants.selectors.pages import (
    acts_for,
    application_file,
    application_personal,
    may_manage,
    may_open,
    may_score,
)
from ruta.grants.services.register import PRIVACY_NOTICE_VERSION
from ruta.grants.views.agreements import (
    accept_report,
    add_beneficiary,
    answer,
    approve,
    bank_account,
    cancel,
    cite,
    claim_unspent,
    confirm_refund,
    extend_account,
    extend_report,
    lapse,
    lift,
    observe,
    pay_refund,
    prove_account,
    reject_refund,
    resolve,
    schedule,
    sign,
    submit_cfdi,
    submit_report,
    transfer,
)
from ruta.grants.views.evaluation import decide, review_document, score, upload_document


def _application(code: str, folio: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related(
            "call__agency", "organization", "municipality"
        ),
        call__code=code,
        folio=folio,
    )


@never_cache
@login_required
def application_page(request: SignedInRequest, code: str, folio: int) -> HttpResponse:
    """Show an application's file to its organisation, reviewers and staff."""
    application = _application(code, folio)
    if not may_open(request.user, application):
        raise PermissionDenied
    if request.method == "POST":
        _act(request, application)
        return redirect(application)
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
        **application_file(application),
    }
    return render(request, "grants/application.html", context)


PageAction = Callable[[SignedInRequest, Application], Any]


def _act(request: SignedInRequest, application: Application) -> None:
    """Run the posted action through its service; report the outcome."""
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Acción desconocida."))
        return
    try:
        action(request, application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except (
        PermissionDenied,
        Agreement.DoesNotExist,
        Report.DoesNotExist,
        Disbursement.DoesNotExist,
        ApplicationDocument.DoesNotExist,
        Observation.DoesNotExist,
        Refund.DoesNotExist,
        Sanction.DoesNotExist,
    ):
        messages.error(request, _("No puede realizar esa acción sobre este registro."))
    else:
        messages.success(request, _("Hecho."))


ACTIONS: dict[str, PageAction] = {
    "upload_document": upload_document,
    "review_document": review_document,
    "decide": decide,
    "score": score,
    "cite": cite,
    "sign": sign,
    "lapse": lapse,
    "bank_account": bank_account,
    "prove_account": prove_account,
    "extend_account": extend_account,
    "schedule": schedule,
    "submit_cfdi": submit_cfdi,
    "approve": approve,
    "transfer": transfer,
    "submit_report": submit_report,
    "extend_report": extend_report,
    "observe": observe,
    "accept_report": accept_report,
    "answer": answer,
    "resolve": resolve,
    "lift": lift,
    "cancel": cancel,
    "add_beneficiary": add_beneficiary,
    "pay_refund": pay_refund,
    "claim_unspent": claim_unspent,
    "confirm_refund": confirm_refund,
    "reject_refund": reject_refund,
}
