"""The suite's own report of its 20 slowest tests and what each built.

pytest's ``--durations`` names slow phases but not why a setup took long.
Here each test's setup notes the fixtures it built that took a while (a
module's demo world, a served site, a browser), so the report says which
world a slow test paid for: the first test of a module pays for the
module's world, and a world written once a process (``testkit.images``)
shows up only where it was written. Under pytest-xdist the notes travel
with each test's report to the controller, which prints the summary.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

SHOWN = 20
# Fixtures quicker than this are not worth naming.
NOTED_SECONDS = 0.5
KEY = "built"

_current: list[pytest.Item] = []
_tests: dict[str, tuple[float, list[tuple[str, float]]]] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    _current.append(item)
    try:
        yield
    finally:
        _current.pop()


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef: Any, request: Any) -> Iterator[None]:
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    if _current and elapsed >= NOTED_SECONDS:
        _current[-1].user_properties.append(
            (KEY, (fixturedef.argname, round(elapsed, 2)))
        )


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    spent, built = _tests.get(report.nodeid, (0.0, []))
    if report.when == "setup":
        built = [value for key, value in report.user_properties if key == KEY]
    _tests[report.nodeid] = (spent + report.duration, built)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _tests:
        return
    slowest = sorted(_tests.items(), key=lambda entry: entry[1][0], reverse=True)
    terminalreporter.write_sep("=", f"the {SHOWN} slowest tests and what they built")
    for nodeid, (spent, built) in slowest[:SHOWN]:
        names = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in built)
        terminalreporter.write_line(
            f"{spent:7.1f} s  {nodeid}" + (f"  [built: {names}]" if names else "")
        )
