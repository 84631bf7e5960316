"""RFC 7807 problem responses for the API, with stable error codes.

Clients get ``application/problem+json`` with ``type``, ``title``,
``status``, ``detail`` and a ``code`` that does not change between versions,
whatever went wrong: an unknown record, a refused permission, invalid input.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from ruta.common.web.guards import InvalidParameter, UnknownValue, problem_body

ADDRESS_PARTS = frozenset({"query", "path", "header", "cookie"})


def problem(
    api: NinjaAPI, request: HttpRequest, *, status: int, code: str, title: str, detail
) -> HttpResponse:
    """Return a problem document with ``status`` and stable ``code``."""
    response = api.create_response(
        request,
        problem_body(status=status, code=code, title=title, detail=detail),
        status=status,
    )
    response["Content-Type"] = "application/problem+json"
    return response


def install_problem_handlers(api: NinjaAPI) -> None:
    """Answer every API error as an RFC 7807 problem."""

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        return problem(
            api,
            request,
            status=404,
            code=error.code if isinstance(error, UnknownValue) else "not-found",
            title="Not found",
            detail=str(error) or "No such record",
        )

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
        return problem(
            api,
            request,
            status=403,
            code="forbidden",
            title="Forbidden",
            detail=str(error) or "Not allowed",
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, error: Exception) -> HttpResponse:
        return problem(
            api,
            request,
            status=401,
            code="unauthenticated",
            title="Authentication required",
            detail="Sign in first",
        )

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        return problem(
            api,
            request,
            status=422,
            code="invalid",
            title="Invalid data",
            detail=error.messages,
        )

    @api.exception_handler(SchemaValidationError)
    def invalid_request(
        request: HttpRequest, error: SchemaValidationError
    ) -> HttpResponse:
        # A malformed address (query or path parameter) is a 400; a request
        # body that does not fit its schema is a 422.
        in_address = all(
            (item.get("loc") or ("body",))[0] in ADDRESS_PARTS for item in error.errors
        )
        return problem(
            api,
            request,
            status=400 if in_address else 422,
            code="invalid-request",
            title="Invalid request",
            detail=error.errors,
        )

    @api.exception_handler(BadRequest)
    def bad_request(request: HttpRequest, error: BadRequest) -> HttpResponse:
        code = error.code if isinstance(error, InvalidParameter) else "bad-request"
        return problem(
            api,
            request,
            status=400,
            code=code,
            title="Bad request",
            detail=str(error) or "The request cannot be answered",
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        return problem(
            api,
            request,
            status=error.status_code,
            code=f"http-{error.status_code}",
            title="Request failed",
            detail=str(error),
        )


PROBLEM_SCHEMA = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 7807 problem document; `code` is stable between versions.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {},
        "code": {"type": "string"},
    },
    "required": ["type", "title", "status", "code"],
}
DOCUMENTED_PROBLEMS = {
    "400": (
        "A parameter outside what this document allows, or a query parameter "
        "the operation does not take (`unknown-parameter`)"
    ),
    "404": (
        "No such record, page or route, or a parameter naming nothing there is "
        "(`unknown-year`, `invalid-cursor`, `unknown-table`, `unknown-choice`)"
    ),
    "414": "The address or its query is too long",
    "429": "Too many requests from this client this minute (see Retry-After)",
}


Schema = TypeVar("Schema", bound=dict[str, Any])


def problems_documented(schema: Schema) -> Schema:
    """Return ``schema`` with the problem answers every operation may give.

    Every endpoint refuses a malformed or out-of-range parameter (400), an
    address or query too long to be worth reading (414, from
    ``ruta.common.web.guards``), and answers an unknown record or page with 404,
    all as problem documents.
    """
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = (
        PROBLEM_SCHEMA
    )
    reference = {"$ref": "#/components/schemas/Problem"}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in DOCUMENTED_PROBLEMS.items():
                responses.setdefault(
                    int(status),
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": reference}},
                    },
                )
    return schema
