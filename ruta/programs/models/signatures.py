"""The three signatures of a quarter's form captured and approved on the site.

The TMM-F004 form prints three responsibles under its table: the program's,
the executing unit's and the ramo's. A quarter approved on the site is signed
by each of them, in that order, each as their own step of a cycle
(``ruta.programs.cycles.SIGNATURES``): whoever captured the quarter never
signs it, and one person never signs two steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.permissions import Scope
from ruta.programs.models.status import QUARTER_CHOICES, SignatureStatus
from ruta.programs.models.structure import UnitProgram

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def _signer(verbose_name: StrPromise) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


@pghistory.track()
class QuarterSignatures(models.Model):
    """Who signed one quarter's form of a unit's program, and when."""

    unit_program = models.ForeignKey(
        UnitProgram, on_delete=models.CASCADE, related_name="signatures"
    )
    quarter = models.PositiveSmallIntegerField(_("trimestre"), choices=QUARTER_CHOICES)
    status = models.CharField(
        _("firmas"),
        max_length=12,
        choices=SignatureStatus.choices,
        default=SignatureStatus.PENDING,
    )
    program_signed_by = _signer(_("firmado por el responsable del programa"))
    program_signed_at = models.DateTimeField(
        _("firma del responsable del programa"), null=True, blank=True
    )
    unit_signed_by = _signer(_("firmado por el responsable de la unidad ejecutora"))
    unit_signed_at = models.DateTimeField(
        _("firma del responsable de la unidad ejecutora"), null=True, blank=True
    )
    ramo_signed_by = _signer(_("firmado por el responsable del ramo"))
    ramo_signed_at = models.DateTimeField(
        _("firma del responsable del ramo"), null=True, blank=True
    )

    class Meta:
        ordering = ["unit_program", "quarter"]
        verbose_name = _("firmas del trimestre")
        verbose_name_plural = _("firmas de los trimestres")
        constraints = [
            models.UniqueConstraint(
                fields=["unit_program", "quarter"], name="quarter_signatures_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4),
                name="quarter_signatures_quarter_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_program} T{self.quarter}"

    def get_absolute_url(self) -> str:
        return reverse("programs:form", args=[self.unit_program_id, self.quarter])

    def permission_scope(self) -> Scope:
        """Return the executing unit's scope."""
        return self.unit_program.permission_scope()
