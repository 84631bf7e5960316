"""What an alert says, in the subscriber's language: public values only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ruta.alerts.models import AlertEvent, AlertKind, Subscription
from ruta.alerts.tokens import access_token, confirm_token
from ruta.common.money import format_mxn
from ruta.problems.models import ReportStatus
from ruta.works.models import WorkStatus


@dataclass(frozen=True)
class Links:
    """The absolute addresses every message carries."""

    unsubscribe: str
    my_data: str


def absolute(path: str) -> str:
    """Return ``path`` on the public site (``RUTA_SITE_URL``)."""
    return settings.RUTA_SITE_URL.rstrip("/") + path


def links_of(subscription: Subscription) -> Links:
    """Return the unsubscribe and "my data" (ARCO) links of a subscription."""
    token = access_token(subscription.pk, subscription.access_key)
    with translation.override(subscription.language):
        return Links(
            unsubscribe=absolute(reverse("alerts:unsubscribe", args=[token])),
            my_data=absolute(reverse("alerts:my-data", args=[token])),
        )


def confirm_link(subscription: Subscription) -> str:
    """Return the absolute confirmation link of a pending subscription."""
    token = confirm_token(subscription.pk, subscription.confirm_nonce)
    with translation.override(subscription.language):
        return absolute(reverse("alerts:confirm", args=[token]))


def status_label(value: str) -> str:
    """Return a work status's public name."""
    return str(dict(WorkStatus.choices).get(value, value))


def report_status_label(value: str) -> str:
    """Return a problem report status's public name."""
    return str(dict(ReportStatus.choices).get(value, value))


def _amount(value: str) -> str:
    """Return an amount an event keeps as text, written as every page writes it."""
    try:
        return format_mxn(Decimal(value))
    except (ArithmeticError, ValueError):
        return value


def event_text(event: AlertEvent) -> str:
    """Return one line saying what happened to the work (active language)."""
    work, data = event.work, event.data
    if event.kind == AlertKind.STATUS:
        what = _("cambió de estado: %(before)s → %(after)s") % {
            "before": status_label(data.get("before", "")),
            "after": status_label(data.get("after", "")),
        }
    elif event.kind == AlertKind.PAYMENT and "amount" in data:
        what = _("nuevo pago de %(amount)s el %(date)s") % {
            "amount": format_mxn(Decimal(data["amount"])),
            "date": data.get("paid_on", ""),
        }
    elif event.kind in (AlertKind.PROGRESS, AlertKind.PAYMENT):
        what = _("nuevo avance: %(percent)s %% físico, %(paid)s pagado") % {
            "percent": data.get("percent", ""),
            "paid": _amount(data.get("paid", "")),
        }
    elif event.kind == AlertKind.DOCUMENT:
        what = _("nuevo documento: %(title)s") % {"title": data.get("title", "")}
    else:
        what = _("la problemática #%(report)s pasó a «%(after)s»: %(response)s") % {
            "report": data.get("report", ""),
            "after": report_status_label(data.get("after", "")),
            "response": data.get("response", ""),
        }
    return _("Obra %(folio)s (%(title)s): %(what)s") % {
        "folio": work.public_id,
        "title": work.title,
        "what": what,
    }


def work_link(event: AlertEvent) -> str:
    """Return the absolute address of the event's work page."""
    return absolute(reverse("works:detail", args=[event.work.public_id]))


def help_text(folio: str = "") -> str:
    """Return the messaging keywords; ``folio`` is a published work's, as the example.

    Also how to ask: a message that is no keyword is a question.
    """
    follow = (
        _(
            "Para recibir avisos escriba SEGUIR y el folio de una obra (por "
            "ejemplo, SEGUIR %(folio)s), SEGUIR MUNICIPIO y su nombre o clave, o "
            "SEGUIR PROGRAMA y su clave."
        )
        % {"folio": folio}
        if folio
        else _(
            "Para recibir avisos escriba SEGUIR y el folio de una obra, SEGUIR "
            "MUNICIPIO y su nombre o clave, o SEGUIR PROGRAMA y su clave."
        )
    )
    return " ".join(
        [
            follow,
            str(_("Escriba BAJA para dejar de recibir todo.")),
            str(
                _(
                    "O pregunte con sus palabras, por ejemplo: ¿cuánto se invirtió "
                    "en su municipio este año?"
                )
            ),
        ]
    )


def not_found_text(argument: str) -> str:
    """Return the reply to a follow keyword naming nothing public."""
    return _(
        "No encontramos «%(what)s» entre las obras publicadas, los municipios "
        "ni los programas. Escriba AYUDA para ver cómo seguir algo."
    ) % {"what": argument[:80]}


def left_text(ended: int) -> str:
    """Return the reply to "BAJA"."""
    if not ended:
        return _("No tenía avisos activos. No recibirá nada más.")
    return _("Listo: dejó de recibir todos sus avisos. No recibirá nada más.")
