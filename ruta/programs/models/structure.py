"""The program structure a TMM-F004 header prints: ramo, program, unit, plan.

``UnitProgram`` is what one executing unit does in one program in a fiscal
year: the form's header, with how each header value was read.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.permissions import Scope
from ruta.catalog.instance import instance
from ruta.catalog.models import PlanElementKind
from ruta.programs.models.status import QUARTER_CHOICES, PlanStatus, ValueStatus


@pghistory.track()
class Ramo(models.Model):
    """A ramo (budget branch) of a government: ramo 54 is BISOM in Mexicali."""

    code = models.CharField(_("clave"), max_length=10)
    name = models.CharField(_("nombre"), max_length=250)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dependencia o entidad"),
    )

    class Meta:
        ordering = ["code", "name"]
        verbose_name = _("ramo")
        verbose_name_plural = _("ramos")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(code=""), name="ramo_code_present"
            ),
            models.UniqueConstraint(
                fields=["code", "agency"],
                nulls_distinct=False,
                name="ramo_unique_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


@pghistory.track()
class ExecutingUnit(models.Model):
    """An unidad ejecutora of a ramo, linked to its catalog agency when known.

    Filed by its code: a form whose copies print none takes the catalog's
    code for the unit, or is not filed (``ruta.ingest.loaders.poa``). The
    database still admits an empty code for units written before that rule;
    validators complete them from the review queue.
    """

    ramo = models.ForeignKey(Ramo, on_delete=models.PROTECT, related_name="units")
    code = models.CharField(_("clave"), max_length=20, blank=True)
    name = models.CharField(_("nombre"), max_length=250)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unidad del catálogo"),
    )

    class Meta:
        ordering = ["ramo", "code", "name"]
        verbose_name = _("unidad ejecutora")
        verbose_name_plural = _("unidades ejecutoras")
        constraints = [
            models.UniqueConstraint(
                fields=["ramo", "code"],
                condition=~models.Q(code=""),
                name="executing_unit_unique_code",
            ),
            models.UniqueConstraint(
                fields=["ramo", "name"],
                condition=models.Q(code=""),
                name="executing_unit_unique_uncoded_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def permission_scope(self) -> Scope:
        """Return the unit's agency scope: only its staff may capture for it."""
        if self.agency is None:
            return Scope()
        return self.agency.permission_scope()


@pghistory.track()
class Program(models.Model):
    """A programa presupuestario of a ramo in one fiscal year."""

    fiscal_year = models.ForeignKey(
        "catalog.FiscalYear",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ejercicio fiscal"),
    )
    ramo = models.ForeignKey(Ramo, on_delete=models.PROTECT, related_name="programs")
    code = models.CharField(_("clave"), max_length=20, blank=True)
    name = models.CharField(_("nombre"), max_length=250)

    class Meta:
        ordering = ["-fiscal_year", "ramo", "code"]
        verbose_name = _("programa")
        verbose_name_plural = _("programas")
        constraints = [
            # A program is filed by its code: a form that does not give one
            # is refused at import (ruta.ingest.loaders.poa).
            models.CheckConstraint(
                condition=~models.Q(code=""), name="program_code_present"
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "ramo", "code", "name"],
                name="program_unique_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


@pghistory.track()
class PlanReference(models.Model):
    """An eje de gobierno or línea de acción as forms print it.

    Linked to the plan's element (the municipal development plan) when the
    code matches one; the printed name is kept either way.
    """

    kind = models.CharField(
        _("tipo"),
        max_length=20,
        choices=[
            (PlanElementKind.AXIS, _("Eje de gobierno")),
            (PlanElementKind.LINE_OF_ACTION, _("Línea de acción")),
        ],
    )
    plan = models.ForeignKey(
        "catalog.PlanFramework",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan"),
    )
    code = models.CharField(_("clave"), max_length=30)
    name = models.CharField(_("nombre"), max_length=400, blank=True)
    element = models.ForeignKey(
        "catalog.PlanElement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("elemento del plan"),
    )

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("referencia al plan")
        verbose_name_plural = _("referencias al plan")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "plan", "code"],
                nulls_distinct=False,
                name="plan_reference_unique_code",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class UnitProgramQuerySet(models.QuerySet["UnitProgram"]):
    def approved(self) -> UnitProgramQuerySet:
        """Return the programs whose year's plan is approved (what the public sees)."""
        return self.filter(plan_status=PlanStatus.APPROVED)

    def here(self) -> UnitProgramQuerySet:
        """Return the unit programs the instance publishes: a municipality's,
        its own units' (``Instance.run_by_own_agencies``); a state's, every one."""
        return self.filter(
            instance().run_by_own_agencies(
                "executing_unit__agency__", "executing_unit__ramo__agency__"
            )
        )

    def with_structure(self) -> UnitProgramQuerySet:
        """Return unit programs with their program, ramo, unit and year joined."""
        return self.select_related(
            "program__ramo",
            "program__fiscal_year",
            "executing_unit__agency",
            "source_document",
        )


