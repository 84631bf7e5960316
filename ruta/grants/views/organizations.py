"""Organisations on their own: signing up, verifying the e-mail, their page,
and staff's review of the sign-ups."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from ruta.accounts.http import SignedInRequest
from ruta.common.files.privatefiles import private_file_response
from ruta.common.ops.client import client_address
from ruta.common.web.forms import form_submit
from ruta.common.web.ratelimit import rate_hit
from ruta.grants.forms import DebtForm, DebtSettleForm, ReviewForm, SignupForm
from ruta.grants.models import Organization
from ruta.grants.selectors.organizations import (
    debt_file_read,
    may_read_debts,
    may_review,
    may_see_organization,
    organization_checks,
    organization_debts_page,
    organization_page,
    organizations_awaiting_review,
    representative_read,
)
from ruta.grants.services.applications import debt_text
from ruta.grants.services.debts import debt_record, debt_settle
from ruta.grants.services.signup import (
    SIGNUP_FORM,
    VERIFY_LINK,
    organization_email_verify,
    organization_review,
    organization_signup,
)
from ruta.grants.tokens import LinkRefused

SIGNUP_FIELDS = {
    "password_too_short": "password",
    "password_too_similar": "password",
    "password_too_common": "password",
    "password_entirely_numeric": "password",
}
SIGNUP_SCOPE = "grants-signup"
ORGANIZATION_FIELDS = ("name", "rfc", "cluni", "contact_email")
PERSON_FIELDS = (
    "legal_representative",
    "representative_email",
    "representative_phone",
    "password",
    "password_again",
    "privacy",
)


@never_cache
def signup_page(request: HttpRequest) -> HttpResponse:
    """Let an organisation register itself and its legal representative's account."""
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        hit = rate_hit(
            SIGNUP_SCOPE,
            client_address(request) or "unknown",
            limit=settings.RUTA_GRANTS_SIGNUPS_PER_HOUR,
            seconds=3600,
        )
        if hit.exceeded:
            form.add_error(
                None,
                _("Demasiados registros desde esta conexión; intente en una hora."),
            )
        else:
            signed = form_submit(
                form,
                lambda: organization_signup(
                    **_signup_data(form.cleaned_data),
                    language=translation.get_language() or "es-mx",
                    actor=SIGNUP_FORM,
                ),
                fields=SIGNUP_FIELDS,
            )
            if signed.ok:
                return render(
                    request,
                    "grants/signup_sent.html",
                    {"email": form.cleaned_data["representative_email"]},
                )
    return render(
        request,
        "grants/signup.html",
        {
            "form": form,
            "organization_fields": [form[name] for name in ORGANIZATION_FIELDS],
            "person_fields": [form[name] for name in PERSON_FIELDS],
        },
    )


def _signup_data(cleaned: dict) -> dict:
    """Return what the service takes of the form: not the repeated password."""
    return {
        name: value
        for name, value in cleaned.items()
        if name not in ("password_again", "privacy")
    }


@never_cache
def signup_verify(request: HttpRequest, token: str) -> HttpResponse:
    """Verify the representative's e-mail from the link (a button: no prefetch)."""
    if request.method != "POST":
        return render(request, "grants/signup_verify.html", {"token": token})
    try:
        organization = organization_email_verify(token=token, actor=VERIFY_LINK)
    except LinkRefused as refused:
        return render(
            request,
            "grants/signup_verify.html",
            {"token": token, "refused": refused.reason},
            status=400,
        )
    return render(
        request, "grants/signup_verified.html", {"organization": organization}
    )


@never_cache
@login_required
def organization_view(request: SignedInRequest, pk: int) -> HttpResponse:
    """Show an organisation's registration, applications, deadlines, notices, files."""
    organization = get_object_or_404(Organization, pk=pk)
    if not may_see_organization(request.user, organization):
        raise Http404("no such organisation")
    return _organization_render(request, organization)


