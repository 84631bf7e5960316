"""Calls (convocatorias), their budgets and rubric, and the organisations."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.models import PERSONAL_DATA_VIEWED
from ruta.catalog.instance import instance
from ruta.catalog.scope import Scope
from ruta.common.audit.history import row_trackers
from ruta.common.fields import MoneyField
from ruta.common.files.uploads import stored
from ruta.grants.rules.allocation import DEFAULT_SHORTFALL, Shortfall
from ruta.grants.rules.budget import DEFAULT_COFUNDING_BASE, CofundingBase
from ruta.grants.rules.deadlines import DEFAULT_REPORT_READING, ReportReading
from ruta.sources.models import DocumentKind


class Scheme(models.TextChoices):
    """The financial schemes of §3.6."""

    COINVESTMENT = "coinvestment", _("Coinversión social (§3.6.1)")
    SUBSIDY = "subsidy", _("Subsidio (§3.6.2)")
    STRUCTURAL_GRANT = "structural_grant", _("Subvención estructural (§3.6.3)")
    PROJECT_GRANT = "project_grant", _("Subvención por proyecto (§3.6.3)")
    FINANCIAL_SUPPORT = "financial_support", _("Apoyo financiero (§3.6.4)")
    IN_KIND = "in_kind", _("Donativo en especie (§3.6.5)")


class ShortfallChoice(models.TextChoices):
    STOP = Shortfall.STOP.value, _("Detenerse en la primera que no cabe")
    SKIP = Shortfall.SKIP.value, _("Saltar a la siguiente que cabe")
    PARTIAL = Shortfall.PARTIAL.value, _("Apoyo parcial con consentimiento")


class ReportReadingChoice(models.TextChoices):
    NEXT_MONTH_FIFTH = (
        ReportReading.NEXT_MONTH_FIFTH.value,
        _("Primeros 5 días del mes siguiente (§3.7.2-15)"),
    )
    BUSINESS_DAYS = (
        ReportReading.BUSINESS_DAYS.value,
        _("Primeros 5 días hábiles posteriores al periodo (§4.6)"),
    )
    NATURAL_DAYS = (
        ReportReading.NATURAL_DAYS.value,
        _("Máximo 5 días naturales posteriores al cierre (§5)"),
    )


class CofundingChoice(models.TextChoices):
    PROJECT = CofundingBase.PROJECT.value, _("50 % del monto total del proyecto (§3.4)")
    REQUESTED = CofundingBase.REQUESTED.value, _("50 % del monto solicitado (§3.4.1)")


class CallQuerySet(models.QuerySet["Call"]):
    def published(self) -> CallQuerySet:
        """Return calls visible to the public."""
        return self.filter(is_published=True)

    def here(self) -> CallQuerySet:
        """Return the calls the instance publishes: a municipality's, those its
        own agencies administer; a state's, every one."""
        return self.filter(instance().run_by_own_agencies("agency__"))


@pghistory.track()
class Call(models.Model):
    """A call for projects (convocatoria, §4.1–4.2) of an administering body."""

    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="grant_calls",
        verbose_name=_("instancia administradora"),
    )
    # §3.3.1: the body that rules the programme (DIF Sonora for Peso por
    # Peso), which is not the one administering the call (§3.3.2).
    normative_agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_calls_ruled",
        verbose_name=_("instancia normativa"),
    )
    # §4.1: a co-investment call is published with the agency that puts in
    # the other half of the money.
    coinvesting_agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_calls_coinvested",
        verbose_name=_("instancia aportante de la coinversión"),
    )
    code = models.SlugField(_("clave"), max_length=60, unique=True)
    title = models.CharField(_("título"), max_length=250)
    fiscal_year = models.PositiveSmallIntegerField(
        _("ejercicio"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    objective = models.TextField(_("objetivo"))
    bases = models.TextField(_("bases de participación"))
    selection_criteria = models.TextField(_("criterios de selección"))
    coverage = models.CharField(_("cobertura"), max_length=250)
    opens_on = models.DateField(_("abre"))
    closes_on = models.DateField(_("cierra"))
    result_on = models.DateField(_("fecha del fallo"), null=True, blank=True)
    ends_on = models.DateField(_("fin de los proyectos"))
    administering_rfc = models.CharField(
        _("RFC de la instancia administradora"), max_length=13
    )
    max_per_project = MoneyField(_("monto máximo por proyecto"))
    max_applications = models.PositiveIntegerField(
        _("límite de solicitudes"), null=True, blank=True
    )
    shortfall = models.CharField(
        _("si la siguiente solicitud pide más de lo que queda"),
        max_length=10,
        choices=ShortfallChoice,
        default=DEFAULT_SHORTFALL.value,
    )
    report_reading = models.CharField(
        _("plazo de los informes"),
        max_length=20,
        choices=ReportReadingChoice,
        default=DEFAULT_REPORT_READING.value,
    )
    cofunding_base = models.CharField(
        _("base de la coinversión"),
        max_length=10,
        choices=CofundingChoice,
        default=DEFAULT_COFUNDING_BASE.value,
    )
    extra_disallowed = ArrayField(
        models.CharField(max_length=30),
        default=list,
        blank=True,
        verbose_name=_("otros conceptos no permitidos (§4.4.1 f)"),
    )
    bank_account_days = models.PositiveSmallIntegerField(
        _("días para acreditar la cuenta bancaria"),
        default=15,
        validators=[MaxValueValidator(60)],
    )
    # The published rules of operation the call is run by (§4.2: its bases
    # cite them), as imported: the call's page links to their document.
    rules_document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_calls",
        limit_choices_to={"kind": DocumentKind.CALL_RULES},
        verbose_name=_("reglas de operación publicadas"),
    )
    is_published = models.BooleanField(_("publicada"), default=False)
    is_demo = models.BooleanField(_("datos de demostración"), default=False)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "code"]
        verbose_name = _("convocatoria")
        verbose_name_plural = _("convocatorias")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="grant_call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(max_per_project__gt=0),
                name="grant_call_max_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:call", args=[self.code])

    def permission_scope(self) -> Scope:
        """Return the administering body's scope, naming the body that rules it."""
        return Scope(agency_id=self.agency_id, ruled_by=self.normative_agency_id)


