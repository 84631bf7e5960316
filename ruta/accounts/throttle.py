"""Limits on failed sign-ins beyond the per-account-and-address lock of axes.

django-axes locks an account from one address after five failures. That
alone lets one address try a password on every account, and lets many
addresses try many passwords on one account. Two more limits close that,
counted from axes' log of failures over a sliding window:

- one account, from any address: ``RUTA_LOGIN_ACCOUNT_FAILURES``. A pause
  would lock its owner out with the attacker, so the password alone stops
  signing in instead: a right one gets a link by mail;
- one address, across accounts: ``RUTA_LOGIN_ADDRESS_FAILURES`` — high
  enough for an office behind one address where people mistype.

The answer never says which limit was met, nor whether the account exists.
"""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessFailureLog
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from ruta.accounts.models import email_key


def attempted_email(request: HttpRequest, credentials: dict | None) -> str:
    """Return the e-mail a sign-in tried, as accounts are keyed (lower case)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    typed = (credentials or {}).get(field) or request.POST.get(field, "")
    return email_key(str(typed))


def address_throttled(address: str | None) -> bool:
    """Return whether sign-ins from ``address`` must wait (many accounts tried)."""
    return bool(address) and (
        _failures().filter(ip_address=address).count()
        >= settings.RUTA_LOGIN_ADDRESS_FAILURES
    )


def account_throttled(email: str) -> bool:
    """Return whether ``email``'s account is under attack (from many addresses).

    Its password then no longer signs in by itself: a right one gets a link
    by mail (``ruta.accounts.signin_links``).
    """
    return bool(email) and (
        _failures().filter(username=email_key(email)).count()
        >= settings.RUTA_LOGIN_ACCOUNT_FAILURES
    )


def _failures() -> QuerySet[AccessFailureLog]:
    since = timezone.now() - timedelta(minutes=settings.RUTA_LOGIN_WINDOW_MINUTES)
    return AccessFailureLog.objects.filter(attempt_time__gte=since)
