"""Writes on a committee's oversight: its workshop, its visits and its act.

Capture staff of the work's scope record the committee's training workshop
(the agency gives it). The committee's members record its oversight
themselves — visits and the handover act — on their own committee's work
only (``Committee.oversight_scope``); administrators may too. Every write is
atomic and audited with its actor; a refusal names the field and the reason,
and stores nothing (photos and minutes included). Signed minutes are a PDF
or, taken on a phone, photos of their paper pages, which are kept together
as one PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.actors import Actor, service
from ruta.accounts.permissions import Action, require
from ruta.common.files.contents import PDF
from ruta.common.files.images import photos_pdf
from ruta.common.files.uploads import file_recognise, file_rule
from ruta.participation import rules
from ruta.participation.models import (
    Committee,
    Conformity,
    HandoverAct,
    OversightVisit,
    TrainingWorkshop,
    VisitPhoto,
)
from ruta.works.services.photos import clean_photo

MINUTES = file_rule("participation.OversightVisit.minutes")

# The message of each rule's problem code, with the field it belongs to.
_PROBLEMS = {
    "date_in_future": gettext_lazy("La fecha no puede ser posterior a hoy."),
    "date_before_committee": gettext_lazy(
        "La fecha es anterior a la conformación del comité (%(formed)s)."
    ),
    "attendance_out_of_bounds": gettext_lazy(
        "La asistencia debe estar entre 1 y %(max)s."
    ),
    "minutes_missing": gettext_lazy(
        "Suba la minuta firmada: un PDF o fotos de sus páginas."
    ),
    "minutes_too_large": gettext_lazy("La minuta pesa más de %(mb)s MB."),
    "minutes_not_pdf": gettext_lazy(
        "La minuta firmada debe ser un PDF o fotos de sus páginas (JPEG, PNG o WebP)."
    ),
    "minutes_mixed": gettext_lazy(
        "Suba la minuta como un solo PDF o como fotos de sus páginas, no ambos."
    ),
    "minutes_too_many_pages": gettext_lazy(
        "Máximo %(pages)s fotos de páginas por minuta; si tiene más, súbala en PDF."
    ),
    "objections_missing": gettext_lazy(
        "Si el comité tiene observaciones, escríbalas: son parte del acta."
    ),
    "objections_while_conform": gettext_lazy(
        "Un acta conforme no lleva observaciones; elija «Con observaciones»."
    ),
}


def _refuse(field: str, code: str, committee: Committee) -> ValidationError:
    """Return the refusal of ``code`` at ``field``, in the page's language."""
    message = str(_PROBLEMS[code]) % {
        "formed": committee.formed_on.strftime("%d/%m/%Y"),
        "max": rules.MAX_ATTENDANCE,
        "mb": rules.MINUTES_MAX_BYTES // 2**20,
        "pages": rules.MAX_MINUTES_PAGES,
    }
    return ValidationError({field: ValidationError(message, code=code)})


def _check_date(field: str, day: date, committee: Committee) -> None:
    problem = rules.record_date_problem(
        day, today=timezone.localdate(), formed_on=committee.formed_on
    )
    if problem:
        raise _refuse(field, problem, committee)


def _required_text(field: str, text: str, label: str) -> str:
    """Return ``text`` trimmed; raise at ``field`` when empty or too long."""
    text = text.strip()
    if not text:
        raise ValidationError(
            {field: _("Escriba %(what)s.") % {"what": label}}, code="required"
        )
    if len(text) > rules.MAX_TEXT:
        raise ValidationError(
            {field: _("Máximo %(max)s caracteres.") % {"max": rules.MAX_TEXT}},
            code="too_long",
        )
    return text


@service
def workshop_record(
    *,
    committee: Committee,
    held_on: date,
    attendance: int,
    topics: str = "",
    actor: Actor,
) -> TrainingWorkshop:
    """Record the training workshop the agency gave the committee (once)."""
    require(actor, Action.CAPTURE, committee)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if TrainingWorkshop.objects.filter(committee=committee).exists():
        raise ValidationError(
            _("El taller de capacitación de este comité ya está registrado."),
            code="workshop_exists",
        )
    _check_date("held_on", held_on, committee)
    if problem := rules.attendance_problem(attendance):
        raise _refuse("attendance", problem, committee)
    workshop = TrainingWorkshop(
        committee=committee,
        held_on=held_on,
        attendance=attendance,
        topics=topics.strip(),
    )
    workshop.full_clean()
    workshop.save()
    return workshop


def _ensure_overseen(committee: Committee) -> None:
    """Raise unless the committee's work is in a status that is overseen."""
    work = committee.work
    if work.status not in rules.OVERSEEN_STATUSES:
        raise ValidationError(
            _("La obra está «%(status)s»: no se registran visitas en ese estado.")
            % {"status": work.get_status_display()},
            code="work_not_overseen",
        )


