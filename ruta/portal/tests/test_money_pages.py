"""Home, map, municipality and region pages: the money of a year, per place."""

import re
from dataclasses import replace
from decimal import Decimal

from ruta.portal.geometry import municipality_shapes, simplify
from ruta.portal.maps import choropleth
from ruta.portal.places import state_per_inhabitant
from ruta.works.models import WorkOrigin, WorkStatus
from testkit.factories.catalog import StateFactory
from testkit.factories.works import WorkFactory


def test_home_leads_with_the_latest_years_money_by_source(client, works):
    html = client.get("/es-mx/").content.decode()
    assert "El dinero de las obras de 2024" in html
    assert "$1,186,023.00" in html  # 936,263 + 249,760: both 2024 works
    assert re.search(r"Estatal</th><td[^>]*>\$986,023.00", html)
    assert re.search(r"Municipio</th><td[^>]*>\$200,000.00", html)
    assert "Entidades federativas" not in html  # catalogue sizes: "about the data"


def test_home_shows_approved_and_cancelled_money_beside_the_invested(client, works):
    hermosillo = works[0]
    WorkFactory(municipality=hermosillo, total_investment=70, published=True)
    WorkFactory(
        municipality=hermosillo,
        total_investment=30,
        published=True,
        status=WorkStatus.CANCELLED,
    )
    html = client.get("/es-mx/").content.decode()
    stats = html[html.index('<dl class="stats">') : html.index("</dl>")]
    assert "Invertido</a> (recursos liberados)</dt><dd>$1,186,023.00" in stats
    assert "en 2 obras" in stats
    assert '#pending-release">Por liberar</a></dt><dd>$70.00' in stats
    assert "Cancelado</a></dt><dd>$30.00" in stats
    assert "1 obra, no sumada a lo invertido" in stats
    assert ">4</a>" in stats  # every published work of 2024
    assert "una persona puede contarse en varias obras" in stats


def test_home_shows_another_year_when_asked(client, works):
    html = client.get("/es-mx/", {"year": "2023"}).content.decode()
    assert "El dinero de las obras de 2023" in html
    assert "$5.00" in html


def test_a_year_without_works_is_an_error_at_its_field(client, works):
    response = client.get("/en/", {"year": "1999"})
    assert response.status_code == 400
    assert 'id="id_year-error"' in response.content.decode()


def test_home_lists_the_largest_regions_with_links(client, works):
    html = client.get("/es-mx/").content.decode()
    assert html.index(">Capital</a>") < html.index(">Río Mayo</a>")


def test_home_shows_status_changes_from_the_history(client, works):
    work = works[1].works.get(public_id="GSE-2024-0001")
    work.status = WorkStatus.CONTRACTED
    work.save()
    html = client.get("/es-mx/").content.decode()
    assert "estado Recursos liberados → Contratada" in html


def test_investment_per_inhabitant_against_the_state_average(client, works):
    html = client.get("/es-mx/municipios/26003/").content.decode()
    assert "Álamos" in html
    assert "$10.00" in html  # 249,760 / 24,976 inhabitants
    # (936,263 + 249,760) / (936,263 + 24,976) inhabitants
    assert state_per_inhabitant("26", 2024) == Decimal("1.23")
    assert "$1.23" in html


def test_a_places_largest_works_follow_a_change_of_the_data(client, works):
    work = works[1].works.get(public_id="GSE-2024-0001")
    page = f"/es-mx/municipios/{works[1].code}/"
    assert work.title in client.get(page).content.decode()
    work.title = "Rehabilitación con otro nombre"
    work.save()
    assert "Rehabilitación con otro nombre" in client.get(page).content.decode()


def test_region_page_lists_its_municipalities(client, works):
    region = works[1].region
    html = client.get(f"/es-mx/regiones/{region.pk}/").content.decode()
    assert "Región Río Mayo" in html
    assert "/es-mx/municipios/26003/?year=2024" in html


