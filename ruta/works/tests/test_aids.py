"""The social aids by concept, municipality and sex: the recipient's sex is
personal data and reaches the public only as aggregates, a group of fewer than
five withheld and, with it, a second cell of its row or column so that none
can be worked out from the totals; no page, download or answer lists an aid."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from ruta.opendata.datasets import dataset_get
from ruta.works.models import AidConcept
from ruta.works.rules import SMALL_GROUP, withheld_cells
from ruta.works.selectors.aids import aid_rows, aids_by_sex
from testkit.factories.catalog import AgencyFactory, MunicipalityFactory
from testkit.factories.works import AidFactory

D = Decimal
PAGE = "/es-mx/ayudas-sociales/"


# ------------------------------------------------------------------ rules


def test_the_recipient_s_sex_is_declared_personal_data():
    from ruta.accounts.personal import personal_data_models, public_value

    assert personal_data_models()["works.Aid"].field("recipient_sex") is not None
    assert public_value("works.Aid", "recipient_sex", "M") is None


def test_a_small_group_is_withheld_with_a_second_cell_of_its_row_and_column():
    counts = {
        ("personas", "M"): 40,
        ("personas", "H"): 3,
        ("personas", ""): 0,
        ("instituciones", "M"): 0,
        ("instituciones", "H"): 0,
        ("instituciones", ""): 12,
    }
    withheld = withheld_cells(counts)
    assert ("personas", "H") in withheld  # 3 < 5
    # Its row's total (43) would give it away: the smallest other goes too.
    assert ("personas", "") in withheld
    # So would its column's total: a second cell of column H.
    assert ("instituciones", "H") in withheld
    assert ("personas", "M") not in withheld


def test_groups_of_five_or_more_are_published():
    counts = {("a", "M"): 5, ("a", "H"): 9, ("b", "M"): 0, ("b", "H"): 7}
    assert withheld_cells(counts) == set()


tables = st.dictionaries(
    st.tuples(st.sampled_from("abcd"), st.sampled_from(["M", "H", "X", ""])),
    st.integers(min_value=0, max_value=12),
    min_size=1,
)


@settings(deadline=None, derandomize=True, max_examples=300)
@given(tables)
def test_no_withheld_cell_is_alone_in_its_row_or_column(partial):
    rows = {row for row, _column in partial}
    columns = {column for _row, column in partial}
    counts = {(r, c): partial.get((r, c), 0) for r in rows for c in columns}
    withheld = withheld_cells(counts)
    assert all(cell in withheld for cell, n in counts.items() if 0 < n < SMALL_GROUP)
    for line in (
        *({cell for cell in counts if cell[0] == row} for row in rows),
        *({cell for cell in counts if cell[1] == column} for column in columns),
    ):
        if len(line) > 1:
            assert len(line & withheld) != 1


# -------------------------------------------------------------- selectors


@pytest.fixture
def aids(db):
    agency = AgencyFactory()
    alamos = MunicipalityFactory(code="26003", name="Álamos")
    cajeme = MunicipalityFactory(code="26018", name="Cajeme")
    for _n in range(12):
        AidFactory(agency=agency, municipality=cajeme, recipient_sex="M")
    for _n in range(7):
        AidFactory(agency=agency, municipality=cajeme, recipient_sex="H")
    # One woman in Álamos: a group of one.
    AidFactory(
        agency=agency, municipality=alamos, recipient_sex="M", amount=D("9999.00")
    )
    for _n in range(6):
        AidFactory(
            agency=agency,
            municipality=alamos,
            concept=AidConcept.NONPROFITS,
            recipient_sex="",
        )
    return {"alamos": alamos, "cajeme": cajeme}


def test_the_year_s_aids_by_concept_and_by_municipality_add_up(aids):
    view = aids_by_sex(2024)
    assert view.by_concept.aids == view.by_municipality.aids == 26
    assert view.by_concept.amount == D("5000.00") * 25 + D("9999.00")
    totals = {cell.column: cell.aids for cell in view.by_concept.totals}
    assert totals == {"M": 13, "H": 7, "X": 0, "": 6}


def test_the_aids_by_age_group_are_aggregates_with_small_groups_withheld(aids):
    from ruta.works.models import Aid

    Aid.objects.filter(recipient_sex="M").update(**{"age_group": "30-59"})
    Aid.objects.filter(recipient_sex="H").update(**{"age_group": "60+"})
    young = Aid.objects.filter(recipient_sex="H").first()
    Aid.objects.filter(pk=young.pk).update(**{"age_group": "0-17"})
    view = aids_by_sex(2024)
    rows = {row.key: row for row in view.by_age.rows}
    assert view.by_age.aids == 26
    assert rows["30-59"].aids == 13
    assert rows["no-aplica"].aids == 6
    children = {cell.column: cell for cell in rows["0-17"].cells}
    assert children["H"].withheld  # one boy: a group of one
    dataset = [row for row in aid_rows() if row["DIMENSION"] == "edad"]
    assert {row["CLAVE"] for row in dataset} >= {"0-17", "30-59", "60+", "no-aplica"}
    assert all(row["AYUDAS"] is None for row in dataset if row["RESERVADO"])


def test_a_group_of_one_is_withheld_and_cannot_be_worked_out(aids):
    view = aids_by_sex(2024)
    alamos = next(row for row in view.by_municipality.rows if row.label == "Álamos")
    cells = {cell.column: cell for cell in alamos.cells}
    assert cells["M"].withheld
    assert cells["M"].amount is None
    assert sum(1 for cell in alamos.cells if cell.withheld) >= 2
    assert alamos.aids == 7  # the row's total stays public


def test_the_page_shows_aggregates_by_sex_and_never_an_aid(aids):
    page = Client().get(PAGE + "?year=2024").content.decode()
    assert "Ayudas sociales por concepto, municipio y sexo" in page
    assert "Mujer" in page
    assert "Hombre" in page
    assert "reservado" in page
    assert "$9,999.00" not in page  # the one woman's aid in Álamos
    assert "AYU-2024" not in page


def test_the_dataset_carries_the_aggregates_and_marks_what_is_withheld(aids):
    dataset = dataset_get("ayudas-sociales")
    assert dataset is not None
    rows = list(aid_rows())
    assert {tuple(sorted(row)) for row in rows} == {
        tuple(sorted(column.name for column in dataset.fields))
    }
    withheld = [row for row in rows if row["RESERVADO"]]
    assert withheld
    assert all(row["AYUDAS"] is None and row["MONTO"] is None for row in withheld)
    assert not any(row["MONTO"] == D("9999.00") for row in rows)
    assert {row["GRUPO"] for row in rows} == {
        "Mujer",
        "Hombre",
        "Otro o no binario",
        "No aplica",
    }


def test_the_open_data_file_has_no_aid_and_no_recipient(aids, client):
    from ruta.accounts.actors import command_actor
    from ruta.opendata.models import DatasetVersion
    from ruta.opendata.services import publish_datasets

    publish_datasets(actor=command_actor("tests"))
    version = DatasetVersion.objects.of("ayudas-sociales").first()
    published = version.files.get(format="csv")
    text = published.file.read().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "GRUPO" in rows[0]
    assert "AYU-2024" not in text
    assert "9999.00" not in {row["MONTO"] for row in rows}


def test_the_aids_page_reads_in_english(aids):
    page = Client().get("/en/ayudas-sociales/?year=2024").content.decode()
    assert "Social aid by item, municipality and sex" in page
    assert "withheld" in page
