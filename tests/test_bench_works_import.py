"""The import's benchmark inserts again exactly the rows the import wrote."""

from __future__ import annotations

import pytest
from django.db import connection

from bench.works_import import ImportRun, _fastest, _rows_again
from ruta.ingest.loaders.worklist import works_file_import
from ruta.sources.models import PublishedRow
from ruta.works.models import Funding, Work, WorkOrigin, WorkPublication
from testkit.actors import TEST_ACTOR
from testkit.worklists import opa_2019_row, worklist_file

pytestmark = [pytest.mark.django_db, pytest.mark.server]


def _rows_of(works) -> tuple[int, int]:
    """Return how many funding lines and publications ``works`` have."""
    return (
        Funding.objects.filter(work__in=works).count(),
        WorkPublication.objects.filter(work__in=works).count(),
    )


def test_the_plain_insert_of_the_same_rows_writes_every_row_the_import_wrote(
    catalog, tmp_path
):
    rows = [opa_2019_row(number) for number in range(1, 6)]
    path = worklist_file(tmp_path, "opa.csv", rows)
    document = works_file_import(path=path, actor=TEST_ACTOR).document
    imported = Work.objects.exclude(public_id__startswith="B")
    published = PublishedRow.objects.filter(document=document)
    before = published.count()

    with connection.cursor() as cursor:
        again = _rows_again(cursor, WorkOrigin.FEDERAL_OPA, document.pk)

    copies = Work.objects.filter(public_id__startswith="B")
    funding, publications = _rows_of(copies)
    assert (copies.count(), again.works_count) == (5, 5)
    assert (funding, publications) == _rows_of(imported)
    assert funding > 0
    assert published.count() == 2 * before
    # The funding lines went with the works; the rows are the others.
    assert again.rows_count == publications + before


def _run(seconds: float, insert: float, rows_insert: float) -> ImportRun:
    return ImportRun(
        records=10,
        seconds=seconds,
        insert=insert,
        insert_checks=1.0,
        works=10,
        rows_insert=rows_insert,
        rows_checks=1.0,
        rows=20,
        start_megabytes=100.0,
        peak_megabytes=seconds * 10,
        reader_megabytes=90.0,
        import_cpu=seconds,
        import_server_cpu=None,
        insert_server_cpu=insert,
        rows_server_cpu=rows_insert,
    )


def test_each_side_of_the_ratio_is_the_fastest_of_its_rounds():
    fastest = _fastest([_run(12.0, 7.0, 3.0), _run(15.0, 6.0, 4.0)])
    assert (fastest.seconds, fastest.peak_megabytes) == (12.0, 120.0)
    assert (fastest.insert, fastest.insert_server_cpu) == (6.0, 6.0)
    assert (fastest.rows_insert, fastest.rows_server_cpu) == (3.0, 3.0)
