"""The programs and subprograms works are classified under."""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorksDelivery(models.TextChoices):
    """How a program's works are delivered: what its indicators count over."""

    CONCERTED = "concerted", _("Concertada con municipios y beneficiarios")
    DIRECT = "direct", _("Ejecutada directamente por la dependencia")


@pghistory.track()
class WorksProgram(models.Model):
    """A public-works program, e.g. "Transforma Sonora en Apoyo a los Municipios".

    ``delivery`` and ``committee_required`` are what indicators need to know
    about a program ("obras concertadas", "obras que requieren comité"), so
    their computations select works by them, never by a program's code.
    """

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
    delivery = models.CharField(
        _("modalidad de ejecución"),
        max_length=12,
        choices=WorksDelivery.choices,
        blank=True,  # not declared: its works count only where all works do
    )
    committee_required = models.BooleanField(
        _("requiere comité ciudadano"),
        default=False,
        help_text=_("Cada obra del programa se vigila con un comité ciudadano."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("programa de obra")
        verbose_name_plural = _("programas de obra")

    def __str__(self) -> str:
        return self.name


@pghistory.track()
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
