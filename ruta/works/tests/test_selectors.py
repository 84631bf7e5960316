from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ruta.works.models import FundingSource, WorkStatus
from ruta.works.selectors import (
    WorkFilters,
    work_detail,
    work_filter_options,
    work_list,
    work_list_page,
    works_by_region,
    works_by_subprogram,
    works_with_unbalanced_funding,
)
from testkit.factories.catalog import RegionFactory
from testkit.factories.works import (
    SubprogramFactory,
    WorkFactory,
)

TSAM = "transforma-sonora-apoyo-municipios"


def _ids(filters: WorkFilters) -> set[str]:
    return set(work_list(filters=filters).values_list("public_id", flat=True))


def test_list_shows_only_published_works(hermosillo):
    WorkFactory(municipality=hermosillo, public_id="PROPUESTA")
    WorkFactory(municipality=hermosillo, public_id="APROBADA", published=True)
    assert _ids(WorkFilters()) == {"APROBADA"}


def test_search_ignores_accents_in_the_municipality(alamos, hermosillo):
    WorkFactory(municipality=alamos, public_id="EN-ALAMOS", published=True)
    WorkFactory(municipality=hermosillo, public_id="EN-HMO", published=True)
    assert _ids(WorkFilters(text="alamos")) == {"EN-ALAMOS"}


def test_search_ignores_accents_and_case_in_the_title(hermosillo):
    WorkFactory(
        municipality=hermosillo,
        public_id="VADO",
        title="Pavimentación de vado en El Paso",
        published=True,
    )
    assert _ids(WorkFilters(text="PAVIMENTACION DE VADO")) == {"VADO"}


def test_filter_by_region_uses_the_municipality_region(
    alamos, hermosillo_in_capital, rio_mayo
):
    WorkFactory(municipality=alamos, public_id="MAYO", published=True)
    WorkFactory(municipality=hermosillo_in_capital, public_id="CAPITAL", published=True)
    assert _ids(WorkFilters(region=rio_mayo.pk)) == {"MAYO"}


def test_filter_by_subprogram_status_and_year(hermosillo):
    parks = SubprogramFactory(code="parques-areas-verdes", name="Parques")
    WorkFactory(municipality=hermosillo, public_id="A", subprogram=parks, realized=True)
    WorkFactory(municipality=hermosillo, public_id="B", published=True)
    WorkFactory(
        municipality=hermosillo,
        public_id="C",
        subprogram=parks,
        fiscal_year__year=2023,
        realized=True,
    )
    filters = WorkFilters(
        year=2024, subprogram="parques-areas-verdes", status=WorkStatus.HANDED_OVER
    )
    assert _ids(filters) == {"A"}


def test_filter_by_municipality_and_program(hermosillo, cajeme):
    WorkFactory(municipality=hermosillo, public_id="HMO", published=True)
    WorkFactory(municipality=cajeme, public_id="CAJ", published=True)
    assert _ids(WorkFilters(municipality=cajeme.code, program=TSAM)) == {"CAJ"}


def test_a_list_page_reads_its_works_alone_and_their_catalog_rows_once_per_version(
    hermosillo_in_capital, cajeme
):
    WorkFactory(municipality=hermosillo_in_capital, published=True)
    WorkFactory(municipality=cajeme, published=True)
    first = work_list_page(per_page=25, count=2)
    # the data version and the page: no catalog table joined, none read again
    with CaptureQueriesContext(connection) as queries:
        again = work_list_page(per_page=25, count=2)
    assert len(queries) == 2
    assert " JOIN " not in queries[-1]["sql"]
    places = {(w.municipality.name, w.municipality.region_id) for w in again.works}
    assert places == {
        (w.municipality.name, w.municipality.region_id) for w in first.works
    }
    assert {w.program.code for w in again.works} == {TSAM}


def test_detail_of_an_unpublished_work_is_not_found(hermosillo):
    work = WorkFactory(municipality=hermosillo)
    with pytest.raises(type(work).DoesNotExist):
        work_detail(public_id=work.public_id)


def test_detail_region_is_derived_from_the_municipality(hermosillo_in_capital):
    work = WorkFactory(municipality=hermosillo_in_capital, published=True)
    assert work_detail(public_id=work.public_id).region.name == "Capital"


