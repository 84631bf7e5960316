"""Writes on accounts and on what staff may edit of their own agency.

Creating users and granting roles, with audit context; ``agency_update`` is
here rather than in the catalog because it is decided by roles, which the
catalog layer below accounts cannot see.
"""

from __future__ import annotations

from ruta.accounts.actors import Actor, service
from ruta.accounts.models import Role, RoleAssignment, User
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency


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
