"""The DCAT catalogue parses and lists every dataset and every published file."""

import json

from django.core.management import call_command
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, XSD

from ruta.accounts.actors import command_actor
from ruta.opendata import dcat
from ruta.opendata.datasets import DATASETS, STANDARD
from ruta.opendata.dcat import SPDX, catalogue_graph
from ruta.opendata.models import FileFormat, PublishedFile
from ruta.opendata.services import publish_datasets
from ruta.opendata.versions import file_latest
from testkit.factories.catalog import MunicipalityFactory
from testkit.factories.works import WorkFactory

SITE = "https://datos.example.org"
JSON_MEDIA_TYPE = "http://www.iana.org/assignments/media-types/application/json"

DISTRIBUTIONS = """
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX spdx: <http://spdx.org/rdf/terms#>
SELECT ?dataset ?url ?size ?media ?sum WHERE {
  ?catalog a dcat:Catalog ; dcat:dataset ?dataset .
  ?dataset a dcat:Dataset ; dcat:distribution ?dist .
  ?dist dcat:downloadURL ?url ; dcat:byteSize ?size ; dcat:mediaType ?media ;
        spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ;
                        spdx:checksumValue ?sum ] .
}
"""


def _parsed(text, fmt):
    graph = Graph()
    graph.parse(data=text, format=fmt)
    return graph


def _expected():
    return {
        (f"{SITE}{f.get_absolute_url()}", f.size, f.sha256)
        for f in PublishedFile.objects.select_related("version")
    }


def test_the_turtle_lists_every_published_file_with_size_and_checksum(published):
    turtle = catalogue_graph(site=SITE).serialize(format="turtle")
    rows = _parsed(turtle, "turtle").query(DISTRIBUTIONS)
    found = {(str(r.url), int(r.size.toPython()), str(r.sum)) for r in rows}
    assert found == _expected()


def test_every_registered_dataset_is_in_the_catalogue(published):
    graph = catalogue_graph(site=SITE)
    datasets = set(graph.subjects(predicate=None, object=DCAT.Dataset))
    pages = {
        URIRef(f"{SITE}/es-mx/datos/{slug}/")
        for slug, dataset in DATASETS.items()
        if dataset.kind != STANDARD
    }
    packages = {
        URIRef(f"{SITE}/es-mx/datos/{name}.json#conjunto")
        for name in ("oc4ids", "ocds")
    }
    assert datasets == pages | packages


def test_the_standard_packages_are_downloads_that_name_their_standard(published):
    graph = catalogue_graph(site=SITE)
    answer = graph.query(
        """
        PREFIX dcat: <http://www.w3.org/ns/dcat#>
        PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?url ?standard ?media WHERE {
          ?dataset dcat:distribution ?url ; dct:conformsTo ?standard .
          ?url dcat:downloadURL ?url ; dcat:mediaType ?media .
        }
        """
    )
    assert {str(r.media) for r in answer} == {JSON_MEDIA_TYPE}
    oc4ids = "https://standard.open-contracting.org/infrastructure/0.9/"
    ocds = "https://standard.open-contracting.org/1.1/"
    versions = {
        (SITE + file_latest(slug, FileFormat.JSON).get_absolute_url(), standard)
        for slug, standard in (("oc4ids", oc4ids), ("ocds", ocds))
    }
    assert {(str(r.url), str(r.standard)) for r in answer} == {
        (f"{SITE}/es-mx/datos/oc4ids.json", oc4ids),
        (f"{SITE}/es-mx/datos/ocds.json", ocds),
        *versions,
    }


def test_datasets_name_licence_publisher_coverage_and_keywords(published):
    graph = catalogue_graph(site=SITE)
    works = URIRef(f"{SITE}/es-mx/datos/obras/")
    answer = graph.query(
        """
        PREFIX dcat: <http://www.w3.org/ns/dcat#>
        PREFIX dct: <http://purl.org/dc/terms/>
        PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>
        SELECT ?licence ?name ?contact ?start ?end ?modified WHERE {
          ?d dct:license ?licence ; dct:publisher [ foaf:name ?name ] ;
             dcat:contactPoint [ vcard:fn ?contact ] ; dct:modified ?modified ;
             dct:temporal [ dcat:startDate ?start ; dcat:endDate ?end ] .
        }
        """,
        initBindings={"d": works},
    )
    (row,) = list(answer)
    assert str(row.licence) == "https://creativecommons.org/licenses/by/4.0/"
    assert row.start == Literal("2024-01-01", datatype=XSD.date)
    assert row.end == Literal("2024-12-31", datatype=XSD.date)
    keywords = {str(k) for k in graph.objects(works, DCAT.keyword)}
    assert "obra pública" in keywords


def test_works_cover_their_municipalities_by_inegi_code(published):
    graph = catalogue_graph(site=SITE)
    works = URIRef(f"{SITE}/es-mx/datos/obras/")
    codes = {
        str(code)
        for place in graph.objects(works, URIRef("http://purl.org/dc/terms/spatial"))
        for code in graph.objects(place, URIRef("http://purl.org/dc/terms/identifier"))
    }
    expected = {work.municipality_id for work in published["works"]}
    assert expected <= codes


