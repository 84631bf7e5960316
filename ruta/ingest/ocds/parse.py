"""Recognise an OCDS file from its content and list the releases it holds."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ruta.common.web.jsoninput import JsonTooDeep, json_read
from ruta.sources.findings import (
    DocumentError,
    Finding,
    Say,
    Values,
    finding_kind,
    sentence,
)

# A line of a JSON Lines file, in the places findings print.
_LINE = re.compile(r"\bline (?P<line>\d+)")

# A record's release that only links to a release elsewhere carries these.
_LINK_KEYS = frozenset({"url", "date", "tag"})


@dataclass(frozen=True)
class PlacedRelease:
    """A release and where the file holds it (``releases[3]``, ``line 4``)."""

    place: str
    release: dict[str, Any]
    # The OCDS version its package declares (a package without one is 1.0),
    # or the release's own, or else the one its shape shows
    # (``version_by_shape``); blank when nothing says.
    version: str = ""

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
                version = _declared_version(document, release)
                releases.append(PlacedRelease(place, release, version))
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
        return [("", json_read(text))]
    except (json.JSONDecodeError, JsonTooDeep) as whole:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) < 2 or not _is_json(lines[0]):
            raise _refusal(name, whole) from whole
    return _json_lines(name, text)


def _refusal(name: str, problem: ValueError) -> DocumentError:
    """Return why the file is not JSON this reader takes, and where."""
    if isinstance(problem, JsonTooDeep):
        return DocumentError(
            str(problem),
            file=name,
            line=problem.line,
            code="json-too-deep",
            values=problem.values(),
        )
    assert isinstance(problem, json.JSONDecodeError)  # noqa: S101
    return DocumentError(
        f"malformed JSON at line {problem.lineno}, column {problem.colno}: "
        f"{problem.msg}",
        file=name,
        line=problem.lineno,
    )


def _is_json(line: str) -> bool:
    try:
        json_read(line)
    except ValueError:
        return False
    return True


def _json_lines(name: str, text: str) -> list[tuple[str, Any]]:
    """Return each line's JSON; a line that is not JSON stays as its text."""
    documents: list[tuple[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            documents.append((f"line {number}: ", json_read(line)))
        except JsonTooDeep as deep:
            on_line = JsonTooDeep(
                limit=deep.limit, line=number, column=deep.column, path=deep.path
            )
            documents.append((f"line {number}: ", _Unparsed(line[:80], on_line)))
        except json.JSONDecodeError:
            documents.append((f"line {number}: ", _Unparsed(line[:80])))
    return documents


@dataclass(frozen=True)
class _Unparsed:
    """A line of JSON Lines that is not JSON, or nests too deep to be read."""

    start: str
    too_deep: JsonTooDeep | None = None


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


def _declared_version(document: Any, release: dict[str, Any]) -> str:
    """Return the OCDS version ``release`` is written in, as far as the file says."""
    is_package = isinstance(document, dict) and (
        isinstance(document.get("records"), list)
        or (
            isinstance(document.get("releases"), list)
            and "compiledRelease" not in document
            and "versionedRelease" not in document
        )
    )
    if is_package:
        return str(document.get("version") or "1.0")
    return str(release.get("version") or "") or version_by_shape(release)


def version_by_shape(release: dict[str, Any]) -> str:
    """Return the OCDS version a bare release's organisations are written in.

    OCDS 1.1 names each organisation once in ``parties`` and refers to it by
    its ``id`` everywhere else; OCDS 1.0 had no such ``id``, and wrote each
    organisation whole where it appears. Blank when the release names none.
    """
    organisations = _organisations(release)
    if not organisations:
        return ""
    return "1.1" if any("id" in org for org in organisations) else "1.0"


def _organisations(release: dict[str, Any]) -> list[dict[str, Any]]:
    """Return every organisation object a release writes, wherever it is."""
    given = release.get("tender")
    tender: dict[str, Any] = given if isinstance(given, dict) else {}
    found: list[Any] = [release.get("buyer"), tender.get("procuringEntity")]
    found += _listed(release.get("parties")) + _listed(tender.get("tenderers"))
    for award in _listed(release.get("awards")):
        if isinstance(award, dict):
            found += _listed(award.get("suppliers"))
    return [org for org in found if isinstance(org, dict) and org]


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


@dataclass(frozen=True)
class _Linked:
    """A record that only links its releases and has no compiled release."""

    links: int


def _record_releases(place: str, record: Any) -> list[tuple[str, Any]]:
    """Return a record's full releases, or its compiled release if it links.

    A record that links its releases (DNCP Paraguay's record packages) and
    has no compiled release holds no release to read: it is one entry not
    read, never the record kept as if it were a release.
    """
    if not isinstance(record, dict):
        return [(place, record)]
    releases = record.get("releases")
    base = f"{place}." if place else ""
    links = isinstance(releases, list) and all(
        isinstance(r, dict) and set(r) <= _LINK_KEYS for r in releases
    )
    if isinstance(releases, list) and releases and not links:
        return [(f"{base}releases[{i}]", r) for i, r in enumerate(releases)]
    compiled = record.get("compiledRelease")
    if isinstance(compiled, dict):
        return [(f"{base}compiledRelease", compiled)]
    if isinstance(releases, list) and releases:
        return [(f"{base}releases", _Linked(len(releases)))]
    return [(f"{base}releases", record)]


def _readable(release: Any) -> bool:
    return (
        isinstance(release, dict)
        and isinstance(release.get("ocid"), str)
        and bool(release["ocid"].strip())
    )


def place_words(place: str, say: Say) -> str:
    """Return a release's place with its line in words ("línea 4: releases[1]")."""
    line = say(sentence("línea %(line)s"))
    return _LINE.sub(lambda match: line % match.groupdict(), place)


@finding_kind(
    "ocds-release-unreadable",
    summary=sentence("Una entrega del archivo no se pudo leer."),
)
def release_unreadable(values: Values, say: Say) -> str:
    reason = values["reason"]
    data = {"place": place_words(values["place"], say)}
    if reason == "not_json":
        data["start"] = values["start"]
        text = sentence(
            "%(place)s: la línea no es JSON («%(start)s…»); la entrega no se leyó."
        )
    elif reason == "no_ocid":
        text = sentence("%(place)s: la entrega no tiene ocid; no se leyó.")
    elif reason == "linked":
        data["links"] = values["links"]
        text = sentence(
            "%(place)s: el registro solo enlaza sus entregas (%(links)s, por su "
            "url) y no trae su entrega compilada; no se leyó. Importe los "
            "paquetes de entregas que enlaza."
        )
    elif reason == "too_deep":
        data |= _depth_data(values, say)
        text = sentence(
            "%(place)s: el JSON anida más de %(limit)s arreglos u objetos (línea "
            "%(line)s, columna %(column)s, dentro de %(path)s); la entrega no se "
            "leyó."
        )
    else:
        data["type"] = values["type"]
        text = sentence(
            "%(place)s: la entrega es un %(type)s, no un objeto; no se leyó."
        )
    return say(text) % data


def _depth_data(values: Values, say: Say) -> dict[str, str]:
    """Return where a value nests too deep (``ruta.common.web.jsoninput``), in words."""
    return {
        "limit": values["limit"],
        "line": values["line"],
        "column": values["column"],
        "path": values["path"] or say(sentence("el valor principal")),
    }


@finding_kind(
    "json-too-deep",
    summary=sentence("El archivo anida el JSON demasiado hondo; no se leyó."),
)
def json_too_deep(values: Values, say: Say) -> str:
    """Word the refusal of a JSON input nested deeper than the limit.

    A refusal (``InputError`` with this code), not a finding of a document
    read: pages say it through ``ruta.sources.display.refusal_text``.
    """
    return say(
        sentence(
            "El JSON anida más de %(limit)s arreglos u objetos (línea %(line)s, "
            "columna %(column)s, dentro de %(path)s); un archivo tan anidado no se "
            "lee."
        )
    ) % _depth_data(values, say)


def _unreadable(name: str, place: str, release: Any) -> Finding:
    """Return the finding of a release not read; ``reason`` says why, for pages."""
    values = {"place": place}
    if isinstance(release, _Unparsed) and release.too_deep is not None:
        values |= {"reason": "too_deep", **release.too_deep.values()}
    elif isinstance(release, _Unparsed):
        values |= {"reason": "not_json", "start": release.start}
    elif isinstance(release, _Linked):
        values |= {"reason": "linked", "links": str(release.links)}
    elif isinstance(release, dict):
        values |= {"reason": "no_ocid"}
    else:
        values |= {"reason": "not_object", "type": type(release).__name__}
    return release_unreadable.found(
        where=f"{name} {place}",
        values=values,
        severity="error",
    )
