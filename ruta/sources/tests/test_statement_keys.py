"""A published row's and a finding's document, checked once per statement.

The keys declare no constraint (``ruta.common.statementkeys``): these check
that the triggers keep a foreign key's promise, whatever path writes.
"""

import psycopg
import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from ruta.sources.models import (
    DocumentFinding,
    DocumentKind,
    PublishedRow,
    SourceDocument,
)
from testkit.database import deleted_by_sql, session_settings


@pytest.fixture
def document(db):
    return SourceDocument.objects.create(
        sha256="d" * 64, kind=DocumentKind.WORKS_OPA, name="obras.csv"
    )


def _row(document_id: int, number: int = 1) -> PublishedRow:
    return PublishedRow(
        document_id=document_id,
        table_id="works",
        row_number=number,
        line=number + 1,
        values={"Clave": str(number)},
    )


def test_a_published_row_naming_no_document_is_refused_with_its_statement(document):
    rows = [_row(document.pk, 1), _row(document.pk + 1000, 2)]
    with (
        pytest.raises(IntegrityError, match="is not present in table"),
        transaction.atomic(),
    ):
        PublishedRow.objects.bulk_create(rows)
    assert not PublishedRow.objects.exists()


def test_a_finding_moved_to_no_document_is_refused(document):
    # A finding is never changed at all (``kept_as_imported``).
    finding = DocumentFinding.objects.create(
        document=document, code="x", message="m", where="row 1"
    )
    with (
        pytest.raises(DatabaseError, match="Cannot update"),
        transaction.atomic(),
    ):
        DocumentFinding.objects.filter(pk=finding.pk).update(
            document_id=document.pk + 1000
        )
    finding.refresh_from_db()
    assert finding.document_id == document.pk


def test_a_document_its_rows_still_name_cannot_be_deleted_by_any_path(document):
    PublishedRow.objects.bulk_create([_row(document.pk)])
    with connection.cursor() as cursor:
        # The rows' tally is a declared key of its own, which would refuse first.
        cursor.execute("DELETE FROM ingest_documenttable")
    with pytest.raises(IntegrityError, match="is still named there"):
        deleted_by_sql("ingest_sourcedocument", document.pk)
    assert SourceDocument.objects.filter(pk=document.pk).exists()


def test_a_document_may_go_before_its_rows_in_one_transaction(document):
    # As with a declared key, checked at COMMIT: the order of deletes is free.
    PublishedRow.objects.bulk_create([_row(document.pk)])
    DocumentFinding.objects.create(document=document, code="x", message="m")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM ingest_sourcedocument WHERE id = %s", [document.pk])
        cursor.execute("DELETE FROM ingest_publishedrow")
        cursor.execute("DELETE FROM ingest_documentfinding")
        cursor.execute("DELETE FROM ingest_documenttable")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert not SourceDocument.objects.filter(pk=document.pk).exists()


def test_a_document_deleted_with_its_rows_and_findings_goes(document):
    PublishedRow.objects.bulk_create([_row(document.pk)])
    DocumentFinding.objects.create(document=document, code="x", message="m")
    document.delete()
    assert not PublishedRow.objects.exists()
    assert not DocumentFinding.objects.exists()


def test_rows_lock_the_document_they_name_as_a_declared_key_would(document):
    # The document carries no lock until a row names it; then it is locked
    # FOR KEY SHARE by this transaction (its id in xmax), so that no other
    # transaction can delete it before this one ends.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT xmax::text::bigint FROM ingest_sourcedocument WHERE id = %s",
            [document.pk],
        )
        (before,) = cursor.fetchone()
        PublishedRow.objects.bulk_create([_row(document.pk)])
        cursor.execute(
            "SELECT xmax::text::bigint, pg_current_xact_id()::xid::text::bigint "
            "FROM ingest_sourcedocument WHERE id = %s",
            [document.pk],
        )
        after, ours = cursor.fetchone()
    assert before == 0
    assert after == ours


# The document is committed, so that another session can see it.
@pytest.mark.django_db(transaction=True)
def test_no_other_session_can_delete_a_document_while_rows_naming_it_are_written():
    document = SourceDocument.objects.create(
        sha256="b" * 64, kind=DocumentKind.WORKS_OPA, name="obras.csv"
    )
    with transaction.atomic():
        PublishedRow.objects.bulk_create([_row(document.pk)])
        with psycopg.connect(**session_settings(), autocommit=True) as other:
            other.execute("SET lock_timeout = '200ms'")
            # Unlocked, the delete would pass: the rows are not yet in sight.
            with pytest.raises(psycopg.errors.LockNotAvailable):
                other.execute(
                    "DELETE FROM ingest_sourcedocument WHERE id = %s", [document.pk]
                )
    assert PublishedRow.objects.filter(document=document).count() == 1
