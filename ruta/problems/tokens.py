"""The private link a reporter reads, corrects or deletes their contact with.

The token is the report's number signed with the site's secret key (Django's
``signing``), under its own salt, so it cannot be forged or reused for
another record; it stays valid until the contact is deleted or expires,
since the right to see one's data lasts as long as the data.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "ruta.problems.contact"
MAX_TOKEN_LENGTH = 200


def contact_token(report_pk: int) -> str:
    """Return the signed token of report ``report_pk``'s contact link."""
    return signing.dumps({"r": report_pk}, salt=SALT, compress=True)


def contact_token_read(token: str) -> int | None:
    """Return the report number ``token`` signs, or ``None`` if it is not valid."""
    if len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    number = value.get("r") if isinstance(value, dict) else None
    return number if isinstance(number, int) and number > 0 else None


def api_key_hash(secret: str) -> str:
    """Return the stored fingerprint of an Open311 key.

    Keys are 256 random bits, not passwords: a fast hash is enough, as
    there is nothing to guess that a slow one would protect.
    """
    return hashlib.sha256(secret.encode()).hexdigest()


def contact_link(report_pk: int) -> str:
    """Return the full address of a report's private contact page."""
    path = reverse("problems:contact", kwargs={"token": contact_token(report_pk)})
    return settings.RUTA_SITE_URL.rstrip("/") + path
