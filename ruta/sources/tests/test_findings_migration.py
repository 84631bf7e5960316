"""Findings stored with the readers' English messages are worded in Spanish."""

import importlib
from types import SimpleNamespace

import pgtrigger
from django.apps import apps
from django.db import connection

from ruta.sources.models import DocumentFinding, DocumentKind, SourceDocument

migration = importlib.import_module(
    "ruta.sources.migrations.0009_findings_worded_in_spanish"
)


def test_stored_findings_get_their_spanish_sentence_when_their_values_allow(db):
    document = SourceDocument.objects.create(
        sha256="e" * 64, kind=DocumentKind.CECOP_ANNUAL_REPORT, name="informe.txt"
    )
    english = "tsam_by_subprogram, row 'AGUA POTABLE': total investment 10.00 is…"
    worded, kept, unknown = DocumentFinding.objects.bulk_create(
        DocumentFinding(document=document, where="line 319", **fields)
        for fields in (
            {
                "code": "row_sources_mismatch",
                "message": english,
                "values": {
                    "table": "tsam_by_subprogram",
                    "row": "AGUA POTABLE",
                    "total": "10.00",
                    "sources_sum": "9.00",
                },
            },
            # Stored before its values carried what the sentence needs.
            {"code": "row_sources_mismatch", "message": english, "values": {}},
            {"code": "no_longer_checked", "message": "Something odd", "values": {}},
        )
    )
    # The migration ran before findings were kept unchanged (sources.0017);
    # the owner, who runs migrations, may still ask the trigger to stand by.
    with pgtrigger.ignore("sources.DocumentFinding:document_finding_unchanged"):
        migration.findings_worded_in_spanish(
            apps, SimpleNamespace(connection=connection)
        )
    worded.refresh_from_db()
    kept.refresh_from_db()
    unknown.refresh_from_db()
    assert worded.message == (
        "tsam_by_subprogram, renglón «AGUA POTABLE»: la inversión total 10.00 no "
        "es CECOP + municipio + comunidad = 9.00."
    )
    assert (kept.message, unknown.message) == (english, "Something odd")
