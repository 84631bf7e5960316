"""Catalogs every record points at: territory, agencies, years, plans."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pghistory
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.catalog.scope import Scope
from ruta.common.bounds import YEAR_MAX, YEAR_MIN
from ruta.common.text.search import folded, spanish_vector

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


@pghistory.track()
class Source(models.Model):
    """A public document or dataset that catalog facts were taken from."""

    key = models.SlugField(_("clave"), max_length=60, primary_key=True)
    citation = models.CharField(_("cita"), max_length=500)

    class Meta:
        ordering = ["key"]
        verbose_name = _("fuente")
        verbose_name_plural = _("fuentes")

    def __str__(self) -> str:
        return self.citation


@pghistory.track()
class State(models.Model):
    """An entidad federativa, keyed by its INEGI code (cve_ent)."""

    code = models.CharField(_("clave INEGI"), max_length=2, primary_key=True)
    name = models.CharField(_("nombre"), max_length=100)
    short_name = models.CharField(_("nombre corto"), max_length=60, blank=True)
    abbreviation = models.CharField(_("abreviatura"), max_length=10, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("entidad federativa")
        verbose_name_plural = _("entidades federativas")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^(0[1-9]|[12][0-9]|3[0-2])$"),
                name="state_code_inegi",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RegionQuerySet(models.QuerySet["Region"]):
    def of_state(self, state_code: str) -> RegionQuerySet:
        """Return the regions of the state with INEGI code ``state_code``."""
        return self.filter(state_id=state_code)


@pghistory.track()
class Region(models.Model):
    """A region of a state development plan (e.g. Sonora's PED 2021-2027)."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="regions")
    plan = models.ForeignKey(
        "PlanFramework", on_delete=models.PROTECT, related_name="regions"
    )
    number = models.PositiveSmallIntegerField(_("número"))
    name = models.CharField(_("nombre"), max_length=100)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["state", "plan", "number"]
        verbose_name = _("región")
        verbose_name_plural = _("regiones")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "plan", "number"], name="region_unique_number"
            ),
            models.UniqueConstraint(
                fields=["state", "plan", "name"], name="region_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def of_state(self, state_code: str) -> MunicipalityQuerySet:
        """Return the municipalities of the state with INEGI code ``state_code``."""
        return self.filter(state_id=state_code)

    def search(self, text: str) -> MunicipalityQuerySet:
        """Return municipalities whose name contains ``text``, ignoring accents."""
        from ruta.common.text.search import fold

        return self.filter(name_folded__contains=fold(text))


@pghistory.track(exclude=["name_folded", "search_vector"])
class Municipality(models.Model):
    """A municipio, keyed by its five-digit INEGI code (cvegeo)."""

    code = models.CharField(_("clave INEGI"), max_length=5, primary_key=True)
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="municipalities"
    )
    municipal_code = models.CharField(_("clave municipal"), max_length=3)
    name = models.CharField(_("nombre"), max_length=150)
    population_2020 = models.PositiveIntegerField(
        _("población 2020"), null=True, blank=True
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="municipalities",
    )
    region_note = models.CharField(
        _("nota sobre la región"), max_length=300, blank=True
    )
    name_folded = models.GeneratedField(
        expression=folded("name"), output_field=models.TextField(), db_persist=True
    )
    search_vector = models.GeneratedField(
        expression=spanish_vector("name"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipio")
        verbose_name_plural = _("municipios")
        indexes = [
            models.Index(fields=["name_folded"], name="municipality_name_folded"),
            GinIndex(fields=["search_vector"], name="municipality_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^(0[1-9]|[12][0-9]|3[0-2])[0-9]{3}$"),
                name="municipality_code_inegi",
            )
        ]

    def __str__(self) -> str:
        return self.name


class MarginalizationGrade(models.TextChoices):
    """CONAPO's five strata of marginalisation, as it names them."""

    VERY_LOW = "Muy bajo", _("Muy bajo")
    LOW = "Bajo", _("Bajo")
    MEDIUM = "Medio", _("Medio")
    HIGH = "Alto", _("Alto")
    VERY_HIGH = "Muy alto", _("Muy alto")


def _percentage(label: StrPromise) -> models.DecimalField:
    return models.DecimalField(label, max_digits=5, decimal_places=2)


@pghistory.track()
class Marginalization(models.Model):
    """A municipality's CONAPO marginalisation index 2020 and what it is made of.

    The nine indicators are percentages of the population; a lower ``index``
    means more marginalisation, and ``national_rank`` 1 is the most
    marginalised municipality of the country. Municipalities created after
    the 2020 census have no row.
    """

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="marginalization",
        verbose_name=_("municipio"),
    )
    population = models.PositiveIntegerField(_("población total"))
    illiterate = _percentage(_("% de población analfabeta de 15 años o más"))
    without_basic_education = _percentage(
        _("% de población de 15 años o más sin educación básica")
    )
    without_drainage = _percentage(
        _("% de ocupantes en viviendas sin drenaje ni excusado")
    )
    without_electricity = _percentage(
        _("% de ocupantes en viviendas sin energía eléctrica")
    )
    without_piped_water = _percentage(
        _("% de ocupantes en viviendas sin agua entubada")
    )
    earth_floor = _percentage(_("% de ocupantes en viviendas con piso de tierra"))
    overcrowded = _percentage(_("% de viviendas con hacinamiento"))
    small_localities = _percentage(
        _("% de población en localidades con menos de 5 000 habitantes")
    )
    low_income = _percentage(
        _("% de población ocupada con ingresos de hasta 2 salarios mínimos")
    )
    index = models.DecimalField(
        _("índice de marginación"), max_digits=6, decimal_places=3
    )
    grade = models.CharField(
        _("grado de marginación"), max_length=10, choices=MarginalizationGrade.choices
    )
    normalized_index = models.DecimalField(
        _("índice de marginación normalizado"), max_digits=3, decimal_places=2
    )
    national_rank = models.PositiveSmallIntegerField(_("lugar nacional"))
    source = models.ForeignKey(
        "Source", on_delete=models.PROTECT, verbose_name=_("fuente")
    )

    class Meta:
        ordering = ["municipality"]
        verbose_name = _("índice de marginación 2020")
        verbose_name_plural = _("índices de marginación 2020")
        indexes = [models.Index(fields=["grade"], name="marginalization_grade")]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.get_grade_display()}"

    @property
    def indicators(self) -> list[tuple[str | StrPromise, object]]:
        """Return the nine indicators as (label, value), in CONAPO's order."""
        return [
            (
                cast(models.Field, self._meta.get_field(name)).verbose_name,
                getattr(self, name),
            )
            for name in MARGINALIZATION_INDICATORS
        ]


