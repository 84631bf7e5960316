"""The channels alerts go out through, behind one small interface.

A ``Channel`` starts a subscription (e-mail: the double opt-in message;
messaging: the reply to the keyword), sends events, and says goodbye when a
subscription ends. ``channel_for`` picks the adapter: e-mail through
Django's mail backend; messaging through the WhatsApp Business Cloud API,
or, without its credentials (``make demo``), a console adapter that prints
each request it would make, as Django's console e-mail backend does.
"""

from __future__ import annotations

import json
import logging
import sys
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from django.conf import settings
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.alerts.message_templates import (
    ALERT,
    VOTE_CODE,
    MessageTemplate,
    text_payload,
)
from ruta.alerts.messaging import (
    may_receive_text,
    message_id_of,
    message_record,
    opted_out,
)
from ruta.alerts.models import (
    AlertEvent,
    ChannelKind,
    Delivery,
    MessageKind,
    Subscription,
)
from ruta.alerts.texts import (
    confirm_link,
    event_text,
    links_of,
    site_label,
    work_link,
)
from ruta.common.mail import mail_send
from ruta.common.models import MailKind
from ruta.common.ops import metrics
from ruta.common.web.jsoninput import json_read

if TYPE_CHECKING:
    from ruta.budgeting.verification import CodeMessage

API_TIMEOUT_SECONDS = 10
logger = logging.getLogger(__name__)


class ChannelError(Exception):
    """A message could not be handed over; the sender retries later."""


class Channel(Protocol):
    @property
    def kind(self) -> str: ...

    def subscribe(self, subscription: Subscription) -> None:
        """Start or acknowledge ``subscription`` (the opt-in message)."""

    def send(
        self,
        subscription: Subscription,
        events: list[AlertEvent],
        delivery: Delivery | None = None,
    ) -> None:
        """Send ``events`` to ``subscription``; raise ``ChannelError`` on failure."""

    def unsubscribe(self, subscription: Subscription) -> None:
        """Acknowledge that ``subscription`` ended, where the channel expects it."""


# ------------------------------------------------------------------ e-mail