def test_municipality_picker_goes_to_the_municipality(client, works):
    response = client.get("/es-mx/municipios/", {"municipio": "26003"})
    assert response["Location"] == "/es-mx/municipios/26003/"
    assert client.get("/es-mx/municipios/", {"municipio": "99"}).status_code == 404


def test_the_map_draws_every_municipality_of_the_state_as_a_link(client, works):
    html = client.get("/es-mx/mapa/").content.decode()
    assert html.count("<path ") == 72
    assert 'href="/es-mx/municipios/26003/?year=2024"' in html
    assert "Álamos: $249,760.00 en 1 obras" in html


def test_the_map_shades_more_investment_darker():
    values = {"26003": Decimal(10), "26030": Decimal(1000)}
    labels = {}
    shades = {area.code: area.shade for area in choropleth("26", values, labels).areas}
    assert shades["26030"] > shades["26003"] > shades["26001"] == 0


def test_works_with_coordinates_are_points_on_the_map(client, works):
    work = works[1].works.get(public_id="GSE-2024-0001")
    work.latitude, work.longitude = Decimal("27.0270"), Decimal("-108.9400")
    work.save()
    html = client.get("/es-mx/mapa/").content.decode()
    assert re.search(rf'<a href="{work.get_absolute_url()}"[^>]*><circle', html)


def test_a_municipality_page_draws_its_own_works_as_points(client, works):
    from ruta.works.models import Work

    hermosillo, alamos = works
    located = Work.objects.filter(fiscal_year=2024)
    located.update(latitude=Decimal("27.0270"), longitude=Decimal("-108.9400"))
    own = Work.objects.get(municipality=alamos, public_id="GSE-2024-0001")
    other = Work.objects.filter(municipality=hermosillo, fiscal_year=2024).first()
    html = client.get(f"/es-mx/municipios/{alamos.code}/").content.decode()
    drawn = _map_drawn(html)
    assert drawn.count("<circle") == 1
    assert f'href="{own.get_absolute_url()}"' in drawn
    assert f'href="{other.get_absolute_url()}"' not in drawn
    assert "Obra de Álamos con coordenadas" in html
    assert _map_drawn(client.get("/es-mx/mapa/").content.decode()).count("<circle") == 2


def test_a_map_with_more_located_works_than_it_draws_says_so(
    client, works, monkeypatch
):
    from ruta.portal import places, views
    from ruta.works.models import Work

    located = Work.objects.filter(fiscal_year=2024)  # two of them published
    located.update(latitude=Decimal("27.0270"), longitude=Decimal("-108.9400"))
    monkeypatch.setattr(places, "MAP_POINTS", 1)
    monkeypatch.setattr(views, "MAP_POINTS", 1)
    html = client.get("/es-mx/mapa/").content.decode()
    assert html.count("<circle") == 1
    assert "se muestra la primera por folio; el explorador las lista todas" in html


def test_works_of_a_municipality_close_together_are_one_point_to_its_works():
    from ruta.portal.maps import CLUSTER_CELL, Located, PlaceWorks, clustered

    def at(x, label, place):
        work = Located(Decimal(0), Decimal(0), label, f"/obras/{label}/", place)
        return (work, x, 20.0)

    places = {
        "26030": PlaceWorks("Hermosillo", "/obras/?municipality=26030"),
        "26001": PlaceWorks("Aconchi", "/obras/?municipality=26001"),
    }
    points = clustered(
        [
            at(1.0, "a", "26030"),
            at(2.0, "b", "26030"),
            at(2.0, "aconchi", "26001"),  # same square, another municipality
            at(3.0, "c", "26030"),
            at(1.0 + 3 * CLUSTER_CELL, "lejos", "26030"),
            at(2.0, "estatal", ""),  # a whole state's work has no municipality
        ],
        places,
    )
    assert [(point.works, point.url) for point in points] == [
        (3, "/obras/?municipality=26030"),
        (1, "/obras/aconchi/"),
        (1, "/obras/lejos/"),
        (1, "/obras/estatal/"),
    ]
    cluster, single = points[0], points[1]
    assert (cluster.x, cluster.y) == (2.0, 20.0)
    assert cluster.label == (
        "3 obras de Hermosillo en este punto del mapa: "
        "ver las obras de Hermosillo en el explorador"
    )
    assert (single.label, single.radius) == ("aconchi", 3)
    assert cluster.radius > single.radius
    assert cluster.css_class == "work-cluster" != single.css_class


