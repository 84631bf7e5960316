"""Budget modifications of a work: captured with a reason, approved by another.

A work captured on the site is approved for its total investment; an
ampliación (a positive amount) or a reducción (a negative one) changes what
stands as modified, once a person other than the one who captured it
approves it (``ruta.accounts.duties``, and a constraint here). A decision is kept: it is
reversed by a new modification, never by deleting it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.common.audit.kept import Kept
from ruta.common.fields import MoneyField

if TYPE_CHECKING:
    from ruta.accounts.permissions import Scope


class ModificationStatus(models.TextChoices):
    CAPTURED = "captured", _("Capturada, por aprobar")
    APPROVED = "approved", _("Aprobada")
    REJECTED = "rejected", _("Rechazada")


class BudgetModificationQuerySet(models.QuerySet["BudgetModification"]):
    def approved(self) -> BudgetModificationQuerySet:
        """Return the modifications that change the modified budget."""
        return self.filter(status=ModificationStatus.APPROVED)

    def pending(self) -> BudgetModificationQuerySet:
        """Return the modifications waiting for someone to decide them."""
        return self.filter(status=ModificationStatus.CAPTURED)


MODIFICATION_KEPT = Kept("budget_modification_kept", "status", ("approved", "rejected"))


@pghistory.track()
class BudgetModification(models.Model):
    """An ampliación or reducción of a work's budget, with its reason."""

    work = models.ForeignKey(
        "works.Work", on_delete=models.CASCADE, related_name="budget_modifications"
    )
    amount = MoneyField(_("ampliación (+) o reducción (−)"))
    reason = models.TextField(_("motivo"), max_length=2000)
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=ModificationStatus,
        default=ModificationStatus.CAPTURED,
    )
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("capturó"),
    )
    captured_at = models.DateTimeField(_("capturada"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decidió"),
    )
    decided_at = models.DateTimeField(_("decidida"), null=True, blank=True)
    decision_note = models.TextField(
        _("motivo de la decisión"), blank=True, max_length=2000
    )

    objects = BudgetModificationQuerySet.as_manager()
    kept = MODIFICATION_KEPT

    class Meta:
        ordering = ["work", "captured_at", "pk"]
        verbose_name = _("modificación presupuestal")
        verbose_name_plural = _("modificaciones presupuestales")
        triggers = [MODIFICATION_KEPT.trigger()]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount=0), name="budget_modification_not_zero"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ModificationStatus.values),
                name="budget_modification_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="budget_modification_reason"
            ),
            # Nobody approves their own capture: the database keeps it too.
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | models.Q(captured_by__isnull=True)
                | ~models.Q(decided_by=models.F("captured_by")),
                name="budget_modification_decided_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_id} {self.amount:+}"

    def permission_scope(self) -> Scope:
        """Return the scope of the modified work."""
        return self.work.permission_scope()
