"""Every permission decision of the platform, deny by default.

A user may take an action when one of their role assignments grants it and,
for scoped actions, when the assignment's scope covers the target:

- an agency assignment covers records of that agency and of the units below
  it, anywhere; with a municipality as well, only records located there;
- a municipality-only assignment is the municipal government's staff: it
  covers records of that municipality only when the record's agency is the
  municipality's ayuntamiento or one of its units. Municipal staff may not
  capture or validate a state agency's (e.g. CECOP's) works located in their
  municipality: those belong to the state agency's own staff;
- an auditor's agency assignment also covers the records of the programmes
  that agency rules though another administers them (``Scope.ruled_by``: a
  grants call's normative body supervises its projects); no other role's
  does, so the ruling body's staff capture and validate nothing there;
- an assignment with neither reaches nothing, except for administrators,
  who are global whatever their scope fields say;
- an organisation's records (a grant application, its agreement, its
  beneficiary register) name the users who act for the organisation
  (``Scope.members``): an applicant among them may apply and view the
  personal data of those records, and no other applicant may;
- a committee's oversight of its work names the accounts of the committee's
  members (``Scope.members``): a committee member among them may record
  oversight there and nowhere else, whatever their assignment's scope says.

Views, services and the API ask only ``can`` / ``require``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from django.db import connection
from django.utils.translation import gettext, gettext_noop

from ruta.accounts.actors import is_system
from ruta.accounts.models import Role, RoleAssignment
from ruta.catalog.models import Agency, AgencyKind
from ruta.catalog.scope import Scope
from ruta.common.refusals import Refused

A = TypeVar("A", bound=Agency)

__all__ = [
    "Action",
    "NotPermitted",
    "Scope",
    "agencies_where",
    "can",
    "can_anywhere",
    "can_over_any",
    "reaches",
    "require",
]


class Action(StrEnum):
    VIEW_AUDIT = "audit.view"
    MANAGE_USERS = "accounts.manage"
    MANAGE_CATALOG = "catalog.manage"
    EDIT_AGENCY = "catalog.edit_agency"
    CAPTURE = "data.capture"
    VALIDATE = "data.validate"
    VIEW_PERSONAL_DATA = "personal.view"
    RECORD_OVERSIGHT = "oversight.record"
    APPLY_GRANT = "grants.apply"
    SCORE_GRANT = "grants.score"

    @property
    def label(self) -> str:
        """Return what the action is, as a refusal's sentence names it."""
        return gettext(ACTION_LABELS[self])


# Each action in words, completing "Su cuenta no tiene permiso para …";
# marked, and translated where a refusal is read (``Refused``).
ACTION_LABELS = {
    Action.VIEW_AUDIT: gettext_noop("consultar el historial de cambios"),
    Action.MANAGE_USERS: gettext_noop("administrar cuentas y papeles"),
    Action.MANAGE_CATALOG: gettext_noop("administrar los catálogos"),
    Action.EDIT_AGENCY: gettext_noop("editar los datos de la dependencia"),
    Action.CAPTURE: gettext_noop("capturar datos"),
    Action.VALIDATE: gettext_noop("validar y aprobar datos"),
    Action.VIEW_PERSONAL_DATA: gettext_noop("ver datos personales"),
    Action.RECORD_OVERSIGHT: gettext_noop("registrar la vigilancia de un comité"),
    Action.APPLY_GRANT: gettext_noop("solicitar apoyos a nombre de una organización"),
    Action.SCORE_GRANT: gettext_noop("calificar solicitudes de apoyo"),
}


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.ADMINISTRATOR: frozenset(Action),
    Role.VALIDATOR: frozenset(
        {
            Action.VIEW_AUDIT,
            Action.CAPTURE,
            Action.VALIDATE,
            Action.VIEW_PERSONAL_DATA,
            Action.EDIT_AGENCY,
        }
    ),
    Role.CAPTURE: frozenset({Action.CAPTURE, Action.EDIT_AGENCY}),
    Role.COMMITTEE: frozenset({Action.RECORD_OVERSIGHT}),
    Role.APPLICANT: frozenset({Action.APPLY_GRANT}),
    Role.REVIEWER: frozenset({Action.SCORE_GRANT}),
    # Reads the audit history and, within its agencies, the personal data
    # and private files staff read (each read logged); holds no action that
    # writes, so every service and step refuses it.
    Role.AUDITOR: frozenset({Action.VIEW_AUDIT, Action.VIEW_PERSONAL_DATA}),
}

# Actions that need no target: the role alone decides. Applying needs no
# target to start (an organisation, a new application); on a record it is
# decided by membership (``MEMBER_ACTIONS``).
UNSCOPED_ACTIONS = frozenset({Action.VIEW_AUDIT, Action.APPLY_GRANT})
# What a role may do over a record that names the user among its members: an
# applicant over their organisation's records, a committee member over their
# committee's work.
MEMBER_ACTIONS: dict[str, frozenset[Action]] = {
    Role.APPLICANT: frozenset({Action.APPLY_GRANT, Action.VIEW_PERSONAL_DATA}),
    Role.COMMITTEE: frozenset({Action.RECORD_OVERSIGHT}),
}
# Actions that, on a record, only its members take (besides administrators).
MEMBERS_ONLY_ON_A_RECORD = frozenset({Action.APPLY_GRANT, Action.RECORD_OVERSIGHT})


