"""The works explorer: search by folio and contractor, filters, order, totals."""

import csv
import html
import io
import json
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from ruta.common.web.pagination import KeyOrder
from ruta.works.models import FundingSource, Work, WorkStatus
from ruta.works.selectors import WorkFilters, work_list
from ruta.works.selectors.explore import work_totals
from ruta.works.selectors.order import order_of
from ruta.works.selectors.works import MATCHES_SORTED_MOST, matches_first
from testkit.factories.works import (
    ContractFactory,
    FiscalYearFactory,
    ProgressFactory,
    WorkFactory,
)


def _ids(filters: WorkFilters) -> list[str]:
    return list(work_list(filters=filters).values_list("public_id", flat=True))


@pytest.fixture
def vado(alamos):
    return WorkFactory(
        municipality=alamos,
        public_id="GSE-2024-0001",
        title="Pavimentación de vado en el acceso a El Paso",
        total_investment=Decimal("6128440.17"),
        published=True,
    )


def test_a_folio_finds_its_work_only(vado, hermosillo):
    WorkFactory(municipality=hermosillo, title="Vado GSE 2024", published=True)
    assert _ids(WorkFilters(text="gse-2024-0001")) == ["GSE-2024-0001"]


def test_a_companys_rfc_in_the_search_box_finds_its_works(vado, hermosillo):
    ContractFactory(work=vado, contractor_rfc="CDD150312AB1")
    WorkFactory(municipality=hermosillo, published=True)
    assert _ids(WorkFilters(text="cdd150312ab1")) == ["GSE-2024-0001"]


def test_a_persons_rfc_is_never_a_search_key(vado):
    ContractFactory(work=vado, contractor_rfc="GOMA800229HJ5")
    assert _ids(WorkFilters(contractor="GOMA800229HJ5")) == []
    assert _ids(WorkFilters(text="GOMA800229HJ5")) == []


def test_contractor_filter_matches_part_of_the_name_without_accents(vado):
    ContractFactory(work=vado, contractor_name="Constructora Demostración, S.A.")
    assert _ids(WorkFilters(contractor="demostracion")) == ["GSE-2024-0001"]


def test_the_search_box_finds_works_by_their_contractors_name(vado, hermosillo):
    ContractFactory(work=vado, contractor_name="Constructora Demostración, S.A.")
    WorkFactory(municipality=hermosillo, title="Parque", published=True)
    assert _ids(WorkFilters(text="constructora demostracion")) == ["GSE-2024-0001"]
    assert _ids(WorkFilters(text="parque")) != ["GSE-2024-0001"]


def test_amount_range_and_source_narrow_the_list(hermosillo):
    WorkFactory(
        public_id="SMALL", municipality=hermosillo, total_investment=100, published=True
    )
    WorkFactory(
        public_id="SHARED",
        municipality=hermosillo,
        total_investment=Decimal(500),
        funding=[(FundingSource.STATE, 400), (FundingSource.COMMUNITY, 100)],
        published=True,
    )
    assert _ids(WorkFilters(amount_min=Decimal(200))) == ["SHARED"]
    assert _ids(WorkFilters(amount_max=Decimal(200))) == ["SMALL"]
    assert _ids(WorkFilters(source=FundingSource.COMMUNITY)) == ["SHARED"]


def test_the_list_shows_the_newest_year_first(hermosillo):
    WorkFactory(
        public_id="A-OLD",
        municipality=hermosillo,
        published=True,
        fiscal_year=FiscalYearFactory(year=2023),
    )
    WorkFactory(
        public_id="B-NEW",
        municipality=hermosillo,
        published=True,
        fiscal_year=FiscalYearFactory(year=2024),
    )
    assert _ids(WorkFilters()) == ["B-NEW", "A-OLD"]


def test_sorting_by_amount_and_by_progress(hermosillo):
    low = WorkFactory(
        public_id="LOW", municipality=hermosillo, total_investment=10, published=True
    )
    high = WorkFactory(
        public_id="HIGH", municipality=hermosillo, total_investment=900, published=True
    )
    ProgressFactory(work=low, physical_percent=Decimal(80), amount_paid=1)
    ProgressFactory(work=high, physical_percent=Decimal(20), amount_paid=1)
    assert _ids(WorkFilters(sort="-amount")) == ["HIGH", "LOW"]
    assert _ids(WorkFilters(sort="-progress")) == ["LOW", "HIGH"]


