"""Invitations: an account made for someone, who chooses its password by e-mail.

A person given an account by staff (a committee member) never receives a
password: the account is made without a usable one and the person gets a
link, signed with Django's password-reset tokens, where they choose it. The
link is good for ``PASSWORD_RESET_TIMEOUT`` and once: choosing a password
changes the hash the token signs. The app that invites words the message and
sends it through the outbox (``ruta.common.mail``), in its transaction, so
an invitation whose account was rolled back is never sent.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ruta.accounts.models import User

INVITATION_DAYS = settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)


def site_address(path: str) -> str:
    """Return ``path`` on the site (``RUTA_SITE_URL``), for a message."""
    return settings.RUTA_SITE_URL.rstrip("/") + path


def invitation_path(user: User) -> str:
    """Return the path where ``user`` chooses their password (signed, expiring)."""
    return reverse(
        "accounts:invitation",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )


def invitation_link(user: User) -> str:
    """Return the absolute link of ``user``'s invitation, for the e-mail."""
    return site_address(invitation_path(user))


def invitation_steps(user: User) -> str:
    """Return the message's paragraph that lets a new account choose its password."""
    return _(
        "Para entrar, elija su contraseña en este enlace (vale %(days)s días "
        "y una sola vez):\n\n%(link)s\n\nSu usuario es este correo: %(email)s."
    ) % {"days": INVITATION_DAYS, "link": invitation_link(user), "email": user.email}
