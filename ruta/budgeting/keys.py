"""The keyed hashes a vote keeps instead of contacts and codes.

Keyed with the site's secret (``salted_hmac``), so no one without it can
test a list of addresses or codes against what is stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.crypto import salted_hmac

if TYPE_CHECKING:
    from ruta.budgeting.models import Period


def contact_key(period: Period, channel: str, address: str) -> str:
    """Return the keyed hash of a normalised contact for ``period``.

    Keyed with the site's secret, so no one without it can test a list of
    addresses against the hashes; per period, so voters of two periods
    cannot be matched.
    """
    value = f"{period.pk}:{channel}:{address}"
    return salted_hmac("ruta.budgeting.contact", value, algorithm="sha256").hexdigest()


def code_hash(vote_code_key: str, code: str) -> str:
    """Return the keyed hash a code is kept as, bound to its contact's key."""
    return salted_hmac(
        "ruta.budgeting.code", f"{vote_code_key}:{code}", algorithm="sha256"
    ).hexdigest()
