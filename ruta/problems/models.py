"""Problem reports (problemáticas) citizens file on public works.

A report's text, photo and place are public once filed (moderators may hide
abusive content, with the reason shown instead). The reporter's name, e-mail
and phone are personal data: declared in ``ruta.accounts.personal``, shown
only to staff allowed to view personal data over the work, each read logged
as a ``contact_viewed`` audit event of the report, and erased after the
retention period once the report is closed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruta.common.audit.history import row_trackers
from ruta.common.audit.kept import Kept
from ruta.common.files.uploads import stored
from ruta.problems import rules
from ruta.works.models import published_condition

if TYPE_CHECKING:
    from ruta.accounts.permissions import Scope

CONTACT_VIEWED = "contact_viewed"


@pghistory.track()
class Category(models.Model):
    """A kind of problem; categories are data (seeded by a migration)."""

    code = models.SlugField(_("clave"), max_length=40, unique=True)
    name = models.CharField(_("nombre"), max_length=120)
    description = models.CharField(_("descripción"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    is_active = models.BooleanField(_("vigente"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("categoría de problemática")
        verbose_name_plural = _("categorías de problemática")

    def __str__(self) -> str:
        return self.name


class ReportStatus(models.TextChoices):
    OPEN = rules.OPEN, _("Abierta")
    ACKNOWLEDGED = rules.ACKNOWLEDGED, _("Recibida por la dependencia")
    IN_PROGRESS = rules.IN_PROGRESS, _("En atención")
    RESOLVED = rules.RESOLVED, _("Resuelta")
    REJECTED = rules.REJECTED, _("Rechazada")


class ReportOrigin(models.TextChoices):
    WEB = "web", _("Formulario del sitio")
    OPEN311 = "open311", _("Aplicación cívica (Open311)")


@pghistory.track()
class ApiKey(models.Model):
    """A key a civic app files reports with (Open311); only its hash is kept."""

    name = models.CharField(_("aplicación"), max_length=120)
    prefix = models.CharField(_("prefijo"), max_length=12, unique=True)
    key_hash = models.CharField(_("huella"), max_length=64)
    created = models.DateTimeField(_("emitida"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revocada"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("clave de Open311")
        verbose_name_plural = _("claves de Open311")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ProblemReportQuerySet(models.QuerySet["ProblemReport"]):
    def listed(self) -> ProblemReportQuerySet:
        """Return reports shown in lists: on published works, not merged away."""
        return self.filter(published_condition("work__"), duplicate_of__isnull=True)

    def demo(self) -> ProblemReportQuerySet:
        """Return the generated demonstration reports."""
        return self.filter(is_demo=True)


@pghistory.track(*row_trackers(), pghistory.ManualEvent(CONTACT_VIEWED))
class ProblemReport(models.Model):
    """A problem a citizen reports about one published work."""

    work = models.ForeignKey(
        "works.Work",
        on_delete=models.PROTECT,
        related_name="problem_reports",
        verbose_name=_("obra"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, verbose_name=_("categoría")
    )
    description = models.TextField(_("descripción"), max_length=rules.DESCRIPTION_MAX)
    photo = models.FileField(
        _("foto"), blank=True, **stored("problems.ProblemReport.photo")
    )
    latitude = models.DecimalField(
        _("latitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("referencia del lugar"), max_length=250, blank=True)
    status = models.CharField(
        _("estado"), max_length=20, choices=ReportStatus, default=ReportStatus.OPEN
    )
    hidden_reason = models.CharField(
        _("motivo de ocultar"), max_length=rules.REASON_MAX, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicado de"),
    )
    reporter_name = models.CharField(
        _("nombre de quien reporta"), max_length=120, blank=True
    )
    reporter_email = models.EmailField(_("correo de quien reporta"), blank=True)
    reporter_phone = models.CharField(
        _("teléfono de quien reporta"), max_length=30, blank=True
    )
    contact_erased_at = models.DateTimeField(
        _("datos de contacto borrados"), null=True, blank=True
    )
    origin = models.CharField(
        _("origen"), max_length=10, choices=ReportOrigin, default=ReportOrigin.WEB
    )
    api_key = models.ForeignKey(
        ApiKey,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("clave de Open311"),
    )
    is_demo = models.BooleanField(_("datos de demostración"), default=False)
    created = models.DateTimeField(_("reportada"), default=timezone.now)
    updated = models.DateTimeField(_("actualizada"), default=timezone.now)
    closed_at = models.DateTimeField(_("cerrada"), null=True, blank=True)

    objects = ProblemReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("problemática")
        verbose_name_plural = _("problemáticas")
        indexes = [models.Index(fields=["work", "-created"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                | models.Q(latitude__isnull=True),
                name="problem_report_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180)
                | models.Q(longitude__isnull=True),
                name="problem_report_longitude_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(duplicate_of=models.F("pk")),
                name="problem_report_not_its_own_duplicate",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.work_id}"

    def get_absolute_url(self) -> str:
        return reverse("problems:detail", kwargs={"number": self.pk})

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden_reason)

    @property
    def is_closed(self) -> bool:
        return rules.is_closed(self.status)

    @property
    def has_contact(self) -> bool:
        return bool(self.reporter_name or self.reporter_email or self.reporter_phone)

    def permission_scope(self) -> Scope:
        """Return the scope of the report's work: its agency answers it."""
        return self.work.permission_scope()


