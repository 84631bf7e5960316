"""A project's technical file (expediente técnico, §3.7.2-14): one page, one ZIP.

Everything the project's file holds, read together: the application and its
budget, the requirement documents, the agreement, the bank account's
standing, the disbursements with their CFDI, the reports, the sanctions
and refunds, and the supervision visits with their photos. Its files are
the organisation's and its people's data: read, like every file of an
application (``selectors.files``), only by those who act for the
organisation and by the call's staff, each read logged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models.fields.files import FieldFile

from ruta.accounts.personal import personal_data_read_log
from ruta.grants.models import (
    Agreement,
    Application,
    ApplicationDocument,
    Disbursement,
    Refund,
    Report,
    Sanction,
    SupervisionVisit,
)
from ruta.grants.selectors.files import GRANT_FILES, may_read_files


@dataclass(frozen=True)
class TechnicalFile:
    """The records of a project's technical file, in the order of its life."""

    application: Application
    documents: list[ApplicationDocument]
    agreement: Agreement | None
    disbursements: list[Disbursement]
    reports: list[Report]
    sanctions: list[Sanction]
    refunds: list[Refund]
    visits: list[SupervisionVisit]


def technical_file(application: Application) -> TechnicalFile:
    """Return every record of ``application``'s technical file."""
    agreement = Agreement.objects.filter(application=application).first()
    documents = list(application.documents.order_by("requirement", "-uploaded_at"))
    if agreement is None:
        return TechnicalFile(application, documents, None, [], [], [], [], [])
    return TechnicalFile(
        application=application,
        documents=documents,
        agreement=agreement,
        disbursements=list(agreement.disbursements.prefetch_related("cfdis")),
        reports=list(agreement.reports.prefetch_related("observations")),
        sanctions=list(agreement.sanctions.all()),
        refunds=list(agreement.refunds.all()),
        visits=list(
            agreement.visits.prefetch_related("photos").order_by("visited_on", "pk")
        ),
    )


def technical_file_read(
    application: Application, reader: Any, purpose: str
) -> TechnicalFile | None:
    """Return the technical file if ``reader`` may open it, logging the read."""
    if not may_read_files(reader, application):
        return None
    personal_data_read_log(application, reader, purpose, service="technical_file")
    return technical_file(application)


def _shown(kind: str, record: Any) -> str:
    return GRANT_FILES[kind].shown(record)


def _files(tf: TechnicalFile) -> Iterator[tuple[str, str, str, FieldFile]]:
    """Yield (folder, description, shown name, file) of every file kept."""
    for document in tf.documents:
        yield (
            "1-requisitos",
            f"Requisito {document.requirement} ({document.get_status_display()})",
            _shown("documento", document),
            document.file,
        )
    for disbursement in tf.disbursements:
        for cfdi in disbursement.cfdis.all():
            what = f"Ministración {disbursement.number}, {cfdi.get_kind_display()}"
            yield "3-ministraciones", what, _shown("cfdi-xml", cfdi), cfdi.xml
            yield "3-ministraciones", what, _shown("cfdi-pdf", cfdi), cfdi.pdf
    for report in tf.reports:
        if report.file:
            yield (
                "4-informes",
                f"Informe {report.get_kind_display()} al {report.period_end}",
                _shown("informe", report),
                report.file,
            )
    for refund in tf.refunds:
        if refund.proof:
            yield (
                "5-reintegros",
                "Comprobante de reintegro",
                _shown("reintegro", refund),
                refund.proof,
            )
    for visit in tf.visits:
        for photo in visit.photos.all():
            yield (
                "6-visitas",
                f"Foto de la visita del {visit.visited_on}",
                _shown("visita-foto", photo),
                photo.image,
            )


def _index(tf: TechnicalFile, names: list[tuple[str, str, str]]) -> bytes:
    """Return the archive's index: each record of the file and each file in it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["apartado", "registro", "fecha", "detalle", "archivo"])
    application = tf.application
    writer.writerow(
        [
            "solicitud",
            str(application),
            application.received_at.date(),
            application.title,
            "",
        ]
    )
    if tf.agreement:
        agreement = tf.agreement
        writer.writerow(
            [
                "convenio",
                agreement.get_status_display(),
                agreement.signed_on or agreement.cited_on,
                f"{agreement.amount}",
                "",
            ]
        )
    for disbursement in tf.disbursements:
        writer.writerow(
            [
                "ministración",
                disbursement.number,
                disbursement.transferred_on or disbursement.month,
                f"{disbursement.amount} · {disbursement.get_status_display()}",
                "",
            ]
        )
    for sanction in tf.sanctions:
        writer.writerow(
            [
                "sanción",
                sanction.get_kind_display(),
                sanction.started_on,
                sanction.reason,
                "",
            ]
        )
    for visit in tf.visits:
        writer.writerow(
            [
                "visita",
                visit.get_kind_display(),
                visit.visited_on,
                " · ".join(
                    part
                    for part in (
                        visit.findings,
                        visit.follow_up,
                        visit.get_cause_display(),
                    )
                    if part
                ),
                "",
            ]
        )
    for folder, what, path in names:
        writer.writerow(["archivo", folder, "", what, path])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def technical_file_entries(tf: TechnicalFile) -> list[tuple[str, FieldFile | bytes]]:
    """Return the ZIP's entries: the index, then every file under its folder."""
    entries: list[tuple[str, FieldFile | bytes]] = []
    names: list[tuple[str, str, str]] = []
    taken: set[str] = set()
    for folder, what, shown, file in _files(tf):
        path = _unique(f"{folder}/{_attachment(file, shown)}", taken)
        entries.append((path, file))
        names.append((folder, what, path))
    return [("indice.csv", _index(tf, names)), *entries]


def _attachment(file: FieldFile, shown: str) -> str:
    from ruta.common.files.privatefiles import attachment_name

    return attachment_name(file, shown.replace("/", "-"))


def _unique(path: str, taken: set[str]) -> str:
    candidate, n = path, 1
    while candidate in taken:
        n += 1
        stem, dot, extension = path.rpartition(".")
        candidate = f"{stem}-{n}.{extension}" if dot else f"{path}-{n}"
    taken.add(candidate)
    return candidate
