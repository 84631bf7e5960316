"""Concertation agreements with the ayuntamientos and their checklists.

Each year the state agency that concerts works (CECOP) signs an agreement
with each ayuntamiento: what each party contributes and the state's money
set aside for the municipality's concerted works (the "piso"). The
lineamientos it sets are ticked one by one, with evidence.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.catalog.scope import Scope
from ruta.common.fields import MoneyField
from ruta.common.files.uploads import stored
from ruta.concertation.lineamientos import LINEAMIENTOS


@pghistory.track()
class Agreement(models.Model):
    """A concertation agreement (convenio) with a municipality for a year."""

    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="concertation_agreements",
        verbose_name=_("dependencia que concierta"),
    )
    municipality = models.ForeignKey(
        "catalog.Municipality",
        on_delete=models.PROTECT,
        related_name="concertation_agreements",
        verbose_name=_("municipio"),
    )
    fiscal_year = models.ForeignKey(
        "catalog.FiscalYear",
        on_delete=models.PROTECT,
        related_name="concertation_agreements",
        verbose_name=_("ejercicio fiscal"),
    )
    signed_on = models.DateField(_("firmado el"), null=True, blank=True)
    document = models.FileField(
        _("convenio firmado (PDF)"),
        blank=True,
        **stored("concertation.Agreement.document"),
    )
    floor = MoneyField(
        _("piso"),
        help_text=_("Recurso estatal destinado a las obras concertadas del municipio."),
    )
    municipal_contribution = MoneyField(_("aportación municipal comprometida"))
    community_contribution = MoneyField(
        _("aportación de los beneficiarios comprometida")
    )
    notes = models.TextField(_("notas"), blank=True)
    is_demo = models.BooleanField(_("datos de demostración"), default=False)
    created = models.DateTimeField(_("registrado el"), auto_now_add=True)
    updated = models.DateTimeField(_("actualizado el"), auto_now=True)

    class Meta:
        ordering = ["-fiscal_year", "municipality__name"]
        verbose_name = _("convenio de concertación")
        verbose_name_plural = _("convenios de concertación")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "municipality", "fiscal_year"],
                name="concertation_agreement_once",
            ),
            models.CheckConstraint(
                condition=models.Q(floor__gte=0)
                & models.Q(municipal_contribution__gte=0)
                & models.Q(community_contribution__gte=0),
                name="concertation_agreement_amounts",
            ),
        ]

    def __str__(self) -> str:
        return _("Convenio de concertación %(municipality)s %(year)s") % {
            "municipality": self.municipality.name,
            "year": self.fiscal_year_id,
        }

    def get_absolute_url(self) -> str:
        return reverse("concertation:agreement", args=[self.pk])

    def permission_scope(self) -> Scope:
        """Return the concerting agency's staff in the municipality."""
        return Scope(agency_id=self.agency_id, municipality_id=self.municipality_id)


@pghistory.track()
class LineamientoCheck(models.Model):
    """A lineamiento of an agreement found met, with its evidence."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="checks",
        verbose_name=_("convenio"),
    )
    item = models.CharField(
        _("lineamiento"),
        max_length=40,
        choices=[(item.key, item.label) for item in LINEAMIENTOS],
    )
    evidence = models.CharField(_("evidencia"), max_length=500)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verificó"),
    )
    checked_at = models.DateTimeField(_("verificado el"), auto_now_add=True)

    class Meta:
        ordering = ["agreement", "item"]
        verbose_name = _("lineamiento cumplido")
        verbose_name_plural = _("lineamientos cumplidos")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "item"], name="concertation_check_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_item_display())
