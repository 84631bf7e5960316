"""Fixtures for the CECOP annual report: the catalog, the seed, its import.

Apps import these into their ``tests/conftest.py``. The catalog comes from the
real data files, because the CECOP report names real municipalities and the
real agency.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from ruta.sources.services import ImportResult
from testkit.actors import TEST_ACTOR
from testkit.seeds import CECOP_REPORT_2024, seed_path
from testkit.world import catalog  # noqa: F401 - re-exported for conftests


@cache
def seed_text() -> str:
    """Return the text of the CECOP 2024 annual report."""
    return seed_path(CECOP_REPORT_2024).read_text(encoding="utf-8")


def edited_seed(old: str, new: str, occurrence: int = 1) -> str:
    """Return the seed with the ``occurrence``-th ``old`` replaced by ``new``."""
    text = seed_text()
    start = -1
    for _ in range(occurrence):
        start = text.index(old, start + 1)
    return text[:start] + new + text[start + len(old) :]


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    """Return a copy of the seed report under its usual file name."""
    path = tmp_path / CECOP_REPORT_2024
    path.write_text(seed_text(), encoding="utf-8")
    return path


@pytest.fixture
def write_report(tmp_path: Path):
    """Return a function writing ``text`` to a report file and returning its path."""

    def write(text: str, name: str = "cecop-edited.txt") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def imported_seed(catalog, seed_file: Path) -> ImportResult:  # noqa: F811
    """Import the CECOP 2024 report through the service and return the result."""
    from ruta.ingest.loaders.cecop import cecop_report_import

    return cecop_report_import(path=seed_file, actor=TEST_ACTOR)
