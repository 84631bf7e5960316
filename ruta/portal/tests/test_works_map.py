"""The works map follows the explorer's filters, counts the works without a
place apart, and serves its points as bounded GeoJSON read from the map's
index."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from psycopg import sql

from ruta.catalog.boundaries import municipal_boundaries_load
from ruta.catalog.models import FiscalYear
from ruta.ingest.loaders.worklist_locate import works_place_approximately
from ruta.works.models import Work, WorkStatus
from ruta.works.selectors import WorkFilters
from ruta.works.selectors.points import (
    POINTS_MOST,
    CellFrame,
    PointKey,
    SelectionCounts,
    points_after_read,
    points_read,
    selection_cells,
    selection_points,
    summary_counts,
)
from ruta.works.selectors.summary import summary_drift
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import MunicipalityFactory
from testkit.factories.works import FiscalYearFactory, WorkFactory

pytestmark = pytest.mark.django_db

# Sonora's drawing, about: the map's squares of 12 units, 600 wide.
FRAME = CellFrame(
    west=-115.1, north=32.5, x_scale=90.0, y_scale=103.0, width=600, height=640, cell=12
)


@pytest.fixture
def located(places):
    """Three works in Hermosillo (two located, one not) and one in Álamos."""
    hermosillo, alamos = places
    year = WorkFactory(realized=True, municipality=hermosillo).fiscal_year
    Work.objects.all().update(
        latitude=Decimal("29.0729"), longitude=Decimal("-110.9559")
    )
    WorkFactory(
        published=True,
        fiscal_year=year,
        municipality=hermosillo,
        title="Parque de la colonia Centro",
        latitude=Decimal("29.1"),
        longitude=Decimal("-110.9"),
    )
    WorkFactory(published=True, fiscal_year=year, municipality=hermosillo)
    WorkFactory(
        published=True,
        fiscal_year=year,
        municipality=alamos,
        latitude=Decimal("27.02"),
        longitude=Decimal("-108.94"),
    )
    return year


def _geojson(client, query: str = "") -> dict:
    answer = client.get(f"/es-mx/mapa/puntos.geojson{query}")
    assert answer.status_code == 200, answer.content
    assert answer["Content-Type"] == "application/geo+json"
    return json.loads(answer.content)


def test_the_points_are_geojson_features_each_a_point_of_longitude_then_latitude(
    client, located
):
    data = _geojson(client)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -118 < longitude < -86
        assert 14 < latitude < 33
        assert feature["properties"]["group"] in {"invested", "pending_release"}
    assert data["unlocated"] == 1
    assert data["truncated"] is False


def test_a_filter_of_the_explorer_narrows_the_points_and_the_map(client, located):
    everywhere = _geojson(client, f"?year={located.year}")
    alamos = _geojson(client, f"?year={located.year}&municipality=26003")
    assert len(everywhere["features"]) == 3
    assert [f["properties"]["municipality"] for f in alamos["features"]] == ["26003"]
    assert alamos["unlocated"] == 0
    searched = _geojson(client, "?q=parque")
    assert [f["properties"]["title"] for f in searched["features"]] == [
        "Parque de la colonia Centro"
    ]
    realized = _geojson(client, f"?status={WorkStatus.HANDED_OVER}")
    assert len(realized["features"]) == 1
    page = client.get("/es-mx/mapa/obras/?municipality=26003").content.decode()
    assert page.count('class="work-point') == 1
    assert "Todas las obras de la selección tienen ubicación." in page


def test_the_works_without_a_place_are_counted_and_listed_in_the_explorer(
    client, located
):
    page = client.get(f"/es-mx/mapa/obras/?year={located.year}").content.decode()
    assert "3 obras con coordenadas en el mapa" in page
    assert "1 obra de la selección no tiene ubicación" in page
    assert f"/es-mx/obras/?year={located.year}&amp;unlocated=on" in page
    listed = client.get(f"/es-mx/obras/?year={located.year}&unlocated=on")
    assert listed.status_code == 200
    assert listed.content.decode().count("/es-mx/obras/OBRA-") >= 1
    assert len(listed.context["listing"].works) == 1


def test_the_explorer_and_the_map_link_to_each_other_with_the_same_selection(
    client, located
):
    query = f"year={located.year}&municipality=26030"
    explorer = client.get(f"/es-mx/obras/?{query}").content.decode()
    assert f"/es-mx/mapa/obras/?{query.replace('&', '&amp;')}" in explorer
    page = client.get(f"/es-mx/mapa/obras/?{query}").content.decode()
    assert f"/es-mx/obras/?{query.replace('&', '&amp;')}" in page
    # Each point a link with a name a screen reader says.
    assert 'aria-label="Parque de la colonia Centro (' in page


@pytest.mark.parametrize(
    "query",
    ["?limite=0", "?limite=5001", "?limite=muchos", "?year=1890", "?status=perdida"],
)
def test_a_bound_or_filter_out_of_range_is_refused(client, located, query):
    answer = client.get(f"/es-mx/mapa/puntos.geojson{query}")
    assert answer.status_code == 400
    assert json.loads(answer.content)["errors"]


def test_the_bound_cuts_the_points_and_says_so(client, located):
    data = _geojson(client, "?limite=2")
    assert len(data["features"]) == 2
    assert data["truncated"] is True


@pytest.fixture
def two_years(located, places):
    """The located works of ``located``'s year and three of the year before,
    one of whose folios holds the cursor's separator, a space and an ``&``."""
    hermosillo, _alamos = places
    before = FiscalYearFactory(year=located.year - 1)
    for folio in ("OBRA-A", "OBRA-B~1 & 2", "OBRA-C"):
        WorkFactory(
            published=True,
            public_id=folio,
            fiscal_year=before,
            municipality=hermosillo,
            latitude=Decimal("29.05"),
            longitude=Decimal("-110.95"),
        )
    return located