MARGINALIZATION_INDICATORS = (
    "illiterate",
    "without_basic_education",
    "without_drainage",
    "without_electricity",
    "without_piped_water",
    "earth_floor",
    "overcrowded",
    "small_localities",
    "low_income",
)


class AgencyKind(models.TextChoices):
    DEPENDENCIA = "dependencia", _("Dependencia")
    ENTIDAD = "entidad", _("Entidad paraestatal")
    AYUNTAMIENTO = "ayuntamiento", _("Ayuntamiento")
    ORGANO = "organo", _("Órgano autónomo")
    UNIDAD = "unidad", _("Unidad administrativa")
    # A civil-society organisation that operates a public programme under a
    # transfer agreement (Peso por Peso §3.3.2: its administering body).
    OSC = "osc", _("Organización de la sociedad civil")


class AgencyQuerySet(models.QuerySet["Agency"]):
    def ayuntamientos(self) -> AgencyQuerySet:
        """Return municipal governments."""
        return self.filter(kind=AgencyKind.AYUNTAMIENTO)

    def of_state(self, code: str) -> AgencyQuerySet:
        """Return the agencies of state ``code`` and of its municipalities."""
        return self.filter(
            models.Q(state_id=code) | models.Q(municipality__state_id=code)
        )


# Roles are scoped by agency and reach down its lineage: who may act on what
# follows these rows, so every change to them is history.
@pghistory.track(exclude=["name_folded"])
class Agency(models.Model):
    """A public body (dependencia, entidad, ayuntamiento) or one of its units."""

    code = models.SlugField(_("clave"), max_length=80, unique=True)
    official_code = models.CharField(
        _("clave presupuestal"),
        max_length=20,
        blank=True,
        help_text=_("La clave impresa en los documentos oficiales (p. ej. 54101)."),
    )
    name = models.CharField(_("nombre"), max_length=250)
    acronym = models.CharField(_("siglas"), max_length=30, blank=True)
    kind = models.CharField(_("tipo"), max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("depende de"),
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name_folded = models.GeneratedField(
        expression=folded("name"), output_field=models.TextField(), db_persist=True
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("dependencia o entidad")
        verbose_name_plural = _("dependencias y entidades")
        indexes = [models.Index(fields=["name_folded"], name="agency_name_folded")]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def permission_scope(self) -> Scope:
        """Return the scope a role must cover to change this agency."""
        return Scope(agency_id=self.pk, municipality_id=self.municipality_id)


# Closing a year stops every capture in it: a status, so tracked.
@pghistory.track()
class FiscalYear(models.Model):
    """An ejercicio fiscal; closed years accept no new captures."""

    year = models.PositiveSmallIntegerField(_("año"), primary_key=True)
    is_closed = models.BooleanField(_("cerrado"), default=False)
    notes = models.CharField(_("notas"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("ejercicio fiscal")
        verbose_name_plural = _("ejercicios fiscales")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX),
                name="fiscal_year_range",
            )
        ]

    def __str__(self) -> str:
        return str(self.year)


class PlanLevel(models.TextChoices):
    GLOBAL = "global", _("Agenda 2030")
    NATIONAL = "national", _("Nacional")
    STATE = "state", _("Estatal")
    MUNICIPAL = "municipal", _("Municipal")
    PROGRAM = "program", _("Programa de mediano plazo")


@pghistory.track()
class PlanFramework(models.Model):
    """A plan whose elements works and goals align to (PND, PED, PMD, SDGs)."""

    code = models.SlugField(_("clave"), max_length=60, unique=True)
    name = models.CharField(_("nombre"), max_length=250)
    level = models.CharField(_("nivel"), max_length=12, choices=PlanLevel.choices)
    start_year = models.PositiveSmallIntegerField(_("desde"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("hasta"), null=True, blank=True)
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="plans"
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["level", "code"]
        verbose_name = _("plan")
        verbose_name_plural = _("planes")

    def __str__(self) -> str:
        return self.name


class PlanElementKind(models.TextChoices):
    AXIS = "axis", _("Eje")
    OBJECTIVE = "objective", _("Objetivo")
    STRATEGY = "strategy", _("Estrategia")
    LINE_OF_ACTION = "line_of_action", _("Línea de acción")
    GOAL = "goal", _("Objetivo de Desarrollo Sostenible")


@pghistory.track()
class PlanElement(models.Model):
    """An axis, objective or line of action of a plan, and what it aligns to."""

    framework = models.ForeignKey(
        PlanFramework, on_delete=models.CASCADE, related_name="elements"
    )
    key = models.CharField(_("clave"), max_length=120, unique=True)
    kind = models.CharField(_("tipo"), max_length=20, choices=PlanElementKind.choices)
    number = models.CharField(_("número"), max_length=30, blank=True)
    name = models.CharField(_("nombre"), max_length=400, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    aligned_with = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="aligned_from"
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["framework", "kind", "number", "key"]
        verbose_name = _("elemento de plan")
        verbose_name_plural = _("elementos de plan")

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip() or self.key