class Scoped(Protocol):
    def permission_scope(self) -> Scope: ...


def scope_of(target: Scope | Scoped) -> Scope:
    """Return the scope of a record or a bare ``Scope``."""
    return target if isinstance(target, Scope) else target.permission_scope()


def _assignments(user: Any) -> list[RoleAssignment]:
    """Return the user's assignments, read once per user object."""
    cached = getattr(user, "_ruta_assignments", None)
    if cached is None:
        cached = list(user.assignments.all())
        user._ruta_assignments = cached
    return cached


@dataclass(frozen=True)
class _Agency:
    """An agency on the way up from a record's agency to the top."""

    id: int
    kind: str
    municipality_id: str | None


# Each agency asked for and every agency above it, nearest first, in one
# query for any number of them. The depth bound stops a (corrupt) cycle in
# the parent links.
_LINEAGE_SQL = """
WITH RECURSIVE lineage (root, id, parent_id, kind, municipality_id, depth) AS (
    SELECT id, id, parent_id, kind, municipality_id, 0 FROM {table}
    WHERE id = ANY(%s)
    UNION ALL
    SELECT lineage.root, agency.id, agency.parent_id, agency.kind,
           agency.municipality_id, lineage.depth + 1
    FROM {table} AS agency JOIN lineage ON agency.id = lineage.parent_id
    WHERE lineage.depth < 32
)
SELECT root, id, kind, municipality_id FROM lineage ORDER BY root, depth
"""


def _lineages(user: Any) -> dict[int, tuple[_Agency, ...]]:
    cache: dict[int, tuple[_Agency, ...]] | None = getattr(user, "_ruta_lineages", None)
    if cache is None:
        cache = {}
        user._ruta_lineages = cache
    return cache


def agency_lineages_read(user: Any, agency_ids: Iterable[int]) -> None:
    """Read the lineages of ``agency_ids`` not yet read, in one query.

    Kept on the user object, where ``_agency_lineage`` finds them: a page
    that checks a permission over every agency (a form's choices) asks
    once, not once per agency (480 queries for the demo's agencies).
    """
    cache = _lineages(user)
    wanted = sorted(set(agency_ids) - cache.keys())
    if not wanted:
        return
    sql = _LINEAGE_SQL.format(table=connection.ops.quote_name(Agency._meta.db_table))
    found: dict[int, list[_Agency]] = {agency_id: [] for agency_id in wanted}
    with connection.cursor() as cursor:
        cursor.execute(sql, [wanted])
        for root, *agency in cursor.fetchall():
            found[root].append(_Agency(*agency))
    cache.update((root, tuple(lineage)) for root, lineage in found.items())


def _agency_lineage(user: Any, agency_id: int) -> tuple[_Agency, ...]:
    """Return ``agency_id``'s agency and every agency above it.

    Read with one query per agency (or many at once beforehand,
    ``agency_lineages_read``) and kept on the user object (like
    ``_assignments``), so checking many records of one agency costs one query.
    """
    agency_lineages_read(user, [agency_id])
    return _lineages(user)[agency_id]


def agencies_where(user: Any, action: Action, agencies: Iterable[A]) -> list[A]:
    """Return the ``agencies`` where ``user`` may take ``action``, in their order.

    Their lineages are read in one query, then each is checked by ``can``.
    """
    listed = list(agencies)
    agency_lineages_read(user, [agency.pk for agency in listed])
    return [agency for agency in listed if can(user, action, agency)]


def _covers(
    assignment: RoleAssignment, scope: Scope, lineage: tuple[_Agency, ...]
) -> bool:
    """Return whether the assignment's scope includes ``scope``.

    ``lineage`` is the scope's agency and the agencies above it.
    """
    if assignment.agency_id is not None:
        return any(agency.id == assignment.agency_id for agency in lineage) and (
            assignment.municipality_id is None
            or assignment.municipality_id == scope.municipality_id
        )
    if assignment.municipality_id is None:
        return False
    # A record located nowhere (a unit of the ayuntamiento) is placed by its agency.
    return scope.municipality_id in (None, assignment.municipality_id) and any(
        agency.kind == AgencyKind.AYUNTAMIENTO
        and agency.municipality_id == assignment.municipality_id
        for agency in lineage
    )


def _audits_programme(assignment: RoleAssignment, scope: Scope) -> bool:
    """Return whether an auditor's assignment is to the body ruling the record."""
    return (
        assignment.role == Role.AUDITOR
        and scope.ruled_by is not None
        and assignment.agency_id == scope.ruled_by
        and assignment.municipality_id is None
    )


