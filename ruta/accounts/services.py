"""Writes on accounts and on what staff may edit of their own agency.

Creating users and granting roles, with audit context; ``agency_update`` is
here rather than in the catalog because it is decided by roles, which the
catalog layer below accounts cannot see.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts import rules
from ruta.accounts.actors import Actor, service
from ruta.accounts.invitations import invitation_steps, site_address
from ruta.accounts.models import Role, RoleAssignment, User, email_key
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency, Municipality
from ruta.common.mail import mail_send
from ruta.common.models import MailKind


@service
def user_create(
    *, email: str, password: str | None, full_name: str = "", actor: Actor
) -> User:
    """Create a user; the manager checks the password policy (12+ characters).

    ``None`` makes an account that cannot sign in (``UserManager.create_user``).
    """
    require(actor, Action.MANAGE_USERS)
    return User.objects.create_user(email, password, full_name=full_name)


@service
def role_assign(
    *,
    user: User,
    role: Role,
    agency_id: int | None = None,
    municipality_id: str | None = None,
    actor: Actor,
) -> RoleAssignment:
    """Grant ``role`` to ``user`` over an agency and/or a municipality.

    Administrators also get the Django admin, where catalogs, fiscal years
    and users are kept.
    """
    require(actor, Action.MANAGE_USERS)
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        agency_id=agency_id,  # type: ignore[misc]  # None is a valid lookup: IS NULL
        municipality_id=municipality_id,
    )
    if role == Role.ADMINISTRATOR and not user.is_superuser:
        # Administrators run the Django admin (users, catalogs, years).
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    user.__dict__.pop("_ruta_assignments", None)
    return assignment


@service
def role_remove(*, assignment: RoleAssignment, actor: Actor) -> None:
    """Take a role away from an account (audited as the assignment's deletion).

    An administrator never removes their own administration, and the last
    administrator stays (``rules.staff_removal_problem``). Losing the
    administration also takes away the Django admin.
    """
    require(actor, Action.MANAGE_USERS)
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    administrators = RoleAssignment.objects.filter(role=Role.ADMINISTRATOR)
    problem = rules.staff_removal_problem(
        assignment.role,
        own=assignment.user_id == getattr(actor, "pk", None),
        administrators_left=administrators.exclude(pk=assignment.pk)
        .values("user")
        .distinct()
        .count(),
    )
    if problem is not None:
        raise ValidationError(_REMOVAL_REFUSALS[problem], code=problem)
    user = assignment.user
    assignment.delete()
    if (
        assignment.role == Role.ADMINISTRATOR
        and not administrators.filter(user=user).exists()
    ):
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    user.__dict__.pop("_ruta_assignments", None)


_REMOVAL_REFUSALS = {
    rules.STAFF_OWN_ADMINISTRATION: gettext_lazy(
        "Nadie quita su propia función de administración: pídalo a otra "
        "persona administradora."
    ),
    rules.STAFF_LAST_ADMINISTRATOR: gettext_lazy(
        "Es la última persona administradora: dé primero la función a otra cuenta."
    ),
}


@dataclass(frozen=True)
class StaffInvitation:
    """What inviting staff did: the account, its new role, whether it is new."""

    user: User
    assignment: RoleAssignment
    created: bool


@service
def staff_invite(
    *,
    email: str,
    full_name: str,
    role: Role,
    agency: Agency | None = None,
    municipality: Municipality | None = None,
    actor: Actor,
) -> StaffInvitation:
    """Give a person a staff role, making their account if they have none.

    A new account has no password: the e-mail's link lets the person choose
    it (``ruta.accounts.invitations``). An existing account gets the role and
    is told so. The role reaches what it is given: administrators the whole
    instance, every other role an agency or a municipality.
    """
    require(actor, Action.MANAGE_USERS)
    if role not in rules.STAFF_ROLES:
        raise ValidationError(
            _("Esa función no se da desde esta página."), code="role_not_staff"
        )
    problem = rules.staff_scope_problem(
        role, scoped=agency is not None or municipality is not None
    )
    if problem is not None:
        raise ValidationError(_SCOPE_REFUSALS[problem], code=problem)
    user = User.objects.filter(email=email_key(email)).first()
    created = user is None
    if user is None:
        user = user_create(
            email=email, password=None, full_name=full_name.strip(), actor=actor
        )
    elif user.assignments.filter(
        role=role, agency=agency, municipality=municipality
    ).exists():
        raise ValidationError(
            _("Esa cuenta ya tiene esa función ahí."), code="role_held"
        )
    assignment = role_assign(
        user=user,
        role=role,
        agency_id=agency.pk if agency else None,
        municipality_id=municipality.pk if municipality else None,
        actor=actor,
    )
    _staff_mail(assignment, created)
    return StaffInvitation(user, assignment, created)


_SCOPE_REFUSALS = {
    rules.STAFF_ROLE_UNSCOPED: gettext_lazy(
        "Elija la dependencia o el municipio que alcanza esa función: sin uno, "
        "no alcanza ningún registro."
    ),
    rules.STAFF_ROLE_SCOPED_ADMINISTRATOR: gettext_lazy(
        "La administración alcanza todo el sitio: no se da por dependencia ni "
        "por municipio."
    ),
}


def _staff_mail(assignment: RoleAssignment, created: bool) -> None:
    """Queue the message telling the person their role (and link, if new)."""
    user = assignment.user
    intro = _("En %(site)s usted tiene ahora la función «%(role)s».") % {
        "site": site_address("/"),
        "role": str(assignment),
    }
    if created:
        steps = invitation_steps(user)
    else:
        steps = _(
            "Entre con la cuenta que ya tiene (%(email)s); sus tareas están en "
            "«Mi mesa»."
        ) % {"email": user.email}
    mail_send(
        kind=MailKind.SIGN_IN if created else MailKind.NOTICE,
        to=user.email,
        subject=_("Su función en el sitio"),
        body=f"{intro}\n\n{steps}\n",
    )


@service
def agency_update(
    *, actor: Actor, agency: Agency, name: str | None = None, acronym: str | None = None
) -> Agency:
    """Change an agency's published name or acronym, within the actor's scope."""
    require(actor, Action.EDIT_AGENCY, agency)
    if name is not None:
        agency.name = name.strip()
    if acronym is not None:
        agency.acronym = acronym.strip()
    agency.full_clean()
    agency.save(update_fields=["name", "acronym"])
    return agency
