import csv
import hashlib
import io
import json
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction
from openpyxl import load_workbook

from ruta.common.fast.formats_apart import FormatsApart, FormatsOrder
from ruta.common.files import downloads as tables
from ruta.opendata import files
from ruta.opendata.datasets import DATASETS, PACKAGE, STANDARD, Dataset, F
from ruta.opendata.datasets import tables as tables_of_data
from ruta.opendata.files import table_files_write
from ruta.opendata.models import DatasetVersion, FileFormat, PublishedFile
from ruta.opendata.services import publish_datasets
from ruta.opendata.tests.conftest import ACTOR
from testkit.factories.works import WorkFactory

TABLE_FORMATS = {"csv", "excel.csv", "xlsx", "json", "parquet"}


def _latest(slug):
    return DatasetVersion.objects.of(slug).first()


def _content(version, fmt):
    published = version.files.get(format=fmt)
    with published.file.open("rb") as handle:
        return handle.read()


def test_every_dataset_gets_a_version_with_every_format(published):
    for dataset in tables_of_data():
        formats = set(_latest(dataset.slug).files.values_list("format", flat=True))
        assert formats == TABLE_FORMATS, dataset.slug
    package = next(d for d in DATASETS.values() if d.kind == PACKAGE)
    assert list(_latest(package.slug).files.values_list("format", flat=True)) == [
        FileFormat.ZIP
    ]


def test_each_file_records_its_own_size_and_sha256(published):
    for published_file in PublishedFile.objects.all():
        with published_file.file.open("rb") as handle:
            content = handle.read()
        assert published_file.size == len(content)
        assert published_file.sha256 == hashlib.sha256(content).hexdigest()


def test_publishing_unchanged_data_again_adds_no_version(published):
    before = DatasetVersion.objects.count()
    outcome = publish_datasets(actor=ACTOR)
    assert DatasetVersion.objects.count() == before
    assert outcome.published == []
    assert set(outcome.unchanged) | set(outcome.unread) == set(DATASETS)


def test_changed_data_adds_a_version_and_keeps_the_old_one(published):
    first = _latest("obras")
    first_csv = _content(first, "csv")
    WorkFactory(published=True)
    outcome = publish_datasets(actor=ACTOR)
    assert "obras" in outcome.published
    assert "paquete" in outcome.published
    assert "indicadores" in outcome.unchanged
    versions = list(DatasetVersion.objects.of("obras"))
    assert [v.pk for v in versions][1] == first.pk
    assert _content(first, "csv") == first_csv
    assert versions[0].rows == first.rows + 1


def test_only_published_works_and_no_proposal_are_in_the_works_file(published):
    rows = list(csv.DictReader(io.StringIO(_content(_latest("obras"), "csv").decode())))
    folios = {row["FOLIO"] for row in rows}
    assert folios == {work.public_id for work in published["works"]}


def test_works_columns_follow_the_opa_vocabulary(published):
    header = _content(_latest("obras"), "csv").decode().splitlines()[0].split(",")
    for column in ("APROBADO", "MODIFICADO", "EJERCIDO", "AVANCE_FISICO", "FEDERAL"):
        assert column in header


def test_the_excel_csv_differs_from_the_plain_one_by_its_bom_only(published):
    version = _latest("obras")
    plain, excel = _content(version, "csv"), _content(version, "excel.csv")
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert excel == b"\xef\xbb\xbf" + plain


