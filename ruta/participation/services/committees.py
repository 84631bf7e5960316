"""Writes on committees: forming one, its members, their accounts, a roster import.

Capture staff of the work's scope form the committee. Its members are
personal data: writing them needs the right to read them as well, so adding,
replacing or removing a member, giving them an account and importing a
roster take capture and personal-data access over the work (validators of
the scope, administrators). A member leaves only with a reason, kept in the
audit history beside the removal. Every write is atomic and audited; a
refusal names the field and the reason and stores nothing.

A member's account is made here, not by an administrator: it holds only the
committee-member role, which reaches nothing but the committees whose seats
name the account (``Committee.oversight_scope``), and its password is chosen
by the member through the invitation e-mail (``ruta.accounts.invitations``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, service
from ruta.accounts.invitations import invitation_steps
from ruta.accounts.models import Role, RoleAssignment, User, email_key
from ruta.accounts.permissions import Action, can, require
from ruta.common.mail import mail_send
from ruta.common.models import MailKind
from ruta.common.refusals import refusal
from ruta.participation import roster as rosters
from ruta.participation.models import (
    SINGLE_HOLDER_ROLES,
    Committee,
    CommitteeMember,
    MemberRole,
)
from ruta.participation.rules import OVERSEEN_STATUSES
from ruta.sources.findings import Finding
from ruta.works.models import Work, WorkStatus

REASON_MAX = 500


def _may_write_members(actor: Actor, committee: Committee | Work) -> bool:
    return can(actor, Action.CAPTURE, committee) and can(
        actor, Action.VIEW_PERSONAL_DATA, committee
    )


def _members_require(actor: Actor, committee: Committee) -> None:
    require(actor, Action.CAPTURE, committee)
    require(actor, Action.VIEW_PERSONAL_DATA, committee)


def _formable_or_raise(work: Work, formed_on: date) -> None:
    if work.status == WorkStatus.CANCELLED:
        raise refusal(
            _("La obra %(id)s está cancelada: no se forma su comité.")
            % {"id": work.public_id},
            "work_cancelled",
        )
    if Committee.objects.filter(work=work).exists():
        raise refusal(
            _("La obra %(id)s ya tiene comité ciudadano.") % {"id": work.public_id},
            "committee_exists",
        )
    if formed_on > timezone.localdate():
        raise refusal(
            _("La fecha no puede ser posterior a hoy."), "date_in_future", "formed_on"
        )


def _committee_write(
    work: Work, name: str, formed_on: date, is_demo: bool = False
) -> Committee:
    committee = Committee(
        work=work,
        name=name.strip()
        or _("Comité ciudadano de la obra %(id)s") % {"id": work.public_id},
        formed_on=formed_on,
        is_demo=is_demo,
    )
    committee.full_clean()
    committee.save()
    return committee


@service
def committee_form(
    *,
    work: Work,
    name: str,
    formed_on: date,
    is_demo: bool = False,
    actor: Actor,
) -> Committee:
    """Form the citizen committee of a work (one per work, dated today or before)."""
    require(actor, Action.CAPTURE, work)
    _formable_or_raise(work, formed_on)
    return _committee_write(work, name, formed_on, is_demo)


def _office_free_or_raise(committee: Committee, role: str, *, leaving: int = 0) -> None:
    holders = committee.members.filter(role=role).exclude(pk=leaving)
    if role in SINGLE_HOLDER_ROLES and holders.exists():
        raise refusal(
            _("El comité ya tiene quien ocupe «%(role)s».")
            % {"role": MemberRole(role).label},
            "role_taken",
            "role",
        )


def _member_write(
    committee: Committee, full_name: str, role: str, phone: str, email: str
) -> CommitteeMember:
    member = CommitteeMember(
        committee=committee,
        full_name=full_name.strip(),
        role=role,
        phone=phone.strip(),
        email=email_key(email),
    )
    member.full_clean()
    member.save()
    return member


@service
def committee_member_add(
    *,
    committee: Committee,
    full_name: str,
    role: MemberRole,
    phone: str = "",
    email: str = "",
    actor: Actor,
) -> CommitteeMember:
    """Add a member; presidency, secretary and treasury are held by one person.

    Writing personal data needs the right to read it as well: the actor must
    hold both capture and personal-data access over the committee's work.
    """
    _members_require(actor, committee)
    _office_free_or_raise(committee, role)
    return _member_write(committee, full_name, role, phone, email)


def _reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise refusal(
            _("Escriba el motivo: queda en la bitácora de auditoría."),
            "reason_required",
            "reason",
        )
    if len(reason) > REASON_MAX:
        raise refusal(
            _("El motivo admite hasta %(max)s caracteres.") % {"max": REASON_MAX},
            "reason_too_long",
            "reason",
        )
    return reason


@service
def committee_member_remove(
    *, member: CommitteeMember, reason: str, actor: Actor
) -> None:
    """Take a member off the committee, saying why (kept in the audit history).

    The seat's account, if any, no longer reaches the committee's work.
    """
    _members_require(actor, member.committee)
    with pghistory.context(reason=_reason(reason)):
        member.delete()


@service
def committee_member_replace(
    *,
    member: CommitteeMember,
    full_name: str,
    phone: str = "",
    email: str = "",
    reason: str,
    actor: Actor,
) -> CommitteeMember:
    """Give a member's office to another person, saying why; return the new member."""
    _members_require(actor, member.committee)
    with pghistory.context(reason=_reason(reason)):
        committee, role = member.committee, member.role
        member.delete()
        return _member_write(committee, full_name, role, phone, email)


