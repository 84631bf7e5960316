"""The works-list reader on files the tests write: vocabularies, quirks, checks."""

from __future__ import annotations

import csv
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from ruta.catalog.boundaries import municipal_boundaries_load
from ruta.ingest.worklist import (
    Geography,
    RepeatedKeys,
    boundaries_load,
    current_rows,
    decode,
    raw_rows,
    row_read,
    worklist_open,
)
from ruta.ingest.worklist.columns import TEMPLATE_HEADER
from ruta.ingest.worklist.location import municipalities_named
from ruta.sources.findings import DocumentError
from testkit.worklists import (
    OFFICIAL_EMAIL,
    OPA_2015_HEADER,
    OPA_2019_HEADER,
    opa_2015_row,
    opa_2019_row,
    template_row,
    worklist_file,
)

DATA = Path(__file__).resolve().parents[2] / "catalog" / "data"


@pytest.fixture(scope="module")
def geography() -> Geography:
    with (DATA / "states.csv").open(encoding="utf-8") as handle:
        states = {row["cve_ent"]: row["name"] for row in csv.DictReader(handle)}
    return Geography(
        states=states,
        municipalities=frozenset({"26030", "26018"}),
        boundaries=boundaries_load(DATA / "state_boundaries.json"),
    )


def _read(path: Path, geography: Geography):
    file = worklist_open(path)
    rows, findings, repeated = [], [], RepeatedKeys()
    for raw in raw_rows(file):
        reading = row_read(raw, file.column_set, geography)
        findings += reading.findings
        if reading.row is not None:
            rows.append(reading.row)
            findings += repeated.check(reading.row)
    return file, rows, findings


def _codes(findings) -> list[str]:
    return [finding.code for finding in findings]


def test_the_2019_columns_are_recognised_in_any_order(tmp_path, geography):
    path = worklist_file(tmp_path, "opa.csv", [opa_2019_row(1)], shuffle=7)
    file, [row], findings = _read(path, geography)
    assert file.column_set.code == "opa-2019"
    assert row.key == "000109J3E0005"  # the apostrophe SHCP writes is gone
    assert (row.approved, row.modified, row.paid) == (
        Decimal("1000000.00"),
        Decimal("900000.00"),
        Decimal("800000.00"),
    )
    assert row.state == "26"
    assert findings == []


def test_a_windows_1252_file_is_read_as_such(tmp_path, geography):
    path = worklist_file(
        tmp_path,
        "opa.csv",
        [opa_2019_row(1, NOMBRE_PPI="Puente Álamos")],
        encoding="cp1252",
    )
    file, [row], _ = _read(path, geography)
    assert file.encoding == "cp1252"
    assert row.name == "Puente Álamos"


def test_line_breaks_inside_a_cell_keep_rows_and_lines_apart(tmp_path, geography):
    rows = [opa_2019_row(1), opa_2019_row(2), opa_2019_row(3)]
    path = worklist_file(tmp_path, "opa.csv", rows)
    _, read, _ = _read(path, geography)
    assert [(row.number, row.line) for row in read] == [(1, 2), (2, 4), (3, 6)]
    assert "\n" in read[0].description


def test_the_2015_columns_and_zero_coordinates(tmp_path, geography):
    path = worklist_file(tmp_path, "opa.csv", [opa_2015_row(1)], header=OPA_2015_HEADER)
    file, [row], findings = _read(path, geography)
    assert file.column_set.code == "opa-2015"
    assert (row.latitude, row.longitude) == (None, None)
    assert _codes(findings) == ["coordinates_zero"]
    assert findings[0].severity == "info"
    assert row.start.isoformat() == "2015-01-01"
    assert row.end.isoformat() == "2016-12-31"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"EJERCIDO": "950000"}, "paid_exceeds_modified"),
        ({"APROBADO": "700000"}, "paid_exceeds_approved"),
        ({"AVANCE_FISICO": "130"}, "progress_out_of_range"),
        ({"MODIFICADO": "-5"}, "negative_amount"),
        (
            {"FECHA_FIN_CAL_FF": "31/12/2019", "FISCAL": "2500000"},
            "sources_do_not_add_up",
        ),
        ({"FISCAL": "2500000"}, "year_sources_exceed_total"),
        ({"LATITUD": "-110.955919", "LONGITUD": "29.072967"}, "coordinates_swapped"),
        (
            {"LATITUD": "19.432608", "LONGITUD": "-99.133209"},
            "coordinates_outside_state",
        ),
        (
            {"ID_ENTIDAD_FEDERATIVA": "", "ENTIDAD_FEDERATIVA": "ATLANTIDA"},
            "state_unresolved",
        ),
        ({"APROBADO": "un millón"}, "cell_unreadable"),
    ],
)
def test_each_check_names_the_row_and_the_key(tmp_path, geography, changes, code):
    rows = [opa_2019_row(1), opa_2019_row(2, **changes)]
    path = worklist_file(tmp_path, "opa.csv", rows)
    _, _, findings = _read(path, geography)
    found = [finding for finding in findings if finding.code == code]
    assert found, _codes(findings)
    assert found[0].where.startswith("row 2 (line 4), key 000209J3E0005")
    assert found[0].values["key"] == "000209J3E0005"


