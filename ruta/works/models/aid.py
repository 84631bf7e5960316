"""Social aid (ayudas sociales), emergency actions and stated budgets, outside works."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.accounts.models import PERSONAL_DATA_VIEWED
from ruta.common.audit.history import row_trackers
from ruta.common.audit.kept import Kept
from ruta.common.fields import MoneyField
from ruta.common.text.rfc import RFC_PATTERN
from ruta.common.text.validators import validate_company_rfc

if TYPE_CHECKING:
    from ruta.accounts.permissions import Scope


class AidConcept(models.TextChoices):
    """The spending concepts (rubros) the annual report adds aid up by."""

    PERSONS = "persons", _("Ayudas sociales a personas")
    NONPROFITS = "nonprofits", _("Ayudas sociales a instituciones sin fines de lucro")
    DISASTERS = "disasters", _("Ayudas por desastres naturales y otros siniestros")
    NONPROFIT_DONATIONS = (
        "nonprofit_donations",
        _("Donativos a instituciones sin fines de lucro"),
    )
    GOVERNMENT_DONATIONS = (
        "government_donations",
        _("Donativos a entidades federativas o municipios"),
    )


class RecipientSex(models.TextChoices):
    """The sex of the person an aid went to; blank for an institution or a
    municipality. Personal data: published only in aggregates."""

    WOMAN = "M", _("Mujer")
    MAN = "H", _("Hombre")
    OTHER = "X", _("Otro o no binario")


class AgeGroup(models.TextChoices):
    """The age group of the person an aid went to, as the state's reports
    count them (the 0 to 17 of the special programs' coverage); blank for an
    institution or a municipality. Personal data: published only in aggregates."""

    CHILDREN = "0-17", _("0 a 17 años")
    YOUNG = "18-29", _("18 a 29 años")
    ADULTS = "30-59", _("30 a 59 años")
    ELDERLY = "60+", _("60 años o más")


class AidStatus(models.TextChoices):
    """A request for aid, captured by the aids staff, then resolved by another
    person (``ruta.works.cycles.AID``): only a granted aid is published and
    counted."""

    REQUESTED = "requested", _("Solicitada, por resolver")
    GRANTED = "granted", _("Otorgada")
    DENIED = "denied", _("No procedente")


class AidQuerySet(models.QuerySet["Aid"]):
    def of_year(self, year: int) -> AidQuerySet:
        """Return aid granted in fiscal year ``year``."""
        return self.granted().filter(fiscal_year_id=year)

    def granted(self) -> AidQuerySet:
        """Return the aids granted: the only ones published, counted and summed."""
        return self.filter(status=AidStatus.GRANTED)

    def pending(self) -> AidQuerySet:
        """Return the requests waiting for someone to resolve them."""
        return self.filter(status=AidStatus.REQUESTED)

    def demo(self) -> AidQuerySet:
        """Return the generated demonstration aid."""
        return self.filter(is_demo=True)


AID_KEPT = Kept("aid_kept", "status", (AidStatus.GRANTED, AidStatus.DENIED))


@pghistory.track(*row_trackers(), pghistory.ManualEvent(PERSONAL_DATA_VIEWED))
class Aid(models.Model):
    """One request for a social aid (ayuda social) and its resolution.

    The aids staff capture it; another person grants or denies it
    (``ruta.works.cycles.AID``). The recipient's sex and age group, kept for
    the gender perspective the aid indicator asks for, and the name of whoever
    asked are personal data, declared so (``ruta.accounts.personal``): sex
    and age are published only as aggregates with small groups withheld
    (``rules.withheld_cells``), the name never, and it is erased once its
    retention ends (``RUTA_AID_RECIPIENT_RETENTION_DAYS`` after the
    resolution).
    """

    public_id = models.CharField(_("folio"), max_length=40, unique=True)
    fiscal_year = models.ForeignKey(
        "catalog.FiscalYear",
        on_delete=models.PROTECT,
        related_name="aids",
        verbose_name=_("ejercicio fiscal"),
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="aids",
        verbose_name=_("dependencia"),
    )
    concept = models.CharField(_("concepto"), max_length=30, choices=AidConcept)
    description = models.CharField(_("descripción"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        "catalog.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aids",
        verbose_name=_("municipio"),
    )
    amount = MoneyField(_("monto"))
    beneficiaries = models.PositiveIntegerField(
        _("beneficiarios"), null=True, blank=True
    )
    recipient_sex = models.CharField(
        _("sexo de quien la recibe"),
        max_length=1,
        choices=RecipientSex,
        blank=True,
        help_text=_("Vacío cuando la recibe una institución o un municipio."),
    )
    age_group = models.CharField(
        _("grupo de edad de quien la recibe"),
        max_length=5,
        choices=AgeGroup,
        blank=True,
        help_text=_("Vacío cuando la recibe una institución o un municipio."),
    )
    recipient_rfc = models.CharField(
        _("RFC de la institución que la recibe"),
        max_length=12,
        blank=True,
        default="",
        validators=[validate_company_rfc],
        help_text=_(
            "Solo el de una persona moral (12 caracteres), cuando la recibe una "
            "institución: con él, la comisión de los apoyos a organizaciones lee "
            "las ayudas otorgadas a la organización."
        ),
    )
    recipient_name = models.CharField(
        _("nombre de quien la solicita"),
        max_length=200,
        blank=True,
        help_text=_(
            "Dato personal: nunca se publica y se borra al terminar su plazo de "
            "conservación."
        ),
    )
    recipient_erased_at = models.DateTimeField(
        _("nombre borrado"), null=True, blank=True
    )
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=AidStatus,
        default=AidStatus.REQUESTED,
    )
    requested_on = models.DateField(_("solicitada"), null=True, blank=True)
    granted_on = models.DateField(_("otorgada"), null=True, blank=True)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("capturó"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolvió"),
    )
    decided_at = models.DateTimeField(_("resuelta"), null=True, blank=True)
    decision_note = models.TextField(
        _("motivo de la resolución"), blank=True, max_length=2000
    )
    is_demo = models.BooleanField(_("datos de demostración"), default=False)
    created = models.DateTimeField(_("registrada"), auto_now_add=True)

    objects = AidQuerySet.as_manager()
    kept = AID_KEPT

    class Meta:
        ordering = ["-fiscal_year", "public_id"]
        verbose_name = _("ayuda social")
        verbose_name_plural = _("ayudas sociales")
        indexes = [
            models.Index(fields=["fiscal_year", "concept"], name="aid_year_concept"),
            models.Index(
                fields=["status", "agency"],
                name="aid_pending",
                condition=models.Q(status="requested"),
            ),
        ]
        triggers = [AID_KEPT.trigger()]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="aid_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(concept__in=AidConcept.values),
                name="aid_concept_known",
            ),
            models.CheckConstraint(
                condition=models.Q(recipient_sex__in=["", *RecipientSex.values]),
                name="aid_recipient_sex_known",
            ),
            models.CheckConstraint(
                condition=models.Q(age_group__in=["", *AgeGroup.values]),
                name="aid_age_group_known",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AidStatus.values),
                name="aid_status_known",
            ),
            # A company's RFC only (12 characters: three letters), and only
            # for an aid to an institution: a person's RFC is personal data.
            models.CheckConstraint(
                condition=models.Q(recipient_rfc="")
                | models.Q(recipient_rfc__regex=RFC_PATTERN),
                name="aid_recipient_rfc_format",
            ),
            models.CheckConstraint(
                condition=models.Q(recipient_rfc="")
                | models.Q(recipient_sex="", age_group=""),
                name="aid_recipient_rfc_institution",
            ),
            # Nobody resolves a request they captured: the database keeps it too.
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | models.Q(captured_by__isnull=True)
                | ~models.Q(decided_by=models.F("captured_by")),
                name="aid_decided_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} · {self.get_concept_display()}"

    def permission_scope(self):
        """Return the scope a role must cover to record or change this aid."""
        from ruta.accounts.permissions import Scope

        return Scope(agency_id=self.agency_id, municipality_id=self.municipality_id)


@pghistory.track()
class EmergencyAction(models.Model):
    """An action paid under an emergency declaration, as a report printed it.

    Rows come from published documents (the drought table of the CECOP
    report), so each keeps the municipality as printed and the document, row
    and line it was read from.
    """

    fiscal_year = models.ForeignKey(
        "catalog.FiscalYear",
        on_delete=models.PROTECT,
        related_name="emergency_actions",
        verbose_name=_("ejercicio fiscal"),
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="emergency_actions",
        verbose_name=_("dependencia"),
    )
    declaration = models.CharField(_("declaratoria"), max_length=250)
    concept = models.CharField(_("concepto"), max_length=400)
    municipality = models.ForeignKey(
        "catalog.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="emergency_actions",
        verbose_name=_("municipio"),
    )
    municipality_as_printed = models.CharField(
        _("municipio como se publicó"), max_length=150, blank=True
    )
    amount = MoneyField(_("inversión estatal"))
    source_document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="emergency_actions",
        verbose_name=_("documento fuente"),
    )
    source_row = models.PositiveIntegerField(_("renglón"), null=True, blank=True)
    source_line = models.PositiveIntegerField(_("línea"), null=True, blank=True)

    class Meta:
        ordering = ["fiscal_year", "source_document", "source_row", "id"]
        verbose_name = _("acción de emergencia")
        verbose_name_plural = _("acciones de emergencia")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="emergency_action_amount_not_negative",
            ),
            models.UniqueConstraint(
                fields=["source_document", "source_row"],
                name="emergency_action_unique_source_row",
            ),
        ]

    def __str__(self) -> str:
        return self.concept


@pghistory.track()
class StatedBudget(models.Model):
    """A year's authorised budget as a published report states it in its text.

    Reports state it in prose, for the whole agency, not per program: the
    budget page shows it beside the phases of the works. ``unit_slip`` marks
    a figure printed as millions of pesos ("mdp") that is in pesos (the
    report's own finding says so).
    """

    fiscal_year = models.ForeignKey(
        "catalog.FiscalYear",
        on_delete=models.PROTECT,
        related_name="stated_budgets",
        verbose_name=_("ejercicio fiscal"),
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="stated_budgets",
        verbose_name=_("dependencia"),
    )
    amount = MoneyField(_("presupuesto autorizado (pesos)"))
    printed = models.CharField(_("como se publicó"), max_length=300)
    unit_slip = models.BooleanField(_("pesos escritos como millones"), default=False)
    source_document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        related_name="stated_budgets",
        verbose_name=_("documento"),
    )
    source_line = models.PositiveIntegerField(_("línea"))

    class Meta:
        ordering = ["fiscal_year", "agency"]
        verbose_name = _("presupuesto autorizado declarado")
        verbose_name_plural = _("presupuestos autorizados declarados")
        constraints = [
            models.UniqueConstraint(
                fields=["source_document", "source_line"],
                name="stated_budget_once_per_line",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="stated_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year_id} {self.agency_id}: {self.amount}"

    def permission_scope(self) -> Scope:
        """Return the scope of the agency whose budget it is."""
        from ruta.accounts.permissions import Scope

        return Scope(agency_id=self.agency_id)
