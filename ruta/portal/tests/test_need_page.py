"""Impulso Social: CONAPO's marginalisation beside the works' money."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ruta.catalog.models import MARGINALIZATION_INDICATORS, Marginalization, Source
from ruta.portal.need import need_and_money
from testkit.factories.catalog import MunicipalityFactory
from testkit.factories.works import WorkFactory

INDICATORS = dict.fromkeys(MARGINALIZATION_INDICATORS, Decimal("1.00"))


def _index(municipality, index, grade, population, rank):
    source, _ = Source.objects.get_or_create(key="conapo-imm-2020", citation="CONAPO")
    return Marginalization.objects.create(
        municipality=municipality,
        population=population,
        index=Decimal(index),
        grade=grade,
        normalized_index=Decimal("0.80"),
        national_rank=rank,
        source=source,
        **{**INDICATORS, "illiterate": Decimal("10.26")},
    )


@pytest.fixture
def need(works, sonora):
    """Hermosillo $1.00 and Álamos $10.00 per inhabitant; Quiriego, no works."""
    hermosillo, alamos = works
    quiriego = MunicipalityFactory(
        code="26049", name="Quiriego", state=sonora, population_2020=3090
    )
    _index(hermosillo, "60.444", "Muy bajo", 936263, 2440)
    _index(alamos, "53.436", "Medio", 24976, 996)
    _index(quiriego, "49.441", "Alto", 3090, 279)
    return hermosillo, alamos, quiriego


def test_the_most_marginalised_place_without_works_ranks_first(need):
    year = WorkFactory._meta.model.objects.order_by("-fiscal_year_id").first()
    view = need_and_money("26", year.fiscal_year_id)
    ranked = [(row.place.municipality.name, row.gap.rank) for row in view.rows]
    # Quiriego: need 1, money 0. Álamos (need 0.5, money 1) and Hermosillo
    # (need 0, money 0.5) share a gap of -0.5; Álamos is more marginalised.
    assert ranked == [("Quiriego", 1), ("Álamos", 2), ("Hermosillo", 3)]
    assert [row.place.municipality.name for row in view.underserved] == ["Quiriego"]
    alamos = view.rows[1]
    assert alamos.place.per_inhabitant == Decimal("10.00")
    assert view.without_index == []


def test_the_page_lists_the_under_served_and_says_how(client, need):
    response = client.get(reverse("portal:need"))
    page = response.content.decode()
    assert response.status_code == 200
    under_served = page.split('id="desatendidos"')[1].split("</section>")[0]
    assert "Quiriego" in under_served
    assert "Álamos" not in under_served
    assert "$10.00" in page
    assert "$1.00" in page
    assert 'class="shade-5"' in page  # Quiriego on the map
    assert "Cómo se calcula" in page
    assert "CONAPO, Índice de marginación por municipio 2020" in page


def test_a_municipality_without_an_index_is_named_apart(client, need, sonora):
    MunicipalityFactory(code="26073", name="Municipio nuevo", state=sonora)
    page = client.get(reverse("portal:need")).content.decode()
    assert "Sin índice de marginación (municipios creados" in page
    assert "Municipio nuevo" in page


def test_a_national_instance_asks_for_the_state(client, need, settings):
    settings.RUTA_STATE = ""
    page = client.get(reverse("portal:need")).content.decode()
    assert "Elija un estado" in page
    assert "?estado=26" in page
    chosen = client.get(reverse("portal:need"), {"estado": "26"}).content.decode()
    assert "Quiriego" in chosen
    unknown = client.get(reverse("portal:need"), {"estado": "99"})
    assert unknown.status_code == 200
    assert "Elija un estado" in unknown.content.decode()


def test_an_unknown_year_is_an_error_at_the_field(client, need):
    response = client.get(reverse("portal:need"), {"year": "1999"})
    assert response.status_code == 400
    assert 'id="id_year-error"' in response.content.decode()


def test_the_municipality_page_shows_its_grade_and_indicators(client, need):
    page = client.get(reverse("portal:municipality", args=["26003"])).content.decode()
    assert "Marginación (CONAPO 2020)" in page
    assert "<strong>Medio</strong>" in page
    assert "lugar 996 de 2,469" in page
    assert "% de población analfabeta de 15 años o más" in page


def test_the_explorer_filters_works_by_their_municipalitys_grade(client, need):
    medio = client.get(reverse("works:list"), {"marginalization": "Medio"})
    page = medio.content.decode()
    assert "GSE-2024-0001" in page
    assert "2 obras encontradas" in page  # Álamos' two published works
    alto = client.get(reverse("works:list"), {"marginalization": "Alto"})
    assert "0 obras encontradas" in alto.content.decode()
    bogus = client.get(reverse("works:list"), {"marginalization": "Altísimo"})
    assert 'id="id_marginalization-error"' in bogus.content.decode()


def test_every_municipality_of_sonora_is_ranked(catalog):
    view = need_and_money("26", 2024)
    assert len(view.rows) == 72
    assert view.without_index == []
    assert sorted(row.gap.rank for row in view.rows) == list(range(1, 73))
    # With no works every municipality shares the lowest money standing, so
    # the order is the order of need: Quiriego (Alto) is Sonora's most marginalised.
    assert view.rows[0].place.municipality.name == "Quiriego"
