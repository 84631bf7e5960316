"""Statuses a value can have, and the quarters of the year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ValueStatus(models.TextChoices):
    VERIFIED = "verified", _("Verificado")
    RECONCILED = "reconciled", _("Conciliado")
    NEEDS_REVIEW = "needs_review", _("Requiere revisión")
    REVIEWED = "reviewed", _("Conciliado por validador")
    CAPTURED = "captured", _("Capturado")
    APPROVED = "approved", _("Aprobado")
    # What a POA year opened on the site programs for a quarter (P), before
    # the quarter is reported.
    PLANNED = "planned", _("Programado")


class GoalFlag(models.TextChoices):
    """How a goal's (or a quarter's) achieved stands against what it programmed."""

    MET = "met", _("Cumplida")
    OVER = "over", _("Superada")
    UNDER = "under", _("Por debajo")


class PlanStatus(models.TextChoices):
    """Where a unit's program for a year stands: written, sent, approved.

    A program read from a published form is approved: the document is the
    approved plan. One opened on the site is approved by a second person.
    """

    DRAFT = "draft", _("En preparación")
    SUBMITTED = "submitted", _("Enviado a aprobación")
    APPROVED = "approved", _("Aprobado")


QUARTER_CHOICES = [
    (1, _("Enero-marzo")),
    (2, _("Abril-junio")),
    (3, _("Julio-septiembre")),
    (4, _("Octubre-diciembre")),
]


def quarter_label(quarter: int) -> str:
    """Return the quarter's name as pages show it ("Enero-marzo", translated)."""
    return str(dict(QUARTER_CHOICES)[quarter])


# ``ReviewDecision.field`` of a decision on a goal's quarters, taken all at once.
QUARTERS_FIELD = "quarters"
Pair = tuple[int | None, int | None]  # what a quarter programmed and achieved


class SignatureStatus(models.TextChoices):
    """How far the three responsibles printed on a quarter's form have signed it,
    in the order the form prints them: program, executing unit, ramo."""

    PENDING = "pending", _("Por firmar")
    PROGRAM = "program", _("Firmado por el responsable del programa")
    UNIT = "unit", _("Firmado por el responsable de la unidad ejecutora")
    SIGNED = "signed", _("Firmado por los tres responsables")
