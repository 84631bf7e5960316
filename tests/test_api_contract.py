"""The API's contract: the committed OpenAPI document and problem responses."""

import json
from pathlib import Path

from config.api import api

SNAPSHOT = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"


def current_schema() -> str:
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False) + "\n"


def test_openapi_document_matches_the_committed_snapshot():
    # Regenerate with `make openapi` when the API changes on purpose.
    assert current_schema() == SNAPSHOT.read_text(encoding="utf-8")


def test_unknown_record_is_a_problem_document(client, db):
    response = client.get("/api/v1/works/NO-EXISTE-0000")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not-found"


def test_invalid_query_is_a_problem_document(client, db):
    response = client.get("/api/v1/works/", {"year": "dos mil"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid-request"
