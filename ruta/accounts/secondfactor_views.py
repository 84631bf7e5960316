"""Sign-in's second step, enrolment, and an administrator's reset, on the site.

After a right password, an account that must use a second factor (or has
one) is not signed in yet: the session remembers it for
``PENDING_SECONDS`` while the person types an authenticator's code (or a
recovery code), or enrols if it has none. Only then does ``login`` run.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ruta.accounts.http import SignedInRequest
from ruta.accounts.models import SecondFactor, User
from ruta.accounts.permissions import Action, can
from ruta.accounts.secondfactor import (
    confirmed_factor,
    key_text,
    provisioning_qr_svg,
    provisioning_uri,
    required_for,
    second_factor_check,
    second_factor_confirm,
    second_factor_reset,
    second_factor_start,
)

PENDING = "ruta_second_factor"
PENDING_SECONDS = 300
DEFAULT_BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_in_or_second_step(
    request: HttpRequest,
    user: User,
    *,
    backend: str = DEFAULT_BACKEND,
    next_url: str = "",
) -> HttpResponse:
    """Sign ``user`` in, or first ask for their second factor."""
    if confirmed_factor(user) is None and not required_for(user):
        login(request, user, backend=backend)
        return redirect(_safe(request, next_url))
    request.session[PENDING] = {
        "user": user.pk,
        "at": time.time(),
        "backend": backend,
        "next": next_url,
    }
    return redirect("accounts:second-factor")


def _safe(request: HttpRequest, next_url: str) -> str:
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return "accounts:desk"


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user is not None else None


@never_cache
@require_http_methods(["GET", "POST"])
def second_step(request: HttpRequest) -> HttpResponse:
    """Ask the code of the account whose password was right; enrol it if needed."""
    found = _pending(request)
    if found is None:
        return redirect("accounts:login")
    user, pending = found
    factor = confirmed_factor(user)
    if factor is None:
        return _enrol(request, user, pending)
    error = ""
    if request.method == "POST":
        if second_factor_check(factor=factor, code=request.POST.get("code", "")):
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            return redirect(_safe(request, pending["next"]))
        error = _("El código no es correcto o ya se usó.")
    context = {"error": error}
    return render(
        request, "accounts/second_factor.html", context, status=400 if error else 200
    )


def _enrol(request: HttpRequest, user: User, pending: dict[str, Any]) -> HttpResponse:
    """Show a new key and take the app's first code; then sign in and show codes."""
    factor = SecondFactor.objects.filter(user=user, confirmed__isnull=True).first()
    if factor is None or request.method == "GET":
        factor = second_factor_start(user=user, actor=user)
    error = ""
    if request.method == "POST":
        try:
            codes = second_factor_confirm(
                factor=factor, code=request.POST.get("code", ""), actor=user
            )
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
    context = {
        "key": key_text(factor),
        "uri": provisioning_uri(factor),
        "qr": provisioning_qr_svg(factor),
        "error": error,
        "required": required_for(user),
    }
    return render(
        request,
        "accounts/second_factor_enrol.html",
        context,
        status=400 if error else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def enrol_own(request: HttpRequest) -> HttpResponse:
    """Let a signed-in person add a second factor of their own choice."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required
    if confirmed_factor(user) is not None:
        return render(request, "accounts/second_factor_enrol.html", {"enrolled": True})
    request.session[PENDING] = {
        "user": user.pk,
        "at": time.time(),
        "backend": request.session.get("_auth_user_backend", DEFAULT_BACKEND),
        "next": "",
    }
    return _enrol(request, user, request.session[PENDING])


@never_cache
@login_required
def factors_list(request: HttpRequest) -> HttpResponse:
    """List the accounts with a second factor, for an administrator to reset one."""
    if not can(request.user, Action.MANAGE_USERS):
        raise PermissionDenied(_("Sólo quien administra cuentas ve esta página."))
    factors = SecondFactor.objects.filter(confirmed__isnull=False).select_related(
        "user"
    )
    context = {"factors": factors.order_by("user__email")}
    return render(request, "accounts/second_factor_list.html", context)


@login_required
@require_POST
def factor_reset(request: SignedInRequest, pk: int) -> HttpResponse:
    """Remove an account's second factor (an administrator, never its holder)."""
    user = get_object_or_404(User, pk=pk)
    second_factor_reset(user=user, actor=request.user)
    return redirect("accounts:second-factors")
