"""Property-based calls to every API operation, generated from its OpenAPI document.

schemathesis builds valid and invalid requests for each operation and checks
each answer: never a server error, only documented status codes and content
types, and bodies that match the documented schemas. A year that fits the
schema but is not a fiscal year of the catalog is refused on purpose (400,
``unknown-year``), so "a schema-valid request is accepted" is not checked.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def same_connection():
    """Keep the test's database connection through the requests it makes.

    Django closes connections when a request ends; the test client avoids
    that, and so must a direct call to the WSGI application.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(case, demo_world, db, same_connection):
    case.call_and_validate(checks=CHECKS)
