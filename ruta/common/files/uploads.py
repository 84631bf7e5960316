"""Every file the platform keeps: what it may hold, where, and who reads it.

``FILE_RULES`` is the one declaration: for each model ``FileField`` (and
each upload kept outside the models, like the imports waiting for the
worker) whether its files are public or private, the folder they go in, the
contents an upload may have and its size limit. The model fields take their
storage and names from it (``stored``), the services check uploads with it
(``file_accept``, ``file_recognise``), and docs/deploy.md's table, the nginx
configuration and ``tests/test_private_files.py`` follow it: a new
``FileField`` missing here fails the suite.

An upload's type is read from its bytes, never from its name. HTML, SVG,
other XML, scripts and programs are refused with a message naming the file;
a PDF or text whose first bytes hide HTML (a "polyglot") too, and a PDF
that carries scripts, actions or attached files (``ruta.common.files.pdfs``). Photos are
decoded and written again as new JPEGs (``ruta.common.files.images``), which drops
anything else they carried. Stored names are random, with the extension of
the recognised content; the uploader's name is kept in the database only to
show it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.common.files import images
from ruta.common.files.contents import (
    CFDI_XML,
    CONTENTS,
    CSV,
    HEAD_BYTES,
    HIDDEN_CODE,
    JPEG,
    MARKUP_START,
    MB,
    PDF,
    PHOTOS,
    PROGRAM_START,
    REENCODED,
    TEXT,
    XLSX,
    Content,
)
from ruta.common.files.pdfs import pdf_active_content
from ruta.common.files.privatefiles import private_storage
from ruta.common.refusals import refusal


@dataclass(frozen=True)
class FileRule:
    """How the files of one field (or one kind of upload) are kept."""

    key: str
    holds: Any
    private: bool
    accepts: tuple[Content, ...]
    folder: str
    limit: int | None
    model_field: bool = True

    def accepted_labels(self) -> str:
        """Return what an upload may be, for a message ("PDF, JPEG o PNG")."""
        labels = list(dict.fromkeys(str(content.label) for content in self.accepts))
        if len(labels) == 1:
            return labels[0]
        return _("%(first)s o %(last)s") % {
            "first": ", ".join(labels[:-1]),
            "last": labels[-1],
        }


# What each rule holds is read in the reader's language (docs, admin).
FILE_RULES: dict[str, FileRule] = {
    rule.key: rule
    for rule in (
        FileRule(
            key="works.WorkDocument.file",
            holds=gettext_lazy("Documentos y fotos de obra (se publican con la obra)"),
            private=False,
            accepts=(PDF, *PHOTOS),
            folder="works/documents",
            limit=20 * MB,
        ),
        FileRule(
            key="concertation.Agreement.document",
            holds=gettext_lazy(
                "Convenios de concertación firmados con los ayuntamientos (se "
                "publican en la página del municipio)"
            ),
            private=False,
            accepts=(PDF,),
            folder="convenios",
            limit=20 * MB,
        ),
        FileRule(
            key="participation.VisitPhoto.image",
            holds=gettext_lazy(
                "Fotos de las visitas de vigilancia (públicas, sin EXIF)"
            ),
            private=False,
            accepts=PHOTOS,
            folder="comites/fotos",
            limit=10 * MB,
        ),
        FileRule(
            key="opengov.ReportEvidence.file",
            holds=gettext_lazy(
                "Evidencias de los informes de compromisos de gobierno abierto "
                "(se publican con el informe)"
            ),
            private=False,
            accepts=(PDF, *PHOTOS),
            folder="gobierno-abierto/evidencias",
            limit=10 * MB,
        ),
        FileRule(
            key="opendata.PublishedFile.file",
            holds=gettext_lazy(
                "Archivos de datos abiertos publicados (los escribe la plataforma)"
            ),
            private=False,
            accepts=(),
            folder="datos",
            limit=None,
        ),
        FileRule(
            key="participation.OversightVisit.minutes",
            holds=gettext_lazy(
                "Minutas firmadas de las visitas (firmas del comité): un PDF, o "
                "fotos de sus páginas reunidas en un PDF"
            ),
            private=True,
            # A PDF of up to 5 MB (participation.rules), or photos of the
            # pages, each within the photos' limit, re-encoded into one PDF.
            accepts=(PDF, *PHOTOS),
            folder="comites/actas",
            limit=10 * MB,
        ),
        FileRule(
            key="problems.ProblemReport.photo",
            holds=gettext_lazy(
                "Fotos de problemáticas reportadas (se dejan de mostrar si se ocultan)"
            ),
            private=True,
            accepts=PHOTOS,
            folder="problems",
            limit=10 * MB,
        ),
        FileRule(
            key="problems.PendingReport.photo",
            holds=gettext_lazy(
                "Fotos de reportes por ubicar (privadas; pasan al reporte al ubicarlo)"
            ),
            private=True,
            accepts=PHOTOS,
            folder="problems/por-ubicar",
            limit=10 * MB,
        ),
        FileRule(
            key="grants.ApplicationDocument.file",
            holds=gettext_lazy(
                "Documentos de los requisitos de una solicitud de apoyo"
            ),
            private=True,
            accepts=(PDF, *PHOTOS),
            folder="grants/documents",
            limit=10 * MB,
        ),
        FileRule(
            key="grants.SupervisionPhoto.image",
            holds=gettext_lazy(
                "Fotos de las visitas de supervisión a los proyectos (sin EXIF)"
            ),
            private=True,
            accepts=PHOTOS,
            folder="grants/visits",
            limit=10 * MB,
        ),
        FileRule(
            key="grants.Cfdi.xml",
            holds=gettext_lazy("CFDI de una ministración (XML)"),
            private=True,
            accepts=(CFDI_XML,),
            folder="grants/cfdi",
            limit=2 * MB,
        ),
        FileRule(
            key="grants.Cfdi.pdf",
            holds=gettext_lazy("Representación impresa del CFDI (PDF)"),
            private=True,
            accepts=(PDF,),
            folder="grants/cfdi",
            limit=10 * MB,
        ),
        FileRule(
            key="grants.Report.file",
            holds=gettext_lazy("Informes técnico-financieros de las organizaciones"),
            private=True,
            accepts=(PDF,),
            folder="grants/reports",
            limit=10 * MB,
        ),
        FileRule(
            key="grants.Refund.proof",
            holds=gettext_lazy("Comprobantes de reintegro"),
            private=True,
            accepts=(PDF,),
            folder="grants/refunds",
            limit=10 * MB,
        ),
        FileRule(
            key="grants.RecordedDebt.evidence",
            holds=gettext_lazy(
                "Evidencia de un adeudo de una organización en convocatorias anteriores"
            ),
            private=True,
            accepts=(PDF, *PHOTOS),
            folder="grants/debts",
            limit=10 * MB,
        ),
        FileRule(
            key="grants.RecordedDebt.settlement_evidence",
            holds=gettext_lazy("Evidencia de que se saldó un adeudo registrado"),
            private=True,
            accepts=(PDF, *PHOTOS),
            folder="grants/debts",
            limit=10 * MB,
        ),
        FileRule(
            key="ingest.works_list",
            holds=gettext_lazy("Listas de obras subidas para importar"),
            private=True,
            accepts=(XLSX, CSV),
            folder="imports",
            limit=None,
            model_field=False,
        ),
        FileRule(
            key="ingest.statement",
            holds=gettext_lazy(
                "Estados analíticos del presupuesto subidos para revisar e importar"
            ),
            private=True,
            accepts=(XLSX, CSV),
            folder="imports",
            limit=None,
            model_field=False,
        ),
        FileRule(
            key="ingest.document",
            holds=gettext_lazy("Documentos publicados subidos para revisar e importar"),
            private=True,
            accepts=(PDF, TEXT),
            folder="imports",
            limit=None,
            model_field=False,
        ),
    )
}


def file_rule(key: str) -> FileRule:
    """Return the declaration of field ``key`` ("app.Model.field")."""
    return FILE_RULES[key]


@deconstructible
class RandomName:
    """A stored file's name: the folder, the year, a random part, the extension.

    The extension is the recognised content's (``Accepted.stored_name``);
    any other becomes ``bin``, so no name the uploader chose reaches storage.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: Any, filename: str) -> str:
        extension = PurePath(filename).suffix.lstrip(".").lower()
        if extension not in CONTENTS:
            extension = "bin"
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def stored(key: str) -> dict[str, Any]:
    """Return a ``FileField``'s storage and naming, as its rule declares them."""
    rule = file_rule(key)
    options: dict[str, Any] = {"upload_to": RandomName(rule.folder)}
    if rule.private:
        options["storage"] = private_storage
    return options


