"""Organisations that sign up on their own: the form, the e-mail, staff's review.

The legal representative fills in the organisation (RFC and CLUNI checked
by ``ruta.common.text.rfc`` and ``rules.identifiers``) and an account for
themselves; the account cannot sign in until the e-mailed link is followed
(the representative then becomes an applicant acting for it, who reads its
page), and the organisation cannot apply until staff of an administering
body approve it; a rejection says why. Each message goes through the mail queue in the
same transaction as the change it announces.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.actors import Actor, SystemActor, service
from ruta.accounts.models import Role, RoleAssignment, User, email_key
from ruta.accounts.permissions import Action, NotPermitted
from ruta.common.mail import (
    RecipientLimitReached,
    mail_send,
    recipient_limit_refusal,
)
from ruta.common.models import MailKind
from ruta.common.refusals import refusal
from ruta.common.text.rfc import RfcHolder, rfc_check
from ruta.grants.models import Organization, OrganizationStatus
from ruta.grants.rules.identifiers import cluni_check
from ruta.grants.selectors.organizations import may_review
from ruta.grants.tokens import VERIFY_DAYS, LinkRefused, verify_link, verify_token_read

SIGNUP_FORM = SystemActor("organisation sign-up form")
VERIFY_LINK = SystemActor("organisation e-mail link")

CLUNI_ERRORS = {
    "cluni_format": gettext_lazy(
        "«%(cluni)s» no es una CLUNI: son 14 caracteres (tres letras, la fecha de "
        "constitución AAMMDD, la clave del estado, dos dígitos y una letra)."
    ),
    "cluni_date": gettext_lazy(
        "La fecha de constitución de la CLUNI «%(cluni)s» no existe."
    ),
    "cluni_state": gettext_lazy(
        "La clave de estado de la CLUNI «%(cluni)s» no es de una entidad (01 a 32)."
    ),
}


def _checked_rfc(rfc: str) -> str:
    check = rfc_check(rfc, holder=RfcHolder.COMPANY)
    if check.error:
        raise refusal(
            _("«%(rfc)s» no es el RFC de una persona moral (12 caracteres)."),
            check.error,
            "rfc",
            rfc=rfc.strip()[:20],
        )
    if Organization.objects.filter(rfc=check.value).exists():
        raise refusal(
            _(
                "Una organización con el RFC %(rfc)s ya está registrada: pida a "
                "quien la registró que le dé acceso."
            ),
            "rfc_registered",
            "rfc",
            rfc=check.value,
        )
    return check.value


def _checked_cluni(cluni: str, rfc: str) -> str:
    check = cluni_check(cluni, rfc=rfc)
    if check.error:
        raise refusal(CLUNI_ERRORS[check.error], check.error, "cluni", cluni=cluni[:30])
    return check.value


@service
def organization_signup(
    *,
    name: str,
    rfc: str,
    cluni: str,
    legal_representative: str,
    representative_email: str,
    representative_phone: str,
    contact_email: str,
    password: str | None,
    language: str = "es-mx",
    is_demo: bool = False,
    notify: bool = True,
    actor: Actor,
) -> Organization | None:
    """Register an organisation and its representative's account, unverified.

    The account is the representative's e-mail; it stays inactive, and the
    organisation ``unverified``, until the link the message carries is
    followed (``organization_email_verify``). The same sign-up again (its
    RFC and e-mail) while it waits is that sign-up: its link is sent again,
    replacing the message if it still waits in the queue, and nothing else
    changes (not the password: the link activates the account as it was
    made). ``notify=False`` (the demo) queues no message. An e-mail that
    already has an account registers nothing and returns None: its owner is
    told by mail, and the page says what it says to anyone who signs up.
    """
    login = email_key(representative_email)
    waiting = _waiting_signup(rfc, login)
    if waiting is not None:
        if notify:
            _verification_send(waiting, waiting.members.get(email=login), language)
        return waiting
    rfc_value = _checked_rfc(rfc)
    cluni_value = _checked_cluni(cluni, rfc_value)
    if User.objects.filter(email=login).exists():
        # The page answers as for a new sign-up: whether an address has an
        # account is told only to that address, by mail.
        if notify:
            _account_exists_send(login, name.strip(), language)
        return None
    user = User.objects.create_user(
        login, password, full_name=legal_representative.strip(), is_active=False
    )
    organization = Organization(
        name=name.strip(),
        rfc=rfc_value,
        cluni=cluni_value,
        legal_representative=legal_representative.strip(),
        representative_email=login,
        representative_phone=representative_phone.strip(),
        contact_email=email_key(contact_email),
        status=OrganizationStatus.UNVERIFIED,
        signed_up_at=timezone.now(),
        is_demo=is_demo,
    )
    organization.full_clean()
    organization.save()
    organization.members.add(user)
    if notify:
        _verification_send(organization, user, language)
    return organization


def _waiting_signup(rfc: str, login: str) -> Organization | None:
    """Return the unverified sign-up of the RFC made with this e-mail, if any."""
    check = rfc_check(rfc, holder=RfcHolder.COMPANY)
    if check.error:
        return None
    return Organization.objects.filter(
        rfc=check.value,
        status=OrganizationStatus.UNVERIFIED,
        representative_email=login,
        members__email=login,
    ).first()


def _verification_send(organization: Organization, user: User, language: str) -> None:
    with translation.override(language):
        body = _(
            "Se registró la organización %(name)s (RFC %(rfc)s) en %(site)s, con "
            "este correo como el de su representante legal.\n\nPara verificarlo, "
            "abra este enlace (vence en %(days)s días):\n%(link)s\n\nDespués, el "
            "personal de la instancia administradora revisa el registro y le "
            "avisa. Si no fue usted, ignore este mensaje."
        ) % {
            "name": organization.name,
            "rfc": organization.rfc,
            "site": settings.RUTA_SITE_NAME,
            "days": VERIFY_DAYS,
            "link": verify_link(organization.pk, user.pk),
        }
        subject = _("Verifique el correo de %(name)s") % {"name": organization.name}
    try:
        mail_send(
            kind=MailKind.CONFIRMATION,
            to=user.email,
            subject=subject,
            body=body,
            purpose=f"grants.signup:{organization.pk}",
        )
    except RecipientLimitReached as full:
        raise recipient_limit_refusal("representative_email") from full


def _account_exists_send(login: str, name: str, language: str) -> None:
    """Tell an address that already has an account that a sign-up named it."""
    link = settings.RUTA_SITE_URL.rstrip("/") + reverse("accounts:login")
    with translation.override(language):
        subject = _("Su correo ya tiene una cuenta en %(site)s") % {
            "site": settings.RUTA_SITE_NAME
        }
        body = _(
            "Alguien registró la organización %(name)s en %(site)s con este correo "
            "como el de su representante legal, pero el correo ya tiene una cuenta: "
            "no se registró nada.\n\nSi fue usted, entre con su cuenta (%(link)s); "
            "si olvidó la contraseña, pida a quien administra el sitio que la "
            "restablezca. Si no fue usted, ignore este mensaje."
        ) % {"name": name, "site": settings.RUTA_SITE_NAME, "link": link}
    try:
        mail_send(
            kind=MailKind.CONFIRMATION,
            to=login,
            subject=subject,
            body=body,
            purpose="grants.signup:account-exists",
        )
    except RecipientLimitReached:
        return  # the mailbox had its day's share; the page says the same


@service
def organization_email_verify(*, token: str, actor: Actor) -> Organization:
    """Verify the representative's e-mail: the account may sign in, staff review.

    A link used again changes nothing; a forged or expired one is refused
    (``LinkRefused``) and nothing changes.
    """
    organization_pk, user_pk = verify_token_read(token)
    organization = (
        Organization.objects.select_for_update().filter(pk=organization_pk).first()
    )
    user = User.objects.filter(pk=user_pk, grant_organizations=organization).first()
    if organization is None or user is None:
        raise LinkRefused("forged")
    if organization.status != OrganizationStatus.UNVERIFIED:
        return organization
    user.is_active = True
    user.save(update_fields=["is_active"])
    # An applicant acting for it: they read its page and its personal data;
    # applying waits for staff's approval (``Organization.may_apply``).
    RoleAssignment.objects.get_or_create(
        user=user, role=Role.APPLICANT, agency=None, municipality=None
    )
    organization.status = OrganizationStatus.PENDING
    organization.email_verified_at = timezone.now()
    organization.save(update_fields=["status", "email_verified_at"])
    return organization


@service
def organization_review(
    *,
    organization: Organization,
    approve: bool,
    note: str = "",
    notify: bool = True,
    actor: Actor,
) -> Organization:
    """Approve an organisation that verified its e-mail, or reject it saying why.

    Approved, it may apply; either way the representative is told by e-mail.
    """
    if not may_review(actor):
        raise NotPermitted(actor, Action.VALIDATE, anywhere=True)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if organization.status != OrganizationStatus.PENDING:
        raise refusal(
            _("Esta organización no espera revisión (está «%(status)s»)."),
            "not_pending",
            status=organization.get_status_display(),
        )
    if not approve and not note.strip():
        raise refusal(
            _("Un rechazo necesita el motivo, que la organización leerá."),
            "note_required",
            "note",
        )
    organization.status = (
        OrganizationStatus.APPROVED if approve else OrganizationStatus.REJECTED
    )
    organization.review_note = "" if approve else note.strip()
    organization.reviewed_at = timezone.now()
    try:
        organization.full_clean()
    except ValidationError as error:
        raise refusal(" ".join(error.messages), "invalid") from error
    organization.save(update_fields=["status", "review_note", "reviewed_at"])
    if notify:
        _review_send(organization)
    return organization


def _review_send(organization: Organization) -> None:
    recipients = [organization.representative_email or organization.contact_email]
    page = settings.RUTA_SITE_URL.rstrip("/") + reverse(
        "grants:organization", args=[organization.pk]
    )
    if organization.may_apply:
        subject = _("%(name)s puede solicitar apoyos") % {"name": organization.name}
        body = _(
            "El registro de %(name)s fue aprobado: ya puede presentar solicitudes "
            "a las convocatorias abiertas. Su página:\n%(link)s"
        ) % {"name": organization.name, "link": page}
    else:
        subject = _("Registro de %(name)s no aprobado") % {"name": organization.name}
        body = _(
            "El registro de %(name)s no fue aprobado: %(note)s\nSu página:\n%(link)s"
        ) % {"name": organization.name, "note": organization.review_note, "link": page}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
