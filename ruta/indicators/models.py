"""Indicator cards ("Cédula de Indicadores") and their results per year.

The semáforo is not stored: selectors derive it from the latest result, the
baseline and the direction (``ruta.indicators.rules``), so a corrected result
recolours the indicator at once.
"""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.indicators.rules import Direction
from ruta.works.models import WorksDelivery


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


@pghistory.track()
class IndicatorResult(models.Model):
    """The figure an indicator reached in one year, and where it was published."""

    card = models.ForeignKey(
        IndicatorCard, on_delete=models.CASCADE, related_name="results"
    )
    year = models.PositiveSmallIntegerField(_("año"))
    value = models.DecimalField(_("resultado"), max_digits=20, decimal_places=4)
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

    class Meta:
        ordering = ["card", "year"]
        verbose_name = _("resultado de indicador")
        verbose_name_plural = _("resultados de indicadores")
        constraints = [
            models.UniqueConstraint(
                fields=["card", "year"], name="indicator_result_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.card} · {self.year}: {self.value}"
