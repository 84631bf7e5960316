"""Writes on problem reports: filing, answering, moderating, contact rights, keys.

Every write is atomic, validated before anything is stored, and audited
(pghistory, with the actor in the event's context). A citizen filing from
the site or a civic app filing through Open311 act as named system actors;
staff answer as themselves, within their scope.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import BinaryIO, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ruta.accounts.actors import (
    Actor,
    SystemActor,
    is_system,
    person,
    service,
)
from ruta.accounts.permissions import Action, require
from ruta.common.mail import RecipientLimitReached, mail_send
from ruta.common.models import MailKind
from ruta.common.refusals import refusal
from ruta.common.web.guards import unstorable
from ruta.common.web.ratelimit import rate_hit, rate_seen
from ruta.problems import rules
from ruta.problems.models import (
    ApiKey,
    Category,
    PendingReport,
    PendingStatus,
    ProblemReport,
    ReportOrigin,
    StatusChange,
)
from ruta.problems.tokens import api_key_hash, contact_link
from ruta.works.models import Work
from ruta.works.services.photos import clean_photo

logger = logging.getLogger(__name__)

# Who files: a person without an account on the site's form, or a civic app.
PUBLIC_FORM = SystemActor("public report form")
THROTTLE_SECONDS = 3600
THROTTLE_SCOPE = "problem-reports"
NAME_MAX = 120


@dataclass(frozen=True)
class Contact:
    """The reporter's contact: personal data, all of it optional."""

    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Place:
    """Where the problem is: a point and/or words, all optional."""

    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address: str = ""


# ------------------------------------------------------------- throttling


def _throttle_check(client: str | None, limit: int) -> None:
    """Refuse a report from ``client`` once it filed ``limit`` this hour."""
    if client is None:
        return
    seen = rate_seen(THROTTLE_SCOPE, client, limit=limit, seconds=THROTTLE_SECONDS)
    if not rules.throttle_allows(seen.count, limit):
        raise refusal(
            _(
                "Se recibieron demasiados reportes desde su conexión en la última "
                "hora (el límite es %(limit)s). Intente más tarde."
            )
            % {"limit": limit},
            "throttled",
        )


def _throttle_count(client: str | None, limit: int) -> None:
    """Count one stored report of ``client`` in the current hour."""
    if client is None:
        return
    rate_hit(THROTTLE_SCOPE, client, limit=limit, seconds=THROTTLE_SECONDS)


def _throttle_limit(origin: str) -> int:
    """Return how many reports one client may file in an hour from ``origin``."""
    if origin == ReportOrigin.OPEN311:
        return settings.RUTA_OPEN311_REPORTS_PER_HOUR
    return settings.RUTA_PROBLEM_REPORTS_PER_HOUR


# ------------------------------------------------------------- filing


def _check_text(description: str) -> str:
    text = description.strip()
    if unstorable(text):
        raise refusal(
            _("La descripción tiene un carácter que no se puede guardar."),
            "description_unstorable",
        )
    if len(text) < rules.DESCRIPTION_MIN:
        raise refusal(
            _("Describa el problema con al menos %(count)s caracteres.")
            % {"count": rules.DESCRIPTION_MIN},
            "description_short",
        )
    if len(text) > rules.DESCRIPTION_MAX:
        raise refusal(
            _("La descripción pasa de %(count)s caracteres.")
            % {"count": rules.DESCRIPTION_MAX},
            "description_long",
        )
    return text


def _check_place(place: Place) -> None:
    if (place.latitude is None) != (place.longitude is None):
        raise refusal(
            _("Indique latitud y longitud juntas, o ninguna."), "location_partial"
        )
    if (
        place.latitude is not None
        and place.longitude is not None
        and not rules.within_mexico(place.latitude, place.longitude)
    ):
        raise refusal(
            _("La ubicación (%(lat)s, %(lon)s) queda fuera de México.")
            % {"lat": place.latitude, "lon": place.longitude},
            "location_outside",
        )


def _check_contact(contact: Contact) -> Contact:
    name, email, phone = (
        contact.name.strip(),
        contact.email.strip().lower(),
        contact.phone.strip(),
    )
    if phone and not rules.phone_valid(phone):
        raise refusal(_("El teléfono debe tener de 7 a 15 dígitos."), "phone_invalid")
    if len(name) > NAME_MAX or unstorable(name):
        raise refusal(
            _("El nombre debe tener a lo más %(n)s caracteres.") % {"n": NAME_MAX},
            "name_invalid",
        )
    if email:
        try:
            validate_email(email)
        except ValidationError as bad:
            raise refusal(
                _("El correo «%(email)s» no es válido.") % {"email": email[:80]},
                "email_invalid",
            ) from bad
    return Contact(name, email, phone)


