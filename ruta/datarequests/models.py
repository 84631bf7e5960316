"""Requests for data the site does not publish yet, and staff's answers.

The requester's e-mail is personal data: declared in
``ruta.accounts.personal`` (``apps.py``), left out of the audit history's
snapshots, never shown on a public page, the API or a download, and erased
once the answer has been queued to it.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.models import PERSONAL_DATA_VIEWED
from ruta.catalog.scope import Scope
from ruta.common.audit.history import row_trackers
from ruta.datarequests import rules


class RequestStatus(models.TextChoices):
    OPEN = rules.OPEN, _("Abierta")
    ANSWERED = rules.ANSWERED, _("Respondida")
    DECLINED = rules.DECLINED, _("Declinada")


class DataRequestQuerySet(models.QuerySet["DataRequest"]):
    def open(self) -> DataRequestQuerySet:
        """Return the requests that wait for an answer."""
        return self.filter(status=RequestStatus.OPEN)

    def demo(self) -> DataRequestQuerySet:
        """Return the requests the demo filed."""
        return self.filter(is_demo=True)


@pghistory.track(
    *row_trackers(),
    pghistory.ManualEvent(PERSONAL_DATA_VIEWED),
    exclude=["contact_email"],
)
class DataRequest(models.Model):
    """Someone asks for data that is missing, about a dataset or a page."""

    dataset = models.CharField(_("conjunto de datos"), max_length=60, blank=True)
    page = models.CharField(_("página"), max_length=rules.PAGE_MAX, blank=True)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="data_requests",
        verbose_name=_("dependencia"),
    )
    what = models.TextField(_("qué datos faltan"), max_length=rules.WHAT_MAX)
    contact_email = models.EmailField(_("correo para avisarle"), blank=True)
    language = models.CharField(_("idioma"), max_length=10, default="es-mx")
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=RequestStatus,
        default=RequestStatus.OPEN,
    )
    answer = models.TextField(_("respuesta"), blank=True)
    answer_url = models.URLField(_("dónde están los datos"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("respondida por"),
    )
    answered_at = models.DateTimeField(_("respondida el"), null=True, blank=True)
    created = models.DateTimeField(_("recibida"), auto_now_add=True)
    # A request the demo filed (``ruta load-demo``), which pages say is one.
    is_demo = models.BooleanField(
        _("datos de demostración"), default=False, db_default=False
    )

    objects = DataRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("petición de datos")
        verbose_name_plural = _("peticiones de datos")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RequestStatus.values),
                name="datarequests_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open")
                | (~models.Q(answer="") & models.Q(answered_at__isnull=False)),
                name="datarequests_closed_has_answer",
            ),
        ]
        indexes = [models.Index(fields=["status", "agency"])]

    def __str__(self) -> str:
        return _("Petición %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("datarequests:detail", args=[self.pk])

    def permission_scope(self) -> Scope:
        """Return the scope of the agency asked; none named: administrators'."""
        return Scope(agency_id=self.agency_id)