@pghistory.track()
class UnitProgram(models.Model):
    """What one executing unit does in one program in a year: a form's header."""

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="unit_programs"
    )
    executing_unit = models.ForeignKey(
        ExecutingUnit, on_delete=models.PROTECT, related_name="unit_programs"
    )
    finalidad_code = models.CharField(
        _("clave de finalidad"), max_length=10, blank=True
    )
    finalidad_name = models.CharField(_("finalidad"), max_length=250, blank=True)
    funcion_code = models.CharField(_("clave de función"), max_length=10, blank=True)
    funcion_name = models.CharField(_("función"), max_length=250, blank=True)
    subfuncion_code = models.CharField(
        _("clave de subfunción"), max_length=10, blank=True
    )
    subfuncion_name = models.CharField(_("subfunción"), max_length=250, blank=True)
    references = models.ManyToManyField(
        PlanReference,
        through="UnitProgramReference",
        related_name="unit_programs",
        verbose_name=_("ejes y líneas de acción"),
    )
    responsible_program = models.CharField(
        _("responsable del programa"), max_length=200, blank=True
    )
    responsible_unit = models.CharField(
        _("responsable de la unidad ejecutora"), max_length=200, blank=True
    )
    responsible_ramo = models.CharField(
        _("responsable del ramo"), max_length=200, blank=True
    )
    reported_quarter = models.PositiveSmallIntegerField(
        _("último trimestre informado"), null=True, blank=True, choices=QUARTER_CHOICES
    )
    # The least certain of ``readings`` (see ``Goal.status``).
    status = models.CharField(_("estado"), max_length=20, choices=ValueStatus.choices)
    readings = models.JSONField(_("lecturas"), default=dict, blank=True)
    source_document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("documento fuente"),
    )
    source_copies = models.JSONField(_("copias leídas"), default=list, blank=True)
    # A year opened on the site: its goals, targets and quarterly programming
    # are written, submitted and approved by two people before capture opens.
    plan_status = models.CharField(
        _("estado del programa anual"),
        max_length=12,
        choices=PlanStatus.choices,
        default=PlanStatus.APPROVED,
        db_default=PlanStatus.APPROVED,
    )
    plan_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enviado a aprobación por"),
    )
    plan_submitted_at = models.DateTimeField(
        _("enviado a aprobación el"), null=True, blank=True
    )
    plan_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programa aprobado por"),
    )
    plan_approved_at = models.DateTimeField(
        _("programa aprobado el"), null=True, blank=True
    )
    is_demo = models.BooleanField(
        _("datos de demostración"), default=False, db_default=False
    )

    objects = UnitProgramQuerySet.as_manager()

    class Meta:
        ordering = ["program", "executing_unit"]
        verbose_name = _("programa de una unidad ejecutora")
        verbose_name_plural = _("programas de unidades ejecutoras")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "executing_unit"], name="unit_program_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(reported_quarter__gte=1, reported_quarter__lte=4)
                | models.Q(reported_quarter__isnull=True),
                name="unit_program_reported_quarter_range",
            ),
            # Nothing is reported of a year whose plan is not approved.
            models.CheckConstraint(
                condition=models.Q(plan_status=PlanStatus.APPROVED)
                | models.Q(reported_quarter__isnull=True),
                name="unit_program_reported_only_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} · {self.executing_unit}"

    def get_absolute_url(self) -> str:
        return reverse("programs:unit", args=[self.pk])

    def permission_scope(self) -> Scope:
        """Return the executing unit's scope."""
        return self.executing_unit.permission_scope()

    @property
    def plan_approved(self) -> bool:
        """Return whether the year's plan is approved: capture is open."""
        return self.plan_status == PlanStatus.APPROVED


@pghistory.track()
class UnitProgramReference(models.Model):
    """An eje or línea de acción a form's header lists, named as that form names it.

    Forms of the same document may print different names for one code; each
    unit's form is regenerated with its own (``printed_name``), and the
    reference keeps the first name read.
    """

    unit_program = models.ForeignKey(UnitProgram, on_delete=models.CASCADE)
    reference = models.ForeignKey(PlanReference, on_delete=models.PROTECT)
    printed_name = models.CharField(_("nombre impreso"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("eje o línea de acción del programa")
        verbose_name_plural = _("ejes y líneas de acción del programa")
        constraints = [
            models.UniqueConstraint(
                fields=["unit_program", "reference"], name="unit_program_reference"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_program_id} · {self.reference_id}"