@pytest.fixture
def two_vados(hermosillo):
    """B names a vado once, in passing; C is all about one."""
    WorkFactory(
        public_id="B",
        municipality=hermosillo,
        published=True,
        title="Alumbrado público",
        description="incluye un vado",
    )
    WorkFactory(
        public_id="C",
        municipality=hermosillo,
        published=True,
        title="Vado, vado y vado de concreto",
    )


def test_words_rank_the_closest_match_first(two_vados):
    assert _ids(WorkFilters(text="vado"))[0] == "C"


def test_a_search_matching_too_many_to_rank_is_listed_by_folio_and_says_so(
    client, two_vados, monkeypatch
):
    monkeypatch.setattr("ruta.works.selectors.works.RANKED_AT_MOST", 1)
    monkeypatch.setattr("ruta.works.views.RANKED_AT_MOST", 1)
    page = client.get(reverse("works:list"), {"q": "vado"}).content.decode()
    assert page.index(">Alumbrado público<") < page.index(">Vado, vado y vado")
    assert "se listan por ejercicio y folio, no por relevancia" in page
    ranked = client.get(reverse("works:list"), {"q": "concreto"}).content.decode()
    assert "no por relevancia" not in ranked


def test_totals_add_the_filtered_works_by_source(hermosillo, alamos):
    WorkFactory(
        municipality=alamos,
        total_investment=Decimal(500),
        beneficiaries=7,
        funding=[(FundingSource.STATE, 400), (FundingSource.MUNICIPALITY, 100)],
        realized=True,
    )
    WorkFactory(
        municipality=alamos,
        total_investment=Decimal(300),
        beneficiaries=3,
        realized=True,
    )
    WorkFactory(municipality=hermosillo, realized=True)
    totals = work_totals(work_list(filters=WorkFilters(municipality="26003")))
    assert (totals.works, totals.invested, totals.beneficiaries) == (2, 800, 10)
    assert [(row.source, row.amount, row.percent) for row in totals.by_source] == [
        ("state", Decimal(700), Decimal("87.5")),
        ("municipality", Decimal(100), Decimal("12.5")),
    ]


def test_approved_and_cancelled_money_is_shown_beside_the_invested_never_in_it(
    alamos,
):
    WorkFactory(municipality=alamos, total_investment=Decimal(500), realized=True)
    WorkFactory(municipality=alamos, total_investment=Decimal(70), published=True)
    WorkFactory(
        municipality=alamos,
        total_investment=Decimal(30),
        beneficiaries=9,
        funding=[(FundingSource.STATE, 30)],
        published=True,
        status=WorkStatus.CANCELLED,
    )
    totals = work_totals(work_list(filters=WorkFilters(municipality="26003")))
    assert (totals.works, totals.invested_works, totals.invested) == (3, 1, 500)
    assert totals.beneficiaries == 100
    assert [row.amount for row in totals.by_source] == [Decimal(500)]
    assert [(row.group, row.works, row.amount) for row in totals.not_invested] == [
        ("pending_release", 1, Decimal(70)),
        ("cancelled", 1, Decimal(30)),
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"amount_min": "900", "amount_max": "100"}, "amount_max"),
        ({"amount_min": "-5"}, "amount_min"),
        ({"sort": "bogus"}, "sort"),
        ({"source": "lottery"}, "source"),
    ],
)
def test_an_invalid_filter_is_an_error_at_its_field(client, vado, params, field):
    page = client.get("/es-mx/obras/", params).content.decode()
    assert f'id="id_{field}-error"' in page
    assert "0 obras encontradas" in page


def test_an_upside_down_range_is_explained_in_the_pages_language(client, vado):
    params = {"amount_min": "900", "amount_max": "100"}
    page = client.get("/en/obras/", params).content.decode()
    assert "The maximum amount must be greater than or equal to the minimum." in page


def _page_links(page: str) -> dict[str, str]:
    """Return the pager's links of a list page, by their rel."""
    links = re.findall(r'<a href="\?([^"]*)" rel="(\w+)"', page)
    return {rel: html.unescape(query) for query, rel in links}