def _pavement_work(municipality, public_id, status=WorkStatus.HANDED_OVER):
    return WorkFactory(
        municipality=municipality,
        public_id=public_id,
        status=status,
        total_investment=Decimal("300.00"),
        beneficiaries=10,
        funding=[
            (FundingSource.STATE, Decimal("200.00")),
            (FundingSource.MUNICIPALITY, Decimal("60.00")),
            (FundingSource.COMMUNITY, Decimal("40.00")),
        ],
    )


def test_works_by_subprogram_sums_each_source_and_adds_a_total(hermosillo):
    _pavement_work(hermosillo, "A")
    _pavement_work(hermosillo, "B")
    rows = works_by_subprogram(2024, TSAM)
    assert [row.label for row in rows] == ["Pavimentación", "Total"]
    total = rows[-1]
    assert (total.works, total.total, total.beneficiaries) == (2, Decimal(600), 20)
    assert (total.state, total.municipality, total.community) == (
        Decimal(400),
        Decimal(120),
        Decimal(80),
    )


def test_tables_leave_out_works_without_released_funds(hermosillo):
    _pavement_work(hermosillo, "A")
    _pavement_work(hermosillo, "B", status=WorkStatus.APPROVED)
    _pavement_work(hermosillo, "C", status=WorkStatus.CANCELLED)
    assert works_by_subprogram(2024, TSAM)[-1].works == 1


def test_works_by_region_lists_regions_alphabetically(sonora, alamos, hermosillo):
    hermosillo.region = RegionFactory(state=sonora, number=7, name="Capital")
    hermosillo.save()
    _pavement_work(alamos, "A")
    _pavement_work(hermosillo, "B")
    labels = [row.label for row in works_by_region(2024, TSAM)]
    assert labels == ["Capital", "Río Mayo", "Total"]


def test_unbalanced_funding_is_reported(hermosillo):
    balanced = WorkFactory(municipality=hermosillo)
    unbalanced = WorkFactory(municipality=hermosillo)
    unbalanced.funding.update(amount=Decimal("5.00"))
    assert list(works_with_unbalanced_funding(year=2024)) == [unbalanced]
    assert balanced not in works_with_unbalanced_funding()
    unbalanced.funding.update(amount=unbalanced.total_investment)


@pytest.fixture
def vado(hermosillo):
    return WorkFactory(
        municipality=hermosillo,
        public_id="VADO",
        title="Pavimentación de vado en El Paso",
        locality="",
        published=True,
    )


def test_search_matches_other_forms_of_a_word(vado):
    assert _ids(WorkFilters(text="VADOS pavimentacion")) == {"VADO"}


def test_search_follows_web_search_syntax(vado, hermosillo):
    WorkFactory(
        municipality=hermosillo,
        public_id="CALLE",
        title="Pavimentación de la calle Hidalgo",
        locality="",
        published=True,
    )
    assert _ids(WorkFilters(text="pavimentación -vado")) == {"CALLE"}
    assert _ids(WorkFilters(text='"calle hidalgo" or vado')) == {"CALLE", "VADO"}


def test_search_finds_words_cut_short(vado):
    assert _ids(WorkFilters(text="pavimentaci va")) == {"VADO"}


def test_search_finds_a_piece_of_a_word(vado):
    assert _ids(WorkFilters(text="imentación de v")) == {"VADO"}


def test_search_of_words_that_are_nowhere_finds_nothing(vado):
    assert _ids(WorkFilters(text="alumbrado")) == set()


def test_filter_options_are_cached_until_a_work_changes(
    hermosillo, django_assert_num_queries
):
    WorkFactory(municipality=hermosillo, published=True)
    assert work_filter_options().years == [2024]
    with django_assert_num_queries(1):  # the data version only
        assert work_filter_options().years == [2024]
    WorkFactory(municipality=hermosillo, fiscal_year__year=2023, published=True)
    assert sorted(work_filter_options().years) == [2023, 2024]


def test_list_page_says_whether_it_shows_demo_works(hermosillo):
    WorkFactory(municipality=hermosillo, public_id="A-REAL", published=True)
    WorkFactory(
        municipality=hermosillo, public_id="B-DEMO", published=True, is_demo=True
    )
    assert work_list_page(per_page=2, count=2).has_demo
    first = work_list_page(per_page=1, count=2)
    assert [work.public_id for work in first.works] == ["A-REAL"]
    assert not first.has_demo