# An agency's answer is a decision: corrected by a new change, never erased.
STATUS_CHANGE_KEPT = Kept("problem_status_change_kept")


@pghistory.track()
class StatusChange(models.Model):
    """One change of a report's status with the agency's public response.

    One row per change, never edited: the report's public timeline and the
    alerts to its followers read these as events.
    """

    report = models.ForeignKey(
        ProblemReport, on_delete=models.PROTECT, related_name="changes"
    )
    status_from = models.CharField(
        _("estado anterior"), max_length=20, choices=ReportStatus
    )
    status_to = models.CharField(_("estado nuevo"), max_length=20, choices=ReportStatus)
    response = models.TextField(_("respuesta pública"), max_length=rules.RESPONSE_MAX)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("dependencia responsable"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quién respondió"),
    )
    system = models.CharField(_("proceso"), max_length=120, blank=True)
    created = models.DateTimeField(_("fecha"), default=timezone.now)

    kept = STATUS_CHANGE_KEPT

    class Meta:
        ordering = ["created", "pk"]
        triggers = [STATUS_CHANGE_KEPT.trigger()]
        verbose_name = _("cambio de estado de problemática")
        verbose_name_plural = _("cambios de estado de problemática")

    def __str__(self) -> str:
        return f"#{self.report_id}: {self.status_from} → {self.status_to}"

    def permission_scope(self) -> Scope:
        """Return the scope of the report's work."""
        return self.report.permission_scope()


class PendingStatus(models.TextChoices):
    WAITING = "waiting", _("Por ubicar")
    PLACED = "placed", _("Ubicado en una obra")
    DECLINED = "declined", _("Descartado")


@pghistory.track(*row_trackers(), pghistory.ManualEvent(CONTACT_VIEWED))
class PendingReport(models.Model):
    """A civic app's report whose address names no single published work.

    GeoReport v2 lets a request give only an address; when it names no work
    of this instance, or several, the report is kept for staff to place on
    one (it then becomes a ``ProblemReport`` and the app reads its number
    by the token it was given) or to decline with a reason. Never public:
    it names no work yet, and its contact is personal data.
    """

    token = models.CharField(_("ficha"), max_length=40, unique=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, verbose_name=_("categoría")
    )
    description = models.TextField(_("descripción"), max_length=rules.DESCRIPTION_MAX)
    address = models.CharField(_("dirección"), max_length=250)
    # The works whose place the address names, when it names several: the
    # staff choose among them (or any other work).
    candidates = models.JSONField(_("obras que nombra"), default=list, blank=True)
    photo = models.FileField(
        _("foto"), blank=True, **stored("problems.PendingReport.photo")
    )
    reporter_name = models.CharField(
        _("nombre de quien reporta"), max_length=120, blank=True
    )
    reporter_email = models.EmailField(_("correo de quien reporta"), blank=True)
    reporter_phone = models.CharField(
        _("teléfono de quien reporta"), max_length=30, blank=True
    )
    api_key = models.ForeignKey(
        ApiKey,
        on_delete=models.PROTECT,
        related_name="pending_reports",
        verbose_name=_("clave de Open311"),
    )
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=PendingStatus,
        default=PendingStatus.WAITING,
    )
    report = models.OneToOneField(
        ProblemReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pending",
        verbose_name=_("reporte"),
    )
    declined_reason = models.CharField(
        _("motivo de descartarlo"), max_length=rules.REASON_MAX, blank=True
    )
    created = models.DateTimeField(_("recibido"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resuelto"), null=True, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("reporte por ubicar")
        verbose_name_plural = _("reportes por ubicar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="placed", report__isnull=False)
                | (~models.Q(status="placed") & models.Q(report__isnull=True)),
                name="pending_report_placed_has_report",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(declined_reason=""),
                name="pending_report_declined_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.token[:8]}… · {self.get_status_display()}"

    @property
    def is_waiting(self) -> bool:
        return self.status == PendingStatus.WAITING

    def permission_scope(self) -> Scope:
        """Return the instance's whole scope: no agency is known until placed."""
        from ruta.accounts.permissions import Scope

        return Scope()