def _check_work(work: Work) -> None:
    if work.published_at is None:
        raise refusal(
            _("La obra %(id)s no está publicada: no recibe reportes.")
            % {"id": work.public_id},
            "work_unpublished",
        )


@service
def report_file(
    *,
    work: Work,
    category: Category,
    description: str,
    place: Place = Place(),  # noqa: B008 - frozen, never mutated
    contact: Contact = Contact(),  # noqa: B008 - frozen, never mutated
    photo: BinaryIO | None = None,
    photo_size: int = 0,
    origin: str = ReportOrigin.WEB,
    client: str | None = None,
    api_key: ApiKey | None = None,
    is_demo: bool = False,
    actor: Actor,
) -> ProblemReport:
    """File a report on a published work; refuse with the reason, storing nothing.

    ``client`` (an address, or a key's prefix) is throttled per hour by
    origin (``RUTA_PROBLEM_REPORTS_PER_HOUR``, ``RUTA_OPEN311_REPORTS_PER_HOUR``).
    """
    _check_work(work)
    limit = _throttle_limit(origin)
    _throttle_check(client, limit)
    if not category.is_active:
        raise refusal(_("Esa categoría ya no está vigente."), "category_inactive")
    _check_place(place)
    contact = _check_contact(contact)
    report = ProblemReport(
        work=work,
        category=category,
        description=_check_text(description),
        latitude=place.latitude,
        longitude=place.longitude,
        address=place.address.strip(),
        reporter_name=contact.name,
        reporter_email=contact.email,
        reporter_phone=contact.phone,
        origin=origin,
        api_key=api_key,
        is_demo=is_demo,
    )
    _stored(report, photo, photo_size, client, limit)
    if report.reporter_email:
        transaction.on_commit(lambda: _contact_link_send(report))
    return report


def _stored(
    report: ProblemReport | PendingReport,
    photo: BinaryIO | None,
    photo_size: int,
    client: str | None,
    limit: int,
) -> None:
    """Save a checked report with its photo cleaned; count it for its client."""
    if photo is not None:
        content = clean_photo(photo, size=photo_size)
        report.photo.save("foto.jpg", ContentFile(content), save=False)
    report.full_clean()
    report.save()
    _throttle_count(client, limit)


def _contact_link_send(report: ProblemReport) -> None:
    """E-mail the reporter their private link (ARCO rights), in Spanish.

    An address anyone may type: counted against the mailbox's daily
    confirmations. Past them the report stands and the message is skipped,
    as a mail that cannot go never undoes a report.
    """
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Su reporte #%(number)s en %(site)s") % {
            "number": report.pk,
            "site": settings.RUTA_SITE_NAME,
        }
        body = _(
            "Recibimos su reporte sobre la obra %(work)s.\n\n"
            "Véalo aquí: %(page)s\n\n"
            "Con este enlace privado puede ver, corregir o borrar sus datos "
            "de contacto: %(link)s\n\nNo comparta este enlace."
        ) % {
            "work": report.work.public_id,
            "page": settings.RUTA_SITE_URL.rstrip("/") + report.get_absolute_url(),
            "link": contact_link(report.pk),
        }
    try:
        mail_send(
            kind=MailKind.CONFIRMATION,
            to=report.reporter_email,
            subject=subject,
            body=body,
        )
    except (RecipientLimitReached, OSError):
        logger.warning("report %s: its contact link was not queued", report.pk)


# ------------------------------------------------------------- answering


def _agency_of(report: ProblemReport) -> int | None:
    return report.work.executing_agency_id


@service
def report_status_change(
    *, report: ProblemReport, status: str, response: str, actor: Actor
) -> StatusChange:
    """Move a report to ``status`` with the agency's public response."""
    require(actor, Action.CAPTURE, report)
    report = ProblemReport.objects.select_for_update().get(pk=report.pk)
    if report.duplicate_of_id is not None:
        raise refusal(
            _("El reporte se sumó al #%(number)s: responda en aquel.")
            % {"number": report.duplicate_of_id},
            "report_merged",
        )
    if not rules.transition_allowed(report.status, status):
        raise refusal(
            _("Un reporte en estado «%(current)s» no pasa a «%(new)s».")
            % {"current": report.get_status_display(), "new": status},
            "transition_refused",
        )
    text = response.strip()
    if not rules.RESPONSE_MIN <= len(text) <= rules.RESPONSE_MAX:
        raise refusal(
            _("La respuesta pública debe tener de %(low)s a %(high)s caracteres.")
            % {"low": rules.RESPONSE_MIN, "high": rules.RESPONSE_MAX},
            "response_length",
        )
    now = timezone.now()
    change = StatusChange(
        report=report,
        status_from=report.status,
        status_to=status,
        response=text,
        agency_id=_agency_of(report),
        actor=person(actor),
        system=actor.name if is_system(actor) else "",
        created=now,
    )
    report.status, report.updated = status, now
    report.closed_at = now if rules.is_closed(status) else None
    change.save()
    report.save(update_fields=["status", "updated", "closed_at"])
    return change


