"""Supervision and follow-up visits to a funded project (§3.7.2-4, -6; §5).

Staff of the call's administering body record a visit once it took place:
its date and kind, what they found, the follow-up agreed and when it is due,
the cause of §5 it shows when one applies, and its photos, each checked by
its content and re-encoded without metadata (``ruta.common.files.uploads``) into
the private storage. A refusal names the field and keeps nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.files.base import File
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.actors import Actor, person, service
from ruta.accounts.permissions import Action, require
from ruta.common.refusals import refusal
from ruta.grants.models import Agreement, SupervisionPhoto, SupervisionVisit
from ruta.grants.rules.supervision import (
    MAX_FOLLOW_UP_DAYS,
    MAX_VISIT_PHOTOS,
    VISIT_CAUSE_CODES,
    VisitDates,
    visit_date_problem,
)
from ruta.grants.services.files import file_read

DATE_PROBLEMS = {
    "unsigned": (
        gettext_lazy(
            "El convenio no está firmado: todavía no hay proyecto que visitar."
        ),
        "visited_on",
    ),
    "before_signing": (
        gettext_lazy(
            "La visita (%(on)s) es anterior a la firma del convenio (%(signed)s)."
        ),
        "visited_on",
    ),
    "future": (
        gettext_lazy(
            "La visita se registra cuando ya ocurrió: %(on)s es posterior a hoy."
        ),
        "visited_on",
    ),
    "follow_up_order": (
        gettext_lazy(
            "El seguimiento vence después de la visita y a lo más %(days)s días "
            "después."
        ),
        "follow_up_due",
    ),
}


@service
def visit_record(
    *,
    agreement: Agreement,
    kind: str,
    visited_on: date,
    findings: str,
    follow_up: str = "",
    follow_up_due: date | None = None,
    cause: str = "",
    photos: Sequence[File] = (),
    today: date | None = None,
    actor: Actor,
) -> SupervisionVisit:
    """Record a supervision or follow-up visit to ``agreement``'s project."""
    require(actor, Action.VALIDATE, agreement)
    today = today or timezone.localdate()
    problem = visit_date_problem(
        VisitDates(visited_on, agreement.signed_on, today, follow_up_due)
    )
    if problem:
        message, field = DATE_PROBLEMS[problem]
        raise refusal(
            message,
            f"visit_{problem}",
            field,
            on=date_format(visited_on, "DATE_FORMAT"),
            signed=date_format(agreement.signed_on, "DATE_FORMAT")
            if agreement.signed_on
            else "",
            days=MAX_FOLLOW_UP_DAYS,
        )
    if cause and cause not in VISIT_CAUSE_CODES:
        raise refusal(
            _("«%(cause)s» no es una causa de §5 que una visita encuentre."),
            "visit_cause",
            "cause",
            cause=cause[:40],
        )
    if len(photos) > MAX_VISIT_PHOTOS:
        raise refusal(
            _("Una visita guarda a lo más %(most)s fotos."),
            "visit_photos",
            "photos",
            most=MAX_VISIT_PHOTOS,
        )
    accepted = [
        file_read(photo, key="grants.SupervisionPhoto.image", field="photos")
        for photo in photos
    ]
    visit = SupervisionVisit(
        agreement=agreement,
        kind=kind,
        visited_on=visited_on,
        findings=findings.strip(),
        follow_up=follow_up.strip(),
        follow_up_due=follow_up_due,
        cause=cause,
        recorded_by=person(actor),
    )
    visit.full_clean()
    visit.save()
    for photo in accepted:
        record = SupervisionPhoto(visit=visit, name=photo.display_name)
        record.image.save(photo.stored_name, photo.as_file(), save=False)
        record.save()
    return visit
