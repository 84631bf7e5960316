"""Applications, their budget lines, documents and scores, and allocation runs."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.models import PERSONAL_DATA_VIEWED
from ruta.catalog.scope import Scope
from ruta.common.audit.history import row_trackers
from ruta.common.audit.kept import Kept
from ruta.common.fields import MoneyField
from ruta.common.files.uploads import stored
from ruta.grants.models.calls import Call, Organization, RubricCriterion, Scheme
from ruta.grants.rules.budget import Category


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Recibida")
    OBSERVED = "observed", _("Con observaciones por solventar")
    ELIGIBLE = "eligible", _("Elegible")
    NOT_ELIGIBLE = "not_eligible", _("No elegible")
    SUPPORTED = "supported", _("Apoyada")
    ELIGIBLE_NOT_SUPPORTED = "eligible_not_supported", _("Elegible no apoyada")
    FORMALIZED = "formalized", _("Convenio firmado")
    NOT_FORMALIZED = "not_formalized", _("Convenio no formalizado")
    SUSPENDED = "suspended", _("Ministraciones suspendidas")
    CANCELLED = "cancelled", _("Cancelada")
    CONCLUDED = "concluded", _("Concluida")


class CategoryChoice(models.TextChoices):
    """The concept categories of ``rules.budget.Category``, labelled."""

    PERSONNEL = Category.PERSONNEL.value, _("Honorarios y personal")
    MATERIALS = Category.MATERIALS.value, _("Materiales e insumos")
    EQUIPMENT = Category.EQUIPMENT.value, _("Equipamiento")
    SERVICES = Category.SERVICES.value, _("Servicios")
    TRAINING = Category.TRAINING.value, _("Capacitación")
    ADMINISTRATIVE = Category.ADMINISTRATIVE.value, _("Gastos administrativos")
    ACCOUNTANT = Category.ACCOUNTANT.value, _("Pago de contador (administrativo)")
    SCHOLARSHIPS = Category.SCHOLARSHIPS.value, _("Becas")
    DIRECT_CASH = Category.DIRECT_CASH.value, _("Apoyos monetarios directos")
    TAXES = Category.TAXES.value, _("Impuestos y seguridad social")
    RENT = Category.RENT.value, _("Renta")
    POLITICAL_RELIGIOUS = (
        Category.POLITICAL_RELIGIOUS.value,
        _("Fines políticos o religiosos"),
    )


APPLICATION_KEPT = Kept("grant_application_kept")


@pghistory.track(*row_trackers(), pghistory.ManualEvent(PERSONAL_DATA_VIEWED))
class Application(models.Model):
    """A project submitted to a call, numbered by folio in order of receipt."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="applications"
    )
    folio = models.PositiveIntegerField(_("folio"))
    received_at = models.DateTimeField(_("recibida"))
    scheme = models.CharField(_("esquema"), max_length=20, choices=Scheme)
    theme = models.CharField(_("temática"), max_length=200, blank=True)
    title = models.CharField(_("proyecto"), max_length=250)
    summary = models.TextField(_("resumen"))
    municipality = models.ForeignKey(
        "catalog.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipio"),
    )
    coordinator_name = models.CharField(_("coordinador operativo"), max_length=200)
    coordinator_curp = models.CharField(_("CURP del coordinador"), max_length=18)
    coordinator_email = models.EmailField(_("correo del coordinador"))
    accepts_partial = models.BooleanField(_("acepta apoyo parcial"), default=False)
    status = models.CharField(
        _("estado"),
        max_length=30,
        choices=ApplicationStatus,
        default=ApplicationStatus.SUBMITTED,
    )
    status_reason = models.TextField(_("motivo del estado"), blank=True)
    eligible_at = models.DateTimeField(_("elegible desde"), null=True, blank=True)
    dnias_applies = models.BooleanField(_("aplica DNIAS (§3.4 req. 6.2)"), default=True)
    compliance_opinion_on = models.DateField(
        _("fecha de la opinión de cumplimiento"), null=True, blank=True
    )
    # When the organisation declared its other current public support for the
    # project (§3.6.2 a, §3.6.3 a): none, or each in ``declared_supports``.
    # Empty on applications received before the form asked for it.
    other_support_declared_at = models.DateTimeField(
        _("declaró otros apoyos públicos"), null=True, blank=True
    )
    # The census area the project operates in, for a subsidy in a
    # municipality whose ZAPs are urban AGEBs (§3.6.2 b): given by staff, who
    # confirm it (the platform's geography does not hold AGEB outlines).
    ageb = models.CharField(
        _("AGEB del proyecto"),
        max_length=4,
        blank=True,
        db_default="",
        default="",
        help_text=_("La clave del área del censo donde opera el proyecto."),
    )
    ageb_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmó la AGEB"),
    )
    is_demo = models.BooleanField(_("datos de demostración"), default=False)

    kept = APPLICATION_KEPT

    class Meta:
        ordering = ["call", "folio"]
        verbose_name = _("solicitud")
        verbose_name_plural = _("solicitudes")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "folio"], name="grant_application_unique_folio"
            ),
            # §3.4 req. 13: one coordinator, one project (in a call).
            models.UniqueConstraint(
                fields=["call", "coordinator_curp"],
                name="grant_application_one_project_per_coordinator",
            ),
        ]
        triggers = [APPLICATION_KEPT.trigger()]

    def __str__(self) -> str:
        return f"{self.call.code}-{self.folio:04d}"

    def get_absolute_url(self) -> str:
        return reverse("grants:application", args=[self.call.code, self.folio])

    @property
    def reference(self) -> str:
        """Return how pages and notices name the application: its call and folio.

        ``str()`` ("pxp-2021-0003") stays the key commands and logs print.
        """
        return str(
            _("%(call)s, folio %(folio)s")
            % {"call": self.call.title, "folio": self.folio}
        )

    @property
    def pool(self) -> str:
        """Return the key of the budget this application is funded from."""
        return f"{self.scheme}:{self.theme}"

    def permission_scope(self) -> Scope:
        """Return the call's body's scope, naming the organisation's members."""
        call = self.call
        return Scope(
            agency_id=call.agency_id,
            ruled_by=call.normative_agency_id,
            members=self.organization.member_ids(),
        )


