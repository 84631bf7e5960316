"""Photos: checked, then re-encoded without their metadata.

A phone's photo carries EXIF data: the place it was taken (GPS), the camera
and its serial number, sometimes the owner's name. None of it is kept: the
pixels are decoded and written again as a new JPEG, which carries no
metadata; the orientation EXIF gave is applied to the pixels first, so the
photo still stands the right way up. Re-encoding also drops anything a file
carried besides its pixels (a script after the image data, an SVG behind a
JPEG's first bytes). Anything that is not a JPEG, PNG or WebP image, is too
large, or does not decode is refused with the reason.

Photos of the pages of one paper document (a committee's signed minutes)
are kept together as one PDF (``photos_pdf``), read as any PDF is.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import BinaryIO

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ruta.common.refusals import refusal

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Decoding a small file can take gigabytes (a "decompression bomb"): refuse
# images of more pixels than a 40-megapixel camera takes. A JPEG is decoded
# already reduced to about the stored size (its DCT scaling), so its memory
# stays bounded; a PNG or WebP is decoded whole, so it may have fewer (a
# phone's photo has 12 to 16 million).
MAX_PIXELS = 40_000_000
MAX_PIXELS_WHOLE = 16_000_000
# Stored photos are resized to fit this box: enough for a web page.
LONGEST_SIDE = 2048
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
JPEG_QUALITY = 85
# A page photographed whole fits the photos' box: at this resolution its
# longest side (2,048 px) is about a letter page's 11 inches.
PAGE_DPI = 186


def clean_photo(upload: BinaryIO, *, size: int, limit: int = MAX_UPLOAD_BYTES) -> bytes:
    """Return ``upload`` as a new JPEG without metadata, or raise why not."""
    if size > limit:
        raise refusal(
            _("La foto pesa más de %(limit)s MB.") % {"limit": limit // 2**20},
            "photo_too_large",
        )
    try:
        image = Image.open(upload)
        if image.format not in ACCEPTED_FORMATS:
            raise refusal(_("La foto debe ser JPEG, PNG o WebP."), "photo_format")
        most = MAX_PIXELS if image.format == "JPEG" else MAX_PIXELS_WHOLE
        if image.width * image.height > most:
            raise refusal(_("La foto tiene demasiados píxeles."), "photo_too_large")
        # At least the stored size, in whole halvings: nothing is lost.
        image.draft("RGB", (LONGEST_SIDE, LONGEST_SIDE))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise refusal(
            _("El archivo no es una imagen legible."), "photo_unreadable"
        ) from error
    # Reduced in place first, so the copies below are of the stored size.
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    upright = ImageOps.exif_transpose(image).convert("RGB")
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    output = BytesIO()
    clean.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return output.getvalue()


def photos_pdf(photos: Sequence[bytes]) -> bytes:
    """Return photos ``clean_photo`` re-encoded as the pages of one PDF, in order.

    Pillow writes each page's image and the document's dates, nothing else
    (no author, no place): the photos carry no metadata by then either.
    """
    pages = [Image.open(BytesIO(photo)) for photo in photos]
    output = BytesIO()
    pages[0].save(
        output,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=PAGE_DPI,
        quality=JPEG_QUALITY,
    )
    return output.getvalue()