def _titles(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', page)


@pytest.mark.parametrize("narrowed", [False, True], ids=["all", "few-of-a-place"])
@pytest.mark.parametrize("sort", ["", "-amount", "date", "-progress", "name"])
def test_pages_by_key_walk_every_work_once_forwards_and_back(
    client, hermosillo, monkeypatch, sort, narrowed
):
    monkeypatch.setattr("ruta.works.views.PAGE_SIZE", 2)
    for n in range(7):
        work = WorkFactory(
            public_id=f"OB-{n}",
            title=f"Obra {n}",
            municipality=hermosillo,
            published=True,
            total_investment=Decimal(1000 * (n % 3 + 1)),  # ties, broken by folio
            start_date=None if n % 3 == 0 else date(2024, 1 + n, 1),
        )
        if n % 2:
            ProgressFactory(work=work, physical_percent=Decimal(10 * n))
    # A place's few works are read whole and sorted (``matches_first``).
    place = hermosillo.code if narrowed else ""
    filters = WorkFilters(sort=sort, municipality=place)
    assert matches_first(filters, 7) == narrowed
    whole = [w.title for w in work_list(filters=filters)]
    seen, params = [], {"sort": sort} if sort else {}
    if narrowed:
        params["municipality"] = place
    first = client.get("/es-mx/obras/", params).content.decode()
    page, pages = first, 0
    while True:
        seen += _titles(page)
        pages += 1
        following = _page_links(page).get("next")
        if following is None:
            break
        page = client.get(f"/es-mx/obras/?{following}").content.decode()
    assert (seen, pages) == (whole, 4)
    last = client.get(f"/es-mx/obras/?{_page_links(first)['last']}").content.decode()
    back, page = [], last
    while True:
        back = _titles(page) + back
        previous = _page_links(page).get("prev")
        if previous is None:
            break
        page = client.get(f"/es-mx/obras/?{previous}").content.decode()
    assert back == whole
    assert _titles(last) == whole[-2:]


def test_a_cursor_the_list_did_not_give_is_not_found(client, hermosillo, monkeypatch):
    monkeypatch.setattr("ruta.works.views.PAGE_SIZE", 1)
    for n in range(2):
        WorkFactory(public_id=f"OB-{n}", municipality=hermosillo, published=True)
    forged = client.get("/es-mx/obras/", {"despues": "abc:def"})
    assert forged.status_code == 404
    assert "Esa página de la lista no existe" in forged.content.decode()
    cursor = _page_links(client.get("/es-mx/obras/").content.decode())["next"]
    other_order = client.get(f"/es-mx/obras/?{cursor}&sort=name")
    assert other_order.status_code == 404


def test_the_list_shows_the_totals_of_the_selection(client, vado):
    page = client.get("/es-mx/obras/", {"q": "GSE-2024-0001"}).content.decode()
    assert "1 obra encontrada" in page
    assert "$6,128,440.17" in page
    assert "Totales de la selección" in page


def _csv_rows(client, params: dict) -> list[list[str]]:
    response = client.get(reverse("works:download", args=["csv"]), params)
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_has_spanish_headers_and_the_lists_rows(client, vado, hermosillo):
    WorkFactory(municipality=hermosillo, published=True)
    header, *rows = _csv_rows(client, {"municipality": "26003"})
    assert header[:3] == ["Folio", "Nombre de la obra", "Ejercicio fiscal"]
    assert [row[0] for row in rows] == ["GSE-2024-0001"]
    assert rows[0][header.index("Inversión total")] == "6128440.17"


def test_csv_names_the_agency_the_contractors_and_the_money_phase(client, vado):
    ContractFactory(
        work=vado,
        contractor_name="Constructora Uno, S.A.",
        contractor_rfc="CDD150312AB1",
    )
    ContractFactory(
        work=vado, contractor_name="Persona Ficticia", contractor_rfc="GOMA800229HJ5"
    )
    header, row = _csv_rows(client, {"municipality": "26003"})
    cell = dict(zip(header, row, strict=True))
    assert cell["Dependencia ejecutora"] == vado.executing_agency.name
    assert cell["Contratistas"] == "Constructora Uno, S.A.; Persona Ficticia"
    # A person's RFC is personal data: only the company's is written.
    assert cell["RFC de las empresas contratistas"] == "CDD150312AB1"
    assert cell["Estado"] == "Aprobada"
    assert cell["Fase del dinero (invertido: recursos liberados)"] == "Por liberar"


def test_csv_text_that_looks_like_a_formula_stays_text(client, hermosillo):
    WorkFactory(municipality=hermosillo, title="=HYPERLINK(1)", published=True)
    _header, row = _csv_rows(client, {})
    assert row[1] == "'=HYPERLINK(1)"


def test_xlsx_and_json_hold_the_same_works_as_the_list(client, vado, hermosillo):
    WorkFactory(municipality=hermosillo, published=True)
    params = {"municipality": "26003"}
    xlsx = client.get(reverse("works:download", args=["xlsx"]), params).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "GSE-2024-0001"
    ]
    document = json.loads(
        client.get(reverse("works:download", args=["json"]), params).content
    )
    assert [work["folio"] for work in document["obras"]] == ["GSE-2024-0001"]
    assert document["obras"][0]["inversion_total"] == "6128440.17"


