"""Pure rules of accounts: separation of duties.

Who wrote a record never approves it. The rule is one comparison, kept here
so every approval (a work's, a POA year's plan and quarters, an indicator's
result, a commitment's report) asks the same question the same way, and the
database reading that gathers the writers (``ruta.accounts.duties``) stays
apart from it.
"""

from __future__ import annotations

from collections.abc import Collection

# The code of the refusal every approval gives to its own writer.
SAME_PERSON = "same_person"


def approver_wrote(approver: int | None, writers: Collection[int]) -> bool:
    """Return whether ``approver`` is among ``writers`` of what they would approve.

    ``None`` is no person (a command, an import run by the platform, the
    demo): it writes under its own name and is never one of the writers.
    Being an administrator changes nothing.
    """
    return approver is not None and approver in writers


# The roles that sign in with a second factor (an authenticator's code after
# the password): those who approve, publish, score, read personal data or
# run the site. Capture staff and committee members may add one; applicant
# organisations and citizens sign in as before.
SECOND_FACTOR_ROLES = frozenset({"validator", "reviewer", "auditor", "administrator"})


def second_factor_required(roles: Collection[str], *, superuser: bool) -> bool:
    """Return whether an account holding ``roles`` must use a second factor."""
    return superuser or not SECOND_FACTOR_ROLES.isdisjoint(roles)


# The roles administrators give staff on the site's staff page. Committee
# members get theirs from their committee's invitation and organisations
# sign up themselves, so neither is offered there.
STAFF_ROLES = ("administrator", "validator", "capture", "reviewer", "auditor")
# Administrators run the whole instance; every other role reaches only the
# agency or municipality it is given (an unscoped one reaches nothing).
UNSCOPED_ROLES = frozenset({"administrator"})
STAFF_ROLE_UNSCOPED = "role_unscoped"
STAFF_ROLE_SCOPED_ADMINISTRATOR = "administrator_scoped"
STAFF_OWN_ADMINISTRATION = "own_administration"
STAFF_LAST_ADMINISTRATOR = "last_administrator"


def staff_scope_problem(role: str, *, scoped: bool) -> str | None:
    """Return why ``role`` cannot be given with (or without) a scope, if it cannot."""
    if role in UNSCOPED_ROLES:
        return STAFF_ROLE_SCOPED_ADMINISTRATOR if scoped else None
    return None if scoped else STAFF_ROLE_UNSCOPED


def staff_removal_problem(
    role: str, *, own: bool, administrators_left: int
) -> str | None:
    """Return why a role may not be removed, if it may not.

    An administrator never removes their own administration (another one
    does, so the site is never left without a way in by mistake), and the
    last administrator's role stays.
    """
    if role not in UNSCOPED_ROLES:
        return None
    if own:
        return STAFF_OWN_ADMINISTRATION
    return STAFF_LAST_ADMINISTRATOR if administrators_left < 1 else None
