"""The reminders the calendar sent: one per report and day, so none is sent twice."""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _


@pghistory.track()
class Reminder(models.Model):
    """A reminder e-mailed to an agency's staff about a report due on a day."""

    key = models.CharField(_("informe"), max_length=120)
    day = models.DateField(_("día"))
    due = models.DateField(_("vence"))
    recipients = models.PositiveIntegerField(_("destinatarios"))
    sent_at = models.DateTimeField(_("enviado"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "key"]
        verbose_name = _("recordatorio")
        verbose_name_plural = _("recordatorios")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "day"], name="calendar_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} · {self.day}"
