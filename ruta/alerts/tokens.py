"""Signed links: confirm a subscription, leave it, see and correct one's data.

A confirmation link signs the subscription and its one-time nonce, and
expires (``RUTA_ALERTS_CONFIRM_HOURS``); confirming spends the nonce, so the
same link used again is refused. The other links sign the subscription's
access key, which erasure replaces, so they die with the data.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "ruta.alerts.confirm"
ACCESS_SALT = "ruta.alerts.access"
TOKEN_MAX_LENGTH = 300


class TokenRefused(Exception):
    """A link that is forged, expired, already used or of erased data."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "forged", "expired" or "spent"


def confirm_token(subscription_id: int, nonce: str) -> str:
    """Return the signed, expiring confirmation token of a subscription."""
    return signing.dumps({"s": subscription_id, "n": nonce}, salt=CONFIRM_SALT)


def confirm_token_read(token: str) -> tuple[int, str]:
    """Return the subscription id and nonce a confirmation token signs."""
    max_age = settings.RUTA_ALERTS_CONFIRM_HOURS * 3600
    return _read(token, CONFIRM_SALT, max_age, ("s", "n"))


def access_token(subscription_id: int, access_key: str) -> str:
    """Return the signed token of the unsubscribe and "my data" links."""
    return signing.dumps({"s": subscription_id, "k": access_key}, salt=ACCESS_SALT)


def access_token_read(token: str) -> tuple[int, str]:
    """Return the subscription id and access key an access token signs."""
    return _read(token, ACCESS_SALT, None, ("s", "k"))


def _read(
    token: str, salt: str, max_age: int | None, keys: tuple[str, str]
) -> tuple[int, str]:
    if len(token) > TOKEN_MAX_LENGTH:
        raise TokenRefused("forged")
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as expired:
        raise TokenRefused("expired") from expired
    except signing.BadSignature as bad:
        raise TokenRefused("forged") from bad
    ident, secret = data.get(keys[0]), data.get(keys[1])
    if not isinstance(ident, int) or not isinstance(secret, str):
        raise TokenRefused("forged")
    return ident, secret