@pghistory.track()
class CallBudget(models.Model):
    """The budget of one scheme (and theme) of a call (§4.3.1: per theme)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="budgets")
    scheme = models.CharField(_("esquema"), max_length=20, choices=Scheme)
    theme = models.CharField(_("temática"), max_length=200, blank=True)
    amount = MoneyField(_("monto"))

    class Meta:
        ordering = ["call", "scheme", "theme"]
        verbose_name = _("presupuesto de esquema o temática")
        verbose_name_plural = _("presupuestos")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "scheme", "theme"], name="grant_budget_unique_pool"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="grant_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} · {self.theme or '—'}"

    @property
    def pool(self) -> str:
        """Return the key the allocation uses for this budget."""
        return f"{self.scheme}:{self.theme}"


@pghistory.track()
class RubricCriterion(models.Model):
    """One criterion of the call's rubric, with its maximum points (§4.2 f)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="rubric")
    number = models.CharField(_("número"), max_length=10)
    name = models.CharField(_("criterio"), max_length=250)
    max_points = models.DecimalField(
        _("puntos máximos"), max_digits=6, decimal_places=2
    )

    class Meta:
        ordering = ["call", "number"]
        verbose_name = _("criterio de la rúbrica")
        verbose_name_plural = _("rúbrica")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "number"], name="grant_rubric_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(max_points__gt=0), name="grant_rubric_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class OrganizationStatus(models.TextChoices):
    """Where an organisation that signed up on its own stands."""

    UNVERIFIED = "unverified", _("Correo por verificar")
    PENDING = "pending", _("Por aprobar")
    APPROVED = "approved", _("Aprobada")
    REJECTED = "rejected", _("Rechazada")


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def approved(self) -> OrganizationQuerySet:
        """Return the organisations staff approved (they may apply)."""
        return self.filter(status=OrganizationStatus.APPROVED)

    def awaiting_review(self) -> OrganizationQuerySet:
        """Return the organisations that verified their e-mail and wait for staff."""
        return self.filter(status=OrganizationStatus.PENDING)


