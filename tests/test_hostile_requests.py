"""Hostile values in every parameter of every page and endpoint: never a 5xx.

The pages and endpoints are read from the URL resolver and the OpenAPI
document, so a new one is covered without editing this file. Each answer
must be a success within bounds, a redirect (sign-in), or a 4xx.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from config.api import api
from ruta.accounts.models import Role
from ruta.programs.models import UnitProgram
from ruta.works.models import Work

# Each a raw, already-encoded query value.
HOSTILE = {
    "nul": "%00",
    "surrogate": "%ED%A0%80",
    "long": "a" * 10_000,
    "huge": "9" * 25,
    "bigint": "9223372036854775808",
    "negative": "-1",
    "float": "1.5",
    "date": "2024-13-45",
    "sql": quote("' OR 1=1 --"),
    "unicode": quote("ñandú 𝄞 \u202e"),
}
# Query parameters the pages read.
PAGE_PARAMETERS = (
    "q",
    "year",
    "page",
    "despues",
    "antes",
    "ultima",
    "program",
    "subprogram",
    "region",
    "municipality",
    "status",
    "unidad",
    "model",
    "object_id",
    "user_id",
    "date_from",
    "date_to",
)


@pytest.fixture
def demo(demo_world, db):
    """Give a test the shared demo world."""


@pytest.fixture
def clients(demo, db, make_user):
    administrator = Client()
    administrator.force_login(make_user(Role.ADMINISTRATOR))
    return {"anonymous": Client(), "administrator": administrator}


def _page_patterns(resolver: URLResolver, prefix: str = "") -> list[str]:
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += _page_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            found.append(route)
    return found


def _sample(route: str) -> str:
    """Return ``route`` with its converters filled with values that exist."""
    unit = UnitProgram.objects.values_list("pk", flat=True).first() or 1
    work = Work.objects.published().values_list("public_id", flat=True).first()
    values = {
        "<id:pk>": str(unit),
        "<id:unit_pk>": str(unit),
        "<id:goal_pk>": "1",
        "<quarter:quarter>": "4",
        "<year:year>": "2024",
        "<slug:agency>": "CECOP",
        "<public_id:public_id>": work or "X",
        "<sha256:sha256>": "0" * 64,
        "<str:field>": "description",
        "<slug:dataset>": "metas",
    }
    for converter, value in values.items():
        route = route.replace(converter, value)
    return route


def _pages() -> list[str]:
    routes = _page_patterns(get_resolver())
    pages = []
    for route in routes:
        if route.startswith(("admin/", "api/", "^admin")) or "(?P" in route:
            continue
        route = route.replace("^", "").replace("$", "")
        if route.startswith("es-mx/") or not route.startswith(("en/", "i18n/")):
            pages.append(route)
    return pages


def _status(client: Client, url: str) -> int:
    """Return the answer's status; a file not published yet (503 with
    ``Retry-After``, its publish queued) counts as an answer, not a failure."""
    answer = client.get(url, follow=False)
    if answer.status_code == 503 and answer.has_header("Retry-After"):
        return 200
    return answer.status_code


@pytest.mark.parametrize("value", list(HOSTILE))
def test_no_page_answers_a_hostile_query_with_a_server_error(clients, value):
    failures = []
    for route in _pages():
        path = "/" + _sample(route if route.startswith("es-mx/") else "es-mx/" + route)
        query = "&".join(f"{name}={HOSTILE[value]}" for name in PAGE_PARAMETERS)
        for who, client in clients.items():
            status = _status(client, f"{path}?{query}")
            if status >= 500:
                failures.append((who, path, status))
    assert failures == []


def _endpoints() -> list[tuple[str, list[dict]]]:
    schema = api.get_openapi_schema()
    return [
        (path, operation.get("parameters", []))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method == "get"
    ]


def _fill(path: str) -> str:
    values = {
        "{public_id}": "GSE-2024-0001",
        "{sha256}": "0" * 64,
        "{agency}": "CECOP",
        "{year}": "2024",
    }
    for name, value in values.items():
        path = path.replace(name, value)
    return path


@pytest.mark.parametrize("value", list(HOSTILE))
def test_no_endpoint_answers_a_hostile_parameter_with_a_server_error(clients, value):
    failures = []
    client = clients["anonymous"]
    for path, parameters in _endpoints():
        for parameter in parameters:
            name = parameter["name"]
            if parameter["in"] == "path":
                url = _fill(path.replace("{" + name + "}", HOSTILE[value]))
            else:
                url = f"{_fill(path)}?{name}={HOSTILE[value]}"
            status = _status(client, url)
            if status >= 500:
                failures.append((url[:120], status))
    assert failures == []


def test_a_year_past_any_fiscal_year_is_refused_at_once(clients):
    client = clients["anonymous"]
    for url in (
        "/api/v1/indicators/summary?year=9223372036854775807",
        "/api/v1/indicators/cards?year=100000",
    ):
        response = client.get(url)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
    # Within the document's bounds but not in the catalog: a missing record.
    unknown = client.get("/api/v1/indicators/cards?year=2099")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown-year")


def test_a_nul_byte_is_a_problem_document_in_the_api_and_a_page_elsewhere(clients):
    client = clients["anonymous"]
    api_answer = client.get("/api/v1/works/?q=%00")
    assert api_answer.status_code == 400
    assert api_answer.json()["code"] == "unstorable-character"
    page = client.get("/es-mx/obras/%00/")
    assert page.status_code == 400
    assert "Solicitud no válida" in page.content.decode()


def test_a_page_past_the_last_is_not_found(clients):
    client = clients["anonymous"]
    assert client.get("/api/v1/works/?page_size=501").status_code == 400
    assert client.get("/api/v1/works/?cursor=x" + "0" * 500).status_code == 400
    assert client.get("/es-mx/obras/?despues=99999999999999999999").status_code == 404
    assert client.get("/es-mx/obras/?antes=" + "0" * 401).status_code == 404


def test_catalog_regions_and_municipalities_answer(clients, settings):
    settings.RUTA_STATE = "26"
    client = clients["anonymous"]
    regions = client.get("/api/v1/catalog/regions").json()
    assert regions[0] == {
        "state": "26",
        "plan": "ped-sonora-2021-2027",
        "number": 1,
        "name": "Alto Golfo",
    }
    found = client.get("/api/v1/catalog/municipalities?state=26&q=alamos").json()
    assert found == [
        {
            "code": "26003",
            "state": "26",
            "name": "Álamos",
            "population_2020": 24976,
            "region": "Río Mayo",
        }
    ]


def test_cookies_with_a_nul_byte_are_refused_not_looked_up(clients):
    client = Client()
    client.cookies["sessionid"] = "abc\x00defghijkl"
    assert client.get("/es-mx/").status_code == 400


def test_the_walk_covers_every_page_and_endpoint(demo, db):
    assert len(_pages()) >= 15
    assert {path for path, _ in _endpoints()} >= {
        "/api/v1/works/",
        "/api/v1/indicators/summary",
        "/api/v1/catalog/regions",
        "/api/v1/documents/{sha256}",
    }