def test_one_years_sources_short_of_a_several_year_total_are_no_finding(
    tmp_path, geography
):
    # 2019 to 2021: FISCAL and PROPIO are 2019's share of the 3,000,000.
    row = opa_2019_row(1, FISCAL="600000", PROPIO="400000")
    _, [read], findings = _read(worklist_file(tmp_path, "opa.csv", [row]), geography)
    assert _codes(findings) == []
    assert sum(read.sources.values()) == 1000000
    assert not read.sources_add_up


def test_a_key_repeated_with_other_figures_is_reported_and_the_latest_year_wins(
    tmp_path, geography
):
    rows = [
        opa_2019_row(1, ANIO="2020", EJERCIDO="100"),
        opa_2019_row(1, ANIO="2019"),
        opa_2019_row(1, ANIO="2020", EJERCIDO="100"),
    ]
    path = worklist_file(tmp_path, "opa.csv", rows)
    _, read, findings = _read(path, geography)
    assert _codes(findings) == ["key_repeated_different", "key_repeated"]
    assert [row.number for row in current_rows(read)] == [1]


def test_a_row_without_key_falls_back_to_its_ppi_id(tmp_path, geography):
    rows = [opa_2019_row(1, CVE_CARTERA="", ID_PPI="54090")]
    _, [row], findings = _read(worklist_file(tmp_path, "opa.csv", rows), geography)
    assert row.key == "PPI-54090"
    assert _codes(findings) == ["key_missing"]


def test_a_key_a_spreadsheet_wrote_in_scientific_notation_is_reported(
    tmp_path, geography
):
    # As in the 2015 federal file: "1.136E+13" stands for a longer key.
    rows = [opa_2019_row(1, CVE_CARTERA="1.136E+13")]
    _, [row], findings = _read(worklist_file(tmp_path, "opa.csv", rows), geography)
    assert row.key == "1.136E+13"
    assert _codes(findings) == ["key_in_scientific_notation"]
    assert "key 1.136E+13" in findings[0].where


def test_a_row_with_no_key_at_all_is_a_finding_not_a_work(tmp_path, geography):
    rows = [opa_2019_row(1, CVE_CARTERA="", ID_PPI="")]
    _, read, findings = _read(worklist_file(tmp_path, "opa.csv", rows), geography)
    assert read == []
    assert _codes(findings) == ["row_without_key"]


def test_officials_contact_data_is_not_kept_as_published(tmp_path, geography):
    path = worklist_file(tmp_path, "opa.csv", [opa_2019_row(1)])
    _, [row], _ = _read(path, geography)
    assert OFFICIAL_EMAIL not in str(row.published)
    assert row.official["email"] == OFFICIAL_EMAIL
    assert "MAIL_ADMIN" not in row.published
    assert row.published["NOMBRE_PPI"] == row.name


def test_the_template_resolves_the_municipality(tmp_path, geography):
    rows = [template_row(1), template_row(2, MUNICIPIO="26999")]
    path = worklist_file(tmp_path, "obras.csv", rows, header=list(TEMPLATE_HEADER))
    file, read, findings = _read(path, geography)
    assert file.column_set.code == "template"
    assert [row.municipality_code for row in read] == ["26030", ""]
    assert _codes(findings) == ["municipality_unresolved"]
    assert {kind: amount for kind, amount in read[0].sources.items() if amount} == {
        "ESTATAL": Decimal("60000.00"),
        "MUNICIPAL": Decimal("40000.00"),
    }


def test_the_template_in_xlsx(tmp_path, geography):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(TEMPLATE_HEADER))
    row = template_row(1)
    sheet.append([row[column] for column in TEMPLATE_HEADER])
    path = tmp_path / "obras.xlsx"
    workbook.save(path)
    file, [read], _ = _read(path, geography)
    assert (file.format, read.key, read.total) == (
        "xlsx",
        "HMO-0001",
        Decimal("100000.00"),
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary", "a binary file"),
        (b"%PDF-1.7\n", "a binary file"),
        (b"nombre,monto\nobra,1\n", "no recognisable header"),
        (b"\n\n", "the first line is empty"),
    ],
)
def test_a_file_that_is_not_a_works_list_is_refused(tmp_path, content, reason):
    path = tmp_path / "lista.csv"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=reason) as refused:
        worklist_open(path)
    assert refused.value.file == "lista.csv"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_FILE_BYTES", 1000)
    path = worklist_file(tmp_path, "opa.csv", [opa_2019_row(n) for n in range(5)])
    with pytest.raises(DocumentError, match="may have at most 1,000"):
        worklist_open(path)


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_an_xlsx_with_too_many_sheets_is_refused(tmp_path):
    sheets = {f"xl/worksheets/sheet{n}.xml": b"<x/>" for n in range(1, 30)}
    path = _zip(tmp_path / "bomba.xlsx", sheets)
    with pytest.raises(DocumentError, match="29 sheets"):
        worklist_open(path)


