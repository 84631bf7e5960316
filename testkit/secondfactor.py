"""A staff member's authenticator, for tests that sign in through the pages."""

from __future__ import annotations

import secrets

from django.utils import timezone
from django_otp.oath import TOTP

from ruta.accounts.models import SecondFactor, User
from ruta.accounts.secondfactor import confirmed_factor, required_for

SECOND_STEP = "/es-mx/cuentas/segundo-factor/"


def asks_second_factor(user: User) -> bool:
    """Return whether ``user``'s sign-in goes through the second step."""
    return required_for(user) or confirmed_factor(user) is not None


def factor_code(user: User) -> str:
    """Return a code ``user``'s authenticator would show, enrolling one if needed.

    Each call gives a code of a later time step than the last one accepted,
    as a person signing in again a minute later would type.
    """
    factor = confirmed_factor(user)
    if factor is None:
        SecondFactor.objects.filter(user=user).delete()
        factor = SecondFactor.objects.create(
            user=user, key=secrets.token_hex(20), confirmed=timezone.now()
        )
    totp = TOTP(bytes.fromhex(factor.key))
    now = totp.t()
    totp.drift = max(now, factor.last_step + 1) - now
    return f"{totp.token():06d}"
