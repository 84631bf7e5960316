"""Every table that holds a published figure is kept: audited, or written once.

A document's rows and findings are written once by its import and go only
with the document, whose deletion is an event (``ruta.sources.models.
kept_as_imported``); tracked models' every write is an event
(``pghistory``). The listing test below walks every table the models
declare: each is audited, written once, or exempt with its reason here, so a
table added later must say which.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from pghistory.models import Event

from ruta.sources.models import DocumentFinding, PublishedRow, SourceDocument
from tests.conftest import APP_ROLE

pytestmark = pytest.mark.server

# Tables written once per document, then kept (``kept_as_imported``).
WRITTEN_ONCE = {"ingest_publishedrow", "ingest_documentfinding"}

# Tables neither audited nor written once, each with why.
EXEMPT = {
    # Derived: rebuilt from other tables by triggers or jobs, never entered.
    "ingest_documenttable": "counts of a document's rows, kept by their trigger",
    "works_fundingsummary": "sums of the works' funding, kept by triggers",
    "works_reachedsummary": "sums of the works reached, kept by triggers",
    "works_selectiontotals": "totals of the explorer's selections, a cache",
    "works_workreached": "which works reach which place, kept by triggers",
    "works_worksummary": "the works' summary columns, kept by triggers",
    "opendata_datasetreading": "what a publish read, rebuilt by each publish",
    "opendata_publishmark": "when the data last changed, for the publish check",
    "usage_dailycount": "anonymous counts of answers, no record of anyone's",
    "usage_logcursor": "how far the usage counter read the logs",
    "alerts_sourcecursor": "how far the alerts job read each source",
    "sources_stagedrow": "rows of an import under way, empty once committed",
    # Work in progress of the machinery itself.
    "common_outboundmail": "the outbox; each mail's cause is an audited record",
    "django_session": "sign-in sessions",
    "axes_accessattempt": "failed sign-ins, for the lockout",
    "axes_accessattemptexpiration": "when failed sign-ins expire",
    "axes_accessfailurelog": "failed sign-ins, for the lockout",
    "axes_accesslog": "sign-ins, for the lockout",
    "django_admin_log": "the admin's own log; the rows it changes are audited",
    "django_content_type": "Django's list of models, written by migrate",
    "auth_permission": "Django's permissions, written by migrate; unused",
    "pghistory_context": "the audit's contexts: insert-only for the application",
    "pghistory_events": "a view over the event tables",
}


def _audited_tables() -> set[str]:
    tables = set()
    for model in apps.get_models():
        if issubclass(model, Event):
            tables.add(model._meta.db_table)
            tracked = getattr(model, "pgh_tracked_model", None)
            if tracked is not None:
                tables.add(tracked._meta.db_table)
    return tables


def test_every_table_is_audited_written_once_or_exempt_with_a_reason():
    declared = {
        model._meta.db_table for model in apps.get_models() if model._meta.managed
    }
    unaccounted = declared - _audited_tables() - WRITTEN_ONCE - set(EXEMPT)
    assert unaccounted == set()
    assert set(EXEMPT) <= declared | {"pghistory_events"}, "exempt tables that exist"
    assert all(reason for reason in EXEMPT.values())


@pytest.fixture
def document(db) -> SourceDocument:
    document = SourceDocument.objects.create(sha256="e" * 64, name="informe.txt")
    PublishedRow.objects.create(
        document=document, table_id="t", row_number=1, line=1, label="PAGADO"
    )
    DocumentFinding.objects.create(document=document, code="x", message="m")
    return document


def _as_app(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {APP_ROLE}")
        cursor.execute(sql, params)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.parametrize("table", sorted(WRITTEN_ONCE))
def test_the_app_cannot_change_a_documents_rows(app_role, document, table):
    with pytest.raises(DatabaseError, match="Cannot update"):
        _as_app(
            f"UPDATE {table} SET document_id = document_id WHERE document_id = %s",  # noqa: S608
            [document.pk],
        )


@pytest.mark.parametrize("table", sorted(WRITTEN_ONCE))
def test_the_app_cannot_delete_a_documents_rows_and_keep_the_document(
    app_role, document, table
):
    with pytest.raises(DatabaseError, match="go only with their document"):
        _as_app(f"DELETE FROM {table} WHERE document_id = %s", [document.pk])  # noqa: S608
    assert PublishedRow.objects.filter(document=document).exists()


def test_a_document_goes_with_its_rows_and_leaves_an_event(document):
    pk = document.pk
    with transaction.atomic():
        document.delete()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert not PublishedRow.objects.exists()
    assert not DocumentFinding.objects.exists()
    events = apps.get_model("sources", "SourceDocumentEvent").objects
    assert events.filter(pgh_obj_id=pk, pgh_label="delete").exists()
