"""The signed link an organisation's legal representative verifies the e-mail with.

The token signs the organisation and the account created with it, under its
own salt, and expires after ``VERIFY_DAYS``. Using it twice does no harm:
the organisation is already past verification and the page says so.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "ruta.grants.signup"
VERIFY_DAYS = 3
MAX_TOKEN_LENGTH = 200


class LinkRefused(Exception):
    """A verification link that is forged or expired."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "forged" or "expired"


def verify_token(organization_pk: int, user_pk: int) -> str:
    """Return the signed, expiring token of an organisation's sign-up."""
    return signing.dumps({"o": organization_pk, "u": user_pk}, salt=SALT)


def verify_token_read(token: str) -> tuple[int, int]:
    """Return the organisation and user a token signs; ``LinkRefused`` otherwise."""
    if len(token) > MAX_TOKEN_LENGTH:
        raise LinkRefused("forged")
    try:
        data = signing.loads(token, salt=SALT, max_age=VERIFY_DAYS * 24 * 3600)
    except signing.SignatureExpired as expired:
        raise LinkRefused("expired") from expired
    except signing.BadSignature as bad:
        raise LinkRefused("forged") from bad
    organization, user = data.get("o"), data.get("u")
    if not isinstance(organization, int) or not isinstance(user, int):
        raise LinkRefused("forged")
    return organization, user


def verify_link(organization_pk: int, user_pk: int) -> str:
    """Return the full address of the verification page (in the active language)."""
    path = reverse(
        "grants:signup_verify", kwargs={"token": verify_token(organization_pk, user_pk)}
    )
    return settings.RUTA_SITE_URL.rstrip("/") + path
