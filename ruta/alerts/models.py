"""Subscriptions, the alert events they follow and each delivery of one.

A subscriber's contact (e-mail, phone) is personal data: declared in
``ruta.accounts.personal`` (``apps.py``) and left out of the audit history's
snapshots, so erasing it on request (ARCO) or by the retention job erases
it for good; the history still records every change of state.
"""

from __future__ import annotations

import secrets

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from ruta.accounts.models import PERSONAL_DATA_VIEWED
from ruta.catalog.scope import Scope
from ruta.common.audit.history import row_trackers

CONTACT_FIELDS = ("email", "phone")
KEY_LENGTH = 32


def new_key() -> str:
    """Return a fresh random key for a subscription's links."""
    return secrets.token_hex(KEY_LENGTH // 2)


class ChannelKind(models.TextChoices):
    EMAIL = "email", _("Correo electrónico")
    WHATSAPP = "whatsapp", _("WhatsApp")


class TargetKind(models.TextChoices):
    WORK = "work", _("Obra")
    MUNICIPALITY = "municipality", _("Municipio")
    PROGRAM = "program", _("Programa")
    SEARCH = "search", _("Búsqueda guardada")
    GOAL = "goal", _("Meta del POA")
    INDICATOR = "indicator", _("Indicador")
    COMMITMENT = "commitment", _("Compromiso de gobierno abierto")
    CALL = "call", _("Convocatoria")
    CONSULTATION = "consultation", _("Consulta pública")


class SubscriptionState(models.TextChoices):
    PENDING = "pending", _("Por confirmar")
    CONFIRMED = "confirmed", _("Activa")
    ENDED = "ended", _("Terminada")


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def confirmed(self) -> SubscriptionQuerySet:
        """Return subscriptions confirmed and not ended: the ones alerts go to."""
        return self.filter(state=SubscriptionState.CONFIRMED)

    def following(self, kind: str, key: str) -> SubscriptionQuerySet:
        """Return subscriptions to the target ``kind``/``key``."""
        return self.filter(target_kind=kind, target_key=key)

    def confirmed_by(self, email: str, nonce: str) -> SubscriptionQuerySet:
        """Return the pending subscriptions of ``email`` one link confirms."""
        if not nonce:
            return self.none()
        return self.filter(
            channel=ChannelKind.EMAIL,
            email=email,
            state=SubscriptionState.PENDING,
            confirm_nonce=nonce,
        ).order_by("created", "pk")


@pghistory.track(
    *row_trackers(),
    pghistory.ManualEvent(PERSONAL_DATA_VIEWED),
    exclude=list(CONTACT_FIELDS),
)
class Subscription(models.Model):
    """One person following one target through one channel."""

    channel = models.CharField(_("canal"), max_length=12, choices=ChannelKind)
    target_kind = models.CharField(_("qué sigue"), max_length=14, choices=TargetKind)
    # A work's folio, a municipality's INEGI code, a works program's code or
    # the explorer's query string, normalised (``rules.search_key``).
    target_key = models.CharField(_("clave"), max_length=600)
    target_label = models.CharField(_("nombre"), max_length=400)
    email = models.EmailField(_("correo electrónico"), blank=True)
    phone = models.CharField(_("teléfono"), max_length=20, blank=True)
    state = models.CharField(
        _("estado"),
        max_length=10,
        choices=SubscriptionState,
        default=SubscriptionState.PENDING,
    )
    digest = models.BooleanField(_("resumen semanal"), default=False)
    # Spent when the confirmation link is used: a replayed link finds it blank.
    # An address's pending subscriptions share one, so one link confirms them
    # all; ``confirm_sent_at`` is when that link was sent.
    confirm_nonce = models.CharField(max_length=KEY_LENGTH, blank=True)
    confirm_sent_at = models.DateTimeField(
        _("confirmación enviada"), null=True, blank=True
    )
    # Signed into the unsubscribe and "my data" links; changed on erasure.
    access_key = models.CharField(max_length=KEY_LENGTH, default=new_key)
    language = models.CharField(_("idioma"), max_length=10, default="es-mx")
    created = models.DateTimeField(_("creada"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmada"), null=True, blank=True)
    ended_at = models.DateTimeField(_("terminada"), null=True, blank=True)
    erased_at = models.DateTimeField(_("datos borrados"), null=True, blank=True)
    # A follower the demo made up (``ruta load-demo``): counted apart in the
    # sign-up figures, which say so.
    is_demo = models.BooleanField(
        _("datos de demostración"), default=False, db_default=False
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("suscripción")
        verbose_name_plural = _("suscripciones")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "target_kind", "target_key", "email", "phone"],
                condition=~models.Q(state="ended"),
                name="alerts_subscription_once_while_open",
            ),
            models.CheckConstraint(
                condition=models.Q(state="ended")
                | ~models.Q(email="")
                | ~models.Q(phone=""),
                name="alerts_subscription_open_has_contact",
            ),
        ]
        indexes = [models.Index(fields=["target_kind", "target_key", "state"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.target_label}"

    def permission_scope(self) -> Scope:
        """Return no agency's scope: only administrators read subscribers."""
        return Scope()


class AlertKind(models.TextChoices):
    STATUS = "status", _("Cambio de estado")
    PROGRESS = "progress", _("Nuevo avance")
    PAYMENT = "payment", _("Nuevo pago")
    DOCUMENT = "document", _("Nuevo documento")
    REPORT = "report", _("Reporte ciudadano")
    LATE = "late", _("Obra atrasada")
    RESULT = "result", _("Nuevo resultado")
    PUBLISHED = "published", _("Publicación")
    CLOSED = "closed", _("Cierre")


@pghistory.track()
class AlertEvent(models.Model):
    """A public change of a published work or another followable thing.

    Read once from the audit history. Unique per source event: reading the
    same audit event again makes no second alert, so nothing can be sent
    twice for one change. A work's change names the work (its municipality,
    program and saved searches follow it too); any other followable kind
    (``ruta.alerts.followables``) names its target's kind and key.
    """

    source = models.CharField(_("fuente"), max_length=40)
    source_event_id = models.BigIntegerField(_("evento de origen"))
    kind = models.CharField(_("tipo"), max_length=12, choices=AlertKind)
    work = models.ForeignKey(
        "works.Work",
        on_delete=models.CASCADE,
        related_name="alert_events",
        null=True,
        blank=True,
    )
    target_kind = models.CharField(
        _("qué sigue"), max_length=14, choices=TargetKind, blank=True
    )
    target_key = models.CharField(_("clave"), max_length=600, blank=True)
    target_label = models.CharField(_("nombre"), max_length=400, blank=True)
    # Public values only (a status, a percent, a document's title).
    data = models.JSONField(_("datos"), default=dict)
    occurred_at = models.DateTimeField(_("ocurrió"))
    created = models.DateTimeField(_("registrado"), auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("aviso")
        verbose_name_plural = _("avisos")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_event_id"], name="alerts_event_once"
            ),
            models.CheckConstraint(
                condition=models.Q(work__isnull=False)
                | (~models.Q(target_kind="") & ~models.Q(target_key="")),
                name="alerts_event_names_what",
            ),
        ]
        indexes = [models.Index(fields=["target_kind", "target_key"])]

    def __str__(self) -> str:
        what = self.work_id or f"{self.target_kind}:{self.target_key}"
        return f"{self.kind} {what} {self.occurred_at:%Y-%m-%d}"


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Por enviar")
    SENT = "sent", _("Enviado")
    FAILED = "failed", _("Falló")
    DROPPED = "dropped", _("Descartado")


@pghistory.track()
class Delivery(models.Model):
    """One event for one subscription: unique, so it is sent at most once."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(
        AlertEvent, on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField(
        max_length=10, choices=DeliveryState, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("envío")
        verbose_name_plural = _("envíos")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event"], name="alerts_delivery_once"
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subscription_id}/{self.event_id} {self.state}"


class SourceCursor(models.Model):
    """How far the detector has read one source's audit events (by ``pgh_id``)."""

    source = models.CharField(max_length=40, unique=True)
    last_pgh_id = models.BigIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.source} @ {self.last_pgh_id}"


# ---------------------------------------------------------------- messaging


@pghistory.track(*row_trackers())
class MessagingContact(models.Model):
    """A WhatsApp number that wrote to the platform, known only by a keyed hash.

    Holds what the Cloud API's rules need: when the person last wrote (free
    text reaches them only within 24 hours of it) and whether they asked to
    receive nothing more (BAJA / STOP), which holds until they write SEGUIR
    or VOTAR again. The number itself is never stored here.
    """

    key = models.CharField(_("huella del número"), max_length=64, unique=True)
    last_inbound_at = models.DateTimeField(_("último mensaje recibido"), null=True)
    opted_out_at = models.DateTimeField(_("pidió la baja"), null=True, blank=True)
    created = models.DateTimeField(_("registrado"), auto_now_add=True)

    class Meta:
        verbose_name = _("contacto de mensajería")
        verbose_name_plural = _("contactos de mensajería")

    def __str__(self) -> str:
        return self.key[:12]


class MessageKind(models.TextChoices):
    ALERT = "alert", _("Aviso")
    VOTE_CODE = "vote_code", _("Código para votar")
    REPLY = "reply", _("Respuesta")


class MessageStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Aceptado")
    SENT = "sent", _("Enviado")
    DELIVERED = "delivered", _("Entregado")
    READ = "read", _("Leído")
    FAILED = "failed", _("Falló")


@pghistory.track(*row_trackers())
class OutgoingMessage(models.Model):
    """One message handed to the Cloud API, and what its webhook said of it.

    Keyed by the message id the API answered (``wamid``), which its status
    reports name. Names the person only through their contact's hash.
    """

    message_id = models.CharField(_("id del mensaje"), max_length=128, unique=True)
    kind = models.CharField(_("tipo"), max_length=10, choices=MessageKind)
    template = models.CharField(_("plantilla"), max_length=512, blank=True)
    contact = models.ForeignKey(
        MessagingContact,
        on_delete=models.SET_NULL,
        null=True,
        related_name="messages",
    )
    delivery = models.ForeignKey(
        Delivery,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
    )
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=MessageStatus,
        default=MessageStatus.ACCEPTED,
    )
    status_at = models.DateTimeField(_("estado desde"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created = models.DateTimeField(_("enviado"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("mensaje enviado")
        verbose_name_plural = _("mensajes enviados")

    def __str__(self) -> str:
        return f"{self.kind} {self.message_id} {self.status}"
