"""A work's gallery: staff's progress photos and its committee's visit photos.

Both kinds are already re-encoded without their metadata when uploaded
(``ruta.common.images``); the gallery only gathers them, newest first, each
with a text alternative saying what it shows and when. Photos published at
another site's address are left to the documents list: the page loads
nothing from other origins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.participation.models import VisitPhoto
from ruta.works.models import DocumentKind, Work, WorkDocument

GALLERY_MOST = 60


@dataclass(frozen=True)
class GalleryPhoto:
    """One photo of the gallery: where it is, what it shows, who took it."""

    url: str
    alt: str
    taken_on: date | None
    by_committee: bool


def work_gallery(work: Work) -> list[GalleryPhoto]:
    """Return the work's uploaded photos, staff's and the committee's, newest first."""
    staff = WorkDocument.objects.filter(work=work, kind=DocumentKind.PHOTO).exclude(
        file=""
    )
    visits = VisitPhoto.objects.filter(visit__committee__work=work).select_related(
        "visit"
    )
    photos = [_staff_photo(document) for document in staff] + [
        _visit_photo(photo) for photo in visits
    ]
    photos.sort(key=lambda photo: photo.taken_on or date.min, reverse=True)
    return photos[:GALLERY_MOST]


def _staff_photo(document: WorkDocument) -> GalleryPhoto:
    alt = (
        _("%(title)s, %(day)s (foto del personal de la obra)")
        % {"title": document.title, "day": date_format(document.date, "DATE_FORMAT")}
        if document.date
        else _("%(title)s (foto del personal de la obra)") % {"title": document.title}
    )
    return GalleryPhoto(document.file.url, alt, document.date, by_committee=False)


def _visit_photo(photo: VisitPhoto) -> GalleryPhoto:
    visit = photo.visit
    alt = _("Visita de vigilancia del comité del %(day)s: %(checked)s") % {
        "day": date_format(visit.visited_on, "DATE_FORMAT"),
        "checked": visit.checked[:120],
    }
    return GalleryPhoto(photo.image.url, alt, visit.visited_on, by_committee=True)


def gallery_section(work: Work, request: HttpRequest) -> Mapping[str, Any] | None:
    """Return the gallery of a work's page; none when it has no photos."""
    photos = work_gallery(work)
    return {"photos": photos} if photos else None
