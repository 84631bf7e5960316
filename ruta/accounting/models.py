"""Budget statements read from the state's accounting files, row by row."""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.accounting.records import Classification, Level, StatementKind
from ruta.catalog.scope import Scope
from ruta.common.fields import MoneyField


class StatementKindChoice(models.TextChoices):
    EXPENDITURE = (
        StatementKind.EXPENDITURE.value,
        _("Estado Analítico del Ejercicio del Presupuesto de Egresos"),
    )
    REVENUE = StatementKind.REVENUE.value, _("Estado Analítico de Ingresos")


class ClassificationChoice(models.TextChoices):
    ADMINISTRATIVE = (
        Classification.ADMINISTRATIVE.value,
        _("Clasificación administrativa"),
    )
    OBJECT = (
        Classification.OBJECT.value,
        _("Clasificación por objeto del gasto (capítulo y concepto)"),
    )
    REVENUE_ITEM = (
        Classification.REVENUE_ITEM.value,
        _("Clasificación por rubro de ingresos"),
    )


class LevelChoice(models.TextChoices):
    TOTAL = Level.TOTAL.value, _("Total")
    GROUP = Level.GROUP.value, _("Capítulo o rubro")
    ITEM = Level.ITEM.value, _("Concepto, tipo o unidad")


class BudgetStatementQuerySet(models.QuerySet["BudgetStatement"]):
    def of_year(self, year: int) -> BudgetStatementQuerySet:
        """Return the statements of fiscal year ``year``."""
        return self.filter(fiscal_year_id=year)

    def latest_first(self) -> BudgetStatementQuerySet:
        """Return statements with the latest cut-off first, then the latest read."""
        return self.order_by("-as_of", "-created", "-pk")


@pghistory.track()
class BudgetStatement(models.Model):
    """One statement of a public entity, for a fiscal year up to a cut-off date.

    Read from a file, which it keeps as its source: the figures are the
    file's, with its findings. ``is_demo`` marks a statement the demo built.
    """

    kind = models.CharField(_("estado"), max_length=12, choices=StatementKindChoice)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="budget_statements",
        verbose_name=_("ente público"),
    )
    fiscal_year = models.ForeignKey(
        "catalog.FiscalYear",
        on_delete=models.PROTECT,
        related_name="budget_statements",
        verbose_name=_("ejercicio fiscal"),
    )
    as_of = models.DateField(_("cifras al"))
    source_document = models.OneToOneField(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        related_name="budget_statement",
        verbose_name=_("documento"),
    )
    is_demo = models.BooleanField(_("datos de demostración"), default=False)
    created = models.DateTimeField(_("leído"), auto_now_add=True)

    objects = BudgetStatementQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "agency", "kind", "-as_of"]
        verbose_name = _("estado presupuestario")
        verbose_name_plural = _("estados presupuestarios")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=StatementKindChoice.values),
                name="budget_statement_kind_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.agency_id} · {self.as_of}"

    def permission_scope(self) -> Scope:
        """Return the scope of the entity whose statement it is."""
        return Scope(agency_id=self.agency_id)


@pghistory.track()
class StatementLine(models.Model):
    """One row of a statement: a total, a chapter or rubro, a concept or unit.

    The figures are as printed, in the six columns ``records`` names; the
    statement's page labels them by its kind (Estimado and Recaudado for
    revenue).
    """

    statement = models.ForeignKey(
        BudgetStatement, on_delete=models.CASCADE, related_name="lines"
    )
    classification = models.CharField(
        _("clasificación"), max_length=14, choices=ClassificationChoice
    )
    level = models.CharField(_("nivel"), max_length=6, choices=LevelChoice)
    key = models.CharField(_("clave"), max_length=30)
    name = models.CharField(_("nombre"), max_length=300)
    parent_key = models.CharField(_("clave del grupo"), max_length=30, blank=True)
    row_number = models.PositiveIntegerField(_("renglón"))
    line = models.PositiveIntegerField(_("línea"))
    approved = MoneyField(_("aprobado o estimado"))
    adjustments = MoneyField(_("ampliaciones y reducciones"))
    modified = MoneyField(_("modificado"))
    accrued = MoneyField(_("devengado"))
    paid = MoneyField(_("pagado o recaudado"))
    balance = MoneyField(_("subejercicio o diferencia"))

    class Meta:
        ordering = ["statement", "classification", "row_number"]
        verbose_name = _("renglón de estado presupuestario")
        verbose_name_plural = _("renglones de estados presupuestarios")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "classification", "key"],
                name="statement_line_unique_key",
            ),
            models.CheckConstraint(
                condition=models.Q(classification__in=ClassificationChoice.values),
                name="statement_line_classification_known",
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=LevelChoice.values),
                name="statement_line_level_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.name}"