def test_the_jsonld_page_parses_to_the_same_distributions(published, client):
    response = client.get("/es-mx/datos/catalogo.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    graph = _parsed(response.content.decode(), "json-ld")
    checksums = set(graph.objects(None, SPDX.checksumValue))
    assert {str(c) for c in checksums} == {
        f.sha256 for f in PublishedFile.objects.all()
    }


def test_the_turtle_page_uses_the_request_origin(published, client):
    response = client.get("/es-mx/datos/catalogo.ttl")
    assert response["Content-Type"].startswith("text/turtle")
    graph = _parsed(response.content.decode(), "turtle")
    urls = {str(u) for u in graph.objects(None, DCAT.downloadURL)}
    assert all(url.startswith("http://testserver/es-mx/datos/") for url in urls)
    # Every published file, and the two packages built on request.
    assert len(urls) == PublishedFile.objects.count() + 2


def test_the_export_command_writes_turtle_or_jsonld(published, tmp_path):
    turtle, jsonld = tmp_path / "catalogo.ttl", tmp_path / "catalogo.jsonld"
    call_command("export", "dcat", "--output", str(turtle), "--site", SITE)
    call_command("export", "dcat", "--output", str(jsonld), "--site", SITE)
    assert len(_parsed(turtle.read_text(encoding="utf-8"), "turtle")) > 0
    document = json.loads(jsonld.read_text(encoding="utf-8"))
    assert "@context" in document
    graph = _parsed(jsonld.read_text(encoding="utf-8"), "json-ld")
    urls = {str(u) for u in graph.objects(None, DCAT.downloadURL)}
    packages = {f"{SITE}/es-mx/datos/{name}.json" for name in ("oc4ids", "ocds")}
    assert urls == {url for url, _size, _sum in _expected()} | packages


def _codes_covered(text: str) -> set[str]:
    graph = _parsed(text, "turtle")
    return {str(code) for code in graph.objects(None, DCTERMS.identifier)}


def test_the_catalogue_is_drawn_again_only_when_its_files_or_places_change(
    published, client, monkeypatch
):
    drawn = []
    draw = dcat.catalogue_graph

    def counted(**arguments):
        drawn.append(arguments["site"])
        return draw(**arguments)

    monkeypatch.setattr(dcat, "catalogue_graph", counted)
    first = client.get("/es-mx/datos/catalogo.ttl").content.decode()
    # A work saved where the catalogue already reaches changes neither.
    WorkFactory(municipality=published["works"][0].municipality, published=True)
    assert client.get("/es-mx/datos/catalogo.ttl").content.decode() == first
    assert len(drawn) == 1
    state = published["works"][0].municipality.state
    elsewhere = MunicipalityFactory(code="26002", name="Agua Prieta", state=state)
    WorkFactory(municipality=elsewhere, published=True)
    again = client.get("/es-mx/datos/catalogo.ttl").content.decode()
    assert len(drawn) == 2
    assert elsewhere.code in _codes_covered(again) - _codes_covered(first)
    publish_datasets(actor=command_actor("test"))
    latest = client.get("/es-mx/datos/catalogo.ttl").content.decode()
    assert len(drawn) == 3
    files = set(_parsed(latest, "turtle").objects(None, DCAT.downloadURL))
    assert len(files) == PublishedFile.objects.count() + 2


def test_every_dataset_has_a_theme_and_every_file_a_stable_availability(published):
    graph = catalogue_graph(site=SITE)
    datasets = set(graph.subjects(predicate=None, object=DCAT.Dataset))
    themes = {dataset: set(graph.objects(dataset, DCAT.theme)) for dataset in datasets}
    gove = URIRef(f"{dcat.DATA_THEMES}GOVE")
    assert all(found == {gove} for found in themes.values())
    files = set(graph.subjects(DCAT.byteSize, None))
    assert files
    availability = {
        str(value)
        for url in files
        for value in graph.objects(url, dcat.DCATAP.availability)
    }
    assert availability == {dcat.STABLE}


def test_the_dcat_ap_2_1_1_profile_types_sizes_as_decimals_without_sha256(
    published, client
):
    response = client.get("/es-mx/datos/catalogo.ttl?perfil=2.1.1")
    graph = _parsed(response.content.decode(), "turtle")
    sizes = list(graph.objects(None, DCAT.byteSize))
    assert sizes
    assert {size.datatype for size in sizes} == {XSD.decimal}
    assert not list(graph.objects(None, SPDX.checksum))
    newer = _parsed(client.get("/es-mx/datos/catalogo.ttl").content.decode(), "turtle")
    assert {size.datatype for size in newer.objects(None, DCAT.byteSize)} == {
        XSD.nonNegativeInteger
    }


def test_an_unknown_profile_is_refused_naming_the_ones_published(published, client):
    response = client.get("/es-mx/datos/catalogo.jsonld?perfil=1.0")
    assert response.status_code == 400
    assert "3.0.0, 2.1.1" in response.content.decode()
