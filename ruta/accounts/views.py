"""Accounts pages: sign in and out, and the audit history for validators."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ruta.accounts.desk import desk_groups
from ruta.accounts.forms import AuditFilterForm, EmailAuthenticationForm
from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can
from ruta.accounts.secondfactor_views import (
    DEFAULT_BACKEND,
    signed_in_or_second_step,
)
from ruta.accounts.selectors import (
    AuditFilter,
    audit_events,
    audit_events_page,
    audit_rows,
    readable_names,
    tracked_models,
)
from ruta.accounts.signin_links import (
    LINK_MINUTES,
    password_owner,
    sign_in_link_send,
    sign_in_link_user,
)
from ruta.accounts.throttle import account_throttled, address_throttled, attempted_email
from ruta.common.ops.client import client_address


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: object) -> dict:
        """Name the site as configured, not by the host (Django's ``site_name``)."""
        context = super().get_context_data(**kwargs)
        context["site_name"] = settings.RUTA_SITE_NAME
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        """Sign in, or first ask for the second factor (``secondfactor_views``)."""
        user = form.get_user()
        return signed_in_or_second_step(
            self.request,
            user,
            backend=getattr(user, "backend", DEFAULT_BACKEND),
            next_url=self.get_redirect_url(),
        )

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        """Refuse to try the password while the address's limit holds; while
        the account's holds, mail a link if the password is right."""
        if address_throttled(client_address(request)):
            return render(request, "accounts/locked.html", status=429)
        email = attempted_email(request, None)
        if account_throttled(email):
            return self._challenged(request, email)
        return super().post(request, *args, **kwargs)

    def _challenged(self, request: HttpRequest, email: str) -> HttpResponse:
        """Answer alike whatever the password was; mail the link if it was right."""
        user = password_owner(email, request.POST.get("password", ""))
        if user is not None:
            sign_in_link_send(user, get_language())
        context = {"minutes": LINK_MINUTES}
        return render(request, "accounts/challenged.html", context, status=429)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_link(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Sign in by a mailed link, at the press of its button (scanners only GET)."""
    user = sign_in_link_user(uidb64, token)
    if user is None:
        return render(
            request, "accounts/sign_in_link.html", {"valid": False}, status=410
        )
    if request.method == "POST":
        return signed_in_or_second_step(request, user)
    return render(request, "accounts/sign_in_link.html", {"valid": True})


class LogoutView(auth_views.LogoutView):
    pass


class InvitationView(auth_views.PasswordResetConfirmView):
    """Let a person invited by e-mail choose their password (a signed link, once).

    The account was made without a password (a committee member's:
    ``ruta.accounts.invitations``); once chosen, the person signs in.
    """

    template_name = "accounts/invitation.html"
    reset_url_token = "elegir-contrasena"  # noqa: S105 - a URL segment, not a secret
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        """Say the password is set; the person then signs in with it."""
        response = super().form_valid(form)
        messages.success(
            self.request, _("Contraseña guardada. Entre con su correo y su contraseña.")
        )
        return response


@never_cache
@login_required
def audit_log(request: SignedInRequest) -> HttpResponse:
    """List who changed what, filterable by record, user and date.

    Personal data's values are shown (and the read logged) only where the
    reader may view personal data; see ``selectors.audit_rows``.
    """
    if not can(request.user, Action.VIEW_AUDIT):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, models=tracked_models())
    criteria = AuditFilter()
    if form.is_valid():
        criteria = AuditFilter(**form.cleaned_data)
    events = audit_events(criteria, reader=request.user)
    page = audit_events_page(events, request.GET.get("page"))
    rows = audit_rows(
        list(page.object_list), reader=request.user, purpose=request.get_full_path()
    )
    query = request.GET.copy()
    query.pop("page", None)
    model_names, field_names = readable_names()
    return render(
        request,
        "accounts/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "model_names": model_names,
            "field_names": field_names,
        },
    )


@never_cache
@login_required
def desk_home(request: SignedInRequest) -> HttpResponse:
    """List every task the signed-in person may do, grouped, with what waits."""
    return render(request, "accounts/desk.html", {"groups": desk_groups(request.user)})
