"""Open-government action plans: commitments, their progress and questionnaire.

A plan's commitments are named once (``Commitment``); what each progress
report says of them is kept per reporting period (``CommitmentReport`` with
its activities and questionnaire answers), so every period stays as history
and a commitment's timeline is its reports in date order. The standard
questionnaire's categories and indicators are data (``QuestionnaireIndicator``),
filled from what the reports print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.catalog.instance import instance
from ruta.common.audit.kept import Kept
from ruta.common.files.uploads import stored

if TYPE_CHECKING:
    from ruta.accounts.permissions import Scope


class ActionPlanQuerySet(models.QuerySet["ActionPlan"]):
    def here(self) -> ActionPlanQuerySet:
        """Return the plans the instance publishes: a municipality's, those its
        own agencies coordinate or hold a commitment of; a state's, every one."""
        own = instance().run_by_own_agencies("coordinator__", "commitments__agency__")
        return self.filter(pk__in=ActionPlan.objects.filter(own).values("pk"))

    def current(self) -> ActionPlanQuerySet:
        """Return the plans not retired."""
        return self.filter(retired_on__isnull=True)


@pghistory.track()
class ActionPlan(models.Model):
    """An open-government action plan (Plan de Acción Local) of a government."""

    key = models.SlugField(_("clave"), max_length=120, unique=True)
    title = models.CharField(_("título"), max_length=500)
    # A plan registered on the site states what it is and the years it runs;
    # one read from a report document prints neither.
    description = models.TextField(_("descripción"), blank=True, db_default="")
    start_year = models.PositiveSmallIntegerField(
        _("año de inicio"), null=True, blank=True
    )
    end_year = models.PositiveSmallIntegerField(
        _("año de término"), null=True, blank=True
    )
    state = models.ForeignKey(
        "catalog.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        verbose_name=_("estado"),
    )
    created = models.DateTimeField(_("registrado"), auto_now_add=True)
    # The unit that opens each reporting period and reviews and publishes the
    # agencies' reports (an administrator names it on the site).
    coordinator = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_plans",
        verbose_name=_("unidad coordinadora"),
    )

    # A plan with reports is retired, not removed: it leaves the lists and
    # takes no more reports, and its page keeps what it published.
    retired_on = models.DateField(_("retirado el"), null=True, blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("plan de acción")
        verbose_name_plural = _("planes de acción")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opengov:plan", args=[self.key])

    @property
    def retired(self) -> bool:
        """Return whether the plan was retired."""
        return self.retired_on is not None

    def permission_scope(self) -> Scope:
        """Return the coordinating unit's scope (none: administrators only)."""
        from ruta.accounts.permissions import Scope

        return Scope(agency_id=self.coordinator_id)


@pghistory.track()
class ReportingPeriod(models.Model):
    """A progress report of a plan: the date it speaks for and its document."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="periods"
    )
    as_of = models.DateField(_("fecha del informe"))
    document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("documento"),
    )
    # A period opened on the site, where each agency reports its commitments.
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("abierto por"),
    )
    is_demo = models.BooleanField(
        _("datos de demostración"), default=False, db_default=False
    )

    class Meta:
        ordering = ["plan", "as_of"]
        verbose_name = _("periodo de informe")
        verbose_name_plural = _("periodos de informe")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "as_of"], name="opengov_period_one_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.as_of:%Y-%m-%d}"


class CommitmentQuerySet(models.QuerySet["Commitment"]):
    def here(self) -> CommitmentQuerySet:
        """Return the commitments the instance publishes: a municipality's,
        those of its own agencies or of a plan one of them coordinates."""
        return self.filter(
            instance().run_by_own_agencies("agency__", "plan__coordinator__")
        )


@pghistory.track()
class Commitment(models.Model):
    """A commitment of a plan, with the agency the commitments table names."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="commitments"
    )
    number = models.PositiveSmallIntegerField(_("número"))
    name = models.CharField(_("nombre"), max_length=300)
    name_key = models.CharField(_("clave del nombre"), max_length=300)
    agency_printed = models.CharField(_("dependencia como se publica"), max_length=300)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("dependencia"),
    )
    objective = models.TextField(_("objetivo principal"), blank=True)
    description = models.TextField(_("descripción"), blank=True)
    # The years the commitment is reported in, within its plan's (null: the
    # plan's own, as for commitments read from a report document).
    start_year = models.PositiveSmallIntegerField(
        _("año de inicio"), null=True, blank=True
    )
    end_year = models.PositiveSmallIntegerField(
        _("año de término"), null=True, blank=True
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "name_key"], name="opengov_commitment_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("opengov:commitment", args=[self.plan.key, self.number])

    def permission_scope(self) -> Scope:
        """Return the scope of the commitment's agency (none if not in the catalog)."""
        from ruta.accounts.permissions import Scope

        return Scope(agency_id=self.agency_id)


class ReportStatus(models.TextChoices):
    """A report read from a published document is published as read; one
    written on the site is sent by its agency and published by the plan's
    coordinating unit."""

    DRAFT = "draft", _("En preparación")
    SUBMITTED = "submitted", _("Enviado a revisión")
    PUBLISHED = "published", _("Publicado")


class CommitmentReportQuerySet(models.QuerySet["CommitmentReport"]):
    def published(self) -> CommitmentReportQuerySet:
        """Return the reports the public sees."""
        return self.filter(status=ReportStatus.PUBLISHED)


