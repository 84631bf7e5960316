"""Indicator cards ("Cédula de Indicadores") and their results per year.

The semáforo is not stored: selectors derive it from the latest result, the
baseline and the direction (``ruta.indicators.rules``), so a corrected result
recolours the indicator at once.
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
from ruta.indicators.rules import Direction, is_attended
from ruta.works.models import WorksDelivery

if TYPE_CHECKING:
    from ruta.catalog.scope import Scope


class DirectionChoice(models.TextChoices):
    ASCENDING = Direction.ASCENDING.value, _("Ascendente")
    DESCENDING = Direction.DESCENDING.value, _("Descendente")


class ValueUnit(models.TextChoices):
    NUMBER = "number", _("Número")
    PERCENT = "percent", _("Porcentaje")


class Computation(models.TextChoices):
    """A method of calculation the platform can evaluate from its own data."""

    NONE = "", _("Sin cálculo desde los datos")
    COMMITTEES_PER_WORKS = (
        "committees-per-works",
        _("Obras con comité ciudadano / obras del año que lo requieren × 100"),
    )
    RELEASED_PER_APPROVED = (
        "released-per-approved",
        _("Obras liberadas / obras aprobadas alguna vez (canceladas incluidas) × 100"),
    )
    AID_COUNT = "aid-count", _("Número de ayudas sociales otorgadas")
    REALIZED_WORKS_COUNT = (
        "realized-works-count",
        _("Número de obras con recursos liberados"),
    )


class IndicatorCardQuerySet(models.QuerySet["IndicatorCard"]):
    def of_agency(self, agency_id: int) -> IndicatorCardQuerySet:
        """Return the cards of the agency responsible for them."""
        return self.filter(agency_id=agency_id)

    def in_use(self) -> IndicatorCardQuerySet:
        """Return the cards not retired."""
        return self.filter(retired_at__isnull=True)

    def here(self) -> IndicatorCardQuerySet:
        """Return the cards the instance publishes: a municipality's, its own
        agencies' (``Instance.run_by_own_agencies``); a state's, every one."""
        return self.filter(instance().run_by_own_agencies("agency__"))


@pghistory.track()
class IndicatorCard(models.Model):
    """Every field of a "Cédula de Indicadores", as the agency defines it."""

    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="indicator_cards",
        verbose_name=_("unidad responsable"),
    )
    key = models.CharField(
        _("clave"),
        max_length=400,
        help_text=_("El nombre del indicador en mayúsculas y sin acentos."),
    )
    responsible_unit = models.CharField(
        _("unidad responsable (impresa)"), max_length=300
    )
    executing_unit = models.CharField(_("unidad ejecutora"), max_length=300)
    objective = models.TextField(_("objetivo"))
    name = models.TextField(_("indicador"))
    indicator_objective = models.TextField(_("objetivo del indicador"))
    description = models.TextField(_("descripción general"))
    method = models.TextField(_("método de cálculo"))
    direction = models.CharField(
        _("sentido del indicador"), max_length=12, choices=DirectionChoice.choices
    )
    frequency = models.CharField(_("frecuencia de medición"), max_length=100)
    source = models.CharField(_("fuente"), max_length=300)
    unit_of_measure = models.CharField(_("unidad de medida"), max_length=200)
    value_unit = models.CharField(
        _("tipo de valor"), max_length=10, choices=ValueUnit.choices
    )
    additional_reference = models.TextField(_("referencia adicional"), blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("año de la línea base"))
    baseline_value = models.DecimalField(
        _("línea base"), max_digits=20, decimal_places=4
    )
    goal_year = models.PositiveSmallIntegerField(_("año de la meta"))
    goal_value = models.DecimalField(_("meta"), max_digits=20, decimal_places=4)
    computation = models.CharField(
        _("cálculo desde los datos"),
        max_length=30,
        choices=Computation.choices,
        default=Computation.NONE,
        blank=True,
    )
    population = models.CharField(
        _("obras que cuenta"),
        max_length=12,
        choices=WorksDelivery.choices,
        blank=True,
        help_text=_("Las obras de los programas de esta modalidad; todas si vacío."),
    )
    document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicator_cards",
        verbose_name=_("documento fuente"),
    )
    source_line = models.PositiveIntegerField(_("línea"), null=True, blank=True)
    # A retired card is no longer measured: it leaves the public pages and
    # the capture, and its versions stay in the audit history.
    retired_at = models.DateTimeField(_("retirada el"), null=True, blank=True)

    objects = IndicatorCardQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "id"]
        verbose_name = _("cédula de indicador")
        verbose_name_plural = _("cédulas de indicadores")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "key"], name="indicator_card_unique_key"
            ),
            models.CheckConstraint(
                condition=models.Q(goal_year__gte=models.F("baseline_year")),
                name="indicator_card_goal_after_baseline",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ResultStatus(models.TextChoices):
    """A result read from a published document is published; one captured on
    the site waits for a second person's approval."""

    CAPTURED = "captured", _("Capturado, espera aprobación")
    APPROVED = "approved", _("Publicado")


