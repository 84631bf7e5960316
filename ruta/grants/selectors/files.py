"""An application's private files: which there are, and who may read them.

Requirement documents (deeds, proofs of address, bank statements with the
CLABE), CFDI, reports, refund proofs and supervision photos hold the
organisation's and its people's data. They are read by those who act for
the organisation and by the staff who may see the application's personal
data (the call's administering body); never by reviewers, the public or
another organisation. Each read is logged as a read of the application's
personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.db.models.fields.files import FieldFile

from ruta.accounts.permissions import Action, can
from ruta.accounts.personal import personal_data_read_log
from ruta.grants.models import (
    Application,
    ApplicationDocument,
    Cfdi,
    Refund,
    Report,
    SupervisionPhoto,
)


@dataclass(frozen=True)
class GrantFile:
    """One kind of file of an application: its model, field and shown name."""

    model: type[Model]
    field: str
    application: str  # the lookup from the model to its application
    shown: Callable[[Any], str]


# The address's word for each kind (``grants:file``) and where it is kept.
GRANT_FILES: dict[str, GrantFile] = {
    "documento": GrantFile(
        ApplicationDocument,
        "file",
        "application",
        lambda document: f"requisito-{document.requirement}-{document.name}",
    ),
    "cfdi-xml": GrantFile(
        Cfdi, "xml", "disbursement__agreement__application", lambda c: f"CFDI-{c.uuid}"
    ),
    "cfdi-pdf": GrantFile(
        Cfdi, "pdf", "disbursement__agreement__application", lambda c: f"CFDI-{c.uuid}"
    ),
    "informe": GrantFile(
        Report,
        "file",
        "agreement__application",
        lambda report: report.file_name or f"informe-{report.period_end}",
    ),
    "reintegro": GrantFile(
        Refund,
        "proof",
        "agreement__application",
        lambda refund: refund.proof_name or f"reintegro-{refund.due_on}",
    ),
    "visita-foto": GrantFile(
        SupervisionPhoto,
        "image",
        "visit__agreement__application",
        lambda photo: f"visita-{photo.visit.visited_on}-{photo.pk}",
    ),
}


def may_read_files(user: Any, application: Application) -> bool:
    """Return whether ``user`` may open the application's documents."""
    return can(user, Action.VIEW_PERSONAL_DATA, application)


def application_file_read(
    application: Application, kind: str, pk: int, reader: Any, purpose: str
) -> tuple[FieldFile, str] | None:
    """Return one of the application's files and its shown name, logging the read.

    ``None`` when there is no such file or ``reader`` may not open it: the
    answer does not tell which.
    """
    spec = GRANT_FILES.get(kind)
    if spec is None or not may_read_files(reader, application):
        return None
    record = spec.model._default_manager.filter(
        pk=pk, **{spec.application: application}
    ).first()
    file = getattr(record, spec.field, None) if record else None
    if not file:
        return None
    personal_data_read_log(application, reader, purpose, service="grant_file")
    return file, spec.shown(record)
