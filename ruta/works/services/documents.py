"""Documents of a work uploaded from the staff desk: PDFs, checked, then stored.

A document is published as uploaded, so only what a reader can open is
kept: a PDF (by its content, not its name) that pdfplumber can parse, of at
most ``MAX_DOCUMENT_BYTES``. Anything else is refused with the reason, and
nothing is stored.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import BinaryIO

import pdfplumber
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pdfminer.pdfexceptions import PDFException, PSException
from pdfplumber.utils.exceptions import PdfminerException

from ruta.accounts.actors import Actor
from ruta.accounts.permissions import Action
from ruta.works.models import DocumentKind, Work, WorkDocument
from ruta.works.services.common import audited, check_permission

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def clean_pdf(upload: BinaryIO, *, size: int) -> bytes:
    """Return the bytes of ``upload`` if it is a readable PDF; raise why not."""
    if size > MAX_DOCUMENT_BYTES:
        raise _refuse(
            _("El documento pesa más de %(limit)s MB.")
            % {"limit": MAX_DOCUMENT_BYTES // 2**20},
            "document_too_large",
        )
    content = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(content) > MAX_DOCUMENT_BYTES:
        raise _refuse(_("El documento pasa del tamaño máximo."), "document_too_large")
    if not content.startswith(PDF_MAGIC):
        raise _refuse(_("El documento debe ser un PDF."), "document_not_pdf")
    try:
        with pdfplumber.open(BytesIO(content)) as pdf:
            pages = len(pdf.pages)
    except (PdfminerException, PDFException, PSException, ValueError) as error:
        raise _refuse(
            _("El PDF está dañado o no se puede leer."), "document_unreadable"
        ) from error
    if pages == 0:
        raise _refuse(_("El PDF no tiene páginas."), "document_unreadable")
    return content


@transaction.atomic
def document_add(
    *,
    work: Work,
    upload: BinaryIO,
    size: int,
    title: str,
    kind: DocumentKind,
    on: date | None = None,
    actor: Actor,
) -> WorkDocument:
    """Store a PDF document of ``work`` (a contract, a report, an act)."""
    check_permission(actor, Action.CAPTURE, work)
    if kind == DocumentKind.PHOTO:
        raise _refuse(
            _("Las fotografías se suben con el avance, no como documento."),
            "document_kind",
        )
    content = clean_pdf(upload, size=size)
    document = WorkDocument(work=work, title=title.strip(), kind=kind, date=on)
    name = slugify(title)[:60] or kind
    document.file.save(f"{work.public_id}-{name}.pdf", ContentFile(content), save=False)
    document.full_clean()
    with audited(actor, "document_add"):
        document.save()
    return document
