"""Contacts as keys: one mailbox, one phone, however either was typed.

Where the platform counts "one per person" (one ballot per contact in a
participatory budget) or "so many per person" (the confirmations one
address may receive a day, ``ruta.common.mail``), the count is kept per
*key*: the address or number reduced to the mailbox or phone it reaches.
A key decides who a message reaches, never where it is sent: a message
still goes to the address as typed (cleaned, ``email_clean``), so the
person's own filters on a ``+tag`` keep working.

Pure (no Django): the budgeting rules, the outbox and the tests reduce a
contact the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

EMAIL_MAX = 254
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# RFC 5233 sub-addressing: ``name+tag@domain`` is delivered to ``name``'s
# mailbox by Gmail, Outlook.com, iCloud, Proton, Fastmail and the common
# servers (Postfix's and Exim's ``recipient_delimiter``). Every domain is
# read so: a local part with a real "+" is rare, and counting two such
# people as one refuses at most a second ballot, while not doing it gives
# anyone as many ballots or confirmations as tags they can type. Yahoo's
# "-" disposable addresses are not folded: a "-" is common in real names.
SUBADDRESS_SEPARATOR = "+"


@dataclass(frozen=True)
class Provider:
    """A mail provider that reads more addresses as one mailbox than RFC 5321 does."""

    domain: str
    aliases: tuple[str, ...]
    dots_ignored: bool
    reason: str


# The one declaration of the providers whose addresses are folded further.
PROVIDERS: tuple[Provider, ...] = (
    Provider(
        domain="gmail.com",
        aliases=("googlemail.com",),
        dots_ignored=True,
        reason=(
            "Gmail delivers a.b@gmail.com and ab@gmail.com to one mailbox "
            "(Google's help: dots don't matter in Gmail addresses), and "
            "googlemail.com is the same service's other name (Germany, the UK). "
            "Google Workspace domains keep their dots, so only these domains fold."
        ),
    ),
)

_BY_DOMAIN: dict[str, Provider] = {
    name: provider
    for provider in PROVIDERS
    for name in (provider.domain, *provider.aliases)
}


def email_clean(text: str) -> str | None:
    """Return the e-mail address as typed, trimmed and in lower case; None if malformed.

    Lower case whole: providers treat the local part without case. This is
    the address a message is sent to.
    """
    email = unicodedata.normalize("NFKC", text).strip().lower()
    if len(email) > EMAIL_MAX or not EMAIL_PATTERN.match(email):
        return None
    return email


def mailbox_key(text: str) -> str | None:
    """Return the mailbox an address reaches; None if the address is malformed.

    The sub-address (``+tag``) is dropped everywhere; a provider in
    ``PROVIDERS`` also loses the dots it ignores and is named by its main
    domain: ``Ana.Luz+voto2@googlemail.com`` is ``analuz@gmail.com``.
    """
    email = email_clean(text)
    if email is None:
        return None
    local, _, domain = email.rpartition("@")
    local = local.split(SUBADDRESS_SEPARATOR, 1)[0]
    provider = _BY_DOMAIN.get(domain)
    if provider is not None:
        domain = provider.domain
        if provider.dots_ignored:
            local = local.replace(".", "")
    if not local:
        return None
    return f"{local}@{domain}"


# ------------------------------------------------------------------ phones

MEXICO = "52"
NATIONAL_DIGITS = 10
INTERNATIONAL_PREFIX = "00"
# The mobile "1" once dialled after the country code (dropped in 2019;
# WhatsApp still shows it) and the national prefixes gone with ten-digit
# dialling in 2019 (044 local mobile, 045 long-distance mobile, 01
# long distance), which people still type.
OLD_MOBILE = "1"
OLD_PREFIXES = ("044", "045", "01")


def phone_clean(text: str) -> str | None:
    """Return a Mexican number as ``52`` and ten digits; None if it is not one.

    The ten digits alone, with ``52``, ``+52``, ``0052``, the old mobile
    ``521`` or the old prefixes ``044``, ``045`` and ``01``: one phone, one
    key, and the form WhatsApp is written to.
    """
    digits = re.sub(r"\D", "", text)
    if digits.startswith(INTERNATIONAL_PREFIX + MEXICO):
        digits = digits.removeprefix(INTERNATIONAL_PREFIX)
    for prefix in OLD_PREFIXES:
        if len(digits) == len(prefix) + NATIONAL_DIGITS and digits.startswith(prefix):
            digits = digits.removeprefix(prefix)
    if len(digits) == NATIONAL_DIGITS:
        digits = MEXICO + digits
    old_mobile = MEXICO + OLD_MOBILE
    if len(digits) == len(old_mobile) + NATIONAL_DIGITS and digits.startswith(
        old_mobile
    ):
        digits = MEXICO + digits.removeprefix(old_mobile)
    if len(digits) != len(MEXICO) + NATIONAL_DIGITS or not digits.startswith(MEXICO):
        return None
    return digits