def test_a_download_too_large_points_to_the_bulk_file_instead(client, vado, settings):
    settings.RUTA_DOWNLOAD_MAX_ROWS = 0

    response = client.get(reverse("works:download", args=["xlsx"]))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Use más filtros" in page
    assert f'href="{reverse("opendata:dataset", args=["obras"])}"' in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_no_download_is_built_past_the_row_limit(client, vado, settings, fmt):
    settings.RUTA_DOWNLOAD_MAX_ROWS = 0
    response = client.get(reverse("works:download", args=[fmt]), {"year": "2024"})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'href="{reverse("opendata:dataset", args=["obras"])}"' in page
    assert f'href="{reverse("works:list")}?year=2024"' in page
    assert f'href="{reverse("works:download", args=["csv"])}' not in page


def test_every_download_waits_for_a_build_slot(client, vado, settings):
    from django.db import connections

    from ruta.common.web.builds import BUILD_LOCK_SPACE

    settings.RUTA_DOWNLOAD_BUILDS = 1
    other = connections["default"].copy()
    try:
        with other.cursor() as cursor:  # every slot taken by another build
            cursor.execute("SELECT pg_advisory_lock(%s, 0)", [BUILD_LOCK_SPACE])
        answers = [
            client.get(reverse("works:download", args=[fmt])).status_code
            for fmt in ("csv", "xlsx", "json")
        ]
    finally:
        other.close()
    assert answers == [503, 503, 503]


def test_a_csv_within_the_limit_is_one_whole_answer(client, vado, hermosillo):
    WorkFactory(municipality=hermosillo, published=True)
    response = client.get(reverse("works:download", args=["csv"]))
    assert response.status_code == 200
    assert not response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="obras.csv"'
    _header, *rows = _csv_rows(client, {})
    assert len(rows) == 2


def test_a_download_with_an_invalid_filter_is_refused(client, vado):
    response = client.get(reverse("works:download", args=["csv"]), {"year": "1890"})
    assert response.status_code == 400
    assert "year" in response.content.decode()


@pytest.mark.parametrize("sort", ["", "-amount"])
def test_a_few_matches_are_sorted_where_others_are_read_off_the_orders_index(
    hermosillo, sort
):
    """The page of a few matches must not walk the order's index to find
    them (``KeyOrder.matches_first``): no index may serve its order."""
    WorkFactory.create_batch(3, municipality=hermosillo, published=True)
    order = order_of(sort, "")

    def plan(order: KeyOrder) -> str:
        rows = Work.objects.published().order_by(*order.order_by())[:26]
        with connection.cursor() as cursor:
            # As at a million works, where sorting every row is out of the
            # question; on a few rows the planner sorts them whatever the
            # order. A sort stays only where no index gives the order.
            cursor.execute("SET LOCAL enable_sort = off")
        return rows.explain()

    # An incremental sort reads an index in the order and sorts only ties.
    assert not _sorts_whole(plan(order))
    assert _sorts_whole(plan(replace(order, matches_first=True)))


def _sorts_whole(plan: str) -> bool:
    """Return whether ``plan`` sorts rows no index gave it in any order."""
    return re.search(r"(^|->  )Sort  \(", plan, re.MULTILINE) is not None


def test_a_page_is_read_from_its_matches_only_when_an_index_finds_few():
    place = WorkFilters(municipality="26030")
    assert matches_first(place, MATCHES_SORTED_MOST)
    assert not matches_first(place, MATCHES_SORTED_MOST + 1)
    assert matches_first(WorkFilters(text="puente"), 10)
    # No index finds the works of a status or behind their period alone.
    assert not matches_first(WorkFilters(status=WorkStatus.IN_EXECUTION), 10)
    assert not matches_first(WorkFilters(late=True, text="  "), 10)