def _minutes_kind(upload: BinaryIO) -> str:
    """Return what one file of the minutes is by its bytes: a PDF, a photo, other.

    A PDF hiding markup, or markup, a program or an empty file, is refused
    with the uploads' own message.
    """
    try:
        content = file_recognise(MINUTES, upload, name=_("La minuta"))
    except ValidationError as refused:
        if refused.code == "file_type":
            return "other"
        raise ValidationError({"minutes": refused.error_list}) from refused
    return rules.MINUTES_PDF if content == PDF else rules.MINUTES_PHOTO


def _clean_minutes(
    files: Sequence[tuple[BinaryIO, int]], committee: Committee
) -> bytes:
    """Return the minutes as one PDF: the PDF given, or the photos of its pages.

    Only a file's first bytes are read before the sizes and kinds are
    checked; photos are re-encoded without their metadata, as every photo.
    """
    kinds = [_minutes_kind(upload) for upload, _size in files]
    if problem := rules.minutes_problem(kinds, [size for _upload, size in files]):
        raise _refuse("minutes", problem, committee)
    if kinds == [rules.MINUTES_PDF]:
        upload, _size = files[0]
        content = upload.read(rules.MINUTES_MAX_BYTES + 1)
        if len(content) > rules.MINUTES_MAX_BYTES:
            raise _refuse("minutes", "minutes_too_large", committee)
        return content
    try:
        pages = [clean_photo(upload, size=size) for upload, size in files]
    except ValidationError as error:
        raise ValidationError({"minutes": error.error_list}) from error
    return photos_pdf(pages)


def _clean_photos(photos: Sequence[tuple[BinaryIO, int]]) -> list[bytes]:
    """Return each photo re-encoded without metadata; refuse any bad one."""
    if len(photos) > rules.MAX_VISIT_PHOTOS:
        raise ValidationError(
            {
                "photos": _("Máximo %(max)s fotos por visita.")
                % {"max": rules.MAX_VISIT_PHOTOS}
            },
            code="too_many_photos",
        )
    try:
        return [clean_photo(upload, size=size) for upload, size in photos]
    except ValidationError as error:
        raise ValidationError({"photos": error.error_list}) from error


@service
def visit_record(
    *,
    committee: Committee,
    visited_on: date,
    checked: str,
    findings: str,
    minutes: Sequence[tuple[BinaryIO, int]],
    photos: Sequence[tuple[BinaryIO, int]] = (),
    actor: Actor,
) -> OversightVisit:
    """Record a committee's visit to its work, with signed minutes and photos.

    Only the committee's own members (and administrators) record it. The
    minutes (each file with its size) are one PDF or the photos of their
    paper pages, kept as one private PDF. Photos are re-encoded without
    their EXIF data (place, camera) before storing.
    """
    require(actor, Action.RECORD_OVERSIGHT, committee.oversight_scope())
    _ensure_overseen(committee)
    _check_date("visited_on", visited_on, committee)
    visit = OversightVisit(
        committee=committee,
        visited_on=visited_on,
        checked=_required_text("checked", checked, _("qué se revisó")),
        findings=_required_text("findings", findings, _("los hallazgos")),
    )
    content = _clean_minutes(minutes, committee)
    cleaned = _clean_photos(photos)
    visit.minutes.save("minuta.pdf", ContentFile(content), save=False)
    visit.full_clean()
    visit.save()
    for content in cleaned:
        photo = VisitPhoto(visit=visit)
        photo.image.save("foto.jpg", ContentFile(content), save=False)
        photo.save()
    return visit


@service
def handover_act_record(
    *,
    committee: Committee,
    delivered_on: date,
    received_by: str,
    conformity: Conformity,
    objections: str = "",
    actor: Actor,
) -> HandoverAct:
    """Record the committee's act of the work's handover (entrega-recepción).

    The work must be completed: the act is what a validator needs to register
    the handover in the work's lifecycle. The receiver is an office (the
    operating agency or the municipality's department), never a person's
    contact; a committee that objects writes its objections, which are public.
    """
    require(actor, Action.RECORD_OVERSIGHT, committee.oversight_scope())
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if committee.work.status != rules.HANDOVER_STATUS:
        raise ValidationError(
            _(
                "El acta de entrega-recepción se registra cuando la obra está "
                "terminada; hoy está «%(status)s»."
            )
            % {"status": committee.work.get_status_display()},
            code="work_not_completed",
        )
    if HandoverAct.objects.filter(committee=committee).exists():
        raise ValidationError(
            _("El acta de entrega-recepción de esta obra ya está registrada."),
            code="act_exists",
        )
    _check_date("delivered_on", delivered_on, committee)
    if problem := rules.objections_problem(conformity, objections):
        raise _refuse("objections", problem, committee)
    act = HandoverAct(
        committee=committee,
        delivered_on=delivered_on,
        received_by=_required_text(
            "received_by", received_by, _("la dependencia u oficina que recibió")
        ),
        conformity=conformity,
        objections=objections.strip(),
    )
    act.full_clean()
    act.save()
    return act