@service
def report_hide(*, report: ProblemReport, reason: str, actor: Actor) -> ProblemReport:
    """Hide a report's text and photo for abuse; the public reads the reason."""
    require(actor, Action.CAPTURE, report)
    text = reason.strip()
    if not 3 <= len(text) <= rules.REASON_MAX:
        raise refusal(
            _("Indique el motivo (de 3 a %(high)s caracteres).")
            % {"high": rules.REASON_MAX},
            "reason_length",
        )
    report.hidden_reason, report.updated = text, timezone.now()
    report.save(update_fields=["hidden_reason", "updated"])
    return report


@service
def report_merge(
    *, report: ProblemReport, into: ProblemReport, actor: Actor
) -> ProblemReport:
    """Add a duplicate report to another on the same work; the original answers both."""
    require(actor, Action.CAPTURE, report)
    if into.pk == report.pk or into.work_id != report.work_id:
        raise refusal(
            _("Un reporte solo se suma a otro reporte de la misma obra."),
            "merge_other_work",
        )
    if into.duplicate_of_id is not None:
        raise refusal(
            _("El #%(number)s ya se sumó a otro: elija ese.") % {"number": into.pk},
            "merge_into_duplicate",
        )
    if report.duplicates.exists():
        raise refusal(
            _("Otros reportes se sumaron a este: súmelos primero al elegido."),
            "merge_has_duplicates",
        )
    report.duplicate_of, report.updated = into, timezone.now()
    report.save(update_fields=["duplicate_of", "updated"])
    return report


# ------------------------------------------------ reports to place


PENDING_TOKEN_BYTES = 18


@service
def pending_report_keep(
    *,
    category: Category,
    description: str,
    address: str,
    candidates: Sequence[str] = (),
    contact: Contact = Contact(),  # noqa: B008 - frozen, never mutated
    photo: BinaryIO | None = None,
    photo_size: int = 0,
    client: str | None = None,
    api_key: ApiKey,
    actor: Actor,
) -> PendingReport:
    """Keep a civic app's report whose address names no single work.

    Checked as a report is (text, contact, photo, the app's hourly limit);
    staff place it on a work or decline it. ``candidates`` are the folios
    of the works the address names when it names several.
    """
    limit = _throttle_limit(ReportOrigin.OPEN311)
    _throttle_check(client, limit)
    if not category.is_active:
        raise refusal(_("Esa categoría ya no está vigente."), "category_inactive")
    place = address.strip()
    if not place or unstorable(place):
        raise refusal(_("Indique la dirección del problema."), "address_missing")
    contact = _check_contact(contact)
    pending = PendingReport(
        token=secrets.token_urlsafe(PENDING_TOKEN_BYTES),
        category=category,
        description=_check_text(description),
        address=place,
        candidates=sorted(candidates)[: rules.CANDIDATES_KEPT],
        reporter_name=contact.name,
        reporter_email=contact.email,
        reporter_phone=contact.phone,
        api_key=api_key,
    )
    _stored(pending, photo, photo_size, client, limit)
    return pending


def _waiting(pending: PendingReport) -> PendingReport:
    """Return ``pending`` locked; refuse one already placed or declined."""
    locked = PendingReport.objects.select_for_update().get(pk=pending.pk)
    if not locked.is_waiting:
        raise refusal(
            _("Este reporte ya se resolvió: %(status)s.")
            % {"status": locked.get_status_display()},
            "pending_resolved",
        )
    return locked


def _pending_closed(pending: PendingReport, status: str, reason: str = "") -> None:
    """Close ``pending``: its contact and photo are kept nowhere but the report."""
    photo = pending.photo.name
    pending.status, pending.declined_reason = status, reason
    pending.resolved_at = timezone.now()
    pending.reporter_name = pending.reporter_email = pending.reporter_phone = ""
    pending.photo = ""
    pending.full_clean()
    pending.save()
    if photo:
        storage = pending.photo.storage
        transaction.on_commit(lambda: storage.delete(photo))