@pghistory.track()
class BudgetLine(models.Model):
    """One concept of a project's budget: support asked and own contribution."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    concept = models.CharField(_("concepto"), max_length=250)
    category = models.CharField(_("categoría"), max_length=30, choices=CategoryChoice)
    support = MoneyField(_("apoyo solicitado"))
    own_money = MoneyField(_("aportación monetaria"), default=0)
    own_in_kind = MoneyField(_("aportación no monetaria"), default=0)

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("concepto del presupuesto")
        verbose_name_plural = _("presupuesto")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    support__gte=0, own_money__gte=0, own_in_kind__gte=0
                ),
                name="grant_budget_line_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.concept


@pghistory.track()
class DeclaredSupport(models.Model):
    """Another current public support for the same project, as the
    organisation declared it with its application (§3.6.2 a, §3.6.3 a)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="declared_supports"
    )
    source = models.CharField(
        _("quién lo otorga (dependencia y programa)"), max_length=250
    )
    amount = MoneyField(_("monto"))

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("otro apoyo público declarado")
        verbose_name_plural = _("otros apoyos públicos declarados")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="grant_declared_support_positive",
            )
        ]

    def __str__(self) -> str:
        return self.source


class DocumentStatus(models.TextChoices):
    RECEIVED = "received", _("Recibido")
    ACCEPTED = "accepted", _("Aceptado")
    REJECTED = "rejected", _("Rechazado")


@pghistory.track()
class ApplicationDocument(models.Model):
    """A document presented for one requirement of §3.4."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="documents"
    )
    requirement = models.CharField(_("requisito"), max_length=10)
    file = models.FileField(_("archivo"), **stored("grants.ApplicationDocument.file"))
    name = models.CharField(_("nombre del archivo"), max_length=200)
    status = models.CharField(
        _("estado"), max_length=10, choices=DocumentStatus, default="received"
    )
    note = models.TextField(_("observación"), blank=True)
    uploaded_at = models.DateTimeField(_("cargado"), auto_now_add=True)

    class Meta:
        ordering = ["application", "requirement", "-uploaded_at"]
        verbose_name = _("documento de la solicitud")
        verbose_name_plural = _("documentos de la solicitud")

    def __str__(self) -> str:
        return f"{self.requirement}: {self.name}"


@pghistory.track()
class Score(models.Model):
    """A reviewer's mark on one criterion of the rubric for one application."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="scores"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    criterion = models.ForeignKey(
        RubricCriterion, on_delete=models.PROTECT, related_name="scores"
    )
    points = models.DecimalField(_("puntos"), max_digits=6, decimal_places=2)
    scored_at = models.DateTimeField(_("calificado"), auto_now=True)

    class Meta:
        ordering = ["application", "reviewer", "criterion"]
        verbose_name = _("calificación")
        verbose_name_plural = _("calificaciones")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "criterion"],
                name="grant_score_once_per_criterion",
            ),
            models.CheckConstraint(
                condition=models.Q(points__gte=0), name="grant_score_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.criterion.number}: {self.points}"


ALLOCATION_KEPT = Kept("grant_allocation_kept")
ALLOCATION_ENTRY_KEPT = Kept("grant_allocation_entry_kept")


@pghistory.track()
class AllocationRun(models.Model):
    """One run of the allocation of §4.3 over a call; every run is kept."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="allocation_runs"
    )
    ran_at = models.DateTimeField(_("ejecutada"), auto_now_add=True)
    shortfall = models.CharField(_("regla de insuficiencia"), max_length=10)
    reassignment = models.BooleanField(_("reasignación (§4.3.3)"), default=False)
    input = models.JSONField(_("entrada"))

    kept = ALLOCATION_KEPT

    class Meta:
        ordering = ["call", "-ran_at"]
        get_latest_by = "ran_at"
        verbose_name = _("asignación")
        verbose_name_plural = _("asignaciones")
        triggers = [ALLOCATION_KEPT.trigger()]

    def __str__(self) -> str:
        return f"{self.call.code} · {self.ran_at:%Y-%m-%d %H:%M}"


@pghistory.track()
class AllocationEntry(models.Model):
    """The result of one application in one allocation run, with its reason."""

    run = models.ForeignKey(
        AllocationRun, on_delete=models.PROTECT, related_name="entries"
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="allocation_entries"
    )
    status = models.CharField(_("resultado"), max_length=30)
    amount = MoneyField(_("monto asignado"))
    rank = models.PositiveIntegerField(_("lugar"), null=True)
    score = models.DecimalField(
        _("calificación"), max_digits=7, decimal_places=2, null=True
    )
    reason_code = models.CharField(_("motivo"), max_length=60)
    reason_params = models.JSONField(_("cifras del motivo"), default=dict)

    kept = ALLOCATION_ENTRY_KEPT

    class Meta:
        ordering = ["run", "application__folio"]
        triggers = [ALLOCATION_ENTRY_KEPT.trigger()]
        verbose_name = _("resultado de asignación")
        verbose_name_plural = _("resultados de asignación")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "application"], name="grant_allocation_entry_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.status}"

    @property
    def status_label(self) -> str:
        """Return the result in words ("Apoyada"), as the application's status."""
        return str(ApplicationStatus(self.status).label)
