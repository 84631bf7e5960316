"""What an alert says, in the subscriber's language: public values only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.alerts.followables import followable
from ruta.alerts.models import AlertEvent, AlertKind, Subscription, TargetKind
from ruta.alerts.tokens import access_token, confirm_token
from ruta.budgeting.selectors import periods_voting
from ruta.catalog.instance import instance
from ruta.common.text.money import format_mxn
from ruta.problems.models import ReportStatus
from ruta.works.models import WorkStatus


@dataclass(frozen=True)
class Links:
    """The absolute addresses every message carries."""

    unsubscribe: str
    my_data: str


def site_label() -> str:
    """Return the site's name and the place whose money it publishes
    ("Ruta del Dinero en Mexicali"), so an alert says whose money it follows.

    A national instance's is the name alone; a name that already names its
    place is not told it twice.
    """
    site = settings.RUTA_SITE_NAME
    scope = instance()
    if scope.national:
        return site
    place = scope.name()
    if place.casefold() in site.casefold():
        return site
    return _("%(site)s en %(place)s") % {"site": site, "place": place}


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
    """Return one line saying what happened (active language)."""
    if event.work is None:
        return _("%(target)s: %(what)s") % {
            "target": event.target_label,
            "what": followed_what(event),
        }
    return _("Obra %(folio)s (%(title)s): %(what)s") % {
        "folio": event.work.public_id,
        "title": event.work.title,
        "what": work_what(event),
    }


def work_what(event: AlertEvent) -> str:
    """Return what happened to a work."""
    data = event.data
    if event.kind == AlertKind.STATUS:
        return _("cambió de estado: %(before)s → %(after)s") % {
            "before": status_label(data.get("before", "")),
            "after": status_label(data.get("after", "")),
        }
    if event.kind == AlertKind.PAYMENT and "amount" in data:
        return _("nuevo pago de %(amount)s el %(date)s") % {
            "amount": format_mxn(Decimal(data["amount"])),
            "date": _written_date(data.get("paid_on", "")),
        }
    if event.kind in (AlertKind.PROGRESS, AlertKind.PAYMENT):
        return _("nuevo avance: %(percent)s %% físico, %(paid)s pagado") % {
            "percent": data.get("percent", ""),
            "paid": _amount(data.get("paid", "")),
        }
    if event.kind == AlertKind.DOCUMENT:
        return _("nuevo documento: %(title)s") % {"title": data.get("title", "")}
    if event.kind == AlertKind.LATE:
        return _(
            "está atrasada: el tiempo transcurrido supera su avance físico por "
            "%(points)s puntos"
        ) % {"points": data.get("points", "")}
    return _("la problemática #%(report)s pasó a «%(after)s»: %(response)s") % {
        "report": data.get("report", ""),
        "after": report_status_label(data.get("after", "")),
        "response": data.get("response", ""),
    }


def followed_what(event: AlertEvent) -> str:
    """Return what happened to a goal, indicator, commitment, call or draft."""
    data = event.data
    if event.target_kind == TargetKind.GOAL:
        return _(
            "trimestre %(quarter)s publicado: programado %(programmed)s, "
            "alcanzado %(achieved)s"
        ) % {
            "quarter": data.get("quarter", ""),
            "programmed": _blank(data.get("programmed")),
            "achieved": _blank(data.get("achieved")),
        }
    if event.target_kind == TargetKind.INDICATOR:
        period = str(data.get("year", ""))
        if data.get("quarter"):
            period += f" T{data['quarter']}"
        return _("nuevo resultado de %(period)s: %(value)s") % {
            "period": period,
            "value": _number(data.get("value", "")),
        }
    if event.target_kind == TargetKind.COMMITMENT:
        return _("nuevo informe de avance publicado: %(percent)s %%. %(text)s") % {
            "percent": _blank(data.get("percent") or None),
            "text": data.get("text", ""),
        }
    return _kind_what(event)


def _kind_what(event: AlertEvent) -> str:
    if event.kind == AlertKind.RESULT:
        return str(_("se publicó el fallo (resultados)"))
    if event.kind == AlertKind.CLOSED:
        return str(_("la consulta cerró; se publica su recuento"))
    if event.target_kind == TargetKind.CONSULTATION:
        return _("se publicó la versión %(version)s") % {
            "version": event.data.get("version", "")
        }
    return str(_("se publicó"))


def _blank(value: object) -> str:
    return "—" if value is None or value == "" else str(value)


def _number(value: str) -> str:
    """Return a stored decimal without trailing zeros ("12.5000" → "12.5")."""
    try:
        return f"{Decimal(value).normalize():f}"
    except (ArithmeticError, ValueError):
        return value


def event_path(event: AlertEvent) -> str:
    """Return the page of what the event is about (in the active language)."""
    if event.work is not None:
        return reverse("works:detail", args=[event.work.public_id])
    declared = followable(event.target_kind)
    return declared.page_url(event.target_key) if declared else reverse("portal:home")


def work_link(event: AlertEvent) -> str:
    """Return the absolute address of the page the event is about."""
    return absolute(event_path(event))


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
            str(
                _(
                    "También SEGUIR META, SEGUIR INDICADOR, SEGUIR COMPROMISO, "
                    "SEGUIR CONVOCATORIA o SEGUIR CONSULTA y la clave que muestra "
                    "su página."
                )
            ),
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
        "No encontramos «%(what)s» entre lo que se puede seguir (obras "
        "publicadas, municipios, programas, metas, indicadores, compromisos, "
        "convocatorias y consultas). Escriba AYUDA para ver cómo seguir algo."
    ) % {"what": argument[:80]}


def vote_text(argument: str) -> str:
    """Return the reply to "VOTAR": where each open vote is; codes come here."""
    periods = periods_voting(argument.strip())
    if not periods:
        return _(
            "No hay ninguna votación de presupuesto participativo abierta ahora. "
            "Escriba AYUDA para ver qué más puede hacer aquí."
        )
    lines = [
        f"{period.title}: {absolute(reverse('budgeting:vote', args=[period.slug]))}"
        for period in periods
    ]
    intro = _(
        "Para votar, abra la página, elija WhatsApp y escriba este número: su "
        "código llegará a este chat."
    )
    return "\n".join([str(intro), *lines])


def left_text(ended: int) -> str:
    """Return the reply to "BAJA"."""
    if not ended:
        return _("No tenía avisos activos. No recibirá nada más.")
    return _("Listo: dejó de recibir todos sus avisos. No recibirá nada más.")


def _written_date(text: str) -> str:
    """Return an event's ISO date as people write it (kept as is if it is not one)."""
    try:
        return date_format(date.fromisoformat(text), "DATE_FORMAT")
    except ValueError:
        return text
