"""Documents of a work uploaded from the staff desk: PDFs, checked, then stored.

A document is published as uploaded, so only what a reader can open is
kept: a PDF (by its content, not its name: ``ruta.common.files.uploads``) that
pdfplumber can parse, of at most ``MAX_DOCUMENT_BYTES``, stored under a
random name. Anything else is refused with the reason, and nothing is
stored.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import BinaryIO

import pdfplumber
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from pdfminer.pdfexceptions import PDFException, PSException
from pdfplumber.utils.exceptions import PdfminerException

from ruta.accounts.actors import Actor, service
from ruta.accounts.permissions import Action, require
from ruta.common.files.uploads import PDF, file_recognise, file_rule
from ruta.common.refusals import refusal
from ruta.works.models import DocumentKind, Work, WorkDocument

RULE = file_rule("works.WorkDocument.file")
MAX_DOCUMENT_BYTES = RULE.limit or 0
PDF_MAGIC = b"%PDF-"


def clean_pdf(upload: BinaryIO, *, size: int) -> bytes:
    """Return the bytes of ``upload`` if it is a readable PDF; raise why not."""
    if size > MAX_DOCUMENT_BYTES:
        raise refusal(
            _("El documento pesa más de %(limit)s MB.")
            % {"limit": MAX_DOCUMENT_BYTES // 2**20},
            "document_too_large",
        )
    content = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(content) > MAX_DOCUMENT_BYTES:
        raise refusal(_("El documento pasa del tamaño máximo."), "document_too_large")
    if not content.startswith(PDF_MAGIC):
        raise refusal(_("El documento debe ser un PDF."), "document_not_pdf")
    file_recognise(RULE, BytesIO(content), name=_("El documento"), only=(PDF,))
    try:
        with pdfplumber.open(BytesIO(content)) as pdf:
            pages = len(pdf.pages)
    except (PdfminerException, PDFException, PSException, ValueError) as error:
        raise refusal(
            _("El PDF está dañado o no se puede leer."), "document_unreadable"
        ) from error
    if pages == 0:
        raise refusal(_("El PDF no tiene páginas."), "document_unreadable")
    return content


@service
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
    require(actor, Action.CAPTURE, work)
    if kind == DocumentKind.PHOTO:
        raise refusal(
            _("Las fotografías se suben con el avance, no como documento."),
            "document_kind",
        )
    content = clean_pdf(upload, size=size)
    document = WorkDocument(work=work, title=title.strip(), kind=kind, date=on)
    document.file.save("documento.pdf", ContentFile(content), save=False)
    document.full_clean()
    document.save()
    return document
