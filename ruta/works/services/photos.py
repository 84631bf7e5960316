"""Evidence photos: checked, re-encoded without their metadata, then stored.

A phone's photo carries EXIF data: the place it was taken (GPS), the camera
and its serial number, sometimes the owner's name. None of it is published:
the pixels are decoded and written again as a new JPEG, which carries no
metadata; the orientation EXIF gave is applied to the pixels first, so the
photo still stands the right way up. Anything that is not a JPEG, PNG or
WebP image, is too large, or does not decode is refused with the reason, and
nothing is stored.
"""

from __future__ import annotations

from io import BytesIO
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ruta.accounts.actors import Actor
from ruta.accounts.permissions import Action
from ruta.works.models import DocumentKind, Work, WorkDocument
from ruta.works.services.common import audited, check_permission

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Decoding a small file can take gigabytes (a "decompression bomb"): refuse
# images of more pixels than a 40-megapixel camera takes.
MAX_PIXELS = 40_000_000
# Stored photos are resized to fit this box: enough for a web page.
LONGEST_SIDE = 2048
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
JPEG_QUALITY = 85


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def clean_photo(upload: BinaryIO, *, size: int) -> bytes:
    """Return ``upload`` as a new JPEG without metadata, or raise why not."""
    if size > MAX_UPLOAD_BYTES:
        raise _refuse(
            _("La foto pesa más de %(limit)s MB.")
            % {"limit": MAX_UPLOAD_BYTES // 2**20},
            "photo_too_large",
        )
    try:
        image = Image.open(upload)
        if image.format not in ACCEPTED_FORMATS:
            raise _refuse(_("La foto debe ser JPEG, PNG o WebP."), "photo_format")
        if image.width * image.height > MAX_PIXELS:
            raise _refuse(_("La foto tiene demasiados píxeles."), "photo_too_large")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise _refuse(
            _("El archivo no es una imagen legible."), "photo_unreadable"
        ) from error
    upright = ImageOps.exif_transpose(image).convert("RGB")
    upright.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    output = BytesIO()
    clean.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return output.getvalue()


@transaction.atomic
def photo_add(
    *, work: Work, upload: BinaryIO, size: int, title: str, actor: Actor
) -> WorkDocument:
    """Store an evidence photo of ``work``, re-encoded and without metadata."""
    check_permission(actor, Action.CAPTURE, work)
    content = clean_photo(upload, size=size)
    document = WorkDocument(
        work=work,
        title=title.strip() or _("Fotografía de avance"),
        kind=DocumentKind.PHOTO,
        date=timezone.localdate(),
    )
    document.file.save(f"{work.public_id}.jpg", ContentFile(content), save=False)
    document.full_clean()
    with audited(actor, "photo_add"):
        document.save()
    return document
