"""The public data files the repository ships are the published bytes.

Each copy is listed with its sha256 in its folder's ``SOURCES.md``; where the
originals sit beside the checkout (CI), each copy is the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from testkit.seeds import SHIPPED_DATA, original_data_path

CHECKSUM = re.compile(r"^([0-9a-f]{64})  (\S+)$", re.MULTILINE)
# The issue of keeping the world in the repository: a bound on its weight.
MOST_BYTES = 15 * 1024 * 1024


def _listed(root: Path) -> dict[str, str]:
    return {
        name: digest
        for digest, name in CHECKSUM.findall((root / "SOURCES.md").read_text("utf-8"))
    }


def _shipped(root: Path) -> dict[str, Path]:
    return {
        path.relative_to(root).as_posix(): path
        for path in root.rglob("*")
        if path.is_file() and path.name != "SOURCES.md"
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("root", SHIPPED_DATA, ids=lambda root: root.name)
def test_every_shipped_file_is_listed_with_its_checksum(root):
    listed = _listed(root)
    shipped = _shipped(root)
    assert sorted(listed) == sorted(shipped)
    assert {name: _digest(path) for name, path in shipped.items()} == listed


def test_the_shipped_files_stay_under_their_bound():
    weight = sum(
        path.stat().st_size for root in SHIPPED_DATA for path in _shipped(root).values()
    )
    assert weight <= MOST_BYTES


@pytest.mark.parametrize(
    "name",
    [name for root in SHIPPED_DATA for name in _listed(root)],
)
def test_each_shipped_file_is_the_original_beside_the_checkout(name):
    copy = next(root / name for root in SHIPPED_DATA if (root / name).is_file())
    assert _digest(original_data_path(name)) == _digest(copy)
