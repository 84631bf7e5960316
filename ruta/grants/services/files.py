"""Uploaded files: type by content (not by name), bounded size (§4.4: XML+PDF)."""

from __future__ import annotations

from django.core.files.base import File
from django.utils.translation import gettext as _

from ruta.grants.services._base import refuse

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_XML_BYTES = 2 * 1024 * 1024
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "image": (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"),
    "xml": (b"<?xml", b"\xef\xbb\xbf<?xml", b"<"),
}


def file_read(file: File, *, field: str, kinds: tuple[str, ...], limit: int) -> bytes:
    """Return the file's bytes; refuse it, named, if too large or of a wrong type."""
    name = getattr(file, "name", "") or field
    size = file.size if file.size is not None else 0
    if size > limit:
        refuse(
            _("«%(name)s» pesa %(size)s bytes; el máximo es %(limit)s."),
            "file_too_large",
            field,
            name=name,
            size=size,
            limit=limit,
        )
    file.seek(0)
    data = file.read(limit + 1)
    file.seek(0)
    if len(data) > limit:
        refuse(
            _("«%(name)s» pasa del tamaño máximo."), "file_too_large", field, name=name
        )
    head = data.lstrip()[:16] if "xml" in kinds else data[:16]
    if not any(head.startswith(sig) for kind in kinds for sig in SIGNATURES[kind]):
        refuse(
            _("«%(name)s» no es un archivo del tipo esperado (%(kinds)s)."),
            "file_type",
            field,
            name=name,
            kinds=", ".join(kinds).upper(),
        )
    return data
