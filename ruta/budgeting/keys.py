"""The keyed hashes a vote keeps instead of contacts and codes.

Keyed with the site's secret (``salted_hmac``), so no one without it can
test a list of addresses or codes against what is stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.crypto import salted_hmac

from ruta.budgeting.verification import EMAIL
from ruta.common.text.contacts import mailbox_key, phone_clean

if TYPE_CHECKING:
    from ruta.budgeting.models import Period


def contact_identity(channel: str, address: str) -> str | None:
    """Return who a contact is, for "one ballot per contact"; None if malformed.

    An e-mail address is its mailbox (``voter+2@…`` is ``voter@…``; a
    Gmail address without its dots), a phone is ``52`` and ten digits
    (``ruta.common.text.contacts``): every spelling of one contact is one key.
    """
    return mailbox_key(address) if channel == EMAIL else phone_clean(address)


def contact_key(period: Period, channel: str, address: str) -> str:
    """Return the keyed hash of a contact for ``period``, however it was typed.

    Keyed with the site's secret, so no one without it can test a list of
    addresses against the hashes; per period, so voters of two periods
    cannot be matched.
    """
    identity = contact_identity(channel, address)
    if identity is None:
        raise ValueError(f"not a contact of channel {channel}")
    value = f"{period.pk}:{channel}:{identity}"
    return salted_hmac("ruta.budgeting.contact", value, algorithm="sha256").hexdigest()


def code_hash(vote_code_key: str, code: str) -> str:
    """Return the keyed hash a code is kept as, bound to its contact's key."""
    return salted_hmac(
        "ruta.budgeting.code", f"{vote_code_key}:{code}", algorithm="sha256"
    ).hexdigest()
