"""JSON from outside, read only when it nests no deeper than one limit.

Python's ``json`` decoder recurses once per nested array or object: a
200 KB file of ``[[[[…]]]]`` ends in ``RecursionError`` deep inside it, and
a file just under the interpreter's limit still breaks the schema checks and
the merge that recurse over the parsed value. Every JSON that comes from
outside the platform (OCDS files, the catalog files a person supplies, the
grants' replay files, WhatsApp's webhook and answers) goes through
``json_read``, which scans the depth first, with no recursion, and refuses a
value deeper than ``JSON_MAX_DEPTH`` naming where it goes too deep.

Pure: no Django, so the readers may use it.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

# The deepest nesting any JSON input may have. An OCDS record package's
# deepest standard path (records[0].versionedRelease.tender.items[0]
# .classification.id[0].value) is 9 levels; GeoJSON and the WhatsApp
# webhook fewer than 10. Far below the interpreter's recursion limit (1000)
# with room for the frames that walk the value after parsing.
JSON_MAX_DEPTH = 32

# What the depth scan drops from the text outside strings: every ASCII
# character but brackets (in one C pass), then anything else left.
_ASCII_NOT_BRACKETS = str.maketrans(
    "", "", "".join(chr(c) for c in range(128) if chr(c) not in "[]{}")
)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
# What the locating pass follows: strings, brackets, commas and colons.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},:]', re.DOTALL)
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_KEY_SHOWN = 40  # characters of an object key a path shows


class JsonTooDeep(ValueError):
    """A JSON value nested deeper than the limit; where it first goes too deep."""

    def __init__(self, *, limit: int, line: int, column: int, path: str) -> None:
        self.limit = limit
        self.line = line
        self.column = column
        self.path = path
        super().__init__(
            f"the JSON nests more than {limit} arrays or objects deep "
            f"(at line {line}, column {column}, inside {path or 'the top value'}); "
            "it was not read"
        )

    def values(self) -> dict[str, Any]:
        """Return what a page needs to say it in its own language."""
        return {
            "limit": self.limit,
            "line": self.line,
            "column": self.column,
            "path": self.path,
        }


def json_depth(text: str) -> int:
    """Return how deep ``text`` nests arrays and objects, without parsing it.

    Brackets inside strings do not count. Escaped backslashes and quotes
    are dropped first, so every quote left opens or closes a string and the
    text outside strings is every other piece between quotes: the decoder
    reads the same way, so on malformed text the figure holds up to the
    point where the decoder stops.
    """
    unescaped = text.replace("\\\\", "").replace('\\"', "")
    brackets = "".join(unescaped.split('"')[::2]).translate(_ASCII_NOT_BRACKETS)
    if brackets.strip("[]{}"):
        brackets = _NOT_BRACKETS.sub("", brackets)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def json_depth_check(text: str, *, limit: int = JSON_MAX_DEPTH) -> None:
    """Raise ``JsonTooDeep`` if ``text`` nests deeper than ``limit``."""
    if json_depth(text) > limit:
        raise _too_deep(text, limit)


def json_read(data: str | bytes, *, limit: int = JSON_MAX_DEPTH) -> Any:
    """Return the JSON value of ``data``; refuse it if it nests too deep.

    Raise ``JsonTooDeep`` before parsing, or ``json.JSONDecodeError`` as
    ``json.loads`` does; both are ``ValueError``.
    """
    text = (
        data.decode(json.detect_encoding(data), "surrogatepass")
        if isinstance(data, bytes)
        else data
    )
    json_depth_check(text, limit=limit)
    return json.loads(text)


def _too_deep(text: str, limit: int) -> JsonTooDeep:
    """Return the refusal naming the bracket that opens level ``limit + 1``."""
    frames: list[list[Any]] = []  # [is_array, index or key] per open bracket
    string = ""
    for token in _TOKEN.finditer(text):
        mark = token.group()
        if mark.startswith('"'):
            string = mark
        elif mark in "[{":
            if len(frames) == limit:
                return _located(text, token.start(), limit, frames)
            frames.append([mark == "[", 0 if mark == "[" else ""])
        elif mark in "]}":
            if frames:
                frames.pop()
        elif mark == "," and frames and frames[-1][0]:
            frames[-1][1] += 1
        elif mark == ":" and frames and not frames[-1][0]:
            frames[-1][1] = string
    return _located(text, len(text), limit, frames)


def _located(
    text: str, offset: int, limit: int, frames: list[list[Any]]
) -> JsonTooDeep:
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    path = "".join(_segment(is_array, at) for is_array, at in frames).lstrip(".")
    return JsonTooDeep(limit=limit, line=line, column=column, path=path)


def _segment(is_array: bool, at: int | str) -> str:
    """Return ``[3]`` for an array's element, ``.tender`` for an object's key."""
    if is_array:
        return f"[{at}]"
    text = str(at)
    try:
        key = str(json.loads(text)) if text else "?"
    except ValueError:
        key = text.strip('"')
    if len(key) > _KEY_SHOWN:
        key = key[:_KEY_SHOWN] + "…"
    return f".{key}"