def test_a_state_map_draws_close_works_of_a_municipality_as_one_point(client, works):
    from ruta.works.models import Work

    hermosillo, _ = works
    WorkFactory(municipality=hermosillo, published=True, status=WorkStatus.RELEASED)
    located = Work.objects.filter(fiscal_year=2024)
    located.update(latitude=Decimal("29.0729"), longitude=Decimal("-110.9559"))
    html = client.get("/es-mx/mapa/?year=2024").content.decode()
    drawn = _map_drawn(html)
    assert drawn.count("<circle") == 2  # Hermosillo's two works, Álamos's one
    assert 'href="/es-mx/obras/?year=2024&amp;municipality=26030"' in drawn
    assert "2 obras de Hermosillo en este punto del mapa" in drawn
    assert "Varias obras de un municipio en un mismo punto" in html


def test_a_map_that_groups_the_works_it_draws_counts_the_works_not_the_points(
    client, works, monkeypatch
):
    from ruta.portal import places, views
    from ruta.works.models import Work

    hermosillo, _ = works
    for folio in ("AAA-2024-1", "AAA-2024-2"):  # the first two by folio
        WorkFactory(
            municipality=hermosillo,
            public_id=folio,
            published=True,
            status=WorkStatus.RELEASED,
        )
    located = Work.objects.filter(fiscal_year=2024)
    located.update(latitude=Decimal("29.0729"), longitude=Decimal("-110.9559"))
    monkeypatch.setattr(places, "MAP_POINTS", 2)
    monkeypatch.setattr(views, "MAP_POINTS", 2)
    html = client.get("/es-mx/mapa/?year=2024").content.decode()
    assert _map_drawn(html).count("<circle") == 1
    assert "se muestran las 2 primeras por folio" in html


def test_the_points_are_written_as_the_template_engine_wrote_them():
    from django.template import Context, Template

    from ruta.portal.maps import MapPoint

    points = [
        MapPoint(370.9, 1355.0, "Calle \"Juárez\" <1> & '2'", "/es-mx/obras/A&B/"),
        MapPoint(12.0, 3.5, "Pozo", "/es-mx/obras/P-1/"),
        MapPoint(40.2, 7.5, "3 obras de Ures", "/es-mx/obras/?year=2024&m=1", works=3),
    ]
    shaded = choropleth("26", {}, {}, [])
    drawn = replace(shaded, points=points)
    loop = Template(
        '{% for point in map.points %}<a href="{{ point.url }}" aria-label="'
        '{{ point.label }}"><circle cx="{{ point.x }}" cy="{{ point.y }}" '
        'r="{{ point.radius }}" class="{{ point.css_class }}"><title>'
        "{{ point.label }}</title></circle></a>{% endfor %}"
    )
    assert drawn.points_markup == loop.render(Context({"map": drawn}))


def test_the_geometry_file_holds_every_sonoran_municipality():
    codes = [shape.code for shape in municipality_shapes("26")]
    assert len(codes) == 72
    assert codes[0] == "26001"
    assert all(
        ring[0] == ring[-1]
        for shape in municipality_shapes("26")
        for ring in shape.rings
    )


def test_simplify_keeps_the_ends_and_drops_what_is_within_tolerance():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 1.0)]
    assert simplify(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0)]