@dataclass(frozen=True)
class Accepted:
    """An upload that passed its rule: the bytes to store and what they are."""

    content: bytes
    kind: Content
    original_name: str

    @property
    def stored_name(self) -> str:
        """Return a name whose only meaning is the extension (``RandomName``)."""
        return f"archivo.{self.kind.extension}"

    @property
    def display_name(self) -> str:
        """Return the uploader's name with the extension of the real content."""
        stem = PurePath(self.original_name).stem or _("archivo")
        return f"{stem[:180]}.{self.kind.extension}"

    def as_file(self) -> ContentFile:
        """Return the bytes as a file for ``FieldFile.save``."""
        return ContentFile(self.content, name=self.stored_name)


def uploader_name(file: Any, default: str = "") -> str:
    """Return the name the uploader gave, without folders, for display only."""
    name = str(getattr(file, "name", "") or default)
    return PurePath(name.replace("\\", "/")).name[:200] or default


def _head(file: BinaryIO) -> bytes:
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    return head


def _refusal(rule: FileRule, name: str, head: bytes) -> ValidationError:
    """Return why ``head`` is none of what ``rule`` accepts, said for a person."""
    kinds = rule.accepted_labels()
    if MARKUP_START.match(head) or HIDDEN_CODE.search(head[:1024]):
        return refusal(
            _(
                "«%(name)s» es HTML, SVG u otro marcado que un navegador podría "
                "ejecutar: no se acepta. Aquí se aceptan archivos %(kinds)s."
            ),
            "file_markup",
            name=name,
            kinds=kinds,
        )
    if head.startswith(PROGRAM_START):
        return refusal(
            _(
                "«%(name)s» es un programa o script: no se acepta. Aquí se "
                "aceptan archivos %(kinds)s."
            ),
            "file_program",
            name=name,
            kinds=kinds,
        )
    return refusal(
        _(
            "«%(name)s» no es un archivo %(kinds)s (el tipo se reconoce por el "
            "contenido, no por el nombre)."
        ),
        "file_type",
        name=name,
        kinds=kinds,
    )


