"""Fixtures for the CECOP annual report: the catalog, the seed, its demonstration.

Apps import these into their ``tests/conftest.py``. The catalog comes from the
real data files, because the CECOP report names real municipalities and the
real agency.

Two documents stand for the 2024 report: the seed (the original, beside the
checkout when it is there) and its demonstration (``ruta.demo.documents``:
the project's own text in the original's layout, with its figures and
contradictions), which is always there. A test of what the reader, the
loader or the report do takes the demonstration, or both through the
``cecop_document`` fixture; a test of the original's own text takes the
seed. Both are ``CecopDocument``s, so a test finds a line by what it
prints rather than by its number.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from django.db import transaction

from ruta.demo.documents.demonstration import DEMONSTRATIONS, Demonstration
from ruta.ingest.cecop import CecopReport, parse_report
from ruta.sources.services import ImportResult
from testkit.actors import TEST_ACTOR
from testkit.images import world_image
from testkit.seeds import CECOP_REPORT_2024, seed_path
from testkit.world import (  # noqa: F401 - catalog is re-exported for conftests
    catalog,
    constraints_settled,
    demo_written,
)

CECOP_DEMONSTRATION: Demonstration = next(
    demonstration
    for demonstration in DEMONSTRATIONS
    if demonstration.seed == CECOP_REPORT_2024
)


@dataclass(frozen=True)
class CecopDocument:
    """A text of the 2024 report under its file name, and its reading."""

    name: str
    text: str

    def report(self) -> CecopReport:
        """Return the report read from the text (read once per document)."""
        return _read(self.name, self.text)

    def line_of(self, fragment: str, occurrence: int = 1) -> int:
        """Return the number of the line holding the ``occurrence``-th ``fragment``."""
        return self.text[: self._index(fragment, occurrence)].count("\n") + 1

    def edited(self, old: str, new: str, occurrence: int = 1) -> str:
        """Return the text with the ``occurrence``-th ``old`` replaced by ``new``."""
        start = self._index(old, occurrence)
        return self.text[:start] + new + self.text[start + len(old) :]

    def without_line(self, line: int) -> str:
        """Return the text with line ``line`` left out."""
        lines = self.text.split("\n")
        return "\n".join(lines[: line - 1] + lines[line:])

    def write(self, folder: Path) -> Path:
        """Write the text to ``folder`` under the document's name; return its path."""
        path = folder / self.name
        path.write_text(self.text, encoding="utf-8")
        return path

    def _index(self, fragment: str, occurrence: int) -> int:
        start = -1
        for _ in range(occurrence):
            start = self.text.index(fragment, start + 1)
        return start


@cache
def _read(name: str, text: str) -> CecopReport:
    return parse_report(text, source_name=name)


@cache
def demonstration_document() -> CecopDocument:
    """Return the demonstration of the CECOP 2024 report, as the demo imports it."""
    return CecopDocument(CECOP_DEMONSTRATION.file_name, CECOP_DEMONSTRATION.text())


def seed_document() -> CecopDocument:
    """Return the CECOP 2024 report itself; skip (or fail in CI) without it."""
    return CecopDocument(CECOP_REPORT_2024, seed_text())


def demonstration_text() -> str:
    """Return the text of the demonstration of the CECOP 2024 report."""
    return demonstration_document().text


@cache
def seed_text() -> str:
    """Return the text of the CECOP 2024 annual report."""
    return seed_path(CECOP_REPORT_2024).read_text(encoding="utf-8")


def edited_seed(old: str, new: str, occurrence: int = 1) -> str:
    """Return the seed with the ``occurrence``-th ``old`` replaced by ``new``."""
    return seed_document().edited(old, new, occurrence)


def edited_demonstration(old: str, new: str, occurrence: int = 1) -> str:
    """Return the demonstration with the ``occurrence``-th ``old`` replaced."""
    return demonstration_document().edited(old, new, occurrence)


@pytest.fixture(params=["demonstration", "seed"])
def cecop_document(request: pytest.FixtureRequest) -> CecopDocument:
    """Give a test each text of the 2024 report: the demonstration, then the seed.

    The seed's run is skipped when the seed is absent (failed in CI).
    """
    if request.param == "seed":
        return seed_document()
    return demonstration_document()


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    """Return a copy of the seed report under its usual file name."""
    return seed_document().write(tmp_path)


@pytest.fixture
def demonstration_file(tmp_path: Path) -> Path:
    """Return a copy of the demonstration report under its own file name."""
    return demonstration_document().write(tmp_path)


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


@pytest.fixture
def imported_demonstration(catalog, demonstration_file: Path) -> ImportResult:  # noqa: F811
    """Import the demonstration of the 2024 report and return the result."""
    from ruta.ingest.loaders.cecop import cecop_report_import

    return cecop_report_import(path=demonstration_file, actor=TEST_ACTOR)


@pytest.fixture(scope="module")
def report_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the catalog, the demo data and the report's demonstration once.

    The demonstration prints the published report's tables and its
    contradictions (``testkit.cecop``), so the report compares the data with
    a published document as it would with the original. Loading the demo
    takes seconds, so the tests of a module share it inside one transaction
    that is rolled back when the module ends.
    """
    path = demonstration_document().write(tmp_path_factory.mktemp("report"))
    with django_db_blocker.unblock(), transaction.atomic():
        world_image("demo-cecop-report", lambda: _report_write(path))
        constraints_settled()
        yield
        transaction.set_rollback(True)


def _report_write(path: Path) -> None:
    from ruta.ingest.loaders.cecop import cecop_report_import

    demo_written()
    cecop_report_import(path=path, actor=TEST_ACTOR)
