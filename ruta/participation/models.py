"""Citizen oversight committees (comités ciudadanos) of public works.

Members' names and contact data are personal data: never shown on public
pages, the open API or exports. Reading the member list is recorded as a
``members_viewed`` audit event of the committee, with the reader in its
context.

A committee's oversight is public: its training workshop (a count, no
names), its visits with what was checked, the findings and the photos, and
its handover act with the office that received the work and the committee's
conformity or objections. The signed minutes carry the members' names and
signatures, so they are personal data: stored under a random name and served
only to the committee's members and the staff who may see its members.
"""

from __future__ import annotations

import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.catalog.scope import Scope
from ruta.common.audit.history import row_trackers
from ruta.common.files.uploads import stored
from ruta.participation.rules import MAX_ATTENDANCE, MAX_TEXT

MEMBERS_VIEWED = "members_viewed"


class CommitteeQuerySet(models.QuerySet["Committee"]):
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

    def oversight_scope(self) -> Scope:
        """Return the work's scope naming the accounts of the committee's members.

        Kept apart from ``permission_scope`` so membership grants recording
        oversight (``Role.COMMITTEE``) and nothing a member role of another
        kind (an applicant's) would read into it.
        """
        scope = self.permission_scope()
        accounts = self.members.exclude(user=None).values_list("user_id", flat=True)
        return Scope(
            agency_id=scope.agency_id,
            municipality_id=scope.municipality_id,
            members=frozenset(accounts),
        )


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
    # The account the member signs in with to record the committee's oversight.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_seats",
        verbose_name=_("cuenta"),
    )

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


# Named by earlier migrations; fields now take their names from
# ``ruta.common.files.uploads`` (random, in the private storage for the minutes).
def _minutes_path(instance: models.Model, filename: str) -> str:
    """Return an unguessable name: the minutes are personal data."""
    return f"comites/actas/{uuid.uuid4().hex}.pdf"


def _photo_path(instance: models.Model, filename: str) -> str:
    return f"comites/fotos/{uuid.uuid4().hex}.jpg"


@pghistory.track()
class TrainingWorkshop(models.Model):
    """The training workshop given to a committee when it is formed."""

    committee = models.OneToOneField(
        Committee,
        on_delete=models.CASCADE,
        related_name="workshop",
        verbose_name=_("comité"),
    )
    held_on = models.DateField(_("fecha del taller"))
    attendance = models.PositiveSmallIntegerField(_("asistentes"))
    topics = models.CharField(_("temas"), max_length=500, blank=True)
    created = models.DateTimeField(_("registrado"), auto_now_add=True)

    class Meta:
        verbose_name = _("taller de capacitación")
        verbose_name_plural = _("talleres de capacitación")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(attendance__gte=1, attendance__lte=MAX_ATTENDANCE),
                name="workshop_attendance_bounded",
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee} · {self.held_on}"

    def permission_scope(self) -> Scope:
        """Return the scope of the committee's work."""
        return self.committee.permission_scope()


@pghistory.track()
class OversightVisit(models.Model):
    """A committee's visit to its work: what it checked and what it found."""

    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        related_name="visits",
        verbose_name=_("comité"),
    )
    visited_on = models.DateField(_("fecha de la visita"))
    checked = models.TextField(_("qué se revisó"), max_length=MAX_TEXT)
    findings = models.TextField(_("hallazgos"), max_length=MAX_TEXT)
    minutes = models.FileField(
        _("minuta firmada (PDF)"),
        max_length=200,
        **stored("participation.OversightVisit.minutes"),
    )
    created = models.DateTimeField(_("registrada"), auto_now_add=True)

    class Meta:
        ordering = ["committee", "-visited_on", "-id"]
        verbose_name = _("visita de vigilancia")
        verbose_name_plural = _("visitas de vigilancia")

    def __str__(self) -> str:
        return f"{self.committee} · {self.visited_on}"

    def permission_scope(self) -> Scope:
        """Return the scope of the committee's work."""
        return self.committee.permission_scope()


@pghistory.track()
class VisitPhoto(models.Model):
    """A photo taken on a visit, re-encoded without its metadata."""

    visit = models.ForeignKey(
        OversightVisit,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("visita"),
    )
    image = models.FileField(
        _("foto"), max_length=200, **stored("participation.VisitPhoto.image")
    )

    class Meta:
        ordering = ["visit", "id"]
        verbose_name = _("foto de visita")
        verbose_name_plural = _("fotos de visita")

    def __str__(self) -> str:
        return f"{self.visit} · {self.pk}"


class Conformity(models.TextChoices):
    CONFORM = "conform", _("Conforme")
    OBJECTIONS = "objections", _("Con observaciones")


@pghistory.track()
class HandoverAct(models.Model):
    """The committee's act of the work's handover (entrega-recepción).

    The committee records it once the work is completed; a validator then
    registers the handover in the work's lifecycle, which requires this act
    (``ruta.participation.apps``). The receiver is an office, not a person.
    """

    committee = models.OneToOneField(
        Committee,
        on_delete=models.CASCADE,
        related_name="handover_act",
        verbose_name=_("comité"),
    )
    delivered_on = models.DateField(_("fecha de la entrega-recepción"))
    received_by = models.CharField(_("recibió (dependencia u oficina)"), max_length=250)
    conformity = models.CharField(
        _("conformidad del comité"), max_length=12, choices=Conformity
    )
    objections = models.TextField(
        _("observaciones del comité"), max_length=MAX_TEXT, blank=True
    )
    created = models.DateTimeField(_("registrada"), auto_now_add=True)

    class Meta:
        verbose_name = _("acta de entrega-recepción")
        verbose_name_plural = _("actas de entrega-recepción")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(conformity="conform", objections="")
                | (models.Q(conformity="objections") & ~models.Q(objections="")),
                name="handover_objections_iff_not_conform",
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee} · {self.delivered_on}"

    def permission_scope(self) -> Scope:
        """Return the scope of the committee's work."""
        return self.committee.permission_scope()