def file_recognise(
    rule: FileRule,
    file: BinaryIO,
    *,
    name: str,
    only: tuple[Content, ...] | None = None,
) -> Content:
    """Return which of the rule's contents ``file`` holds, by its bytes; refuse others.

    Reads the first bytes (and a ZIP's directory), not the whole file: for
    large uploads such as works lists, whose reader checks the rest.
    """
    head = _head(file)
    if not head:
        raise refusal(_("«%(name)s» está vacío."), "file_empty", name=name)
    for content in only or rule.accepts:
        if content.matches(head, file):
            if content in (PDF, CSV, TEXT) and HIDDEN_CODE.search(head[:1024]):
                raise refusal(
                    _(
                        "«%(name)s» parece %(kind)s pero lleva HTML o código "
                        "dentro: no se acepta."
                    ),
                    "file_hidden_code",
                    name=name,
                    kind=content.label,
                )
            return content
    raise _refusal(rule, name, head)


def _read(rule: FileRule, file: BinaryIO, name: str, size: int | None) -> bytes:
    """Return the upload's bytes; refuse it, named, when over the rule's limit."""
    limit = rule.limit or 0
    if size is None:
        size = getattr(file, "size", None)
    if limit and size is not None and size > limit:
        raise refusal(
            _("«%(name)s» pesa %(size)s MB; el máximo es %(limit)s MB."),
            "file_too_large",
            name=name,
            size=f"{size / MB:.1f}",
            limit=limit // MB,
        )
    file.seek(0)
    data = file.read(limit + 1) if limit else file.read()
    file.seek(0)
    if limit and len(data) > limit:
        raise refusal(
            _("«%(name)s» pasa del máximo de %(limit)s MB."),
            "file_too_large",
            name=name,
            limit=limit // MB,
        )
    return data


def file_accept(
    rule: FileRule,
    file: BinaryIO,
    *,
    name: str = "",
    size: int | None = None,
    only: tuple[Content, ...] | None = None,
) -> Accepted:
    """Return the upload checked against ``rule`` (``only`` narrows it); else refuse.

    Photos come back re-encoded as JPEG without metadata; PDFs and texts
    must not hide HTML in their first bytes, nor an XML anywhere. A CFDI's
    structure is then read by its own parser, with defusedxml
    (``ruta.grants.rules.cfdi``), before anything is stored.
    """
    name = uploader_name(file, name or _("archivo"))
    data = _read(rule, file, name, size)
    limit = rule.limit or images.MAX_UPLOAD_BYTES
    content = file_recognise(rule, BytesIO(data), name=name, only=only)
    if content in REENCODED:
        try:
            photo = images.clean_photo(BytesIO(data), size=len(data), limit=limit)
        except ValidationError as refused:
            raise refusal(
                _("«%(name)s»: %(reason)s"),
                refused.code or "photo_unreadable",
                name=name,
                reason=refused.messages[0],
            ) from refused
        return Accepted(photo, JPEG, name)
    if content == CFDI_XML and HIDDEN_CODE.search(data):
        raise _refusal(rule, name, data[:HEAD_BYTES])
    if content == PDF and (active := pdf_active_content(data)):
        raise _pdf_refusal(name, active)
    return Accepted(data, content, name)


def _pdf_refusal(name: str, active: str) -> ValidationError:
    """Return why a PDF carrying active content is refused (``common.files.pdfs``)."""
    if active == "trailing":
        why = _("lleva datos después del final del PDF")
    else:
        why = _("lleva contenido activo (%(what)s)") % {"what": active}
    return refusal(
        _(
            "«%(name)s»: %(why)s; no se guarda. Imprímalo de nuevo como PDF "
            "(«Imprimir» → «Guardar como PDF») y súbalo otra vez."
        ),
        "pdf_active_content",
        name=name,
        why=why,
    )
