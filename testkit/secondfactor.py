"""A staff member's authenticator, for tests that sign in through the pages."""

from __future__ import annotations

import secrets

from django.utils import timezone
from django_otp.oath import TOTP

from ruta.accounts.models import SecondFactor, User
from ruta.accounts.secondfactor import DRIFT_STEPS, confirmed_factor, required_for

SECOND_STEP = "/es-mx/cuentas/segundo-factor/"


def asks_second_factor(user: User) -> bool:
    """Return whether ``user``'s sign-in goes through the second step."""
    return required_for(user) or confirmed_factor(user) is not None


def factor_code(user: User) -> str:
    """Return a code ``user``'s authenticator would show, enrolling one if needed.

    Each call gives a code of a later time step than the last one accepted,
    as a person signing in again a minute later would type (the server
    accepts one step ahead: further, the last accepted step is moved back).
    """
    factor = confirmed_factor(user)
    if factor is None:
        SecondFactor.objects.filter(user=user).delete()
        factor = SecondFactor.objects.create(
            user=user, key=secrets.token_hex(20), confirmed=timezone.now()
        )
    totp = TOTP(bytes.fromhex(factor.key))
    now = totp.t()
    step = max(now, factor.last_step + 1)
    if step > now + DRIFT_STEPS:
        # A third sign-in within the same half-minute: a person would wait
        # for the next code; the test moves the last accepted step back.
        SecondFactor.objects.filter(pk=factor.pk).update(last_step=now - 1)
        step = now
    totp.drift = step - now
    return f"{totp.token():06d}"