def _organization_render(
    request: SignedInRequest,
    organization: Organization,
    *,
    debt_form: DebtForm | None = None,
    settle_forms: dict[int, DebtSettleForm] | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "organization": organization,
        "page": organization_page(organization, request.user, today),
        "representative": representative_read(organization, request.user, request.path),
    }
    if may_read_debts(request.user, organization):
        debts = organization_debts_page(organization, today)
        staff = may_review(request.user)
        settle_forms = settle_forms or {}
        context["debts"] = {
            "derived": [debt_text(debt) for debt in debts.derived],
            "recorded": [
                (
                    debt,
                    settle_forms.get(debt.pk, DebtSettleForm(prefix=f"saldo-{debt.pk}"))
                    if staff and not debt.settled
                    else None,
                )
                for debt in debts.recorded
            ],
            "form": (debt_form or DebtForm(prefix="adeudo")) if staff else None,
        }
    invalid = bool(debt_form and debt_form.errors) or any(
        form.errors for form in (settle_forms or {}).values()
    )
    return render(
        request,
        "grants/organization.html",
        context,
        status=400 if invalid else 200,
    )


@never_cache
@login_required
@require_POST
def debt_new(request: SignedInRequest, pk: int) -> HttpResponse:
    """Record a debt of the organisation from an earlier call (staff)."""
    if not may_review(request.user):
        raise PermissionDenied
    organization = get_object_or_404(Organization, pk=pk)
    form = DebtForm(request.POST, request.FILES, prefix="adeudo")
    recorded = form_submit(
        form,
        lambda: debt_record(
            organization=organization,
            call_year=form.cleaned_data["call_year"],
            call_name=form.cleaned_data["call_name"],
            what=form.cleaned_data["what"],
            amount=form.cleaned_data["amount"],
            evidence=form.cleaned_data["evidence"],
            actor=request.user,
        ),
    )
    if recorded.ok:
        messages.success(
            request,
            _("Adeudo registrado: cuenta para el requisito 4 hasta que se salde."),
        )
        return redirect(organization)
    return _organization_render(request, organization, debt_form=form)


@never_cache
@login_required
@require_POST
def debt_settle_view(request: SignedInRequest, pk: int, debt: int) -> HttpResponse:
    """Record that a recorded debt was settled, with its evidence (staff)."""
    if not may_review(request.user):
        raise PermissionDenied
    organization = get_object_or_404(Organization, pk=pk)
    record = get_object_or_404(organization.recorded_debts, pk=debt)
    form = DebtSettleForm(request.POST, request.FILES, prefix=f"saldo-{debt}")
    settled = form_submit(
        form,
        lambda: debt_settle(
            debt=record,
            settled_on=form.cleaned_data["settled_on"],
            note=form.cleaned_data["note"],
            evidence=form.cleaned_data["evidence"],
            actor=request.user,
        ),
    )
    if settled.ok:
        messages.success(
            request, _("Adeudo saldado: ya no cuenta para el requisito 4.")
        )
        return redirect(organization)
    return _organization_render(request, organization, settle_forms={debt: form})


@require_safe
@never_cache
def debt_file(request: HttpRequest, pk: int, debt: int, kind: str) -> HttpResponseBase:
    """Send a recorded debt's evidence to whoever may read it; 404 otherwise."""
    organization = get_object_or_404(Organization, pk=pk)
    found = debt_file_read(organization, debt, kind, request.user, request.path)
    if found is None:
        raise Http404("no such file")
    file, shown = found
    return private_file_response(file, name=shown)


@never_cache
@login_required
def review_page(request: SignedInRequest) -> HttpResponse:
    """List the organisations waiting for staff, each with its decision form."""
    if not may_review(request.user):
        raise PermissionDenied
    pending = [
        (
            organization,
            organization_checks(organization),
            ReviewForm(prefix=str(organization.pk)),
        )
        for organization in organizations_awaiting_review()
    ]
    return render(request, "grants/review.html", {"pending": pending})


@never_cache
@login_required
@require_POST
def review_decide(request: SignedInRequest, pk: int) -> HttpResponse:
    """Approve or reject one organisation; a refusal is shown with the list."""
    if not may_review(request.user):
        raise PermissionDenied
    organization = get_object_or_404(Organization, pk=pk)
    form = ReviewForm(request.POST, prefix=str(pk))
    decided = form_submit(
        form,
        lambda: organization_review(
            organization=organization,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            actor=request.user,
        ),
    )
    if decided.ok and decided.value is not None:
        messages.success(
            request,
            _("%(name)s: %(status)s.")
            % {"name": organization.name, "status": decided.value.get_status_display()},
        )
        return redirect("grants:review")
    pending = [
        (
            other,
            organization_checks(other),
            form if other.pk == pk else ReviewForm(prefix=str(other.pk)),
        )
        for other in organizations_awaiting_review()
    ]
    return render(request, "grants/review.html", {"pending": pending}, status=400)
