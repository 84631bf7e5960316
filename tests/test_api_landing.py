"""``/api/v1/`` says where to start instead of answering 404."""

import pytest

from config.api import ROUTERS


@pytest.mark.django_db
def test_the_api_root_names_the_docs_the_openapi_document_and_the_data(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    landing = response.json()
    assert client.get(landing["openapi"]).status_code == 200
    assert client.get(landing["docs"]).status_code == 200
    assert client.get(landing["datasets"]).status_code == 200
    assert landing["resources"] == [
        "/api/v1/" + prefix.strip("/") + "/" for prefix in ROUTERS
    ]