def test_the_home_map_is_drawn_again_only_when_its_places_or_points_change(
    client, works, monkeypatch
):
    from django.core.cache import cache

    from ruta.portal import views
    from ruta.works.models import Work

    cache.clear()
    drawn = []
    original = views._map_and_picker
    monkeypatch.setattr(
        views, "_map_and_picker", lambda *a: drawn.append(1) or original(*a)
    )
    client.get("/es-mx/")
    work = Work.objects.get(public_id="GSE-2024-0001")
    Work.objects.filter(pk=work.pk).update(beneficiaries=421)  # not on the map
    client.get("/es-mx/")
    assert len(drawn) == 1
    Work.objects.filter(pk=work.pk).update(
        latitude=Decimal("27.0270"), longitude=Decimal("-108.9400")
    )
    html = client.get("/es-mx/").content.decode()
    assert len(drawn) == 2
    assert re.search(rf'<a href="{work.get_absolute_url()}"[^>]*><circle', html)


def test_a_national_home_maps_the_states_each_a_link_to_its_municipalities(
    client, works, settings
):
    settings.RUTA_STATE = ""
    html = client.get("/es-mx/").content.decode()
    drawn = _map_drawn(html)
    assert drawn.count("<path ") == 32
    assert 'href="/es-mx/mapa/?estado=26&amp;year=2024"' in drawn
    assert "Sonora: $1,186,023.00 en 2 obras" in drawn
    assert "/es-mx/municipios/" not in drawn
    assert "Mapa de la inversión en obras por estado, 2024" in drawn
    assert "las de sus municipios y las de todo el estado" in html  # what is summed


def test_a_national_map_draws_no_work_as_a_point(client, works, settings):
    settings.RUTA_STATE = ""
    work = works[1].works.get(public_id="GSE-2024-0001")
    work.latitude, work.longitude = Decimal("27.0270"), Decimal("-108.9400")
    work.save()
    for page in ("/es-mx/", "/es-mx/mapa/"):
        assert "<circle" not in client.get(page, {"year": "2024"}).content.decode()
    sonora = client.get("/es-mx/mapa/", {"estado": "26", "year": "2024"})
    assert re.search(
        rf'<a href="{work.get_absolute_url()}"[^>]*><circle', sonora.content.decode()
    )


def test_a_national_map_page_lists_the_states_with_their_whole_state_works(
    client, works, settings
):
    settings.RUTA_STATE = ""
    WorkFactory(  # a federal project of the whole state
        municipality=None,
        state_id="26",
        origin=WorkOrigin.FEDERAL_OPA,
        total_investment=1000,
        realized=True,
    )
    StateFactory(code="08", name="Chihuahua")
    html = client.get("/es-mx/mapa/", {"year": "2024"}).content.decode()
    table = html[html.index("<table") : html.index("</table>")]
    assert table.count('<th scope="row">') == 2  # every state of the catalog
    assert re.search(r'estado=08&amp;year=2024">Chihuahua</a></th><td[^>]*>0<', table)
    assert "Inversión en obras por estado, 2024" in table
    sonora = re.search(r'\?estado=26&amp;year=2024">Sonora</a></th>(.*?)</tr>', table)
    assert sonora is not None
    assert ">3<" in sonora.group(1)  # two in its municipalities, one statewide
    assert "$1,187,023.00" in sonora.group(1)
    assert "Hermosillo" not in table  # the municipalities are on Sonora's map
    assert "$1,187,023.00 en 3 obras" in _map_drawn(html)


def test_a_national_map_page_shows_the_municipalities_of_the_state_asked_for(
    client, works, settings
):
    settings.RUTA_STATE = ""
    html = client.get("/es-mx/mapa/", {"estado": "26", "year": "2024"}).content
    html = html.decode()
    drawn = _map_drawn(html)
    assert drawn.count("<path ") == 72
    assert "Mapa de la inversión: Sonora" in html
    assert '<input type="hidden" name="estado" value="26">' in html
    assert 'href="/es-mx/mapa/?year=2024"' in html  # back to every state
    states = client.get("/es-mx/mapa/", {"year": "2024"}).content.decode()
    assert _map_drawn(states).count("<path ") == 32


def _map_drawn(html: str) -> str:
    start = html.index('<figure class="map">')
    return html[start : html.index("</svg>", start)]
