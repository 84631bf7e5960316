"""Check releases against the OCDS 1.1 release schema (shipped, read offline)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, ValidationError

from ruta.ingest.ocds.parse import PlacedRelease
from ruta.sources.findings import Finding

SCHEMA_PATH = Path(__file__).with_name("release-schema.json")
# Findings kept per release; the rest are counted in one more finding.
MAX_FINDINGS_PER_RELEASE = 20


@cache
def release_schema() -> dict[str, Any]:
    """Return the OCDS 1.1 release schema shipped with the reader."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft4Validator:
    return Draft4Validator(release_schema())


def releases_validate(name: str, releases: Iterable[PlacedRelease]) -> list[Finding]:
    """Return the schema's complaints about each release, by ocid and JSON path."""
    findings: list[Finding] = []
    for placed in releases:
        errors = sorted(
            _validator().iter_errors(placed.release), key=lambda e: e.json_path
        )
        kept = errors[:MAX_FINDINGS_PER_RELEASE]
        findings += [
            _finding(name, placed, e.json_path, e.message, _rule(e, missing))
            for e, missing in zip(kept, _missing(kept), strict=True)
        ]
        if len(errors) > len(kept):
            more = len(errors) - len(kept)
            message = f"and {more} more schema problems in this release"
            rule = {"rule": "more", "more": more}
            findings.append(_finding(name, placed, "$", message, rule))
    return findings


def _missing(errors: list[ValidationError]) -> list[str]:
    """Return the property each "required" error misses ("" for other errors).

    The schema reports one error per missing property, in the order the
    schema lists them; the properties absent from the instance follow it.
    """
    absent: dict[str, list[str]] = {}
    found = []
    for error in errors:
        if error.validator != "required" or not isinstance(error.instance, dict):
            found.append("")
            continue
        left = absent.setdefault(
            error.json_path,
            [p for p in error.validator_value if p not in error.instance],
        )
        found.append(left.pop(0) if left else "")
    return found


def _rule(error: ValidationError, missing: str) -> dict[str, str]:
    """Return the schema rule an error breaks, with what pages need to say it."""
    expected = error.validator_value
    details = {
        "required": {"field": missing},
        "type": {"expected": _listed(expected)},
        "enum": {"expected": _listed(expected)},
        "format": {"expected": str(expected)},
    }
    return {"rule": str(error.validator), **details.get(str(error.validator), {})}


def _listed(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _finding(
    name: str, placed: PlacedRelease, path: str, message: str, rule: dict[str, Any]
) -> Finding:
    message = message if len(message) <= 300 else message[:297] + "…"
    return Finding(
        code="ocds-schema",
        message=f"ocid {placed.ocid}, release {placed.release_id or '?'}, "
        f"{path}: {message}",
        where=f"{name} {placed.place} {path}",
        values={
            "ocid": placed.ocid,
            "release": placed.release_id,
            "path": path,
            **rule,
        },
    )
