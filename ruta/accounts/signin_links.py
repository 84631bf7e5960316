"""A sign-in link by mail: the right password gets in while an account is attacked.

When many addresses have failed on one account (``ruta.accounts.throttle``),
a pause would lock its owner out too. So the password is still checked, but
it no longer signs in by itself: when it is right, a link is mailed to the
account's address, good for ``LINK_MINUTES`` and once (signing in changes
the last sign-in the token signs). The page answers the same whether the
password was right, wrong, or the account does not exist, so the attacker
learns nothing and gets in only with the owner's mailbox. The link's page
asks for a press of a button: a mail scanner that follows links signs no
one in.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import (
    base36_to_int,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)
from django.utils.translation import gettext as _

from ruta.accounts.invitations import site_address
from ruta.accounts.models import User, email_key
from ruta.common.mail import mail_send
from ruta.common.models import MailKind

LINK_MINUTES = 15


class _SignInTokens(PasswordResetTokenGenerator):
    """Django's password-reset tokens, under their own salt, for minutes."""

    key_salt = "ruta.accounts.signin_links"

    def check_token(self, user: User | None, token: str | None) -> bool:
        """Return whether ``token`` is ``user``'s and younger than ``LINK_MINUTES``."""
        if user is None or not token or not super().check_token(user, token):
            return False
        try:
            stamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        return self._num_seconds(self._now()) - stamp <= LINK_MINUTES * 60


TOKENS = _SignInTokens()


def password_owner(email: str, password: str) -> User | None:
    """Return the active account of ``email`` if ``password`` is its own.

    An unknown address costs the same hashing as a known one (as Django's
    own backend does), so the time taken does not tell them apart.
    """
    user = User.objects.filter(email=email_key(email), is_active=True).first()
    if user is None:
        User().set_password(password)
        return None
    return user if user.check_password(password) else None


def sign_in_link_path(user: User) -> str:
    """Return the path that signs ``user`` in (signed, for minutes, once)."""
    return reverse(
        "accounts:sign-in-link",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), TOKENS.make_token(user)],
    )


def sign_in_link_send(user: User, language: str) -> None:
    """Mail ``user`` a link to sign in, urgent, in ``language``."""
    with translation.override(language):
        subject = _("Enlace para entrar a %(site)s") % {"site": settings.RUTA_SITE_NAME}
        body = _(
            "Alguien escribió la contraseña correcta de su cuenta en %(site)s "
            "mientras la cuenta recibía muchos intentos fallidos desde otras "
            "direcciones. Por eso la contraseña sola no basta por ahora.\n\n"
            "Si fue usted, abra este enlace para entrar (vence en %(minutes)s "
            "minutos y sirve una vez):\n%(link)s\n\nSi no fue usted, alguien "
            "conoce su contraseña: cámbiela o pida a la administración que la "
            "restablezca."
        ) % {
            "site": settings.RUTA_SITE_NAME,
            "minutes": LINK_MINUTES,
            "link": site_address(sign_in_link_path(user)),
        }
    mail_send(kind=MailKind.SIGN_IN, to=user.email, subject=subject, body=body)


def sign_in_link_user(uidb64: str, token: str) -> User | None:
    """Return the account the link signs in, or None if it is not valid now."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    return user if TOKENS.check_token(user, token) else None
