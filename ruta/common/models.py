"""The platform's own records: the mail it sends (``ruta.common.mail``), and
the audit history's index (``ruta.common.audit.auditindex``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MailState(models.TextChoices):
    QUEUED = "queued", _("En cola")
    SENDING = "sending", _("Enviándose")
    SENT = "sent", _("Enviado")
    FAILED = "failed", _("Rechazado")


class MailKind(models.TextChoices):
    """What a message is, declared where it is queued (``ruta.common.mail``)."""

    CODE = "code", _("Código para escribir")
    SIGN_IN = "sign_in", _("Enlace para entrar")
    CONFIRMATION = "confirmation", _("Confirmación de una dirección")
    NOTICE = "notice", _("Aviso")


class OutboundMail(models.Model):
    """One message the platform sends: queued, tried, sent once or refused.

    The row is the record of what was sent: the message as handed to the
    server (its ``Message-ID`` included, the same on every attempt), to
    whom, when, after how many attempts. Its content and addresses are
    personal data, shown on no page and erased after
    ``RUTA_EMAIL_KEEP_DAYS`` (``mail_retention_enforce``).
    """

    message_id = models.CharField(_("Message-ID"), max_length=250, unique=True)
    sender = models.CharField(_("remitente"), max_length=320)
    recipients = models.JSONField(_("destinatarios"), default=list, blank=True)
    subject = models.CharField(_("asunto"), max_length=250, blank=True)
    content = models.BinaryField(_("mensaje"), blank=True)
    state = models.CharField(
        _("estado"), max_length=20, choices=MailState.choices, default=MailState.QUEUED
    )
    attempts = models.PositiveIntegerField(_("intentos"), default=0)
    next_attempt_at = models.DateTimeField(_("próximo intento"), default=timezone.now)
    claimed_at = models.DateTimeField(_("tomado"), null=True, blank=True)
    error = models.TextField(_("último error"), blank=True)
    created = models.DateTimeField(_("creado"), default=timezone.now)
    sent_at = models.DateTimeField(_("enviado"), null=True, blank=True)
    erased_at = models.DateTimeField(_("contenido borrado"), null=True, blank=True)
    kind = models.CharField(
        _("tipo"), max_length=20, choices=MailKind.choices, default=MailKind.NOTICE
    )
    # Sent before every message that is not (``mail.URGENT_KINDS``).
    urgent = models.BooleanField(_("urgente"), default=False)
    # A message to an address someone typed without signing in: the keyed
    # hash of the mailbox it reaches (``mail.recipient_key``), by which the
    # messages one mailbox gets a day are counted, and what it is about, by
    # which a newer one replaces one still waiting. Erased with the address.
    recipient_key = models.CharField(max_length=64, blank=True)
    purpose = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("correo saliente")
        verbose_name_plural = _("correos salientes")
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="mail_due"),
            models.Index(fields=["state", "sent_at"], name="mail_sent"),
            models.Index(
                fields=["recipient_key", "created"],
                name="mail_to_mailbox",
                condition=~models.Q(recipient_key=""),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=MailState.values),
                name="outbound_mail_state_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=MailState.SENT)
                | models.Q(sent_at__isnull=False),
                name="outbound_mail_sent_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=MailKind.values),
                name="outbound_mail_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.state})"


class AuditIndexEntry(models.Model):
    """One audit event's keys, as the light view ``ruta_audit_index`` lists them.

    Read-only (``ruta.common.audit.auditindex``): the history page finds, counts and
    orders events here, then reads the page's events whole from pghistory.
    Its field names are pghistory's aggregate's, so a filter written for one
    (``pgh_obj_model``, ``pgh_data__period_id``, ``user``) works on both.
    """

    pgh_slug = models.TextField(primary_key=True)
    pgh_model = models.TextField()
    pgh_id = models.BigIntegerField()
    pgh_created_at = models.DateTimeField()
    pgh_label = models.TextField()
    pgh_obj_model = models.TextField()
    pgh_obj_id = models.TextField()
    pgh_data = models.JSONField(null=True)
    pgh_context_id = models.UUIDField(null=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )

    class Meta:
        managed = False
        db_table = "ruta_audit_index"

    def __str__(self) -> str:
        return self.pgh_slug
