"""The catalogue conforms to DCAT-AP 3.0.0: its own SHACL shapes, 0 violations.

The shapes are the official file in ``../shared/data/schemas/dcat-ap``
(``RUTA_DATA_DIR``), run by pyshacl over the catalogue in Turtle and in
JSON-LD as the site serves them.
"""

from __future__ import annotations

import pytest
from pyshacl import validate
from rdflib import Graph

from ruta.opendata.dcat import catalogue_graph, jsonld
from testkit.seeds import data_path

pytestmark = pytest.mark.real_data
SITE = "https://datos.example.org"
SHAPES = data_path("schemas/dcat-ap/dcat-ap-3.0.0-shacl.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_the_catalogue_has_no_dcat_ap_3_violation(published, shapes, fmt):
    graph = catalogue_graph(site=SITE)
    text = graph.serialize(format="turtle") if fmt == "turtle" else jsonld(graph)
    data = Graph().parse(data=text, format=fmt)
    conforms, _report, text = validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    assert conforms, text
