import hashlib
from decimal import Decimal

import pytest

from ruta.catalog.datafiles import (
    DATA_DIR,
    MARGINALIZATION_FILE,
    CatalogFileError,
    read_catalog,
    read_marginalization,
)
from ruta.catalog.loader import catalog_load
from ruta.catalog.models import Marginalization, MarginalizationGrade

PUBLISHED_SHA256 = "0229d9fc849f1948d945dff979960c8a9a2dfc9ce6d7264ebb7019c96403f66b"
HEADER = (
    "CVE_ENT,NOM_ENT,CVE_MUN,NOM_MUN,POB_TOT,ANALF,SBASC,OVSDE,OVSEE,OVSAE,OVPT,"
    "VHAC,PL.5000,PO2SM,IM_2020,GM_2020,IMN_2020,\n"
)
ALAMOS = (
    "26,Sonora,26003,Alamos, 24 976,8.11,41.66,7.85,4.09,5.19,10.77,26.76,56.11,"
    "75.73,53.436,Medio,0.84,  996\n"
)


@pytest.fixture(scope="module")
def catalog_data():
    return read_catalog()


def test_the_shipped_file_is_conapos_as_published():
    shipped = (DATA_DIR / MARGINALIZATION_FILE).read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == PUBLISHED_SHA256


def test_every_municipality_of_2020_has_its_index(catalog_data):
    rows = {row.cvegeo: row for row in catalog_data.marginalization}
    assert len(rows) == 2469
    missing = {m.cvegeo for m in catalog_data.municipalities} - set(rows)
    # Created after the 2020 census: Baja California's San Quintín, Campeche's
    # Seybaplaya and four municipalities of Guerrero.
    assert missing == {"02007", "04013", "12082", "12083", "12084", "12085"}


def test_alamos_reads_as_conapo_prints_it(catalog_data):
    alamos = next(row for row in catalog_data.marginalization if row.cvegeo == "26003")
    assert alamos.population == 24_976
    assert alamos.indicators[0] == Decimal("8.11")
    assert alamos.indicators[-1] == Decimal("75.73")
    assert (alamos.index, alamos.grade) == (Decimal("53.436"), "Medio")
    assert (alamos.normalized_index, alamos.national_rank) == (Decimal("0.84"), 996)


def test_a_quoted_name_with_a_comma_keeps_its_row_whole(catalog_data):
    row = next(row for row in catalog_data.marginalization if row.cvegeo == "20549")
    assert (row.index, row.grade, row.national_rank) == (Decimal("51.690"), "Alto", 586)


def test_sonoras_grades_are_mostly_low(catalog_data):
    grades = [
        row.grade for row in catalog_data.marginalization if row.cvegeo[:2] == "26"
    ]
    assert {grade: grades.count(grade) for grade in set(grades)} == {
        "Muy bajo": 50,
        "Bajo": 17,
        "Medio": 4,
        "Alto": 1,
    }


def test_loading_stores_every_index_once_and_again_changes_nothing(db, catalog_data):
    catalog_load(catalog_data)
    catalog_load(catalog_data)
    assert Marginalization.objects.count() == 2469
    alamos = Marginalization.objects.get(municipality_id="26003")
    assert alamos.grade == MarginalizationGrade.MEDIUM
    assert alamos.source.key == "conapo-imm-2020"
    assert [str(label) for label, _ in alamos.indicators][0].startswith(
        "% de población"
    )


@pytest.mark.parametrize(
    ("row", "line", "field", "reason"),
    [
        (ALAMOS.replace(" 24 976", " 24,976"), None, None, "expected 18 fields"),
        (ALAMOS.replace(" 24 976", " 24 97"), 2, "POB_TOT", "not a whole number"),
        (ALAMOS.replace("8.11", "108.11"), 2, "ANALF", "outside"),
        (ALAMOS.replace("Medio", "Mediano"), 2, "GM_2020", "is not one of"),
        (ALAMOS.replace("53.436", "n/d"), 2, "IM_2020", "not a decimal"),
        (ALAMOS.replace("26,Sonora,26003", "26,Sonora,26999"), 2, "CVE_MUN", "unknown"),
        (ALAMOS.replace("26,Sonora", "25,Sinaloa"), 2, "CVE_MUN", "not in state"),
        (ALAMOS + ALAMOS, 3, "CVE_MUN", "duplicate '26003' (first on line 2)"),
    ],
)
def test_a_broken_row_stops_the_load_naming_line_and_field(
    tmp_path, catalog_data, row, line, field, reason
):
    path = tmp_path / MARGINALIZATION_FILE
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(CatalogFileError) as raised:
        read_marginalization(path, catalog_data.municipalities)
    message = str(raised.value)
    assert reason in message
    if field:
        assert field in message
        assert str(line) in message


def test_a_file_of_another_layout_is_refused(tmp_path, catalog_data):
    path = tmp_path / MARGINALIZATION_FILE
    path.write_text("cvegeo,grade\n26003,Medio\n", encoding="utf-8")
    with pytest.raises(CatalogFileError, match="CONAPO's header"):
        read_marginalization(path, catalog_data.municipalities)