@transaction.atomic
def committee_member_link_by_email(
    *, member: CommitteeMember, email: str, actor: Actor
) -> CommitteeMember:
    """Link ``member`` to the account whose e-mail staff typed (see below)."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(
            _("No hay una cuenta con el correo %(email)s.") % {"email": email.strip()},
            code="account_unknown",
        )
    return committee_member_link(member=member, user=user, actor=actor)


@service
def committee_member_link(
    *, member: CommitteeMember, user: User, actor: Actor
) -> CommitteeMember:
    """Give a member the account they sign in with to record oversight.

    The account must hold the committee-member role: the role says what the
    person may do, the seat says where (their committee's work only).
    """
    _members_require(actor, member.committee)
    if not user.assignments.filter(role=Role.COMMITTEE).exists():
        raise ValidationError(
            _("La cuenta no tiene el rol de integrante de comité."),
            code="account_not_committee",
        )
    member.user = user
    member.save(update_fields=["user"])
    return member


@dataclass(frozen=True)
class Invitation:
    """What inviting a member did: the account, and whether it is new."""

    user: User
    created: bool


def _invitation_mail(member: CommitteeMember, user: User, created: bool) -> None:
    """Queue the member's invitation: a link to choose a password, if new."""
    work = member.committee.work
    intro = _(
        "Usted forma parte del comité ciudadano de la obra «%(title)s» "
        "(%(id)s). Con su cuenta registra las visitas de vigilancia y el acta "
        "de entrega-recepción de la obra."
    ) % {"title": work.title, "id": work.public_id}
    if created:
        steps = invitation_steps(user)
    else:
        steps = _(
            "Entre con la cuenta que ya tiene (%(email)s); en «Mi mesa» está la "
            "vigilancia de la obra."
        ) % {"email": user.email}
    # A link to choose a password lets the member in: urgent, like a code.
    mail_send(
        kind=MailKind.SIGN_IN if created else MailKind.NOTICE,
        to=user.email,
        subject=_("Comité ciudadano de la obra %(id)s") % {"id": work.public_id},
        body=f"{intro}\n\n{steps}\n",
    )


@service
def committee_member_invite(*, member: CommitteeMember, actor: Actor) -> Invitation:
    """Give a member an account to record oversight and e-mail them an invitation.

    A new account has no password: the e-mail's link lets the member choose
    it. An existing account with the member's e-mail is linked (and given
    the committee-member role if it lacked it) and told so, with no link.
    """
    _members_require(actor, member.committee)
    member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
    if member.user_id is not None:
        raise refusal(
            _("%(name)s ya tiene cuenta para registrar visitas.")
            % {"name": member.full_name},
            "member_has_account",
        )
    if not member.email:
        raise refusal(
            _("Registre primero el correo de %(name)s: ahí le llega la invitación.")
            % {"name": member.full_name},
            "member_without_email",
        )
    user = User.objects.filter(email=email_key(member.email)).first()
    created = user is None
    if user is None:
        user = User.objects.create_user(member.email, None, full_name=member.full_name)
    RoleAssignment.objects.get_or_create(
        user=user, role=Role.COMMITTEE, agency=None, municipality=None
    )
    member.user = user
    member.save(update_fields=["user"])
    _invitation_mail(member, user, created)
    return Invitation(user=user, created=created)


# ---------------------------------------------------------------- a roster


@dataclass(frozen=True)
class RosterImport:
    """What a roster holds and whether it was written."""

    name: str
    committees: int
    members: int
    findings: tuple[Finding, ...]
    written: bool

    @property
    def accepted(self) -> bool:
        """Return whether nothing in the roster stops its import."""
        return not self.findings


def _work_findings(
    committee: rosters.RosterCommittee, work: Work | None, actor: Actor
) -> list[Finding]:
    """Return what stops forming ``committee`` on ``work``, as the services would."""
    values = {"work": committee.work}
    if work is None:
        return [
            rosters.work_unknown.found(
                where=committee.where, values=values, severity=rosters.ERROR
            )
        ]
    if not _may_write_members(actor, work):
        return [
            rosters.work_out_of_reach.found(
                where=committee.where, values=values, severity=rosters.ERROR
            )
        ]
    found = []
    if work.status not in OVERSEEN_STATUSES:
        found.append(
            rosters.work_closed.found(
                where=committee.where,
                values={**values, "status": work.get_status_display()},
                severity=rosters.ERROR,
            )
        )
    if getattr(work, "committee", None) is not None:
        found.append(
            rosters.committee_exists.found(
                where=committee.where, values=values, severity=rosters.ERROR
            )
        )
    if committee.formed_on and committee.formed_on > timezone.localdate():
        found.append(
            rosters.date_in_future.found(
                where=committee.where,
                values={**values, "date": committee.formed_on.isoformat()},
                severity=rosters.ERROR,
            )
        )
    return found


@service
def committees_import(
    *, data: bytes, name: str, dry_run: bool = False, actor: Actor
) -> RosterImport:
    """Form every committee of a roster with its members, or nothing.

    Every row is checked first, as the services forming a committee and
    adding a member check it; any finding stops the whole import, so a dry
    run (``dry_run``) shows all that a real one would refuse. The file
    itself is not kept: it is personal data. Raise ``InputError`` when the
    file is not the template.
    """
    roster = rosters.roster_read(rosters.roster_text(data, name=name), name=name)
    works = {
        work.public_id: work
        for work in Work.objects.select_related("committee").filter(
            public_id__in=[c.work for c in roster.committees]
        )
    }
    findings = list(roster.findings)
    for committee in roster.committees:
        findings += _work_findings(committee, works.get(committee.work), actor)
    members = sum(len(c.members) for c in roster.committees)
    write = not findings and not dry_run
    if write:
        _roster_write(roster.committees, works)
    return RosterImport(
        name=name,
        committees=len(roster.committees),
        members=members,
        findings=tuple(findings),
        written=write,
    )


def _roster_write(
    committees: Sequence[rosters.RosterCommittee], works: dict[str, Work]
) -> None:
    for planned in committees:
        if planned.formed_on is None:  # a finding already stopped the import
            continue
        committee = _committee_write(
            works[planned.work], planned.name, planned.formed_on
        )
        for member in planned.members:
            _member_write(
                committee, member.full_name, member.role, member.phone, member.email
            )
