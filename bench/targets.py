"""The benchmarks' targets, declared once, and the table that checks them.

Each benchmark reports its figures beside the target named here; ``make
bench`` ends with one table of every figure it has a target for, the
target, and whether it was met. A figure without a target is printed where
it is measured and left out of the table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """A bound a figure must stay under (``at_most``) or reach (not ``at_most``)."""

    bound: float
    at_most: bool
    unit: str  # how the bound and the figure are written: "ms", "×", "%", "min"

    def met(self, value: float) -> bool:
        return value <= self.bound if self.at_most else value >= self.bound

    def written(self, value: float) -> str:
        if self.unit == "%":
            return f"{value:.2%}"
        if self.unit == "×":
            return f"{value:.2f}×"
        return f"{value:,.1f} {self.unit}"

    def __str__(self) -> str:
        return ("≤ " if self.at_most else "≥ ") + self.written(self.bound)


# A public read answered warm, at its 95th percentile.
WARM_P95_MS = Target(100, at_most=True, unit="ms")
# The first request after a change (a work saved, an import) or of a
# question never asked before: what the first reader waits.
FIRST_READ_MS = Target(300, at_most=True, unit="ms")
# The works import's seconds over the plain insert of the same works into the
# works table (with its deferred checks).
IMPORT_OVER_INSERT = Target(1.5, at_most=True, unit="×")
# Requests per second with `ruta serve`'s two sync workers, uncached, over
# the minimal Django JSON view's on the same server.
API_DETAIL_THROUGHPUT = Target(0.30, at_most=False, unit="%")
WORK_PAGE_THROUGHPUT = Target(0.15, at_most=False, unit="%")
# By the name each address is loaded under (``bench.concurrency.run``).
THROUGHPUT = {
    "API work detail": API_DETAIL_THROUGHPUT,
    "work page": WORK_PAGE_THROUGHPUT,
}
# Requests per second through deploy/nginx over the page's bytes served as a
# static file by the same nginx.
PROXIED_PAGE = Target(0.50, at_most=False, unit="%")
# A work page's p95 while six addresses loop on a bulk download, over its
# p95 alone.
PAGE_UNDER_DOWNLOADS = Target(2, at_most=True, unit="×")
# `ruta opendata publish`, whatever it has to write again (at a million
# works, every dataset new).
PUBLISH_SECONDS = Target(300, at_most=True, unit="s")
# `make bench` at its default size, start to end.
WHOLE_BENCH_MINUTES = Target(30, at_most=True, unit="min")


@dataclass(frozen=True)
class Figure:
    """One measured value and the target it answers to."""

    name: str
    value: float
    target: Target


def table(figures: list[Figure]) -> str:
    """Return the figures as a Markdown table: value, target, met."""
    lines = ["| figure | value | target | met |", "|---|---|---|---|"]
    for figure in figures:
        target = figure.target
        met = "yes" if target.met(figure.value) else "**no**"
        lines.append(
            f"| {figure.name} | {target.written(figure.value)} | {target} | {met} |"
        )
    return "\n".join(lines) + "\n"
