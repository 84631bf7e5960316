"""What every catalog reader shares: patterns, the error, rows and file reading."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruta.common.errors import InputError
from ruta.common.web.jsoninput import JsonTooDeep, json_read

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

STATE_CODE = re.compile(r"0[1-9]|[12][0-9]|3[0-2]")
MUNICIPALITY_CODE = re.compile(r"(?!000)[0-9]{3}")
CVEGEO = re.compile(r"[0-9]{5}")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ELEMENT_KEY = re.compile(r"[a-z0-9]+(?:[-./][a-z0-9]+)*")
PUBLISHED_CODE = re.compile(r"[0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*")
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)*")
COUNT = re.compile(r"[0-9]+")
POSITIVE = re.compile(r"[1-9][0-9]*")
YEAR = re.compile(r"(?:19|20)[0-9]{2}")
PERIOD = re.compile(r"((?:19|20)[0-9]{2})-((?:19|20)[0-9]{2})")


class CatalogFileError(InputError):
    """A catalog data file that breaks a rule; nothing from the catalog may load."""


@dataclass(frozen=True)
class _Row:
    """One CSV record or JSON object, able to name itself in an error."""

    path: Path
    line: int | None
    values: Mapping[str, Any]
    where: str = ""

    def error(self, field: str, reason: str) -> CatalogFileError:
        """Return an error naming this file, line and field."""
        return CatalogFileError(
            reason, file=str(self.path), line=self.line, row=self.where, field=field
        )

    def text(self, field: str, *, required: bool = True, max_length: int = 300) -> str:
        """Return a field's text: no surrounding spaces, not too long, maybe not ''."""
        value = self.values[field]
        if not isinstance(value, str):
            raise self.error(field, f"expected text, found {type(value).__name__}")
        if value != value.strip():
            raise self.error(field, f"{value!r} has leading or trailing spaces")
        if required and not value:
            raise self.error(field, "is empty")
        if len(value) > max_length:
            raise self.error(field, f"is longer than {max_length} characters")
        return value

    def match(
        self, field: str, pattern: re.Pattern[str], what: str, *, required: bool = True
    ) -> str:
        """Return a field's text after checking it is ``what``."""
        value = self.text(field, required=required)
        if value and not pattern.fullmatch(value):
            raise self.error(field, f"{value!r} is not {what}")
        return value

    def choice(self, field: str, choices: tuple[str, ...]) -> str:
        """Return a field that must be one of ``choices``."""
        value = self.text(field)
        if value not in choices:
            raise self.error(field, f"{value!r} is not one of {', '.join(choices)}")
        return value

    def reference(
        self, field: str, known: Collection[str], what: str, *, required: bool = False
    ) -> str:
        """Return a field that, when given, must name a known ``what``."""
        value = self.text(field, required=required)
        if value and value not in known:
            raise self.error(field, f"unknown {what} {value!r}")
        return value

    def source(self, field: str, known: Collection[str]) -> str:
        """Return a citation "key" or "key#section" of a known source."""
        value = self.text(field)
        if value.split("#", 1)[0] not in known:
            raise self.error(field, f"unknown source {value!r}")
        return value


def _claim(seen: dict[Any, int | None], key: Any, row: _Row, field: str) -> None:
    """Record ``key`` as taken, or fail naming the line that took it first."""
    if key in seen:
        first = f" (first on line {seen[key]})" if seen[key] else ""
        raise row.error(field, f"duplicate {key!r}{first}")
    seen[key] = row.line


def _read_text(path: Path) -> str:
    """Return the file's UTF-8 text, or fail naming the file."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"is not UTF-8 text (byte {error.start}: {error.reason})"
        raise CatalogFileError(reason, file=str(path)) from error
    except OSError as error:
        raise CatalogFileError(f"cannot be read: {error}", file=str(path)) from error


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[_Row]:
    """Return the records of a CSV file whose header is exactly ``columns``."""
    reader = csv.reader(io.StringIO(_read_text(path), newline=""), strict=True)
    rows = []
    try:
        header = next(reader, [])
        if tuple(header) != columns:
            reason = (
                f"expected header {','.join(columns)!r}, found {','.join(header)!r}"
            )
            raise CatalogFileError(reason, file=str(path), line=1)
        ended = reader.line_num
        for values in reader:
            # A quoted field may span lines: name the line the record starts on.
            line, ended = ended + 1, reader.line_num
            if not values:
                continue
            if len(values) != len(columns):
                reason = f"expected {len(columns)} fields, found {len(values)}"
                raise CatalogFileError(reason, file=str(path), line=line)
            rows.append(_Row(path, line, dict(zip(columns, values, strict=True))))
    except csv.Error as error:
        reason = f"is not valid CSV: {error}"
        raise CatalogFileError(reason, file=str(path), line=reader.line_num) from error
    return rows


def _parent_chain(key: str, parent_of: Callable[[str], str]) -> list[str]:
    """Return key, its parent, grandparent…, ending at a root or at a repeat."""
    chain = [key]
    while parent_of(chain[-1]) and chain[-1] not in chain[:-1]:
        chain.append(parent_of(chain[-1]))
    return chain


def _arrow(chain: list[str]) -> str:
    """Return the chain as "a → b → a"."""
    return " → ".join(chain)


class _JsonFile:
    """A parsed JSON file that can tell the line an object is on."""

    def __init__(self, path: Path) -> None:
        self.path = path
        text = _read_text(path)
        self.lines = text.splitlines()
        try:
            self.data = json_read(text)
        except JsonTooDeep as deep:
            raise CatalogFileError(
                str(deep),
                file=str(path),
                line=deep.line,
                code="json-too-deep",
                values=deep.values(),
            ) from deep
        except json.JSONDecodeError as error:
            reason = f"is not valid JSON: {error.msg} (column {error.colno})"
            raise CatalogFileError(reason, file=str(path), line=error.lineno) from error
        self._located: Counter[tuple[str, ...]] = Counter()

    def row(self, raw: Any, where: str, fields: tuple[str, ...], *keys: str) -> _Row:
        """Return ``raw`` as a row after checking it has exactly ``fields``.

        Its line is the next one holding ``"key": value`` for each of ``keys``,
        as the shipped file lays out one element or link per line.
        """
        values = raw if isinstance(raw, dict) else {}
        line = self._locate(tuple(_pair_text(key, values.get(key)) for key in keys))
        row = _Row(self.path, line, values, where)
        if not isinstance(raw, dict):
            raise row.error("", f"expected an object, found {type(raw).__name__}")
        missing = [field for field in fields if field not in raw]
        unexpected = sorted(set(raw) - set(fields))
        if missing:
            raise row.error(missing[0], "is missing")
        if unexpected:
            raise row.error(unexpected[0], "is not a known field")
        return row

    def items(self, row: _Row, field: str) -> list[Any]:
        """Return a field that must hold a list."""
        value = row.values[field]
        if not isinstance(value, list):
            raise row.error(field, f"expected a list, found {type(value).__name__}")
        return value

    def _locate(self, needles: tuple[str, ...]) -> int | None:
        """Return the line of the next object whose line holds every needle."""
        if not needles:
            return None
        self._located[needles] += 1
        remaining = self._located[needles]
        for number, line in enumerate(self.lines, start=1):
            if all(needle in line for needle in needles):
                remaining -= 1
                if not remaining:
                    return number
        return None


def _pair_text(key: str, value: Any) -> str:
    """Return ``"key": value`` as the JSON file spells it."""
    return f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