def test_text_that_looks_like_a_formula_stays_inert(published):
    version = _latest("obras")
    assert b"'=HYPERLINK(" in _content(version, "csv")
    sheet = load_workbook(io.BytesIO(_content(version, "xlsx"))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    hyperlink = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert hyperlink.data_type == "s"


def test_the_package_zip_holds_the_latest_csv_of_every_table(published):
    archive = zipfile.ZipFile(io.BytesIO(_content(_latest("paquete"), "zip")))
    names = set(archive.namelist())
    assert names == {"datapackage.json"} | {
        f"data/{d.slug}.csv" for d in tables_of_data()
    }
    assert archive.read("data/obras.csv") == _content(_latest("obras"), "csv")


def test_versions_and_files_are_audited_with_the_actor(published):
    event = DatasetVersion.pgh_event_model.objects.filter(pgh_label="insert").first()
    assert event.pgh_context.metadata["service"] == "publish_datasets"
    assert event.pgh_context.metadata["system"] == ACTOR.name
    assert PublishedFile.pgh_event_model.objects.filter(pgh_label="insert").exists()


def test_a_published_version_cannot_be_changed_or_deleted(published):
    version = _latest("obras")
    for write in (
        lambda: DatasetVersion.objects.filter(pk=version.pk).update(rows=0),
        lambda: PublishedFile.objects.filter(version=version).update(size=0),
        lambda: PublishedFile.objects.filter(version=version)._raw_delete("default"),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            write()


def test_a_standard_package_is_a_dataset_served_at_both_its_addresses(
    published, client
):
    """OC4IDS and OCDS are datasets of the one registry: versioned, with a page
    of their history, their latest at the dataset's address and their own."""
    for dataset in (d for d in DATASETS.values() if d.kind == STANDARD):
        version = _latest(dataset.slug)
        assert list(version.files.values_list("format", flat=True)) == ["json"]
        for address in (f"{dataset.slug}.json", f"{dataset.slug}/ultimo.json"):
            answer = client.get(f"/es-mx/datos/{address}")
            assert b"".join(answer.streaming_content) == _content(version, "json")
        page = client.get(f"/es-mx/datos/{dataset.slug}/").content.decode()
        assert dataset.title in page
        assert version.files.get().sha256 in page


def _json_whole(dataset, rows):
    document = {"conjunto": dataset.slug, "registros": rows}
    return json.dumps(
        document, ensure_ascii=False, default=tables.json_default, indent=1
    ).encode()


def test_the_json_written_a_record_at_a_time_is_what_json_dumps_writes(published):
    for dataset in tables_of_data():
        written = _content(_latest(dataset.slug), "json")
        assert written == _json_whole(dataset, list(dataset.rows())), dataset.slug


def test_a_table_without_rows_is_written_as_json_dumps_writes_it(tmp_path):
    empty = Dataset(
        slug="vacio",
        title="Vacío",
        description="Sin filas.",
        keywords=(),
        rows=lambda: iter(()),
    )
    written = table_files_write(empty, tmp_path)
    assert written.rows == 0
    assert written.years is None
    assert written.paths["json"].read_bytes() == _json_whole(empty, [])


class _Kind(str):
    """A text value of a subclass of ``str``, as a choices' value is."""


@pytest.mark.parametrize(
    "row",
    [
        {},
        {"a": 'ñandú "comillas" \\ \n\t\x00 \u2028 😀', "b": _Kind("x")},
        {"n": 12, "f": 0.1, "t": True, "z": False, "v": None},
        {"m": Decimal("-0.50"), "d": date(2024, 2, 29)},
        {"momento": datetime(2024, 2, 29, 12, 0, tzinfo=UTC)},
        {"lista": [1, {"x": Decimal("1.00")}], "texto": "a"},
    ],
)
def test_a_record_is_written_as_json_dumps_writes_it(row, tmp_path):
    one = Dataset(
        slug="uno",
        title="Uno",
        description="Una fila.",
        keywords=(),
        rows=lambda: [row],
    )
    written = table_files_write(one, tmp_path)
    assert written.paths["json"].read_bytes() == _json_whole(one, [row])


def _money_rows():
    for number in range(1, 31):
        yield {
            "FOLIO": f"F-{number:03d}",
            "MONTO": Decimal(number) * Decimal("1000.50"),
            "FECHA": date(2024, 1, number),
            "NOTA": '=HYPERLINK("x")' if number == 7 else f"obra {number}",
        }


def _cells(path):
    sheet = load_workbook(path, read_only=True).active
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def test_a_large_tables_workbook_and_json_written_apart_are_those_written_here(
    tmp_path, monkeypatch
):
    table = Dataset(
        slug="montos",
        title="Montos",
        description="Treinta filas.",
        keywords=(),
        fields=(
            F("FOLIO", "string", "Folio."),
            F("MONTO", "number", "Monto."),
            F("FECHA", "date", "Fecha."),
            F("NOTA", "string", "Nota."),
        ),
        rows=_money_rows,
        year_field="",
        money_fields=frozenset({"MONTO"}),
    )
    (tmp_path / "here").mkdir()
    (tmp_path / "apart").mkdir()
    here = table_files_write(table, tmp_path / "here")
    monkeypatch.setattr(files, "FORMATS_APART_ROWS", 10)
    started = []
    monkeypatch.setattr(
        files,
        "FormatsApart",
        lambda order: started.append(order) or FormatsApart(order),
    )
    apart = table_files_write(table, tmp_path / "apart")
    assert [order.name for order in started] == ["montos"]
    assert apart.paths["json"].read_bytes() == here.paths["json"].read_bytes()
    assert _cells(apart.paths["xlsx"]) == _cells(here.paths["xlsx"])
    assert len(_cells(apart.paths["xlsx"])) == 31
    assert not (tmp_path / "apart" / "montos.rows").exists()


def test_a_workbook_not_written_apart_fails_the_publish_with_its_error(tmp_path):
    order = FormatsOrder(
        rows_file=str(tmp_path / "missing.rows"),
        workbook=str(tmp_path / "t.xlsx"),
        json=str(tmp_path / "t.json"),
        name="t",
        columns=[("a", "A")],
        money_columns=[],
    )
    apart = FormatsApart(order)
    with pytest.raises(RuntimeError, match=r"(?s)of t were not written.*missing\.rows"):
        apart.wait()
    apart.stop()  # nothing left to stop