@service
def pending_report_place(
    *, pending: PendingReport, work: Work, actor: Actor
) -> ProblemReport:
    """File ``pending`` on ``work``: the report its app filed, now on a work.

    Whoever may answer the work's reports places it; the reporter gets the
    report's link as any reporter does, and the app reads its number by
    the token.
    """
    require(actor, Action.CAPTURE, work)
    pending = _waiting(pending)
    photo = cast(BinaryIO, pending.photo.open("rb")) if pending.photo else None
    try:
        report = report_file(
            work=work,
            category=pending.category,
            description=pending.description,
            place=Place(address=pending.address),
            contact=Contact(
                pending.reporter_name, pending.reporter_email, pending.reporter_phone
            ),
            photo=photo,
            photo_size=pending.photo.size if photo else 0,
            origin=ReportOrigin.OPEN311,
            api_key=pending.api_key,
            actor=actor,
        )
    finally:
        if photo is not None:
            photo.close()
    report.created = pending.created
    report.save(update_fields=["created"])
    pending.report = report
    _pending_closed(pending, PendingStatus.PLACED)
    return report


@service
def pending_report_decline(
    *, pending: PendingReport, reason: str, actor: Actor
) -> PendingReport:
    """Decline ``pending`` with the reason its app reads (an administrator's)."""
    require(actor, Action.CAPTURE, pending)
    text = reason.strip()
    if not 3 <= len(text) <= rules.REASON_MAX:
        raise refusal(
            _("Indique el motivo (de 3 a %(high)s caracteres).")
            % {"high": rules.REASON_MAX},
            "reason_length",
        )
    pending = _waiting(pending)
    _pending_closed(pending, PendingStatus.DECLINED, text)
    return pending


# ------------------------------------------------ the reporter's contact


@service
def contact_correct(
    *, report: ProblemReport, contact: Contact, actor: Actor
) -> ProblemReport:
    """Replace the reporter's contact with the corrected one (ARCO: rectify)."""
    contact = _check_contact(contact)
    report.reporter_name = contact.name
    report.reporter_email = contact.email
    report.reporter_phone = contact.phone
    report.full_clean()
    report.save(update_fields=["reporter_name", "reporter_email", "reporter_phone"])
    return report


@service
def contact_erase(*, report: ProblemReport, actor: Actor) -> ProblemReport:
    """Delete the reporter's contact (ARCO: cancel); the report itself stays."""
    report.reporter_name = report.reporter_email = report.reporter_phone = ""
    report.contact_erased_at = timezone.now()
    report.save(
        update_fields=[
            "reporter_name",
            "reporter_email",
            "reporter_phone",
            "contact_erased_at",
        ]
    )
    return report


@transaction.atomic
def contacts_expire(*, now: datetime | None = None, actor: Actor) -> int:
    """Erase the contact of reports closed longer than the retention; return how many.

    ``RUTA_REPORTER_CONTACT_RETENTION_DAYS`` sets the period. Run daily by
    the worker and by ``ruta problems expire-contacts``; a second run the
    same day erases nothing more.
    """
    require(actor, Action.MANAGE_USERS)
    now = now or timezone.now()
    days = settings.RUTA_REPORTER_CONTACT_RETENTION_DAYS
    candidates = ProblemReport.objects.filter(closed_at__isnull=False).exclude(
        reporter_name="", reporter_email="", reporter_phone=""
    )
    erased = 0
    for report in candidates.select_for_update():
        if rules.contact_expired(report.closed_at, now, days):
            contact_erase(report=report, actor=actor)
            erased += 1
    return erased


# ------------------------------------------------------------- API keys


@service
def api_key_issue(*, name: str, actor: Actor) -> tuple[ApiKey, str]:
    """Issue a key for a civic app; return it and its secret, shown only once."""
    require(actor, Action.MANAGE_USERS)
    label = name.strip()
    if not 2 <= len(label) <= 120:
        raise refusal(_("Nombre la aplicación (de 2 a 120 caracteres)."), "key_name")
    prefix = secrets.token_hex(4)
    secret = f"{prefix}.{secrets.token_urlsafe(32)}"
    key = ApiKey(name=label, prefix=prefix, key_hash=api_key_hash(secret))
    key.save()
    return key, secret


@service
def api_key_revoke(*, key: ApiKey, actor: Actor) -> ApiKey:
    """Revoke a key: the app can no longer file reports with it."""
    require(actor, Action.MANAGE_USERS)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key