def test_an_xlsx_whose_shared_strings_inflate_is_refused(tmp_path):
    parts = {
        "xl/worksheets/sheet1.xml": b"<x/>",
        "xl/sharedStrings.xml": b"<si>" + b"a" * (8 * 1024 * 1024) + b"</si>",
    }
    path = _zip(tmp_path / "bomba.xlsx", parts)
    with pytest.raises(DocumentError, match="zip bomb"):
        worklist_open(path)


def test_a_zip_that_is_no_spreadsheet_is_refused(tmp_path):
    path = _zip(tmp_path / "otro.xlsx", {"readme.txt": b"hola"})
    with pytest.raises(DocumentError, match="no worksheet"):
        worklist_open(path)


def test_both_opa_headers_are_what_the_testkit_writes():
    # The generator must speak the vocabularies the reader recognises.
    from ruta.ingest.worklist.columns import column_set_for

    assert column_set_for(OPA_2019_HEADER).code == "opa-2019"
    assert column_set_for(OPA_2015_HEADER).code == "opa-2015"


@pytest.fixture(scope="module")
def located(geography) -> Geography:
    """The geography with Baja California's and Sonora's municipal outlines."""
    return Geography(
        states=geography.states,
        municipalities=frozenset({"02002", "02004", "26030"}),
        boundaries=geography.boundaries,
        municipal=municipal_boundaries_load(),
        municipal_names={
            "02": {"mexicali": "02002", "tijuana": "02004", "rosarito": "02005"}
        },
    )


def _bc_row(latitude: str, longitude: str, **cells: str) -> dict[str, str]:
    return opa_2019_row(
        1,
        **cells,
        ID_ENTIDAD_FEDERATIVA="02",
        ENTIDAD_FEDERATIVA="BAJA CALIFORNIA",
        LOCALIZACION="Baja California",
        LATITUD=latitude,
        LONGITUD=longitude,
    )


def test_a_row_without_municipality_is_located_by_its_point_and_says_so(
    tmp_path, located
):
    # SHCP's "Modernización y ampliación del cruce Mexicali I Calexico".
    path = worklist_file(tmp_path, "opa.csv", [_bc_row("32.6645", "-115.4962")])
    _, [row], findings = _read(path, located)
    assert row.municipality_code == "02002"
    [note] = [finding for finding in findings if finding.code != "key_repeated"]
    assert (note.code, note.severity) == ("municipality_from_point", "info")
    assert "Mexicali" in note.message
    assert "no lo declara el archivo" in note.message
    assert "San Felipe" in note.message  # created since the outlines were drawn


def test_a_point_the_work_s_own_words_contradict_is_said_and_not_located(
    tmp_path, located
):
    # SHCP gives Mexicali's own coordinates to a clinic "en Rosarito".
    row = _bc_row(
        "32.663333",
        "-115.467778",
        NOMBRE_PPI="Construcción de Unidad de Medicina Familiar en Rosarito",
    )
    _, [read], findings = _read(worklist_file(tmp_path, "opa.csv", [row]), located)
    assert read.municipality_code == ""
    [warning] = [finding for finding in findings if finding.code != "key_repeated"]
    assert (warning.code, warning.severity) == (
        "municipality_point_contradicts_name",
        "warning",
    )
    assert "Mexicali" in warning.message
    # A work that names its point's municipality among others is located.
    row = _bc_row(
        "32.6645",
        "-115.4962",
        NOMBRE_PPI="Cruce fronterizo Mexicali I - Calexico, hacia Tijuana",
    )
    _, [read], _ = _read(worklist_file(tmp_path, "opa2.csv", [row]), located)
    assert read.municipality_code == "02002"


def test_a_point_outside_the_state_it_names_is_reported_and_not_located(
    tmp_path, located
):
    # Hermosillo's point on a row that says Baja California.
    path = worklist_file(tmp_path, "opa.csv", [_bc_row("29.072967", "-110.955919")])
    _, [row], findings = _read(path, located)
    assert row.municipality_code == ""
    assert row.state_codes == ("02",)
    assert _codes(findings) == ["coordinates_outside_state"]


def test_a_municipality_the_row_names_is_kept_whatever_its_point(tmp_path, located):
    rows = [template_row(1, MUNICIPIO="26030", LATITUD="32.6245", LONGITUD="-115.4523")]
    path = worklist_file(tmp_path, "obras.csv", rows, header=TEMPLATE_HEADER)
    _, [row], findings = _read(path, located)
    assert row.municipality_code == "26030"
    assert "municipality_from_point" not in _codes(findings)


def test_a_work_names_a_municipality_as_whole_words_without_accents_or_case():
    names = {"ensenada": "02001", "playas de rosarito": "02005", "rosarito": "02005"}
    assert municipalities_named("Muelles del PUERTO DE ENSENADA", names) == {"02001"}
    assert municipalities_named("Unidad médica en Rosarito, B.C.", names) == {"02005"}
    assert municipalities_named("Ensenadas y bahías", names) == set()
    assert municipalities_named("", names) == set()