class EmailChannel:
    """E-mail with double opt-in and RFC 8058 one-click unsubscribe."""

    kind = ChannelKind.EMAIL

    def subscribe(self, subscription: Subscription) -> None:
        """Send the confirmation link: nothing else is sent until it is used.

        One link for everything pending at the address, listed; raises
        ``RecipientLimitReached`` once the mailbox had its day's links.
        """
        together = Subscription.objects.confirmed_by(
            subscription.email, subscription.confirm_nonce
        )
        targets = "\n".join(f"- {item.target_label}" for item in together)
        with translation.override(subscription.language):
            body = _(
                "Alguien (esperamos que usted) pidió recibir avisos sobre:\n"
                "%(targets)s\n\nPara confirmar, abra este enlace (vence en "
                "%(hours)s horas):\n%(link)s\n\nSi no fue usted, ignore este "
                "mensaje: no recibirá nada más."
            ) % {
                "targets": targets or f"- {subscription.target_label}",
                "hours": settings.RUTA_ALERTS_CONFIRM_HOURS,
                "link": confirm_link(subscription),
            }
            subject = _("Confirme sus avisos de %(site)s") % {"site": site_label()}
        mail_send(
            kind=MailKind.CONFIRMATION,
            to=subscription.email,
            subject=subject,
            body=body,
            purpose=confirm_purpose(subscription.email),
        )

    def send(
        self,
        subscription: Subscription,
        events: list[AlertEvent],
        delivery: Delivery | None = None,
    ) -> None:
        """Send the events in one message with the unsubscribe headers."""
        links = links_of(subscription)
        with translation.override(subscription.language):
            lines = [f"- {event_text(event)}\n  {work_link(event)}" for event in events]
            body = "\n".join(
                [
                    _("Novedades de %(target)s:")
                    % {"target": subscription.target_label},
                    "",
                    *lines,
                    "",
                    _("Dejar de recibir estos avisos: %(link)s")
                    % {"link": links.unsubscribe},
                    _("Ver, corregir o borrar sus datos: %(link)s")
                    % {"link": links.my_data},
                    "",
                    site_label(),
                ]
            )
            subject = _("%(count)s novedades: %(target)s") % {
                "count": len(events),
                "target": subscription.target_label,
            }
        headers = {
            "List-Unsubscribe": f"<{links.unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        _mail(subject[:200], body, subscription.email, headers)

    def unsubscribe(self, subscription: Subscription) -> None:
        """Send nothing: a one-click unsubscribe must not start a conversation."""


def confirm_purpose(email: str) -> str:
    """Return what an address's confirmation is about, for the mail queue.

    A fresh link for the same address kills the older one, so it replaces a
    message still waiting; another spelling of the mailbox (``name+tag``)
    has links of its own. Keyed, so the queue names no address.
    """
    digest = salted_hmac("ruta.alerts.confirm", email, algorithm="sha256")
    return f"alerts.confirm:{digest.hexdigest()[:24]}"


def _mail(
    subject: str, body: str, to: str, headers: dict[str, str] | None = None
) -> None:
    try:
        mail_send(
            kind=MailKind.NOTICE, to=to, subject=subject, body=body, headers=headers
        )
    except OSError as failure:
        raise ChannelError(f"smtp: {failure}") from failure


# --------------------------------------------------------------- messaging


class WhatsAppChannel:
    """The WhatsApp Business Cloud API: templates it starts, replies in a window.

    Alerts and voting codes go as the approved templates declared in
    ``message_templates``; free text goes only to a number whose own message
    opened its 24-hour window (``messaging.may_receive_text``), else it is
    refused here, before the API would drop it. Each message the API accepts
    is kept by its id, for the webhook's status reports.
    """

    kind = ChannelKind.WHATSAPP

    def __init__(self, post: Any | None = None) -> None:
        self._post = post or cloud_api_post

    def subscribe(self, subscription: Subscription) -> None:
        """Reply to the keyword: what is followed and how to leave.

        A subscription made without the person writing (the demo's) gets no
        reply: free text cannot reach a number outside its window.
        """
        links = links_of(subscription)
        with translation.override(subscription.language):
            text = _(
                "Listo: recibirá avisos de %(target)s. Escriba BAJA para dejar "
                "de recibirlos. Sus datos: %(link)s"
            ) % {"target": subscription.target_label, "link": links.my_data}
        try:
            self.reply(subscription.phone, text)
        except ChannelError as failure:
            logger.warning("subscription %s: %s", subscription.pk, failure)

    def send(
        self,
        subscription: Subscription,
        events: list[AlertEvent],
        delivery: Delivery | None = None,
    ) -> None:
        """Send each event as the approved alert template."""
        links = links_of(subscription)
        for event in events:
            with translation.override(subscription.language):
                values = [event_text(event), work_link(event), links.my_data]
            self.template(
                subscription.phone, ALERT, values, MessageKind.ALERT, delivery
            )

    def unsubscribe(self, subscription: Subscription) -> None:
        """Confirm the drop-out (sent once per BAJA by the service)."""

    def reply(self, phone: str, text: str) -> None:
        """Send free text, only inside the window the person's message opened."""
        if not may_receive_text(phone, timezone.now()):
            raise ChannelError("whatsapp: outside the 24-hour window; not sent")
        answer = self._posted(text_payload(phone, text), MessageKind.REPLY)
        if message_id_of(answer):
            message_record(phone=phone, answer=answer, kind=MessageKind.REPLY)

    def template(
        self,
        phone: str,
        declared: MessageTemplate,
        values: list[str],
        kind: str,
        delivery: Delivery | None = None,
    ) -> None:
        """Send the template ``declared`` with ``values``; keep the message."""
        answer = self._posted(declared.payload(phone, values), kind)
        if not message_id_of(answer):
            return  # the console adapter's print: no message to keep
        message_record(
            phone=phone,
            answer=answer,
            kind=kind,
            template=declared.name,
            delivery=delivery,
        )

    def _posted(self, payload: dict[str, Any], kind: str) -> dict[str, Any]:
        """Post ``payload``; count it sent or failed under its ``kind``."""
        try:
            answer = self._post(payload)
        except ChannelError:
            metrics.whatsapp_sends.labels(kind=kind, outcome="failed").inc()
            raise
        metrics.whatsapp_sends.labels(kind=kind, outcome="sent").inc()
        return answer


def cloud_api_post(payload: dict[str, Any]) -> dict[str, Any]:
    """POST ``payload`` to ``/{phone-number-id}/messages``; return the answer."""
    url = (
        f"{settings.RUTA_WHATSAPP_API_URL.rstrip('/')}/"
        f"{settings.RUTA_WHATSAPP_PHONE_NUMBER_ID}/messages"
    )
    request = urllib.request.Request(  # noqa: S310 - the URL comes from settings
        url,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {settings.RUTA_WHATSAPP_TOKEN}",
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=API_TIMEOUT_SECONDS) as answer:  # noqa: S310
            return json_read(answer.read() or b"{}")
    except (urllib.error.URLError, OSError, ValueError) as failure:
        raise ChannelError(f"whatsapp: {failure}") from failure


class ConsoleStream:
    """Print each Cloud API request instead of making it (no credentials)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def __call__(self, payload: dict[str, Any]) -> dict[str, Any]:
        stream = self.stream or sys.stdout
        stream.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        stream.flush()
        return {"messages": [{"id": "console"}]}


def messaging_backend() -> str:
    """Return the messaging adapter in use: ``whatsapp`` or ``console``."""
    chosen = settings.RUTA_ALERTS_MESSAGING_BACKEND
    if chosen:
        return chosen
    return "whatsapp" if settings.RUTA_WHATSAPP_TOKEN else "console"


def channel_for(kind: str) -> Channel:
    """Return the adapter of channel ``kind``."""
    if kind == ChannelKind.EMAIL:
        return EmailChannel()
    if messaging_backend() == "console":
        return WhatsAppChannel(post=ConsoleStream())
    return WhatsAppChannel()


def whatsapp_code_send(phone: str, message: CodeMessage) -> None:
    """Send a participatory budget's voting code as the code template.

    The voter asked for it on the site and gets it at once, wherever their
    window stands; a failure is the voter's to hear about (``CodeNotSent``),
    not one to retry later. A number that sent BAJA gets nothing until it
    writes VOTAR or SEGUIR.
    """
    from ruta.budgeting.verification import CodeNotSent

    if opted_out(phone):
        raise CodeNotSent("whatsapp: the number opted out", public=OPTED_OUT)
    channel = channel_for(ChannelKind.WHATSAPP)
    if not isinstance(channel, WhatsAppChannel):
        raise CodeNotSent("whatsapp: no messaging channel")
    try:
        channel.template(phone, VOTE_CODE, [message.code], MessageKind.VOTE_CODE)
    except ChannelError as failure:
        raise CodeNotSent(str(failure)) from failure


OPTED_OUT = gettext_lazy(
    "Ese número pidió no recibir mensajes nuestros (BAJA). Para recibir su "
    "código, envíe VOTAR a nuestro número de WhatsApp y vuelva a pedirlo."
)
