"""Evidence photos: checked, re-encoded without their metadata, then stored.

The re-encoding (``ruta.common.files.images``) drops the EXIF data (place, camera)
and anything a file carried besides its pixels; the work's photo is then
stored under a random name (``ruta.common.files.uploads``).
"""

from __future__ import annotations

from typing import BinaryIO

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, service
from ruta.accounts.permissions import Action, require
from ruta.common.files.images import MAX_UPLOAD_BYTES, clean_photo
from ruta.works.models import DocumentKind, Work, WorkDocument

__all__ = ["MAX_UPLOAD_BYTES", "clean_photo", "photo_add"]


@service
def photo_add(
    *, work: Work, upload: BinaryIO, size: int, title: str, actor: Actor
) -> WorkDocument:
    """Store an evidence photo of ``work``, re-encoded and without metadata."""
    require(actor, Action.CAPTURE, work)
    content = clean_photo(upload, size=size)
    document = WorkDocument(
        work=work,
        title=title.strip() or _("Fotografía de avance"),
        kind=DocumentKind.PHOTO,
        date=timezone.localdate(),
    )
    document.file.save("foto.jpg", ContentFile(content), save=False)
    document.full_clean()
    document.save()
    return document
