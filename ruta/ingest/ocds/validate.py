"""Check releases against the OCDS 1.1 release schema (shipped, read offline)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, ValidationError

from ruta.ingest.ocds.parse import PlacedRelease
from ruta.sources.findings import Finding, Say, Values, finding_kind, sentence

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
            _finding(name, placed, e.json_path, _rule(e, missing))
            for e, missing in zip(kept, _missing(kept), strict=True)
        ]
        if len(errors) > len(kept):
            rule = {"rule": "more", "more": len(errors) - len(kept)}
            findings.append(_finding(name, placed, "$", rule))
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
    """Return the schema rule an error breaks, with what findings need to say it.

    A rule findings do not word keeps the schema's own English message.
    """
    expected = error.validator_value
    details = {
        "required": {"field": missing},
        "type": {"expected": _listed(expected)},
        "enum": {"expected": _listed(expected)},
        "format": {"expected": str(expected)},
    }
    rule = str(error.validator)
    message = error.message if len(error.message) <= 300 else error.message[:297]
    return {"rule": rule, **details.get(rule, {"schema_message": message})}


def _listed(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


_SCHEMA_RULES = {
    "required": sentence("falta el campo obligatorio «%(field)s»"),
    "type": sentence("el valor no es del tipo que pide el esquema (%(expected)s)"),
    "enum": sentence("el valor no es uno de los que admite el esquema (%(expected)s)"),
    "format": sentence("el valor no tiene el formato %(expected)s"),
}


@finding_kind(
    "ocds-schema", summary=sentence("Una entrega no cumple el esquema OCDS 1.1.")
)
def schema_problem(values: Values, say: Say) -> str:
    data = {
        "ocid": values["ocid"],
        "release": values["release"] or "?",
        "path": values["path"],
    }
    rule = values["rule"]
    if rule == "more":
        data["more"] = values["more"]
        return (
            say(
                sentence(
                    "ocid %(ocid)s, entrega %(release)s: y %(more)s problemas más del "
                    "esquema OCDS 1.1 en esta entrega."
                )
            )
            % data
        )
    if rule in _SCHEMA_RULES:
        data["problem"] = say(_SCHEMA_RULES[rule]) % {
            "field": values.get("field", ""),
            "expected": values.get("expected", ""),
        }
    else:
        data["problem"] = say(sentence("no cumple la regla «%(rule)s»")) % {
            "rule": rule
        }
    return (
        say(
            sentence(
                "ocid %(ocid)s, entrega %(release)s, %(path)s: %(problem)s (esquema "
                "OCDS 1.1)."
            )
        )
        % data
    )


def _finding(
    name: str, placed: PlacedRelease, path: str, rule: dict[str, Any]
) -> Finding:
    return schema_problem.found(
        where=f"{name} {placed.place} {path}",
        values={
            "ocid": placed.ocid,
            "release": placed.release_id,
            "path": path,
            **rule,
        },
    )
