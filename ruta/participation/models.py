"""Citizen oversight committees (comités ciudadanos) of public works.

Members' names and contact data are personal data: never shown on public
pages, the open API or exports. Reading the member list is recorded as a
``members_viewed`` audit event of the committee, with the reader in its
context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.common.history import row_trackers

if TYPE_CHECKING:
    from ruta.accounts.permissions import Scope

MEMBERS_VIEWED = "members_viewed"


class CommitteeQuerySet(models.QuerySet):
    def of_year(self, year: int) -> CommitteeQuerySet:
        """Return committees of works of fiscal year ``year``."""
        return self.filter(work__fiscal_year_id=year)

    def demo(self) -> CommitteeQuerySet:
        """Return the generated demonstration committees."""
        return self.filter(is_demo=True)


@pghistory.track(*row_trackers(), pghistory.ManualEvent(MEMBERS_VIEWED))
class Committee(models.Model):
    """The citizen committee that oversees one work, from start to handover."""

    work = models.OneToOneField(
        "works.Work",
        on_delete=models.CASCADE,
        related_name="committee",
        verbose_name=_("obra"),
    )
    name = models.CharField(_("nombre"), max_length=250)
    formed_on = models.DateField(_("fecha de conformación"))
    is_demo = models.BooleanField(_("datos de demostración"), default=False)
    created = models.DateTimeField(_("registrado"), auto_now_add=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["work"]
        verbose_name = _("comité ciudadano")
        verbose_name_plural = _("comités ciudadanos")

    def __str__(self) -> str:
        return self.name

    def permission_scope(self) -> Scope:
        """Return the scope of the committee's work."""
        return self.work.permission_scope()


class MemberRole(models.TextChoices):
    PRESIDENT = "president", _("Presidencia")
    SECRETARY = "secretary", _("Secretaría")
    TREASURER = "treasurer", _("Tesorería")
    COMPTROLLER = "comptroller", _("Vocal de contraloría social")
    MEMBER = "member", _("Vocal")


# Offices a committee has one holder of; vocales may be many.
SINGLE_HOLDER_ROLES = (MemberRole.PRESIDENT, MemberRole.SECRETARY, MemberRole.TREASURER)


@pghistory.track()
class CommitteeMember(models.Model):
    """A person on a committee: personal data, visible only to authorised roles."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(_("nombre completo"), max_length=200)
    role = models.CharField(_("cargo"), max_length=20, choices=MemberRole)
    phone = models.CharField(_("teléfono"), max_length=30, blank=True)
    email = models.EmailField(_("correo electrónico"), blank=True)

    class Meta:
        ordering = ["committee", "role", "full_name"]
        verbose_name = _("integrante de comité")
        verbose_name_plural = _("integrantes de comité")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "role"],
                condition=models.Q(role__in=SINGLE_HOLDER_ROLES),
                name="committee_member_single_holder_office",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"

    def permission_scope(self) -> Scope:
        """Return the scope of the member's committee (its work's scope)."""
        return self.committee.permission_scope()
