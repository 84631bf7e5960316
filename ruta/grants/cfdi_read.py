"""Reading one CFDI file the way a disbursement reads it (``ruta grants cfdi``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ruta.grants.reasons import CFDI_NOT_RUN, cfdi_problem_text
from ruta.grants.rules.cfdi import Cfdi, Problem, parse
from ruta.grants.rules.cfdi_seal import Check, offline_checks
from ruta.grants.sat_status import status_check
from ruta.grants.selectors.cfdi import cfdi_uuid_holder


def cfdi_offline_checks(data: bytes) -> list[Check]:
    """Return the invoice's offline checks as this instance receives invoices:
    the SAT's test authority accepted only where a setting says so."""
    return offline_checks(data, test_authority=settings.RUTA_CFDI_TEST_AUTHORITY)


def _problem(problem: Problem) -> dict[str, str]:
    return {
        "code": problem.code,
        "field": problem.field,
        "message": cfdi_problem_text(problem.code, problem.field, problem.found),
    }


def _check(check: Check) -> dict[str, Any]:
    """Return a check as the command prints it: ran, passed, and why not run."""
    return {
        "check": check.code,
        "ran": check.ran,
        "passed": check.passed if check.ran else None,
        "why_not_run": ""
        if check.ran
        else str(CFDI_NOT_RUN[check.code]) % {"found": check.found},
    }


def cfdi_summary(cfdi: Cfdi, extra: list[Problem] | None = None) -> dict[str, Any]:
    """Return what the command prints of a CFDI: values, errors, warnings."""
    errors = [*cfdi.problems, *(extra or [])]
    return {
        "valid": not errors,
        "uuid": cfdi.uuid,
        "kind": cfdi.kind,
        "emitter_rfc": cfdi.emitter_rfc,
        "receiver_rfc": cfdi.receiver_rfc,
        "total": None if cfdi.total is None else f"{cfdi.total:.2f}",
        # A payment receipt's own total is zero; what it says was paid:
        "paid": None if cfdi.paid is None else f"{cfdi.paid:.2f}",
        "issued_at": cfdi.issued_at.isoformat() if cfdi.issued_at else None,
        "errors": [_problem(problem) for problem in errors],
        "warnings": [_problem(problem) for problem in cfdi.warnings],
    }


def cfdi_file_read(data: bytes, *, against_db: bool = False) -> dict[str, Any]:
    """Return the summary of a CFDI; raise ``CfdiRefused`` if hostile or not one.

    With ``against_db``, say whether another disbursement already uses its UUID.
    """
    cfdi = parse(data)
    checks = [*cfdi_offline_checks(data), status_check(cfdi)]
    extra = [
        Problem(check.code, found=check.found)
        for check in checks
        if check.ran and not check.passed
    ]
    summary: dict[str, Any] = {"checks": [_check(check) for check in checks]}
    if against_db:
        holder = cfdi_uuid_holder(cfdi.uuid) if cfdi.uuid else None
        summary["uuid_in_use"] = holder is not None
        summary["used_by"] = holder
        if holder is not None:
            extra.append(Problem("uuid_reused", "UUID", cfdi.uuid))
    return {**cfdi_summary(cfdi, extra), **summary}
