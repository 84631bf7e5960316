"""The API's HTTP: keyset pages, validators and 304s, CORS, unknown parameters, rate."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils.http import http_date, parse_http_date

from ruta.works.models import Work
from testkit.factories.works import WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def works(hermosillo):
    return [WorkFactory(municipality=hermosillo, published=True) for _ in range(7)]


def _walk(client, address, **params):
    """Return every item of a list, following `next`, and the pages read."""
    items, pages = [], 0
    answer = client.get(address, params).json()
    while True:
        pages += 1
        items += answer["items"]
        if answer["next"] is None:
            return items, pages
        answer = client.get(answer["next"]).json()


def test_pages_follow_the_published_order_without_gaps_or_repeats(client, works):
    items, pages = _walk(client, "/api/v1/works/", page_size=3)
    expected = list(
        Work.objects.published()
        .order_by("-fiscal_year_id", "public_id")
        .values_list("public_id", flat=True)
    )
    assert [item["public_id"] for item in items] == expected
    assert pages == 3


def test_a_page_reads_the_same_number_of_rows_wherever_it_is(
    client, works, django_assert_max_num_queries
):
    first = client.get("/api/v1/works/", {"page_size": 2}).json()
    last_cursor = first["next_cursor"]
    while True:
        page = client.get("/api/v1/works/", {"page_size": 2, "cursor": last_cursor})
        following = page.json()["next_cursor"]
        if following is None:
            break
        last_cursor = following
    # Version read, the page's two index ranges; no COUNT, no OFFSET.
    with django_assert_max_num_queries(4) as captured:
        client.get("/api/v1/works/", {"page_size": 2, "cursor": last_cursor})
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "COUNT(" not in sql.upper()
    assert "OFFSET" not in sql.upper()


def test_an_altered_cursor_names_no_page_by_name(client, works):
    cursor = client.get("/api/v1/works/", {"page_size": 2}).json()["next_cursor"]
    answer = client.get("/api/v1/works/", {"cursor": cursor[:-2] + "xx"})
    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["code"] == "invalid-cursor"
    assert "cursor" in answer.json()["detail"]


def test_a_page_size_over_the_limit_is_a_problem(client, works):
    answer = client.get("/api/v1/works/", {"page_size": 501})
    assert answer.status_code == 400
    assert answer.json()["detail"][0]["loc"][-1] == "page_size"


def test_an_unknown_filter_is_refused_naming_it(client, works):
    answer = client.get("/api/v1/works/", {"municipio": "26030"})
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "unknown-parameter"
    assert body["detail"].startswith("municipio:")
    assert "municipality" in body["detail"]


def test_a_client_with_the_current_answer_gets_not_modified(client, works):
    answer = client.get("/api/v1/works/")
    etag = answer["ETag"]
    assert answer["Cache-Control"] == "public, max-age=60"
    again = client.get("/api/v1/works/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert not again.has_header("Content-Type")
    assert again["ETag"] == etag


def test_a_change_of_the_data_gives_a_new_etag(client, works):
    etag = client.get("/api/v1/works/")["ETag"]
    Work.objects.filter(pk=works[0].pk).update(title="Otro título")
    answer = client.get("/api/v1/works/", headers={"if-none-match": etag})
    assert answer.status_code == 200
    assert answer["ETag"] != etag


def test_each_address_has_its_own_etag(client, works):
    first = client.get("/api/v1/works/")["ETag"]
    filtered = client.get("/api/v1/works/", {"q": "calle"})["ETag"]
    assert first != filtered


def test_if_modified_since_is_answered_from_the_data_version(client, works):
    answer = client.get("/api/v1/works/")
    changed = answer["Last-Modified"]
    assert (
        client.get("/api/v1/works/", headers={"if-modified-since": changed}).status_code
        == 304
    )
    earlier = http_date(parse_http_date(changed) - timedelta(hours=1).total_seconds())
    assert (
        client.get("/api/v1/works/", headers={"if-modified-since": earlier}).status_code
        == 200
    )


def test_reads_may_come_from_any_origin(client, works):
    answer = client.get("/api/v1/works/", headers={"origin": "https://example.org"})
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in answer["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/works/",
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "GET",
        },
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_a_client_over_its_rate_is_told_when_to_come_back(client, works, settings):
    cache.clear()
    settings.RUTA_API_REQUESTS_PER_MINUTE = 3
    answers = [client.get("/api/v1/catalog/states") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused.json()["code"] == "rate-limited"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert answers[0]["RateLimit-Remaining"] == "2"


def test_a_filter_given_twice_is_refused_rather_than_one_value_winning(client, works):
    answer = client.get("/api/v1/works/?year=2024&year=2015")
    assert answer.status_code == 400
    assert answer.json()["code"] == "repeated-parameter"
    assert answer.json()["detail"].startswith("year:")
    # A list parameter may repeat.
    assert client.get("/api/v1/works/aggregates?by=year&by=source").status_code == 200


@pytest.mark.parametrize("params", [{"status": "foo"}, {"municipality": "abc"}])
def test_a_value_no_work_can_have_is_refused_not_answered_empty(client, works, params):
    answer = client.get("/api/v1/works/", params)
    assert answer.status_code == 400
    assert answer.json()["detail"][0]["loc"][-1] == next(iter(params))


def test_a_signed_in_reader_is_never_answered_from_a_validator(
    client, works, make_user
):
    client.force_login(make_user())
    answer = client.get("/api/v1/works/")
    assert not answer.has_header("ETag")
    assert "private" in answer["Cache-Control"]
    assert (
        client.get("/api/v1/works/", headers={"if-none-match": "*"}).status_code == 200
    )


def test_every_endpoint_checks_its_parameters_against_its_openapi_document():
    from django.test import RequestFactory
    from django.urls import resolve

    from config.api import api
    from config.apihttp import declared_parameters, operation_template

    declared = declared_parameters()
    routes = [
        p
        for p in api.urls[0]
        if p.name not in {"api-root", "openapi-json", "openapi-view"}
    ]
    assert len(routes) == len({path for path, _method in declared})
    for route in routes:
        address = "/api/v1/" + str(route.pattern).replace("<", "").replace(">", "")
        request = RequestFactory().get(address)
        request.resolver_match = resolve(address)
        assert (operation_template(request), "GET") in declared, address


def test_a_list_parameter_is_known_from_the_document_as_repeatable():
    from config.apihttp import declared_parameters

    taken = declared_parameters()[("/works/aggregates", "GET")]
    assert taken["by"] is True
    assert taken["year"] is False


def test_an_unknown_parameter_is_refused_before_the_answer_is_built(
    client, works, django_assert_num_queries
):
    # Only the rate counter and nothing else: no version read, no rows.
    with django_assert_num_queries(0):
        answer = client.get("/api/v1/works/aggregates", {"by": "year", "anio": "1"})
    assert answer.status_code == 400
    assert answer.json()["code"] == "unknown-parameter"


def test_a_missing_work_is_not_answered_with_validators(client, works):
    answer = client.get("/api/v1/works/NO-EXISTE")
    assert answer.status_code == 404
    assert not answer.has_header("ETag")
    assert not answer.has_header("Last-Modified")
    assert "public" not in answer.get("Cache-Control", "")


def test_the_rate_counts_each_client_apart(client, works, settings):
    cache.clear()
    settings.RUTA_API_REQUESTS_PER_MINUTE = 1
    first = client.get("/api/v1/catalog/states", REMOTE_ADDR="192.0.2.1")
    other = client.get("/api/v1/catalog/states", REMOTE_ADDR="192.0.2.2")
    again = client.get("/api/v1/catalog/states", REMOTE_ADDR="192.0.2.1")
    assert [first.status_code, other.status_code, again.status_code] == [200, 200, 429]


def test_the_api_keeps_its_checks_when_the_site_is_mounted_below_a_path(client, works):
    answer = client.get("/api/v1/works/", {"municipio": "26030"}, SCRIPT_NAME="/ruta")
    assert answer.status_code == 400
    assert answer.json()["code"] == "unknown-parameter"
    assert answer.has_header("RateLimit-Limit")