QUARTERS = [
    (1, _("Enero-marzo")),
    (2, _("Abril-junio")),
    (3, _("Julio-septiembre")),
    (4, _("Octubre-diciembre")),
]


class IndicatorResultQuerySet(models.QuerySet["IndicatorResult"]):
    def published(self) -> IndicatorResultQuerySet:
        """Return the results the public sees: read from documents, or approved."""
        return self.filter(status=ResultStatus.APPROVED)

    def statewide_yearly(self) -> IndicatorResultQuerySet:
        """Return the results of whole years for the whole state (the cards')."""
        return self.filter(quarter=None, municipality=None, region=None)

    def by_period_or_place(self) -> IndicatorResultQuerySet:
        """Return the results of a quarter, or of a municipality or region."""
        return self.exclude(quarter=None, municipality=None, region=None)

    def of_places_here(self) -> IndicatorResultQuerySet:
        """Return the results of the whole, or of a municipality or region
        with a page on the instance (a municipality's has only its own)."""
        scope = instance()
        return self.filter(
            models.Q(municipality=None, region=None)
            | models.Q(municipality__in=scope.municipalities())
            | models.Q(region__in=scope.regions())
        )


@pghistory.track()
class IndicatorAlignment(models.Model):
    """A plan element an indicator card serves: an axis or objective of the
    state's plan or a program, or a Sustainable Development Goal, as the
    planning unit aligns it on the site (each change kept in the history)."""

    card = models.ForeignKey(
        IndicatorCard, on_delete=models.CASCADE, related_name="alignments"
    )
    element = models.ForeignKey(
        "catalog.PlanElement",
        on_delete=models.PROTECT,
        related_name="indicator_alignments",
        verbose_name=_("elemento del plan"),
    )

    class Meta:
        ordering = ["card", "element"]
        verbose_name = _("alineación del indicador")
        verbose_name_plural = _("alineaciones del indicador")
        constraints = [
            models.UniqueConstraint(
                fields=["card", "element"], name="indicator_alignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.card_id} · {self.element_id}"


# An approved result is published: a correction is a new value, never a delete.
RESULT_KEPT = Kept("indicator_result_kept", "status", (ResultStatus.APPROVED,))


@pghistory.track()
class IndicatorResult(models.Model):
    """The figure an indicator reached in one period and place, and its source.

    The period is a year, or a quarter of it (``quarter``); the place the
    whole state, or a municipality or a region. A result read from a
    published document is published; one captured on the site keeps who
    captured it and waits for another person's approval.
    """

    card = models.ForeignKey(
        IndicatorCard, on_delete=models.CASCADE, related_name="results"
    )
    year = models.PositiveSmallIntegerField(_("año"))
    quarter = models.PositiveSmallIntegerField(
        _("trimestre"), null=True, blank=True, choices=QUARTERS
    )
    municipality = models.ForeignKey(
        "catalog.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipio"),
    )
    region = models.ForeignKey(
        "catalog.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("región"),
    )
    value = models.DecimalField(_("resultado"), max_digits=20, decimal_places=4)
    status = models.CharField(
        _("estado"),
        max_length=12,
        choices=ResultStatus.choices,
        default=ResultStatus.APPROVED,
        db_default=ResultStatus.APPROVED,
    )
    note = models.TextField(_("observaciones"), blank=True, db_default="")
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("capturado por"),
    )
    captured_at = models.DateTimeField(_("capturado el"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aprobado por"),
    )
    approved_at = models.DateTimeField(_("aprobado el"), null=True, blank=True)
    is_demo = models.BooleanField(
        _("datos de demostración"), default=False, db_default=False
    )
    document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicator_results",
        verbose_name=_("documento fuente"),
    )
    source_table = models.CharField(_("tabla"), max_length=60, blank=True)
    source_row = models.PositiveIntegerField(_("renglón"), null=True, blank=True)
    source_line = models.PositiveIntegerField(_("línea"), null=True, blank=True)

    objects = IndicatorResultQuerySet.as_manager()
    kept = RESULT_KEPT

    class Meta:
        ordering = ["card", "year", "quarter"]
        triggers = [RESULT_KEPT.trigger()]
        verbose_name = _("resultado de indicador")
        verbose_name_plural = _("resultados de indicadores")
        constraints = [
            models.UniqueConstraint(
                fields=["card", "year", "quarter", "municipality", "region"],
                nulls_distinct=False,
                name="indicator_result_unique_period_place",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True)
                | models.Q(quarter__gte=1, quarter__lte=4),
                name="indicator_result_quarter_range",
            ),
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=True)
                | models.Q(region__isnull=True),
                name="indicator_result_one_place",
            ),
            # A result captured on the site names who captured it, and once
            # approved who approved it.
            models.CheckConstraint(
                condition=~models.Q(status="captured")
                | models.Q(captured_by__isnull=False),
                name="indicator_result_captured_by",
            ),
            models.CheckConstraint(
                condition=models.Q(captured_by__isnull=True)
                | ~models.Q(status="approved")
                | models.Q(approved_by__isnull=False),
                name="indicator_result_approved_by",
            ),
        ]

    def __str__(self) -> str:
        period = f"{self.year}" + (f" T{self.quarter}" if self.quarter else "")
        return f"{self.card} · {period}: {self.value}"

    @property
    def place(self) -> object:
        """Return the municipality or region, or None for the whole state."""
        return self.municipality or self.region

    def permission_scope(self) -> Scope:
        """Return the scope of the card's agency."""
        return self.card.agency.permission_scope()


