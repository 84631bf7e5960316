"""The second factor of staff: an authenticator app's codes (TOTP, RFC 6238).

``rules.SECOND_FACTOR_ROLES`` says who must use one; anyone else may. The
codes are computed by django-otp's RFC 4226/6238 functions; the key and the
recovery codes live on ``SecondFactor`` and never in its history. A code is
accepted once (its time step is kept), one step of clock drift either way.
Enrolment shows the key as a QR code drawn on the server and as text to
type. Eight recovery codes, each good once, stand in for a lost phone, and
each use is an audit event naming the account; an administrator (never the
account's own holder) removes a factor so its owner enrols again, and that
removal is an audit event naming them.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import quote, urlencode

import pghistory
import qrcode
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from qrcode.image.svg import SvgPathFillImage

from ruta.accounts.actors import Actor, service
from ruta.accounts.models import (
    RECOVERY_CODE_USED,
    RoleAssignment,
    SecondFactor,
    User,
)
from ruta.accounts.permissions import Action, require
from ruta.accounts.rules import second_factor_required
from ruta.common.audit.history import event_record

RECOVERY_CODES = 8
# The service a recovery code's use is recorded under.
RECOVERY_SERVICE = "second_factor_recovery_code_use"
# One step (30 s) early or late: a phone's clock a little off still works.
DRIFT_STEPS = 1


def required_for(user: User) -> bool:
    """Return whether ``user`` must sign in with a second factor."""
    roles = RoleAssignment.objects.filter(user=user).values_list("role", flat=True)
    return second_factor_required(set(roles), superuser=user.is_superuser)


def confirmed_factor(user: User) -> SecondFactor | None:
    """Return ``user``'s confirmed second factor, if any."""
    return SecondFactor.objects.filter(user=user, confirmed__isnull=False).first()


def _totp(factor: SecondFactor) -> TOTP:
    return TOTP(bytes.fromhex(factor.key), step=30, digits=6)


def _digest(code: str) -> str:
    return hashlib.sha256(code.strip().replace("-", "").lower().encode()).hexdigest()


def key_text(factor: SecondFactor) -> str:
    """Return the key as an authenticator app types it: base32, in groups of 4."""
    text = base64.b32encode(bytes.fromhex(factor.key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(factor: SecondFactor) -> str:
    """Return the ``otpauth://`` address an authenticator app reads."""
    secret = base64.b32encode(bytes.fromhex(factor.key)).decode()
    issuer = settings.RUTA_SITE_NAME
    label = quote(f"{issuer}:{factor.user.email}")
    query = urlencode({"secret": secret, "issuer": issuer, "digits": 6, "period": 30})
    return f"otpauth://totp/{label}?{query}"


def provisioning_qr_svg(factor: SecondFactor) -> SafeString:
    """Return the QR code of ``provisioning_uri`` as inline SVG, drawn here.

    A phone's camera reads it off the screen; nothing is fetched from
    elsewhere, and the key never leaves the page. Dark squares on a white
    field (the library's filled path), whatever the page's colours.
    """
    code = qrcode.QRCode(border=4, image_factory=SvgPathFillImage)
    code.add_data(provisioning_uri(factor))
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    label = _("Código QR de la clave, para la aplicación de autenticación")
    opening = format_html('<svg class="qr-code" role="img" aria-label="{}" ', label)
    _declaration, _tag, rest = svg.partition("<svg ")
    # Squares and sizes the library drew; the one text, the label, escaped.
    return mark_safe(opening + rest)  # noqa: S308


@service
def second_factor_start(*, user: User, actor: Actor) -> SecondFactor:
    """Give ``user`` a new, unconfirmed key (replacing one never confirmed)."""
    if confirmed_factor(user) is not None:
        raise ValidationError(_("Esta cuenta ya tiene un segundo factor."))
    SecondFactor.objects.filter(user=user).delete()
    return SecondFactor.objects.create(user=user, key=secrets.token_hex(20))


def _code_matches(factor: SecondFactor, code: str) -> bool:
    """Accept a six-digit code of a step after the last one accepted."""
    digits = code.strip().replace(" ", "")
    if len(digits) != 6 or not digits.isdigit():
        return False
    totp = _totp(factor)
    if not totp.verify(int(digits), tolerance=DRIFT_STEPS, min_t=factor.last_step + 1):
        return False
    factor.last_step = totp.t()
    factor.save(update_fields=["last_step"])
    return True


@service
def second_factor_confirm(
    *, factor: SecondFactor, code: str, actor: Actor
) -> list[str]:
    """Confirm ``factor`` by a code of its app; return its recovery codes (once)."""
    if not _code_matches(factor, code):
        raise ValidationError(_("El código no es correcto o ya se usó."))
    codes = [
        f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)
    ]
    factor.confirmed = timezone.now()
    factor.recovery_codes = [_digest(code) for code in codes]
    factor.save(update_fields=["confirmed", "recovery_codes"])
    return codes


def second_factor_check(*, factor: SecondFactor, code: str) -> bool:
    """Return whether ``code`` is a fresh code of the app or an unused recovery code.

    A recovery code is spent by its use.
    """
    if _code_matches(factor, code):
        return True
    digest = _digest(code)
    if code.strip() and digest in factor.recovery_codes:
        _recovery_code_spend(factor, digest)
        return True
    return False


def _recovery_code_spend(factor: SecondFactor, digest: str) -> None:
    """Spend the recovery code of ``digest`` and record its use in the history.

    A recovery code stands in for a lost or borrowed phone: its holder, an
    auditor or an administrator reads each use, with how many codes remain,
    in the account's history.
    """
    remaining = [kept for kept in factor.recovery_codes if kept != digest]
    context = {"recovery_codes_left": len(remaining)}
    with (
        transaction.atomic(),
        pghistory.context(user=factor.user_id, service=RECOVERY_SERVICE, **context),
    ):
        factor.recovery_codes = remaining
        factor.save(update_fields=["recovery_codes"])
        event_record(factor, label=RECOVERY_CODE_USED)


@service
def second_factor_reset(*, user: User, actor: Actor) -> None:
    """Remove ``user``'s second factor, so they enrol again at their next sign-in.

    An administrator does it, never for their own account: whoever lost
    their phone asks another.
    """
    require(actor, Action.MANAGE_USERS)
    if getattr(actor, "pk", None) == user.pk:
        raise PermissionDenied(
            _("Otra persona administradora debe restablecer su segundo factor.")
        )
    SecondFactor.objects.filter(user=user).delete()
