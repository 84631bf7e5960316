"""Recognise an OCDS file from its content and list the releases it holds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ruta.sources.findings import DocumentError, Finding

# A record's release that only links to a release elsewhere carries these.
_LINK_KEYS = frozenset({"url", "date", "tag"})


@dataclass(frozen=True)
class PlacedRelease:
    """A release and where the file holds it (``releases[3]``, ``line 4``)."""

    place: str
    release: dict[str, Any]

    @property
    def ocid(self) -> str:
        return str(self.release.get("ocid") or "")

    @property
    def release_id(self) -> str:
        return str(self.release.get("id") or "")


@dataclass(frozen=True)
class OcdsFile:
    """What a file holds: its kind, its releases and what could not be read."""

    name: str
    kind: str
    releases: tuple[PlacedRelease, ...]
    findings: tuple[Finding, ...]
    entries: int  # releases or places read or refused: every one accounted for


def ocds_parse(name: str, text: str) -> OcdsFile:
    """Return the releases of the OCDS file ``name``; raise if it is not one."""
    documents = _json_documents(name, text)
    kinds: list[str] = []
    releases: list[PlacedRelease] = []
    findings: list[Finding] = []
    entries = 0
    for prefix, document in documents:
        kind, placed = _releases_of(name, prefix, document)
        kinds.append(kind)
        for place, release in placed:
            entries += 1
            if _readable(release):
                releases.append(PlacedRelease(place, release))
            else:
                findings.append(_unreadable(name, place, release))
    if entries == 0:
        raise DocumentError(
            f"the {kinds[0] if kinds else 'file'} holds no release", file=name
        )
    kind = kinds[0] if len(set(kinds)) == 1 else "mixed"
    if len(documents) > 1:
        kind = f"json-lines of {kind}"
    return OcdsFile(name, kind, tuple(releases), tuple(findings), entries)


def _json_documents(name: str, text: str) -> list[tuple[str, Any]]:
    """Return the JSON value of the file, or of each line of JSON Lines."""
    text = text.lstrip("\ufeff")
    try:
        return [("", json.loads(text))]
    except json.JSONDecodeError as whole:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) < 2 or not _is_json(lines[0]):
            raise DocumentError(
                f"malformed JSON at line {whole.lineno}, column {whole.colno}: "
                f"{whole.msg}",
                file=name,
                line=whole.lineno,
            ) from whole
    return _json_lines(name, text)


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _json_lines(name: str, text: str) -> list[tuple[str, Any]]:
    """Return each line's JSON; a line that is not JSON stays as its text."""
    documents: list[tuple[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            documents.append((f"line {number}: ", json.loads(line)))
        except json.JSONDecodeError:
            documents.append((f"line {number}: ", _Unparsed(line[:80])))
    return documents


@dataclass(frozen=True)
class _Unparsed:
    """A line of JSON Lines that is not JSON."""

    start: str


def _releases_of(
    name: str, prefix: str, document: Any
) -> tuple[str, list[tuple[str, Any]]]:
    """Return the kind of ``document`` and its releases with their places."""
    if isinstance(document, _Unparsed):
        return "json-lines", [(prefix.rstrip(": "), document)]
    if isinstance(document, list):
        return "release list", [(f"{prefix}[{i}]", r) for i, r in enumerate(document)]
    if not isinstance(document, dict):
        raise DocumentError(
            f"{prefix}not OCDS: the JSON is a {type(document).__name__}, not an object",
            file=name,
        )
    if isinstance(document.get("records"), list):
        placed = []
        for index, record in enumerate(document["records"]):
            placed += _record_releases(f"{prefix}records[{index}]", record)
        return "record package", placed
    if isinstance(document.get("releases"), list):
        if "compiledRelease" in document or "versionedRelease" in document:
            return "record", _record_releases(prefix.rstrip(": "), document)
        releases = document["releases"]
        return "release package", [
            (f"{prefix}releases[{i}]", r) for i, r in enumerate(releases)
        ]
    if "ocid" in document:
        return "release", [(prefix.rstrip(": ") or "release", document)]
    keys = ", ".join(sorted(document)[:8]) or "none"
    raise DocumentError(
        f"{prefix}not OCDS: no ocid, releases or records (keys: {keys})", file=name
    )


def _record_releases(place: str, record: Any) -> list[tuple[str, Any]]:
    """Return a record's full releases, or its compiled release if it links."""
    if not isinstance(record, dict):
        return [(place, record)]
    releases = record.get("releases")
    base = f"{place}." if place else ""
    if (
        isinstance(releases, list)
        and releases
        and not all(isinstance(r, dict) and set(r) <= _LINK_KEYS for r in releases)
    ):
        return [(f"{base}releases[{i}]", r) for i, r in enumerate(releases)]
    compiled = record.get("compiledRelease")
    if isinstance(compiled, dict):
        return [(f"{base}compiledRelease", compiled)]
    return [(f"{base}releases", record)]


def _readable(release: Any) -> bool:
    return (
        isinstance(release, dict)
        and isinstance(release.get("ocid"), str)
        and bool(release["ocid"].strip())
    )


def _unreadable(name: str, place: str, release: Any) -> Finding:
    """Return the finding of a release not read; ``reason`` says why, for pages."""
    values = {"place": place}
    if isinstance(release, _Unparsed):
        why = f"the line is not JSON ({release.start!r}…)"
        values |= {"reason": "not_json", "start": release.start}
    elif isinstance(release, dict):
        why = "the release has no ocid"
        values |= {"reason": "no_ocid"}
    else:
        why = f"the release is a {type(release).__name__}, not an object"
        values |= {"reason": "not_object", "type": type(release).__name__}
    return Finding(
        code="ocds-release-unreadable",
        message=f"{place}: {why}; the release was not read",
        where=f"{name} {place}",
        values=values,
        severity="error",
    )
