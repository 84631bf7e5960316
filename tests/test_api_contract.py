"""The API's contract: the committed OpenAPI document and problem responses."""

import json
from collections import defaultdict
from pathlib import Path

from ninja import Schema

from config.api import api

SNAPSHOT = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"


def current_schema() -> str:
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False) + "\n"


def test_openapi_document_matches_the_committed_snapshot():
    # Regenerate with `make openapi` when the API changes on purpose.
    assert current_schema() == SNAPSHOT.read_text(encoding="utf-8")


def _schema_classes(base: type) -> set[type]:
    found = set()
    for sub in base.__subclasses__():
        found |= {sub, *_schema_classes(sub)}
    return found


def test_every_api_schema_has_a_name_of_its_own():
    # OpenAPI keys components by class name: two classes with one name collapse
    # into one, and an endpoint is documented with the other's fields.
    api.get_openapi_schema()  # imports every router's schemas
    by_name = defaultdict(set)
    for schema in _schema_classes(Schema):
        if schema.__module__.startswith(("ruta.", "config.")):
            by_name[schema.__name__].add(f"{schema.__module__}.{schema.__qualname__}")
    assert {name: paths for name, paths in by_name.items() if len(paths) > 1} == {}


def test_documents_list_is_documented_with_the_fields_it_returns(client, db):
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    listed = schema["paths"]["/api/v1/documents/"]["get"]["responses"][200]
    page = listed["content"]["application/json"]["schema"]["$ref"]
    page_fields = components[page.rsplit("/", 1)[1]]["properties"]
    assert set(page_fields) == {"items", "next", "next_cursor"}
    item = page_fields["items"]["items"]["$ref"]
    fields = components[item.rsplit("/", 1)[1]]["properties"]
    assert set(fields) == {
        "sha256",
        "name",
        "kind",
        "agency",
        "fiscal_year",
        "imported_at",
        "row_count",
        "finding_count",
    }


def test_unknown_record_is_a_problem_document(client, db):
    response = client.get("/api/v1/works/NO-EXISTE-0000")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not-found"


def test_invalid_query_is_a_problem_document(client, db):
    response = client.get("/api/v1/works/", {"year": "dos mil"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid-request"


def test_a_query_too_long_is_a_problem_every_operation_documents(client, db):
    # The guard refuses it before any view runs, so every operation can answer
    # it; schemathesis finds the answer whenever it draws a long enough query.
    response = client.get("/api/v1/indicators/cards", {"year": "2024" * 1100})
    assert (response.status_code, response.json()["code"]) == (414, "query-too-long")
    paths = api.get_openapi_schema()["paths"].values()
    assert all(414 in op["responses"] for ops in paths for op in ops.values())
