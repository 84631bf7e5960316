"""The Zonas de Atención Prioritaria a subsidy's project operates in (§3.6.2 b)."""

from __future__ import annotations

import pghistory
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ZoneKind(models.TextChoices):
    RURAL = "rural", _("Rural (el municipio entero)")
    URBAN = "urban", _("Urbana (una AGEB del municipio)")


@pghistory.track()
class PriorityZone(models.Model):
    """One ZAP of a year's decree: a rural municipality, or an urban AGEB.

    Written by the import of the catalogue file (``ruta ingest zap``), which
    keeps the file as the zones' source; a later file of the same decree
    year replaces that year's zones.
    """

    document = models.ForeignKey(
        "sources.SourceDocument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("archivo del catálogo"),
    )
    decree_year = models.PositiveSmallIntegerField(
        _("año de la declaratoria"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    kind = models.CharField(_("tipo"), max_length=10, choices=ZoneKind)
    municipality = models.ForeignKey(
        "catalog.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipio"),
    )
    ageb = models.CharField(
        _("AGEB"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{3}[0-9A-Z]$")],
        help_text=_(
            "Solo en una zona urbana: la clave del área, como la imprime el decreto."
        ),
    )
    is_demo = models.BooleanField(_("datos de demostración"), default=False)

    class Meta:
        ordering = ["-decree_year", "municipality", "ageb"]
        verbose_name = _("zona de atención prioritaria")
        verbose_name_plural = _("zonas de atención prioritaria")
        constraints = [
            models.UniqueConstraint(
                fields=["decree_year", "municipality", "ageb"],
                name="grant_priority_zone_once",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="rural", ageb="")
                    | models.Q(kind="urban") & ~models.Q(ageb="")
                ),
                name="grant_priority_zone_ageb_if_urban",
            ),
        ]

    def __str__(self) -> str:
        where = f"{self.municipality_id} {self.ageb}".strip()
        return f"ZAP {self.decree_year} {where}"
