"""A work's gallery: staff's progress photos and its committee's visit photos.

Both kinds are already re-encoded without their metadata when uploaded
(``ruta.common.files.images``); the gallery only gathers them, newest first, each
with a text alternative saying what it shows and when. Photos published at
another site's address are left to the documents list: the page loads
nothing from other origins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import BooleanField, F, Value
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.participation.models import VisitPhoto
from ruta.works.models import DocumentKind, Work, WorkDocument
from ruta.works.selectors import work_known_without

GALLERY_MOST = 60


@dataclass(frozen=True)
class GalleryPhoto:
    """One photo of the gallery: where it is, what it shows, who took it."""

    url: str
    alt: str
    taken_on: date | None
    by_committee: bool


def work_gallery(work: Work) -> list[GalleryPhoto]:
    """Return the work's uploaded photos, staff's and the committee's, newest first.

    One query for both kinds (a ``UNION ALL``): the work page stays within
    its bound of queries whether or not the work has a committee.
    """
    staff = (
        WorkDocument.objects.filter(work=work, kind=DocumentKind.PHOTO)
        .exclude(file="")
        .values_list("file", "title", "date", Value(False, BooleanField()))
    )
    visits = VisitPhoto.objects.filter(visit__committee__work=work).values_list(
        "image", "visit__checked", "visit__visited_on", Value(True, BooleanField())
    )
    newest = F("date").desc(nulls_last=True)
    rows = staff.union(visits, all=True).order_by(newest)[:GALLERY_MOST]
    return [_photo(*row) for row in rows]


def _photo(name: str, text: str, day: date | None, by_committee: bool) -> GalleryPhoto:
    if by_committee:
        storage = VisitPhoto.image.field.storage
        alt = _("Visita de vigilancia del comité del %(day)s: %(checked)s") % {
            "day": date_format(day, "DATE_FORMAT") if day else "",
            "checked": text[:120],
        }
    else:
        storage = WorkDocument.file.field.storage
        alt = (
            _("%(title)s, %(day)s (foto del personal de la obra)")
            % {"title": text, "day": date_format(day, "DATE_FORMAT")}
            if day
            else _("%(title)s (foto del personal de la obra)") % {"title": text}
        )
    return GalleryPhoto(storage.url(name), alt, day, by_committee)


# The work's relations its photos come from (``WorkSection.lists``).
GALLERY_LISTS = ("documents", "committee")


def gallery_section(work: Work, request: HttpRequest) -> Mapping[str, Any] | None:
    """Return the gallery of a work's page; none when it has no photos.

    A work known to have neither documents nor a committee has no photos:
    none are read.
    """
    if all(work_known_without(work, kind) for kind in GALLERY_LISTS):
        return None
    photos = work_gallery(work)
    return {"photos": photos} if photos else None