@pghistory.track()
class Evaluation(models.Model):
    """An evaluation of an agency's program or indicators (Reglamento art. 51, 76)."""

    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("dependencia evaluada"),
    )
    title = models.CharField(_("evaluación"), max_length=300)
    year = models.PositiveSmallIntegerField(_("año"))
    evaluator = models.CharField(_("instancia evaluadora"), max_length=300)
    report_url = models.URLField(_("informe de la evaluación"), blank=True)
    card = models.ForeignKey(
        IndicatorCard,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("indicador evaluado"),
    )
    created = models.DateTimeField(_("registrada el"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("evaluación")
        verbose_name_plural = _("evaluaciones")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("indicators:evaluations") + f"#evaluacion-{self.pk}"

    def permission_scope(self) -> Scope:
        """Return the scope of the evaluated agency."""
        return self.agency.permission_scope()


@pghistory.track()
class ImprovementAspect(models.Model):
    """An "aspecto susceptible de mejora" an evaluation found, and its follow-up."""

    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.PROTECT,
        related_name="aspects",
        verbose_name=_("evaluación"),
    )
    description = models.TextField(_("aspecto susceptible de mejora"))
    responsible = models.CharField(_("área responsable"), max_length=300)
    due_on = models.DateField(_("fecha compromiso"))
    progress = models.PositiveSmallIntegerField(_("avance (%)"), default=0)
    evidence = models.TextField(_("evidencia del avance"), blank=True)
    # The day its progress reached 100 % on the site: the reporting calendar
    # reads it as the day the aspect was delivered (none when loaded).
    attended_on = models.DateField(_("atendido el"), null=True, blank=True)
    updated = models.DateTimeField(_("actualizado el"), auto_now=True)

    class Meta:
        ordering = ["evaluation", "due_on", "id"]
        verbose_name = _("aspecto susceptible de mejora")
        verbose_name_plural = _("aspectos susceptibles de mejora")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="improvement_aspect_progress_percent",
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def attended(self) -> bool:
        """Return whether it is attended: its progress reached 100 %."""
        return is_attended(self.progress)