def _in_the_lists_order() -> list[str]:
    return list(
        Work.objects.published()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("-fiscal_year_id", "public_id")
        .values_list("public_id", flat=True)
    )


@pytest.mark.parametrize("most", [1, 2, 4])
def test_the_points_are_read_page_by_page_each_once_in_order_to_the_last(
    client, two_years, most
):
    expected = _in_the_lists_order()
    assert len(expected) == 6
    seen: list[str] = []
    address = f"/es-mx/mapa/puntos.geojson?limite={most}"
    for _page in range(len(expected) + 1):
        answer = client.get(address)
        assert answer.status_code == 200, answer.content
        data = json.loads(answer.content)
        seen += [feature["id"] for feature in data["features"]]
        assert data["unlocated"] == 1
        if data["next"] is None:
            assert data["truncated"] is False
            assert "Link" not in answer
            break
        assert data["truncated"] is True
        assert answer["Link"] == f'<{data["next"]}>; rel="next"'
        assert data["next"].startswith("http://testserver/es-mx/mapa/puntos.geojson?")
        assert f"limite={most}" in data["next"]
        address = data["next"].removeprefix("http://testserver")
    assert seen == expected
    assert data["next"] is None


def test_a_page_keeps_the_selections_filters(client, two_years):
    first = _geojson(client, "?municipality=26030&limite=2")
    assert "municipality=26030" in first["next"]
    rest = _geojson(client, "?" + first["next"].split("?", 1)[1])
    assert {f["properties"]["municipality"] for f in rest["features"]} == {"26030"}


def test_the_page_after_a_folio_holding_the_separator_starts_after_it(
    client, two_years
):
    expected = _in_the_lists_order()
    after = expected.index("OBRA-B~1 & 2")
    data = _geojson(client, f"?despues={two_years.year - 1}~OBRA-B~1+%26+2")
    assert [feature["id"] for feature in data["features"]] == expected[after + 1 :]
    assert expected[after + 1 :] == ["OBRA-C"]
    newest = selection_points(WorkFilters(), after=PointKey(two_years.year, ""))
    assert [point.public_id for point in newest.points] == expected


@pytest.mark.parametrize(
    "cursor",
    [
        "2024",
        "2024~",
        "24~OBRA-1",
        "2024-OBRA-1",
        "abcd~OBRA-1",
        "1890~OBRA-1",
        "2200~OBRA-1",
        "２０２４~OBRA-1",
        "2024~" + "X" * 41,
    ],
)
def test_an_invalid_cursor_is_refused_naming_it(client, located, cursor):
    answer = client.get("/es-mx/mapa/puntos.geojson", {"despues": cursor})
    assert answer.status_code == 400
    assert list(json.loads(answer.content)["errors"]) == ["despues"]


