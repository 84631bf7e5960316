"""Property-based calls to every API operation, generated from its OpenAPI document.

schemathesis builds valid and invalid requests for each operation and checks
each answer: never a server error, only documented status codes and content
types, and bodies that match the documented schemas. A second run generates
only requests the document allows and fails on any refusal (a 400 or any
status outside schemathesis's list for valid data): the document states every
bound, pattern and enum the API and its request guard hold. A value the
document cannot list because it changes with the data (a fiscal year the
catalog lacks, a cursor this API did not give) is a 404, as a missing
record is.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    positive_data_acceptance,
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


# Only data the document allows: every answer must accept it.
positive = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
positive.config.generation.update(modes=[GenerationMode.POSITIVE])


@positive.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_request_the_document_allows_is_accepted(
    case, demo_world, db, same_connection
):
    case.call_and_validate(checks=[not_a_server_error, positive_data_acceptance])
