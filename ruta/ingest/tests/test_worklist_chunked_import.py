"""A works list imported a chunk at a time: bounded reads, every rule kept.

The import reads and writes ``CHUNK_ROWS`` rows at a time; these tests make
the chunks tiny, so a few rows cross several, and check what a whole-file
import promises still holds across them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ruta.catalog.models import FiscalYear, Municipality
from ruta.ingest.loaders import worklist_chunks
from ruta.ingest.loaders.worklist import works_file_import
from ruta.ingest.worklist import worklist_open
from ruta.sources.models import DocumentFinding, PublishedRow
from ruta.sources.services import StoredFindings, Tally
from ruta.works.models import Funding, Work, WorkOrigin, WorkPublication
from ruta.works.services import staged
from testkit.actors import TEST_ACTOR
from testkit.factories.works import WorkFactory
from testkit.worklists import opa_2019_row, worklist_file

pytestmark = [pytest.mark.django_db, pytest.mark.server]


def _import(path, **options):
    return works_file_import(path=path, actor=TEST_ACTOR, **options)


def _written() -> tuple:
    return (
        sorted(
            Work.objects.values_list("public_id", "title", "total_investment", "as_of")
        ),
        sorted(Funding.objects.values_list("work__public_id", "fund", "amount")),
        sorted(
            WorkPublication.objects.values_list("work__public_id", "row_number", "paid")
        ),
        sorted(PublishedRow.objects.values_list("row_number", "label")),
        list(DocumentFinding.objects.order_by("id").values_list("code", "where")),
    )


def _rows() -> list[dict[str, str]]:
    """Eight rows: work 1 printed again for a later year (row 6), work 3 for an
    earlier one (row 8)."""
    rows = [opa_2019_row(n, EJERCIDO="950000" if n % 2 else "800000") for n in (1, 2)]
    rows += [opa_2019_row(n) for n in (3, 4, 5)]
    rows.append(opa_2019_row(1, ANIO="2020", NOMBRE_PPI="Tramo 1, 2020"))
    rows.append(opa_2019_row(7, CVE_CARTERA="", ID_PPI=""))  # no key: not read
    rows.append(opa_2019_row(3, ANIO="2018", NOMBRE_PPI="Tramo 3, 2018"))
    return rows


def test_the_loader_reads_and_writes_a_file_in_chunks_of_bounded_size(
    catalog, tmp_path, monkeypatch
):
    sizes: dict[str, list[int]] = {"works": [], "rows": []}
    works_chunk, rows_copy = (
        staged.works_import_chunk,
        worklist_chunks.published_rows_copy,
    )

    def works_counted(batch, rows):
        sizes["works"].append(len(rows))
        return works_chunk(batch, rows)

    def rows_counted(**options):
        sizes["rows"].append(len(options["rows"]))
        return rows_copy(**options)

    monkeypatch.setattr(worklist_chunks, "CHUNK_ROWS", 2)
    monkeypatch.setattr(worklist_chunks, "works_import_chunk", works_counted)
    monkeypatch.setattr(worklist_chunks, "published_rows_copy", rows_counted)
    result = _import(worklist_file(tmp_path, "opa.csv", _rows()))
    assert sizes["rows"] == [2, 2, 2, 2]
    assert max(sizes["works"]) <= 2
    assert result.payload["records"] == 8
    assert result.payload["written"]["works_current"] == 5


def test_the_first_chunks_grow_from_a_small_one_so_writing_starts_sooner(
    catalog, tmp_path, monkeypatch
):
    sizes: list[int] = []
    rows_copy = worklist_chunks.published_rows_copy

    def rows_counted(**options):
        sizes.append(len(options["rows"]))
        return rows_copy(**options)

    monkeypatch.setattr(worklist_chunks, "CHUNK_ROWS", 3)
    monkeypatch.setattr(worklist_chunks, "FIRST_CHUNK_ROWS", 1)
    monkeypatch.setattr(worklist_chunks, "published_rows_copy", rows_counted)
    _import(worklist_file(tmp_path, "opa.csv", _rows()))
    assert sizes == [1, 2, 3, 2]


@pytest.mark.parametrize("size", [2, 3, 7])
def test_a_file_writes_the_same_works_rows_and_findings_whatever_its_chunks(
    catalog, tmp_path, monkeypatch, size
):
    monkeypatch.setattr(worklist_chunks, "CHUNK_ROWS", size)
    _import(worklist_file(tmp_path, "opa.csv", _rows()))
    works, funding, publications, rows, findings = _written()
    # Every keyed row's point locates its work: a note each, left aside.
    findings = [(c, w) for c, w in findings if c != "municipality_from_point"]
    assert [public_id for public_id, *_ in works] == [
        f"OPA-000{n}09J3E0005" for n in (1, 2, 3, 4, 5)
    ]
    # Work 1 takes row 6, of 2020, the later year; work 3 keeps row 3.
    assert works[0][1:] == ("Tramo 1, 2020", Decimal("900000.00"), date(2020, 12, 31))
    assert works[2][1] == "Modernización del tramo carretero 3"
    assert ("OPA-000109J3E0005", 6, Decimal("800000.00")) in publications
    assert ("OPA-000309J3E0005", 3, Decimal("800000.00")) in publications
    assert len(funding) == 5
    assert [number for number, _ in rows] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [code for code, _ in findings] == [
        "paid_exceeds_modified",
        "key_repeated_different",
        "row_without_key",
        "key_repeated",  # the same figures as row 3's
    ]
    assert [_row_of(where) for _, where in findings] == [1, 6, 7, 8]


def _row_of(where: str) -> int:
    return int(where.split()[1])


def test_a_key_printed_again_in_a_later_chunk_is_written_once(
    catalog, tmp_path, monkeypatch
):
    monkeypatch.setattr(worklist_chunks, "CHUNK_ROWS", 2)
    _import(worklist_file(tmp_path, "opa.csv", _rows()))
    work = Work.objects.get(public_id="OPA-000109J3E0005")
    events = Work.pgh_event_model.objects.filter(pgh_obj_id=work.pk)
    assert list(events.values_list("pgh_label", "title")) == [
        ("insert", "Tramo 1, 2020")
    ]


def test_a_work_captured_by_hand_is_refused_and_the_finding_says_so(catalog, tmp_path):
    captured = WorkFactory(
        public_id="OPA-000209J3E0005",
        municipality=Municipality.objects.get(code="26030"),
        fiscal_year=FiscalYear.objects.get(year=2024),
    )
    title = captured.title
    result = _import(worklist_file(tmp_path, "opa.csv", _rows()))
    captured.refresh_from_db()
    assert (captured.origin, captured.title) == (WorkOrigin.CAPTURED, title)
    assert not captured.publications.exists()
    assert result.payload["written"]["works_current"] == 4
    [refused] = [f for f in result.findings if f.code == "work_not_from_a_file"]
    assert (refused.where, refused.severity) == ("key OPA-000209J3E0005", "error")
    # Eight rows: four stored; the keyless row and the captured work refused;
    # work 1's 2019 row and work 3's 2018 row superseded by their others.
    assert result.tally == Tally("rows", read=8, stored=4, refused=2, superseded=2)


def test_a_work_held_in_a_later_chunk_turns_the_rest_of_the_import_to_upserts(
    catalog, tmp_path, monkeypatch
):
    # Rows 1 and 2 are inserted as new works; row 3's chunk meets a work
    # captured by hand, which is refused, and the rest is upserted.
    captured = WorkFactory(
        public_id="OPA-000409J3E0005",
        municipality=Municipality.objects.get(code="26030"),
        fiscal_year=FiscalYear.objects.get(year=2024),
    )
    monkeypatch.setattr(worklist_chunks, "CHUNK_ROWS", 2)
    monkeypatch.setattr(worklist_chunks, "FIRST_CHUNK_ROWS", 2)
    result = _import(worklist_file(tmp_path, "opa.csv", _rows()))
    written = result.payload["written"]
    assert (written["works_created"], written["works_current"]) == (4, 4)
    assert written["publications"] == 4
    assert not captured.publications.exists()
    [refused] = [f for f in result.findings if f.code == "work_not_from_a_file"]
    assert refused.where == "key OPA-000409J3E0005"
    assert result.tally == Tally("rows", read=8, stored=4, refused=2, superseded=2)
    titles = dict(Work.objects.values_list("public_id", "title"))
    assert titles["OPA-000109J3E0005"] == "Tramo 1, 2020"


def test_the_result_reads_every_finding_back_and_its_json_lists_a_bounded_few(
    catalog, tmp_path, monkeypatch
):
    monkeypatch.setattr("ruta.ingest.loaders.worklist.FINDINGS_LISTED", 2)
    # No point: no note locating the works, one finding a row.
    rows = [
        opa_2019_row(n, EJERCIDO="950000", LATITUD="", LONGITUD="") for n in range(1, 6)
    ]
    result = _import(worklist_file(tmp_path, "opa.csv", rows))
    assert isinstance(result.findings, StoredFindings)
    assert len(result.findings) == 5
    assert [f.where for f in result.findings][:2] == [
        f["where"] for f in result.payload["findings"]
    ]
    assert result.payload["findings_count"] == 5
    assert result.findings[4].where == "row 5 (line 10), key 000509J3E0005"
    assert [f.code for f in result.findings[1:3]] == ["paid_exceeds_modified"] * 2


def test_an_import_whose_first_pass_missed_a_work_row_writes_nothing(
    catalog, tmp_path, monkeypatch
):
    # The light first pass and the full reading must agree on which rows
    # are works: a row the first pass missed would be written without its
    # work's current row ever being chosen.
    from ruta.ingest.loaders import worklist

    first_pass = worklist.identities

    def one_missed(*args):
        # Row 5, the only row of its work.
        return (row for row in first_pass(*args) if row[0] != 5)

    monkeypatch.setattr(worklist, "identities", one_missed)
    with pytest.raises(
        RuntimeError, match="6 work rows identified but 5 staged and 2 superseded"
    ):
        _import(worklist_file(tmp_path, "opa.csv", _rows()))
    assert not Work.objects.exists()
    assert not PublishedRow.objects.exists()


def test_each_row_keeps_its_cells_in_the_order_its_file_printed_them(catalog, tmp_path):
    path = worklist_file(tmp_path, "opa.csv", _rows()[:1])
    _import(path)
    file = worklist_open(path)
    personal = file.column_set.personal_headers
    [row] = PublishedRow.objects.all()
    assert list(row.values) == [name for name in file.header if name not in personal]
    assert row.values["NOMBRE_PPI"] == "Modernización del tramo carretero 1"
