"""JSON from outside is read only when it nests no deeper than the limit."""

from __future__ import annotations

import json

import pytest

from ruta.common.web.jsoninput import (
    JSON_MAX_DEPTH,
    JsonTooDeep,
    json_depth,
    json_read,
)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ("[]", 1),
        ('{"a": [1, {"b": []}]}', 4),
        ('["[[[[", "]]"]', 1),
        (r'["\"[[[", "\\", [[]]]', 3),
        ('{"k\\\\": [[]], "x": "{{"}', 3),
        ("[[]] [[[]]]", 3),
    ],
)
def test_the_depth_counts_brackets_outside_strings_only(text, depth):
    assert json_depth(text) == depth


def test_a_value_at_the_limit_is_read():
    assert json_read(_nested(JSON_MAX_DEPTH)) == json.loads(_nested(JSON_MAX_DEPTH))


def test_a_200_kb_nested_array_is_refused_before_parsing_naming_where():
    text = _nested(100_000)
    assert len(text) == 200_000
    with pytest.raises(JsonTooDeep) as refused:
        json_read(text)
    deep = refused.value
    assert (deep.line, deep.column, deep.limit) == (1, JSON_MAX_DEPTH + 1, 32)
    assert deep.path == "[0]" * JSON_MAX_DEPTH
    assert "more than 32 arrays or objects deep" in str(deep)


def test_the_path_names_the_keys_and_indexes_on_the_way_down():
    inner: list = []
    for _ in range(JSON_MAX_DEPTH):
        inner = [inner]
    document = {"releases": [{"ocid": "x"}, {"tender": {"items": [1, inner]}}]}
    with pytest.raises(JsonTooDeep) as refused:
        json_read(json.dumps(document, indent=1))
    deep = refused.value
    assert deep.path.startswith("releases[1].tender.items[1][0][0]")
    keys = 1 + deep.path.count(".")  # releases, tender, items
    assert deep.path.count("[") + keys == JSON_MAX_DEPTH
    assert deep.line > 1


def test_bytes_are_decoded_as_json_is_and_checked_the_same():
    assert json_read('{"año": [1]}'.encode("utf-16")) == {"año": [1]}
    with pytest.raises(JsonTooDeep):
        json_read(_nested(JSON_MAX_DEPTH + 1).encode())


def test_malformed_json_is_still_refused_as_malformed():
    with pytest.raises(json.JSONDecodeError):
        json_read('{"a": [1, 2')