def _year_mostly_unlocated(year, count: int) -> None:
    """Copy a work of ``year`` without coordinates ``count`` times: a year whose
    works mostly have no place yet, as a state's do, so the planner weighs the
    indexes as it does on a real instance."""
    unlocated = Work.objects.filter(fiscal_year=year, latitude__isnull=True).first()
    _copied(unlocated, count)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE works_work")


def _copied(work: Work, count: int) -> None:
    """Copy ``work`` ``count`` times in one statement, each its own folio."""
    columns = sql.SQL(", ").join(
        sql.Identifier(field.column)
        for field in Work._meta.concrete_fields
        if field.column not in ("id", "public_id")
        and not getattr(field, "generated", False)
    )
    copies = sql.SQL(
        "INSERT INTO works_work ({columns}, public_id) "
        "SELECT {columns}, public_id || '-' || n "
        "FROM works_work, generate_series(1, %s) AS n WHERE id = %s"
    ).format(columns=columns)
    with connection.cursor() as cursor:
        cursor.execute(copies, [count, work.pk])


def test_the_points_are_read_from_the_map_index_not_every_work(located):
    _year_mostly_unlocated(located, 2000)
    plan = points_read(WorkFilters(year=located.year)).explain()
    assert "work_published_located" in plan, plan
    assert "Seq Scan on works_work" not in plan, plan


def test_the_points_after_a_cursor_are_read_from_the_map_index_not_every_work(
    two_years,
):
    """Both ranges after the key (the rest of its year, the older years) are
    read from an index, each limited: never from the first point. (Which
    index reads the few older works is the planner's choice.)"""
    _year_mostly_unlocated(two_years, 2000)
    for filters in (WorkFilters(), WorkFilters(municipality="26030")):
        after = PointKey(two_years.year, "OBRA-2024-00001")
        plan = points_after_read(filters, after, most=2).explain()
        assert "Seq Scan on works_work" not in plan, plan
        # The rest of the key's year starts at the key in the map's index.
        assert "Index Scan using work_published_located on works_work" in plan, plan
        assert "(public_id)::text > 'OBRA-2024-00001'" in plan, plan
        # The older years start at the year before the key's.
        assert f"fiscal_year_id < {two_years.year}" in plan, plan


def _state_mostly_unlocated(year, count: int) -> None:
    """Copy a work without coordinates ``count`` times over the years and the
    state's municipalities and the statuses: an instance whose works mostly
    have no place, spread as a state's are, so a year or a place is a part."""
    unlocated = Work.objects.filter(fiscal_year=year, latitude__isnull=True).first()
    years = [year.year - back for back in range(5)]
    FiscalYear.objects.bulk_create(
        [FiscalYear(year=other) for other in years], ignore_conflicts=True
    )
    state = unlocated.municipality.state
    places = [
        MunicipalityFactory(state=state, code=f"26{number:03d}").code
        for number in range(100, 118)
    ] + ["26030", "26003"]
    statuses = list(WorkStatus.values)
    spread = ("id", "public_id", "fiscal_year_id", "municipality_id", "status")
    columns = sql.SQL(", ").join(
        sql.Identifier(field.column)
        for field in Work._meta.concrete_fields
        if field.column not in spread and not getattr(field, "generated", False)
    )
    copies = sql.SQL(
        "INSERT INTO works_work ({columns}, public_id, fiscal_year_id, "
        "municipality_id, status) "
        "SELECT {columns}, public_id || '-' || n, (%s::int[])[1 + n %% %s], "
        "(%s::text[])[1 + n %% %s], (%s::text[])[1 + n %% %s] "
        "FROM works_work, generate_series(1, %s) AS n WHERE id = %s"
    ).format(columns=columns)
    with connection.cursor() as cursor:
        cursor.execute(
            copies,
            [
                *(years, len(years), places, len(places)),
                *(statuses, len(statuses), count, unlocated.pk),
            ],
        )
        # The search index's pending entries moved into it, as autovacuum
        # does after a large insert: pending, every word read them all.
        cursor.execute("SELECT gin_clean_pending_list('work_search'::regclass)")
        cursor.execute("ANALYZE works_work")


