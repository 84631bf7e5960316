"""Check the indicators: copies of the results table, cards, semáforo, results.

An indicator's semáforo compares its latest printed result with its baseline,
in the direction its card gives (ascending when no card is printed). A result
is recomputed only where the card's method of calculation can be evaluated from
the report's own figures; the rules below say which and from what.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ruta.common.text import normalize_key
from ruta.indicators.rules import (
    Direction,
    Semaphore,
    judged_baseline,
    semaphore,
    semaphore_summary,
)
from ruta.ingest.cecop.model import (
    CecopReport,
    Dimension,
    Figure,
    IndicatorCard,
    IndicatorRow,
    Program,
    Subject,
    Unit,
)
from ruta.ingest.cecop.wording import fmt, joined, rows_span
from ruta.sources.findings import Finding

_GSE_WORKS_METHOD = re.compile(r"OBRAS EJECUTADAS DE MANERA DIRECTA.*GESTION")
_COMMITTEES_METHOD = re.compile(r"COMITES\s*/\s*TOTAL DE OBRAS")
_SHOWN = Decimal("0.01")


@dataclass(frozen=True)
class Computation:
    """An indicator value recomputed from the report, and from what."""

    value: Decimal
    source: str
    places: tuple[str, ...]


def indicator_by_method(
    report: CecopReport, pattern: re.Pattern[str]
) -> IndicatorRow | None:
    """Return the results row of the indicator whose card method matches ``pattern``."""
    for card in report.cards:
        if pattern.search(normalize_key(card.method)):
            rows = report.indicator_results.rows
            return next((row for row in rows if row.key == card.key), None)
    return None


def indicator_semaphore(report: CecopReport, row: IndicatorRow) -> Semaphore:
    """Return the semáforo of ``row``: latest result against baseline."""
    card = report.card_for(row.key)
    direction = card.direction if card else Direction.ASCENDING
    latest = row.latest()
    value = latest.figure.value if latest and latest.figure else None
    baseline = judged_baseline(
        row.baseline.value if row.baseline else None,
        card.baseline.value if card else None,
    )
    return semaphore(baseline, value, direction)


def _same(first: Figure | None, second: Figure | None) -> bool:
    if first is None or second is None:
        return first is second
    return (first.value, first.unit) == (second.value, second.unit)


def _cells(row: IndicatorRow) -> dict[str, Figure | None]:
    cells = {f"baseline {row.baseline_year}": row.baseline}
    cells.update({f"result {item.year}": item.figure for item in row.results})
    return cells


def check_indicator_copies(report: CecopReport) -> Iterator[Finding]:
    """Yield cells where a copy of the results table differs from the full one."""
    full = report.indicator_results
    by_key = {row.key: row for row in full.rows}
    for table in report.indicator_tables:
        if table is full:
            continue
        for row in table.rows:
            original = by_key.get(row.key)
            if original is None:
                yield Finding(
                    code="indicator_copy_mismatch",
                    message=f"{row.name!r} is in {table.id} but not in {full.id}",
                    where=joined(row.place.describe(), f"line {full.line} ({full.id})"),
                    values={
                        "indicator": row.name,
                        "table": table.id,
                        "full_table": full.id,
                    },
                )
                continue
            yield from _compare_copies(original, row)


def _compare_copies(original: IndicatorRow, copy: IndicatorRow) -> Iterator[Finding]:
    first, second = _cells(original), _cells(copy)
    for name in dict.fromkeys([*first, *second]):
        if _same(first.get(name), second.get(name)):
            continue
        yield Finding(
            code="indicator_copy_mismatch",
            message=(
                f"{original.name!r}: {name} is {fmt(first.get(name))} in "
                f"{original.place.table} but {fmt(second.get(name))} in "
                f"{copy.place.table}"
            ),
            where=joined(original.place.describe(), copy.place.describe()),
            values={
                "indicator": original.name,
                "cell": name,
                "first": fmt(first.get(name)),
                "copy": fmt(second.get(name)),
                "table": original.place.table,
                "copy_table": copy.place.table,
            },
        )


def check_indicator_cards(report: CecopReport) -> Iterator[Finding]:
    """Yield indicators of the results table with no card, and cards with no row.

    Without its card an indicator has no method or direction (its semáforo
    is then judged ascending); a card no results table lists has no results.
    """
    rows = report.indicator_results.rows
    for row in rows:
        if report.card_for(row.key) is None:
            yield Finding(
                code="indicator_without_card",
                message=(
                    f"{row.name!r} is in the results table but the document prints "
                    "no card for it; its semáforo is judged ascending"
                ),
                where=row.place.describe(),
                values={"indicator": row.name},
            )
    listed = {row.key for table in report.indicator_tables for row in table.rows}
    for card in report.cards:
        if card.key not in listed:
            yield Finding(
                code="card_without_results",
                message=(
                    f"The card of {card.indicator!r} has no row in any copy of the "
                    "results table"
                ),
                where=f"line {card.place.line} ({card.id})",
                values={"indicator": card.indicator},
            )


def check_indicator_baselines(report: CecopReport) -> Iterator[Finding]:
    """Yield indicators whose baseline differs between results table and card."""
    for row in report.indicator_results.rows:
        card = report.card_for(row.key)
        if card is None:
            continue
        if row.baseline_year == card.baseline_year and _same(
            row.baseline, card.baseline
        ):
            continue
        card_year = (
            "" if card.baseline_year == row.baseline_year else f"{card.baseline_year} "
        )
        yield Finding(
            code="indicator_baseline_mismatch",
            message=(
                f"{row.name!r}: baseline {row.baseline_year} is {fmt(row.baseline)} in "
                f"the results table but {card_year}{fmt(card.baseline)} in its card"
            ),
            where=joined(row.place.describe(), f"line {card.figures_line} ({card.id})"),
            values={
                "indicator": row.name,
                "year": row.baseline_year,
                "results_table": fmt(row.baseline),
                "card_year": card.baseline_year,
                "card": fmt(card.baseline),
            },
        )


def check_semaphore_summary(report: CecopReport) -> Iterator[Finding]:
    """Yield the summary if its counts differ from the indicators' semáforos."""
    rows = report.indicator_results.rows
    colours = [indicator_semaphore(report, row) for row in rows]
    computed = semaphore_summary(colours)
    published = report.semaphore_summary.counts()
    if computed == published:
        return
    yield Finding(
        code="semaphore_summary_mismatch",
        message=(
            f"The semáforo summary prints {_counts(published)} but the results give "
            f"{_counts(computed)} (latest result against baseline: "
            f"{', '.join(colour.value for colour in colours)})"
        ),
        where=joined(
            report.semaphore_summary.place.describe(),
            rows_span([row.place for row in rows]),
        ),
        values={
            **{f"published_{name}": count for name, count in published.items()},
            **{f"computed_{name}": count for name, count in computed.items()},
        },
    )


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(
        f"{count} {name.replace('_', ' ')}" for name, count in counts.items()
    )


