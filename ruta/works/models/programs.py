"""The programs and subprograms works are classified under."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorksProgram(models.Model):
    """A public-works program, e.g. "Transforma Sonora en Apoyo a los Municipios"."""

    code = models.SlugField(_("clave"), max_length=80, unique=True)
    name = models.CharField(_("nombre"), max_length=250)
    acronym = models.CharField(_("siglas"), max_length=20, blank=True)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="works_programs",
        verbose_name=_("dependencia responsable"),
    )
    description = models.TextField(_("descripción"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programa de obra")
        verbose_name_plural = _("programas de obra")

    def __str__(self) -> str:
        return self.name


class Subprogram(models.Model):
    """A kind of work (pavimentación, alumbrado público…).

    ``position`` keeps the order the published reports print subprograms in,
    so tables generated from data read like the originals.
    """

    code = models.SlugField(_("clave"), max_length=80, unique=True)
    name = models.CharField(_("nombre"), max_length=150)
    position = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("subprograma")
        verbose_name_plural = _("subprogramas")

    def __str__(self) -> str:
        return self.name
