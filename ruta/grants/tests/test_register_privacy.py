"""The beneficiary register's non-text personal values ("age", "sex",
"guardian_consent_on") reach the public only as counts, small groups withheld.

§3.7.2-5 and §5 (Transparencia): the register is personal data; the public
sees aggregates by municipality, sex, age group and benefit. A person of a
distinctive combination (97 years, sex "otro", a minor with a guardian's
consent in another municipality) must not be singled out by any public page,
API answer or download: every cell they alone fill is withheld.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from ruta.catalog.models import Municipality
from ruta.grants import services
from testkit.factories.catalog import MunicipalityFactory
from testkit.grants import funded_agreement

PUBLIC_FIELDS = {"dimension", "value", "people"}


def add(agreement, applicant, municipality, n: int, **values) -> None:
    defaults = {
        "full_name": f"Persona Canario {n}",
        "age": 35,
        "sex": "M",
        "benefit": "Despensa",
        "locality": f"Localidadzq {n}",
        "privacy_notice_version": "2021-01",
    }
    services.beneficiary_add(
        agreement=agreement,
        municipality=municipality,
        actor=applicant,
        **{**defaults, **values},
    )


@pytest.fixture
def register(db):
    agreement, _staff, applicant = funded_agreement()
    common = MunicipalityFactory(name="Comúnzq")
    rare = Municipality.objects.create(
        code="26902", state=common.state, municipal_code="902", name="Rarozq"
    )
    for n in range(6):
        add(agreement, applicant, common, n)
    add(agreement, applicant, rare, 6, age=97, sex="X", benefit="Silla de ruedas")
    add(
        agreement,
        applicant,
        rare,
        7,
        age=9,
        sex="H",
        benefit="Silla de ruedas",
        guardian_name="Tutora Canario",
        guardian_consent_on=date(2021, 3, 17),
    )
    return agreement.application.call.code


def downloads(code: str) -> list[str]:
    """Return every public download of the register's aggregates, as text."""
    client = Client()
    texts = []
    for fmt in ("csv", "xlsx", "json"):
        response = client.get(reverse("grants:register_download", args=[code, fmt]))
        assert response.status_code == 200, fmt
        if fmt == "xlsx":
            book = load_workbook(io.BytesIO(response.content))
            cells = book.active.iter_rows(values_only=True)
            texts.append("\n".join(",".join(map(str, row)) for row in cells))
        else:
            texts.append(response.content.decode("utf-8-sig"))
    return texts


def test_the_api_publishes_only_counts_and_withholds_the_small_groups(register):
    rows = Client().get(f"/api/v1/grants/calls/{register}/beneficiaries").json()
    assert all(set(row) == PUBLIC_FIELDS for row in rows)
    cells = {(row["dimension"], row["value"]): row["people"] for row in rows}
    assert cells[("municipality", "Comúnzq")] == 6
    assert cells[("sex", "Mujer")] == 6
    assert cells[("age", "30–59")] == 6
    # The two people of the rare municipality fill only cells of fewer than five.
    for cell in (
        ("municipality", "Rarozq"),
        ("sex", "Otro o no binario"),
        ("sex", "Hombre"),
        ("age", "60+"),
        ("age", "0–11"),
        ("benefit", "Silla de ruedas"),
    ):
        assert cells[cell] is None, cell
    assert not any(str(row["value"]) in {"97", "9"} for row in rows)


def test_no_public_page_or_download_names_a_person_or_an_exact_age(register):
    page = Client().get(reverse("grants:register", args=[register])).content.decode()
    for text in [page, *downloads(register)]:
        for secret in ("Canario", "Localidadzq", "2021-03-17", "17/03/2021"):
            assert secret not in text
        assert "97" not in text.replace("2021", "")
    assert "&lt;5" in page


def test_the_csv_download_has_spanish_headers_a_bom_and_empty_small_groups(register):
    response = Client().get(reverse("grants:register_download", args=[register, "csv"]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffconvocatoria,dimension,valor,personas")
    lines = text.splitlines()
    assert f"{register},municipio,Comúnzq,6" in lines
    assert f"{register},municipio,Rarozq," in lines