@pghistory.track(*row_trackers(), pghistory.ManualEvent(PERSONAL_DATA_VIEWED))
class Organization(models.Model):
    """A civil-society organisation (OSC). Its name and RFC are public.

    One that signs up on its own is ``unverified`` until its legal
    representative follows the e-mailed link, then ``pending`` until staff
    approve it; only an approved organisation applies. Those registered by
    staff or by the demo are approved from the start.
    """

    name = models.CharField(_("nombre"), max_length=250)
    rfc = models.CharField(_("RFC"), max_length=12, unique=True)
    cluni = models.CharField(_("CLUNI"), max_length=30, blank=True)
    dnias = models.CharField(_("constancia DNIAS"), max_length=30, blank=True)
    state_registry_folio = models.CharField(
        _("folio del Registro Estatal"), max_length=30, blank=True
    )
    legal_representative = models.CharField(_("representante legal"), max_length=200)
    representative_curp = models.CharField(
        _("CURP del representante legal"), max_length=18, blank=True
    )
    representative_email = models.EmailField(
        _("correo del representante legal"), blank=True
    )
    representative_phone = models.CharField(
        _("teléfono del representante legal"), max_length=20, blank=True
    )
    contact_email = models.EmailField(_("correo para notificaciones"))
    status = models.CharField(
        _("estado del registro"),
        max_length=12,
        choices=OrganizationStatus,
        default=OrganizationStatus.APPROVED,
    )
    signed_up_at = models.DateTimeField(_("se registró"), null=True, blank=True)
    email_verified_at = models.DateTimeField(
        _("correo verificado"), null=True, blank=True
    )
    reviewed_at = models.DateTimeField(_("revisada"), null=True, blank=True)
    review_note = models.TextField(_("motivo del rechazo"), blank=True, max_length=2000)
    fiscal_standing_ok = models.BooleanField(
        _("al corriente fiscalmente"), default=True
    )
    past_calls_ok = models.BooleanField(
        _("al corriente en ejercicios anteriores (§3.4 req. 4)"), default=True
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="grant_organizations",
        blank=True,
        verbose_name=_("personas que actúan por la organización"),
    )
    is_demo = models.BooleanField(_("datos de demostración"), default=False)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=OrganizationStatus.values),
                name="grant_organization_status_known",
            ),
            # A rejection says why (the organisation reads it on its page).
            models.CheckConstraint(
                condition=~models.Q(status=OrganizationStatus.REJECTED)
                | ~models.Q(review_note=""),
                name="grant_organization_rejection_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("grants:organization", args=[self.pk])

    @property
    def may_apply(self) -> bool:
        """Return whether staff approved the organisation, so it may apply."""
        return self.status == OrganizationStatus.APPROVED

    def member_ids(self) -> frozenset[int]:
        """Return the ids of the users who act for the organisation."""
        return frozenset(self.members.values_list("pk", flat=True))

    def permission_scope(self) -> Scope:
        """Return a scope only its members (and administrators) cover."""
        return Scope(members=self.member_ids())


# Membership opens the organisation's applications, agreement and register,
# personal data included: who was added or removed, and by whom, is history.
@pghistory.track()
class OrganizationMember(Organization.members.through):  # type: ignore[name-defined]  # Django makes the through model at runtime
    """A user who acts for an organisation."""

    class Meta:
        proxy = True
        verbose_name = _("persona que actúa por una organización")
        verbose_name_plural = _("personas que actúan por las organizaciones")


@pghistory.track()
class RecordedDebt(models.Model):
    """A debt of an organisation from an earlier call, recorded by staff with
    its evidence (§3.4 req. 4): what the platform's own records of that call
    do not hold (a call run before the platform, a finding of an audit).

    While not settled it counts against the organisation in every later
    call, as the debts derived from the platform's reports and refunds do;
    staff settle it with the evidence of the settlement. Both files are
    private: staff of an administering body and the organisation's members
    read them, each read logged.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="recorded_debts"
    )
    call_year = models.PositiveSmallIntegerField(
        _("ejercicio de la convocatoria"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    call_name = models.CharField(_("convocatoria"), max_length=250)
    what = models.CharField(_("qué adeuda"), max_length=500)
    amount = MoneyField(_("monto"), null=True, blank=True)
    evidence = models.FileField(
        _("evidencia"), **stored("grants.RecordedDebt.evidence")
    )
    evidence_name = models.CharField(_("nombre de la evidencia"), max_length=200)
    recorded_at = models.DateTimeField(_("registrado"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registró"),
    )
    settled_on = models.DateField(_("saldado"), null=True, blank=True)
    settlement_note = models.TextField(_("cómo se saldó"), blank=True, max_length=2000)
    settlement_evidence = models.FileField(
        _("evidencia del saldo"),
        blank=True,
        **stored("grants.RecordedDebt.settlement_evidence"),
    )
    settlement_evidence_name = models.CharField(
        _("nombre de la evidencia del saldo"), max_length=200, blank=True
    )
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registró el saldo"),
    )

    class Meta:
        ordering = ["organization", "call_year", "pk"]
        verbose_name = _("adeudo registrado")
        verbose_name_plural = _("adeudos registrados")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                name="grant_recorded_debt_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(call_year__gte=2000, call_year__lte=2100),
                name="grant_recorded_debt_year",
            ),
            # A settlement keeps its evidence.
            models.CheckConstraint(
                condition=models.Q(settled_on__isnull=True)
                | ~models.Q(settlement_evidence=""),
                name="grant_recorded_debt_settled_with_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.call_name}"

    @property
    def settled(self) -> bool:
        return self.settled_on is not None

    def permission_scope(self) -> Scope:
        """Return the organisation's scope (its members; administrators)."""
        return self.organization.permission_scope()