def is_administrator(user: Any) -> bool:
    """Return whether ``user`` is an administrator (global, whatever the scope).

    A system actor (a command, an import, a job) is trusted alike.
    """
    if is_system(user):
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(
        assignment.role == Role.ADMINISTRATOR for assignment in _assignments(user)
    )


def _any_covers(
    user: Any, assignments: list[RoleAssignment], target: Scope | Scoped
) -> bool:
    """Return whether one of ``assignments`` covers ``target``."""
    scope = scope_of(target)
    if scope.agency_id is None:
        # Every scoped assignment reaches a record through the record's agency.
        return False
    lineage = None
    for assignment in assignments:
        if assignment.agency_id is None and assignment.municipality_id is None:
            continue
        if _audits_programme(assignment, scope):
            return True
        lineage = lineage or _agency_lineage(user, scope.agency_id)
        if _covers(assignment, scope, lineage):
            return True
    return False


def can(user: Any, action: Action, target: Scope | Scoped | None = None) -> bool:
    """Return whether ``user`` may take ``action`` (on ``target``)."""
    if is_system(user):
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if target is not None and _acts_for(user, action, target):
        return True
    granting = [
        assignment
        for assignment in _assignments(user)
        if action in ROLE_ACTIONS.get(assignment.role, frozenset())
    ]
    if any(assignment.role == Role.ADMINISTRATOR for assignment in granting):
        return True
    if action in UNSCOPED_ACTIONS and (
        target is None or action not in MEMBERS_ONLY_ON_A_RECORD
    ):
        return bool(granting)
    if action in MEMBERS_ONLY_ON_A_RECORD:
        return False  # on a record: only the users it names as members
    return target is not None and _any_covers(user, granting, target)


def _acts_for(user: Any, action: Action, target: Scope | Scoped) -> bool:
    """Return whether the record names ``user`` and one of their roles acts there."""
    if not any(
        action in MEMBER_ACTIONS.get(assignment.role, frozenset())
        for assignment in _assignments(user)
    ):
        return False
    return user.pk in scope_of(target).members


def reaches(user: Any, target: Scope | Scoped) -> bool:
    """Return whether any of ``user``'s assignments covers ``target``, whatever role.

    For listings that say a record changed without showing what it holds (the
    audit history); taking an action still needs ``can``.
    """
    if is_system(user):
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return is_administrator(user) or _any_covers(user, _assignments(user), target)


def can_anywhere(user: Any, action: Action) -> bool:
    """Return whether ``user`` may take ``action`` over at least some scope.

    For menus and queues: it says whether to offer the action at all; each
    record is still checked with ``can``.
    """
    if is_system(user):
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        action in ROLE_ACTIONS.get(assignment.role, frozenset())
        and (
            assignment.role == Role.ADMINISTRATOR
            or action in UNSCOPED_ACTIONS
            or action in MEMBER_ACTIONS.get(assignment.role, frozenset())
            or assignment.agency_id is not None
            or assignment.municipality_id is not None
        )
        for assignment in _assignments(user)
    )


def can_over_any(user: Any, action: Action, targets: Iterable[Scope | Scoped]) -> bool:
    """Return whether ``user`` may take ``action`` over at least one of ``targets``.

    For a task that belongs to a kind of body rather than to one record:
    reviewing organisations that signed up is for the staff of any agency
    that administers a grants call, not for validators anywhere. Unlike
    ``can_anywhere``, the assignment must cover one of ``targets``; their
    agencies' lineages are read in one query.
    """
    if is_administrator(user):  # global, whether or not a target exists yet
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    scopes = [scope_of(target) for target in targets]
    agency_lineages_read(
        user, [scope.agency_id for scope in scopes if scope.agency_id is not None]
    )
    return any(can(user, action, scope) for scope in scopes)


class NotPermitted(Refused):
    """The permission rules' refusal: which action, over a record or anywhere."""

    code = "not_permitted"

    def __init__(self, user: Any, action: Action, *, anywhere: bool = False) -> None:
        where = "anywhere" if anywhere else "here"
        super().__init__(
            f"{user} may not {action.value} {where}",
            NOT_ANYWHERE if anywhere else NOT_HERE,
            words={"action": ACTION_LABELS[action]},
        )
        self.action = action


NOT_HERE = gettext_noop(
    "Su cuenta no tiene permiso para %(action)s en esta dependencia o municipio."
)
NOT_ANYWHERE = gettext_noop("Su cuenta no tiene permiso para %(action)s.")


def require(user: Any, action: Action, target: Scope | Scoped | None = None) -> None:
    """Raise ``NotPermitted`` (a ``PermissionDenied``) unless ``user`` may."""
    if not can(user, action, target):
        # Over no record, the role alone decided: no scope to name.
        raise NotPermitted(user, action, anywhere=target is None)


def require_anywhere(user: Any, action: Action) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may take ``action`` somewhere.

    For what is not yet tied to a record (an upload, a queue, a desk page):
    each record it reaches is still checked with ``require``.
    """
    if not can_anywhere(user, action):
        raise NotPermitted(user, action, anywhere=True)