def check_indicator_results(report: CecopReport) -> Iterator[Finding]:
    """Yield published results the report's own figures do not reproduce."""
    for row in report.indicator_results.rows:
        card = report.card_for(row.key)
        published = row.result(report.year)
        if card is None or published is None:
            continue
        options = computations(report, card)
        if not options or any(_matches(option.value, published) for option in options):
            continue
        yield _result_finding(report.year, row, published, options)


def computations(report: CecopReport, card: IndicatorCard) -> list[Computation]:
    """Return the values ``card``'s method gives from the report's figures."""
    method = normalize_key(card.method)
    if _GSE_WORKS_METHOD.search(method):
        table = report.works_table(Program.GSE, Dimension.SUBPROGRAM)
        return [
            Computation(
                Decimal(table.total.works),
                f"works in {table.id}",
                (table.total.place.describe(),),
            )
        ]
    if _COMMITTEES_METHOD.search(method):
        return _committee_ratios(report)
    return []


def _committee_ratios(report: CecopReport) -> list[Computation]:
    """Return committees per 100 works: of the concerted program, then of all works."""
    claim = next(
        (
            claim
            for claim in report.claims
            if claim.subject == Subject.COMMITTEES
            and not (claim.at_least or claim.approximate)
        ),
        None,
    )
    if claim is None:
        return []
    tsam = report.works_table(Program.TSAM, Dimension.SUBPROGRAM)
    gse = report.works_table(Program.GSE, Dimension.SUBPROGRAM)
    options = (
        ((tsam,), f"works in {tsam.id}"),
        ((tsam, gse), f"works in {tsam.id} + {gse.id}"),
    )
    return [
        Computation(
            claim.figure * 100 / sum(table.total.works for table in tables),
            f"{fmt(claim.figure)} committees (prose line {claim.line}) / "
            f"{fmt(sum(table.total.works for table in tables))} {label} × 100",
            (f"line {claim.line} (prose)", *(t.total.place.describe() for t in tables)),
        )
        for tables, label in options
    ]


def _matches(value: Decimal, published: Figure) -> bool:
    """Return whether ``value`` cut or rounded to the published decimals equals it."""
    step = Decimal(1).scaleb(min(int(published.value.as_tuple().exponent), 0))
    return any(
        value.quantize(step, rounding=rounding) == published.value
        for rounding in (ROUND_DOWN, ROUND_HALF_UP)
    )


def _result_finding(
    year: int, row: IndicatorRow, published: Figure, options: list[Computation]
) -> Finding:
    suffix = "%" if published.unit == Unit.PERCENT else ""
    shown = [option.value.quantize(_SHOWN).normalize() for option in options]
    described = " or ".join(
        f"{fmt(value)}{suffix} ({option.source})"
        for value, option in zip(shown, options, strict=True)
    )
    values: dict[str, object] = {
        "indicator": row.name,
        "year": year,
        "unit": published.unit.value,
        "published": published.value,
        "computed": shown[0],
    }
    if len(shown) > 1:
        values["computed_alternative"] = shown[1]
    return Finding(
        code="indicator_result_mismatch",
        message=f"{row.name!r} {year}: published {fmt(published)} but {described}",
        where=joined(
            row.place.describe(), *dict.fromkeys(p for o in options for p in o.places)
        ),
        values=values,
    )
