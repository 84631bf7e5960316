"""Writes on committees: forming one for a work and adding its members."""

from __future__ import annotations

from datetime import date

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audit_context
from ruta.accounts.permissions import Action, require
from ruta.participation.models import (
    SINGLE_HOLDER_ROLES,
    Committee,
    CommitteeMember,
    MemberRole,
)
from ruta.works.models import Work, WorkStatus


@transaction.atomic
def committee_form(
    *,
    work: Work,
    name: str,
    formed_on: date,
    is_demo: bool = False,
    actor: Actor,
) -> Committee:
    """Form the citizen committee of a work (one per work)."""
    require(actor, Action.CAPTURE, work)
    if work.status == WorkStatus.CANCELLED:
        raise ValidationError(
            _("La obra %(id)s está cancelada: no se forma su comité."),
            code="work_cancelled",
            params={"id": work.public_id},
        )
    if Committee.objects.filter(work=work).exists():
        raise ValidationError(
            _("La obra %(id)s ya tiene comité ciudadano."),
            code="committee_exists",
            params={"id": work.public_id},
        )
    committee = Committee(work=work, name=name, formed_on=formed_on, is_demo=is_demo)
    committee.full_clean()
    with pghistory.context(**audit_context(actor), service="committee_form"):
        committee.save()
    return committee


@transaction.atomic
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
    require(actor, Action.CAPTURE, committee)
    require(actor, Action.VIEW_PERSONAL_DATA, committee)
    if role in SINGLE_HOLDER_ROLES and committee.members.filter(role=role).exists():
        raise ValidationError(
            _("El comité ya tiene quien ocupe «%(role)s»."),
            code="role_taken",
            params={"role": MemberRole(role).label},
        )
    member = CommitteeMember(
        committee=committee,
        full_name=full_name.strip(),
        role=role,
        phone=phone.strip(),
        email=email.strip().lower(),
    )
    member.full_clean()
    with pghistory.context(**audit_context(actor), service="committee_member_add"):
        member.save()
    return member
