"""The API's contract: the committed OpenAPI document and problem responses."""

import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

from ninja import Schema
from openapi_spec_validator import validate

from config.api import api
from ruta.common.web.guards import MAX_PATH_LENGTH, MAX_QUERY_LENGTH, MAX_VALUE_LENGTH

SNAPSHOT = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"


def current_schema() -> str:
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False) + "\n"


def test_openapi_document_matches_the_committed_snapshot():
    # Regenerate with `make openapi` when the API changes on purpose.
    assert current_schema() == SNAPSHOT.read_text(encoding="utf-8")


def test_the_openapi_document_is_valid_by_the_specifications_validator():
    schema = api.get_openapi_schema()
    validate(json.loads(json.dumps(schema)))  # raises, naming the first error


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
    response = client.get("/api/v1/indicators/cards", {"year": "2024" * 2100})
    assert (response.status_code, response.json()["code"]) == (414, "query-too-long")
    paths = api.get_openapi_schema()["paths"].values()
    assert all(414 in op["responses"] for ops in paths for op in ops.values())


def _parameters() -> list[tuple[str, dict]]:
    """Return every operation's parameters, with the operation's path."""
    paths = api.get_openapi_schema()["paths"]
    return [
        (path, parameter)
        for path, operations in paths.items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
    ]


def _alternatives(schema: dict) -> list[dict]:
    """Return the non-null schemas a parameter may take (``anyOf`` opened)."""
    found = [schema]
    if "anyOf" in schema:
        found = schema["anyOf"]
    if schema.get("type") == "array":
        found = [schema["items"]]
    return [each for each in found if each.get("type") != "null"]


def _longest_value(schema: dict) -> int:
    """Return the longest value ``schema`` allows, percent-encoded as sent."""
    longest = 0
    for each in _alternatives(schema):
        if "enum" in each:
            longest = max(longest, *(len(quote(str(v), safe="")) for v in each["enum"]))
        elif each["type"] == "integer":
            longest = max(longest, len(str(each["maximum"])), len(str(each["minimum"])))
        else:  # each character "%XX" per UTF-8 byte: one if ASCII, up to four
            pattern = each.get("pattern", "")
            ascii_only = not any(re.search(pattern, c) for c in "\u00e9\U0001f600")
            longest = max(longest, each["maxLength"] * (3 if ascii_only else 12))
    return longest


def test_every_text_parameter_is_bounded_as_the_request_guard_bounds_it():
    # The guard refuses a NUL anywhere, a query value over MAX_VALUE_LENGTH
    # and a path over MAX_PATH_LENGTH before any view: a parameter the
    # document left open would be a 400 or a 414 it allows.
    for path, parameter in _parameters():
        for each in _alternatives(parameter["schema"]):
            if each["type"] != "string" or "enum" in each:
                continue
            where = f"{path} {parameter['name']}"
            pattern = re.compile(each.get("pattern", ""))
            assert pattern.pattern, where
            assert not pattern.search("\x00"), where
            bound = MAX_VALUE_LENGTH if parameter["in"] == "query" else MAX_PATH_LENGTH
            if parameter["in"] == "query" or "maxLength" in each:
                assert each["maxLength"] + len(path) <= bound, where


def test_the_longest_query_the_document_allows_fits_the_request_guard():
    by_path: dict[str, int] = defaultdict(int)
    for path, parameter in _parameters():
        if parameter["in"] == "query":
            items = parameter["schema"].get("maxItems", 1)
            each = len(parameter["name"]) + 2 + _longest_value(parameter["schema"])
            by_path[path] += items * each
    assert max(by_path.values()) <= MAX_QUERY_LENGTH
    assert by_path["/api/v1/works/"] > 4096  # the bound it once had