def _map_plans(read) -> list[str]:
    """Return the plan of each query of the map's own that ``read`` makes (on
    the coordinates: the count of the works without, the points), as it ran.
    """
    with CaptureQueriesContext(connection) as ran:
        read()
    plans = []
    with connection.cursor() as cursor:
        for query in ran.captured_queries:
            if '"latitude"' not in query["sql"]:
                continue  # a search's own probes, say
            cursor.execute(f"EXPLAIN {query['sql']}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def test_no_read_of_a_selections_points_or_unlocated_count_scans_every_work(located):
    """A year, a place, a word, a status, everything: over a state mostly
    without places, the points (the GeoJSON's, the map's squares) each plan
    from an index, and the count of the works without one comes from the
    summary rows or the index of those works, never from every work."""
    _state_mostly_unlocated(located, 10_000)
    for filters in (
        WorkFilters(year=located.year),
        WorkFilters(municipality="26030"),
        WorkFilters(text="parque"),
        WorkFilters(status=WorkStatus.IN_EXECUTION),
        WorkFilters(),
    ):
        for read in (selection_points, partial(selection_cells, frame=FRAME)):
            for plan in _map_plans(lambda read=read, f=filters: read(f)):
                assert "Seq Scan on works_work" not in plan, (filters, plan)


def test_a_work_placed_by_its_municipality_is_approximate_on_the_map_and_its_page(
    client, located
):
    assert works_place_approximately(actor=TEST_ACTOR) == 1
    work = Work.objects.get(location_approximate=True)
    centre = municipal_boundaries_load().centres("26")["26030"]
    assert (float(work.longitude), float(work.latitude)) == centre
    data = _geojson(client)
    assert [f["properties"]["approximate"] for f in data["features"]].count(True) == 1
    assert data["unlocated"] == 0
    page = client.get(work.get_absolute_url()).content.decode()
    assert "aproximadas" in page
    assert works_place_approximately(actor=TEST_ACTOR) == 0


def test_the_summary_counts_the_works_without_a_place_as_places_are_given(located):
    everything = WorkFilters()
    assert summary_counts(everything) == SelectionCounts(located=3, unlocated=1)
    Work.objects.filter(latitude__isnull=True).update(
        latitude=Decimal("29.05"), longitude=Decimal("-110.95")
    )
    assert summary_counts(everything) == SelectionCounts(located=4, unlocated=0)
    Work.objects.filter(municipality_id="26003").update(latitude=None)
    assert summary_counts(everything) == SelectionCounts(located=3, unlocated=1)
    assert summary_counts(WorkFilters(text="parque")) is None
    assert summary_drift() == 0


def _state_located(year, count: int) -> None:
    """Copy the located work of Álamos ``count`` times: a year with more
    works with coordinates than a map draws one by one."""
    alamos = Work.objects.get(fiscal_year=year, municipality_id="26003")
    alamos.title = "Clínica de Álamos"
    alamos.save()
    _copied(alamos, count)


def test_more_works_than_the_map_draws_are_each_counted_in_their_municipality(
    client, located
):
    _state_located(located, POINTS_MOST)
    found = selection_cells(WorkFilters(year=located.year), FRAME)
    assert found.more
    assert not found.cells
    assert sum(place.works for place in found.places) == POINTS_MOST + 3
    assert found.unlocated == 1
    # A word the summary cannot answer is counted from its works.
    searched = selection_cells(WorkFilters(text="clínica"), FRAME)
    assert searched.more
    assert [(p.municipality, p.works) for p in searched.places] == [
        ("26003", POINTS_MOST + 1)
    ]
    page = client.get(f"/es-mx/mapa/obras/?year={located.year}").content.decode()
    assert f"{POINTS_MOST + 3:,} obras con coordenadas en el mapa" in page
    assert "más de 5,000 obras con coordenadas" in page
    assert page.count('class="work-cluster') == 3  # Álamos; Hermosillo's two groups
    assert f"{POINTS_MOST + 1:,} obras (" in page
    assert "reunidas en un punto del municipio" in page
    assert 'class="work-point' not in page.split("<figcaption>")[0]
