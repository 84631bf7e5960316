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

from ruta.common.text.folding import normalize_key
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
)
from ruta.ingest.cecop.wording import fmt, joined, rows_span
from ruta.sources.findings import (
    Finding,
    Say,
    Values,
    figure,
    finding_kind,
    sentence,
    table_name,
)

_GSE_WORKS_METHOD = re.compile(r"OBRAS EJECUTADAS DE MANERA DIRECTA.*GESTION")
_COMMITTEES_METHOD = re.compile(r"COMITES\s*/\s*TOTAL DE OBRAS")
_SHOWN = Decimal("0.01")


@dataclass(frozen=True)
class Computation:
    """An indicator value recomputed from the report, and from what.

    ``terms`` are what it was computed from, as the finding words them: the
    works of ``tables`` and, for committees per 100 works, the ``committees``
    the prose states on ``line`` and the ``works`` they are divided by.
    """

    value: Decimal
    terms: dict[str, object]
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


_CELLS = {
    "baseline": sentence("línea base %(year)s"),
    "result": sentence("resultado %(year)s"),
}


@finding_kind(
    "indicator_copy_mismatch",
    summary=sentence(
        "Dos copias de la tabla de resultados de indicadores no coinciden."
    ),
)
def indicator_copy_mismatch(values: Values, say: Say) -> str:
    if "cell" not in values:
        return say(
            sentence("«%(indicator)s» está en %(table)s, pero no en %(full_table)s.")
        ) % {
            "indicator": values["indicator"],
            "table": values["table"],
            "full_table": values["full_table"],
        }
    kind, year = values["cell"].split()
    return say(
        sentence(
            "«%(indicator)s»: %(cell)s es %(first)s en %(table)s, pero %(copy)s en "
            "%(copy_table)s."
        )
    ) % {
        "indicator": values["indicator"],
        "cell": say(_CELLS[kind]) % {"year": year},
        "first": figure(values["first"], say),
        "copy": figure(values["copy"], say),
        "table": values["table"],
        "copy_table": values["copy_table"],
    }


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
                yield indicator_copy_mismatch.found(
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
        yield indicator_copy_mismatch.found(
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


@finding_kind(
    "indicator_without_card",
    summary=sentence(
        "Un indicador de la tabla de resultados no tiene cédula en el documento."
    ),
)
def indicator_without_card(values: Values, say: Say) -> str:
    return say(
        sentence(
            "«%(indicator)s» está en la tabla de resultados, pero el documento no "
            "imprime su cédula; su semáforo se juzga como ascendente."
        )
    ) % {"indicator": values["indicator"]}


@finding_kind(
    "card_without_results",
    summary=sentence("Una cédula de indicador no aparece en la tabla de resultados."),
)
def card_without_results(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La cédula de «%(indicator)s» no tiene renglón en ninguna copia de la "
            "tabla de resultados."
        )
    ) % {"indicator": values["indicator"]}


def check_indicator_cards(report: CecopReport) -> Iterator[Finding]:
    """Yield indicators of the results table with no card, and cards with no row.

    Without its card an indicator has no method or direction (its semáforo
    is then judged ascending); a card no results table lists has no results.
    """
    rows = report.indicator_results.rows
    for row in rows:
        if report.card_for(row.key) is None:
            yield indicator_without_card.found(
                where=row.place.describe(),
                values={"indicator": row.name},
            )
    listed = {row.key for table in report.indicator_tables for row in table.rows}
    for card in report.cards:
        if card.key not in listed:
            yield card_without_results.found(
                where=f"line {card.place.line} ({card.id})",
                values={"indicator": card.indicator},
            )


@finding_kind(
    "indicator_baseline_mismatch",
    summary=sentence(
        "La línea base de un indicador difiere entre la tabla de resultados y su "
        "cédula."
    ),
)
def indicator_baseline_mismatch(values: Values, say: Say) -> str:
    return say(
        sentence(
            "«%(indicator)s»: la línea base %(year)s es %(results_table)s en la "
            "tabla de resultados, pero %(card)s (%(card_year)s) en su cédula."
        )
    ) % {
        "indicator": values["indicator"],
        "year": values["year"],
        "results_table": figure(values["results_table"], say),
        "card": figure(values["card"], say),
        "card_year": values["card_year"],
    }


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
        yield indicator_baseline_mismatch.found(
            where=joined(row.place.describe(), f"line {card.figures_line} ({card.id})"),
            values={
                "indicator": row.name,
                "year": row.baseline_year,
                "results_table": fmt(row.baseline),
                "card_year": card.baseline_year,
                "card": fmt(card.baseline),
            },
        )


@finding_kind(
    "semaphore_summary_mismatch",
    summary=sentence(
        "El resumen del semáforo no coincide con los resultados de los indicadores."
    ),
)
def semaphore_summary_mismatch(values: Values, say: Say) -> str:
    names = ("with_advance", "without_advance", "equal", "without_information")
    counts = {
        f"{side}_{name}": values[f"{side}_{name}"]
        for side in ("published", "computed")
        for name in names
    }
    return (
        say(
            sentence(
                "El resumen del semáforo imprime %(published_with_advance)s con "
                "avance, %(published_without_advance)s sin avance, "
                "%(published_equal)s igual y %(published_without_information)s sin "
                "información, pero los resultados dan %(computed_with_advance)s con "
                "avance, %(computed_without_advance)s sin avance, "
                "%(computed_equal)s igual y %(computed_without_information)s sin "
                "información."
            )
        )
        % counts
    )


def check_semaphore_summary(report: CecopReport) -> Iterator[Finding]:
    """Yield the summary if its counts differ from the indicators' semáforos."""
    rows = report.indicator_results.rows
    colours = [indicator_semaphore(report, row) for row in rows]
    computed = semaphore_summary(colours)
    published = report.semaphore_summary.counts()
    if computed == published:
        return
    yield semaphore_summary_mismatch.found(
        where=joined(
            report.semaphore_summary.place.describe(),
            rows_span([row.place for row in rows]),
        ),
        values={
            **{f"published_{name}": count for name, count in published.items()},
            **{f"computed_{name}": count for name, count in computed.items()},
        },
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
                {"tables": table.id},
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
    options = ((tsam,), (tsam, gse))
    return [
        Computation(
            claim.figure * 100 / sum(table.total.works for table in tables),
            {
                "committees": claim.figure,
                "line": claim.line,
                "works": sum(table.total.works for table in tables),
                "tables": " + ".join(table.id for table in tables),
            },
            (f"line {claim.line} (prose)", *(t.total.place.describe() for t in tables)),
        )
        for tables in options
    ]


def _matches(value: Decimal, published: Figure) -> bool:
    """Return whether ``value`` cut or rounded to the published decimals equals it."""
    step = Decimal(1).scaleb(min(int(published.value.as_tuple().exponent), 0))
    return any(
        value.quantize(step, rounding=rounding) == published.value
        for rounding in (ROUND_DOWN, ROUND_HALF_UP)
    )


def _source(values: Values, say: Say, suffix: str = "") -> str:
    """Return what a recomputed value comes from, as the report prints it."""
    data = {
        "tables": " + ".join(
            table_name(table, say) for table in values[f"tables{suffix}"].split(" + ")
        ),
        "works": figure(values.get(f"works{suffix}", ""), say),
        "committees": figure(values.get("committees", ""), say),
        "line": values.get("line", ""),
    }
    if "committees" in values:
        text = sentence(
            "%(committees)s comités de la línea %(line)s del texto / %(works)s "
            "obras (%(tables)s) × 100"
        )
        return say(text) % data
    return data["tables"]


@finding_kind(
    "indicator_result_mismatch",
    summary=sentence(
        "Un resultado publicado no se reproduce con las cifras del propio informe."
    ),
)
def indicator_result_mismatch(values: Values, say: Say) -> str:
    unit = values["unit"]
    data = {
        "indicator": values["indicator"],
        "year": values["year"],
        "published": figure(values["published"], say, unit),
        "computed": figure(values["computed"], say, unit),
    }
    if "tables" in values:
        data["computed"] += f" ({_source(values, say)})"
    if "computed_alternative" not in values:
        return (
            say(
                sentence(
                    "«%(indicator)s» %(year)s: se publicó %(published)s, pero las "
                    "cifras del propio informe dan %(computed)s."
                )
            )
            % data
        )
    data["alternative"] = figure(values["computed_alternative"], say, unit)
    if "tables_alternative" in values:
        data["alternative"] += f" ({_source(values, say, '_alternative')})"
    return (
        say(
            sentence(
                "«%(indicator)s» %(year)s: se publicó %(published)s, pero las "
                "cifras del propio informe dan %(computed)s o %(alternative)s."
            )
        )
        % data
    )


def _result_finding(
    year: int, row: IndicatorRow, published: Figure, options: list[Computation]
) -> Finding:
    shown = [option.value.quantize(_SHOWN).normalize() for option in options]
    values: dict[str, object] = {
        "indicator": row.name,
        "year": year,
        "unit": published.unit.value,
        "published": published.value,
        "computed": shown[0],
        **options[0].terms,
    }
    if len(shown) > 1:
        values["computed_alternative"] = shown[1]
        alternative = options[1].terms
        values |= {
            f"{name}_alternative": alternative[name] for name in ("works", "tables")
        }
    return indicator_result_mismatch.found(
        where=joined(
            row.place.describe(), *dict.fromkeys(p for o in options for p in o.places)
        ),
        values=values,
    )
