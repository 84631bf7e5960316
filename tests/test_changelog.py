"""The version is declared once (pyproject.toml) and the changelog names it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A release's heading: "## [1.2.3] - 2026-11-28".
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def _version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def _releases() -> list[tuple[str, str]]:
    return RELEASE.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))


def test_the_newest_release_in_the_changelog_is_the_version_of_pyproject():
    assert _releases()[0][0] == _version()


def test_the_changelog_lists_releases_newest_first_each_once():
    versions = [tuple(map(int, version.split("."))) for version, _ in _releases()]
    assert versions == sorted(set(versions), reverse=True)
    dates = [day for _, day in _releases()]
    assert dates == sorted(dates, reverse=True)


def test_the_changelog_keeps_a_section_for_what_is_not_released():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.index("## [Unreleased]") < text.index(f"## [{_version()}]")