# A published report is the record of what the agency said: never deleted.
REPORT_KEPT = Kept("commitment_report_kept", "status", (ReportStatus.PUBLISHED,))


@pghistory.track()
class CommitmentReport(models.Model):
    """What one progress report says of one commitment."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="reports"
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="reports"
    )
    progress_pct = models.DecimalField(
        _("avance (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    progress_text = models.TextField(_("avance del compromiso"), blank=True)
    next_step = models.TextField(_("próximo avance"), blank=True)
    evidence_links = models.JSONField(_("evidencias"), default=list, blank=True)
    section_title = models.CharField(
        _("título de la sección"), max_length=300, blank=True
    )
    section_agency = models.CharField(
        _("dependencia de la sección"), max_length=300, blank=True
    )
    line = models.PositiveIntegerField(_("línea"), null=True, blank=True)
    status = models.CharField(
        _("estado"),
        max_length=12,
        choices=ReportStatus.choices,
        default=ReportStatus.PUBLISHED,
        db_default=ReportStatus.PUBLISHED,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enviado por"),
    )
    submitted_at = models.DateTimeField(_("enviado el"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publicado por"),
    )
    published_at = models.DateTimeField(_("publicado el"), null=True, blank=True)
    # What the coordinating unit asked to change when it sent a report back.
    review_note = models.TextField(
        _("observaciones de la revisión"), blank=True, db_default=""
    )
    is_demo = models.BooleanField(
        _("datos de demostración"), default=False, db_default=False
    )

    objects = CommitmentReportQuerySet.as_manager()
    kept = REPORT_KEPT

    class Meta:
        ordering = ["commitment", "period__as_of"]
        triggers = [REPORT_KEPT.trigger()]
        verbose_name = _("informe de compromiso")
        verbose_name_plural = _("informes de compromiso")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "period"], name="opengov_report_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(progress_pct__isnull=True)
                | models.Q(progress_pct__gte=0, progress_pct__lte=100),
                name="opengov_report_progress_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} · {self.period.as_of:%Y-%m-%d}"

    def permission_scope(self) -> Scope:
        """Return the commitment's scope."""
        return self.commitment.permission_scope()


@pghistory.track()
class ReportEvidence(models.Model):
    """A document or photo an agency attaches to its report as evidence (public)."""

    report = models.ForeignKey(
        CommitmentReport, on_delete=models.CASCADE, related_name="evidence_files"
    )
    file = models.FileField(
        _("archivo"), max_length=200, **stored("opengov.ReportEvidence.file")
    )
    name = models.CharField(_("nombre"), max_length=200)
    created = models.DateTimeField(_("subido"), auto_now_add=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("evidencia de un informe")
        verbose_name_plural = _("evidencias de los informes")

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class Activity(models.Model):
    """An activity a report lists for a commitment, with its resources."""

    report = models.ForeignKey(
        CommitmentReport, on_delete=models.CASCADE, related_name="activities"
    )
    position = models.PositiveSmallIntegerField(_("orden"))
    name = models.CharField(_("actividad"), max_length=300, blank=True)
    description = models.TextField(_("descripción"), blank=True)
    resources = models.TextField(_("recursos"), blank=True)

    class Meta:
        ordering = ["report", "position"]
        verbose_name = _("actividad")
        verbose_name_plural = _("actividades")

    def __str__(self) -> str:
        return self.name


class StepKind(models.TextChoices):
    ACTION = "action", _("Acción")
    DELIVERABLE = "deliverable", _("Entregable")


@pghistory.track()
class ActivityStep(models.Model):
    """An action taken or a deliverable produced within an activity."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("orden"))
    kind = models.CharField(_("tipo"), max_length=12, choices=StepKind.choices)
    name = models.CharField(_("nombre"), max_length=300)
    description = models.TextField(_("descripción"), blank=True)

    class Meta:
        ordering = ["activity", "position"]
        verbose_name = _("acción o entregable")
        verbose_name_plural = _("acciones y entregables")

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class QuestionnaireIndicator(models.Model):
    """A category and indicator of the standard questionnaire."""

    category = models.CharField(_("categoría"), max_length=200)
    name = models.CharField(_("indicador"), max_length=300)

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("indicador del cuestionario")
        verbose_name_plural = _("indicadores del cuestionario")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"], name="opengov_indicator_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} · {self.name}"


@pghistory.track()
class Answer(models.Model):
    """A questionnaire answer of a commitment in one report, with its evidence."""

    report = models.ForeignKey(
        CommitmentReport, on_delete=models.CASCADE, related_name="answers"
    )
    indicator = models.ForeignKey(
        QuestionnaireIndicator, on_delete=models.PROTECT, related_name="answers"
    )
    position = models.PositiveSmallIntegerField(_("orden"))
    question = models.TextField(_("pregunta"), blank=True)
    text = models.TextField(_("respuesta"), blank=True)
    evidence_links = models.JSONField(_("evidencias"), default=list, blank=True)
    line = models.PositiveIntegerField(_("línea"), null=True, blank=True)

    class Meta:
        ordering = ["report", "position"]
        verbose_name = _("respuesta del cuestionario")
        verbose_name_plural = _("respuestas del cuestionario")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.text[:60]}"
