"""A publication's work, checked once a statement (``common.statementkeys``)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from ruta.sources.models import DocumentKind, SourceDocument
from ruta.works.models import WorkPublication, WorkStatus
from testkit.database import deleted_by_sql
from testkit.factories.works import WorkFactory


@pytest.fixture
def document(db):
    return SourceDocument.objects.create(
        sha256="e" * 64, kind=DocumentKind.WORKS_OPA, name="obras.csv"
    )


@pytest.fixture
def work(db):
    # A proposal: the one status in which a work may still be deleted.
    return WorkFactory(status=WorkStatus.PROPOSED)


def _publication(work_id: int, document: SourceDocument) -> WorkPublication:
    return WorkPublication(
        work_id=work_id,
        document=document,
        row_number=1,
        as_of=date(2024, 12, 31),
        title="Obra",
    )


def test_a_publication_naming_no_work_is_refused(work, document):
    with (
        pytest.raises(IntegrityError, match=r"\(id\)=\(\d+\) is not present"),
        transaction.atomic(),
    ):
        WorkPublication.objects.bulk_create([_publication(work.pk + 1000, document)])
    assert not WorkPublication.objects.exists()


def test_a_work_its_publications_name_cannot_be_deleted_under_them(work, document):
    WorkPublication.objects.bulk_create([_publication(work.pk, document)])
    with pytest.raises(IntegrityError, match="work_id of table"):
        deleted_by_sql("works_work", work.pk)
    assert WorkPublication.objects.filter(work=work).exists()


def test_a_document_its_publications_name_cannot_be_deleted(work, document):
    WorkPublication.objects.bulk_create([_publication(work.pk, document)])
    with pytest.raises(IntegrityError, match="is still named there"):
        deleted_by_sql("ingest_sourcedocument", document.pk)
