"""The CECOP reader on the project's own annual reports, rendered from data.

Nothing here reads a seed: ``ruta.demo.documents`` writes the report from the
seed's figures (made consistent) or from generated ones, in the layout the
reader takes.
"""

import random
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruta.demo.documents.cecop_model import Report, WorksLine, total_line
from ruta.demo.documents.cecop_prose import prose
from ruta.demo.documents.cecop_report import render_report
from ruta.demo.documents.cecop_samples import sample_report
from ruta.demo.documents.table_damage import damage_line
from ruta.ingest.cecop import (
    CecopReport,
    Dimension,
    IndicatorTable,
    Program,
    WorksTable,
    check_report,
    parse_report,
)
from ruta.sources.findings import DocumentError, Finding
from testkit.documents.strategies import cecop_reports

SOURCE = "informe-cecop.txt"
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SPAN = re.compile(r"lines? (\d+)(?:–(\d+))?")


def read(report: Report) -> CecopReport:
    return parse_report(render_report(report), source_name=SOURCE)


def works_rows(table: WorksTable) -> list[tuple]:
    return [
        (r.label, r.works, r.total, r.cecop, r.municipality, r.community)
        + (r.beneficiaries,)
        for r in (*table.rows, table.total)
    ]


def rendered_rows(lines: tuple[WorksLine, ...], total: str) -> list[tuple]:
    return [
        (w.label, w.works, w.total, w.cecop, w.municipality, w.community)
        + (w.beneficiaries,)
        for w in (*lines, total_line(lines, total))
    ]


def indicator_rows(table: IndicatorTable) -> list[tuple]:
    return [
        (row.name, row.baseline.text, tuple(r.figure.text for r in row.results))
        + (row.source,)
        for row in table.rows
    ]


def assert_read_as_rendered(report: Report, found: CecopReport) -> None:
    """Assert the reader gives every figure, name and claim the report states."""
    assert found.year == report.year
    programs = ((Program.TSAM, report.concerted, "Total"),)
    programs += ((Program.GSE, report.emergency, "TOTALES"),)
    for program, works, total in programs:
        for dimension, lines in (
            (Dimension.SUBPROGRAM, works.by_subprogram),
            (Dimension.REGION, works.by_region),
        ):
            table = found.works_table(program, dimension)
            assert works_rows(table) == rendered_rows(lines, total)
    drought = [(r.concept, r.municipality, r.amount) for r in found.drought.rows]
    assert drought == [(d.concept, d.municipality, d.amount) for d in report.drought]
    assert found.drought.total == sum(d.amount for d in report.drought)
    assert [(r.number, r.concept, r.amount) for r in found.aid.rows] == [
        (number, a.concept, a.amount) for number, a in enumerate(report.aid, 1)
    ]
    assert found.aid.total == sum(a.amount for a in report.aid)
    assert found.semaphore_summary.counts() == report.summary()
    indicators = [
        (i.name, i.baseline, tuple(text for _, text in i.results), i.source)
        for i in report.indicators
    ]
    tables = [indicator_rows(table) for table in found.indicator_tables]
    assert tables == [indicators, indicators[:-1], indicators[-1:]]
    assert [card_fields(card) for card in found.cards] == [
        rendered_card(indicator) for indicator in report.indicators
    ]
    claims = [
        (c.subject.value, c.quantity.value, tuple(p.value for p in c.programs))
        + (c.subprograms, c.figure)
        for c in found.claims
    ]
    assert claims == [
        (c.subject, c.quantity, c.programs, c.subprograms, c.figure)
        for c in prose(report).claims()
    ]
    assert found.not_read == ()


def card_fields(card) -> tuple:
    return (
        card.indicator,
        card.executing_unit,
        card.method,
        card.direction,
        card.unit_of_measure,
        card.baseline.text,
        (card.goal_year, card.goal.text),
    )


def rendered_card(indicator) -> tuple:
    card = indicator.card
    return (
        indicator.name,
        card.executing_unit,
        card.method,
        card.direction,
        card.unit_of_measure,
        indicator.baseline,
        (card.goal_year, card.goal),
    )


# ---------------------------------------------------------------- as rendered


def test_the_sample_report_reads_back_every_table_card_and_claim():
    report = sample_report()
    assert_read_as_rendered(report, read(report))


def test_the_sample_report_keeps_the_seeds_totals():
    tsam = read(sample_report()).works_table(Program.TSAM, Dimension.SUBPROGRAM)
    assert (tsam.total.works, tsam.total.total) == (612, Decimal("188077805.06"))
    assert tsam.total.cecop == Decimal("144686398.45")


def test_a_consistent_report_has_no_finding():
    assert check_report(read(sample_report())) == []


@PROPERTY
@given(cecop_reports())
def test_any_consistent_report_reads_back_exactly_and_without_finding(report):
    found = read(report)
    assert_read_as_rendered(report, found)
    assert [f.message for f in check_report(found)] == []


# ---------------------------------------------------------------- damaged


def damageable(found: CecopReport) -> list[tuple[int, range]]:
    """Return each table line holding figures, with the cells holding them."""
    lines = []
    for table in found.works_tables:
        width = len(table.columns) + 1
        for row in (*table.rows, table.total):
            lines.append((row.place.line, range(1, width)))
    for amounts in (found.drought, found.aid):
        for place in (*(row.place for row in amounts.rows), amounts.total_place):
            lines.append((place.line, range(2, 3)))
    return lines


def names_line(findings: list[Finding], line: int) -> bool:
    """Tell whether some finding's place covers ``line``."""
    for finding in findings:
        for first, last in SPAN.findall(finding.where):
            if int(first) <= line <= int(last or first):
                return True
    return False


@PROPERTY
@given(cecop_reports(), st.integers(min_value=0, max_value=2**32))
def test_a_damaged_figure_is_refused_or_found_never_read_silently(report, seed):
    rng = random.Random(seed)  # noqa: S311 - reproducible damage
    text = render_report(report)
    line, cells = rng.choice(damageable(parse_report(text, source_name=SOURCE)))
    lines = text.split("\n")
    lines[line - 1], done = damage_line(lines[line - 1], cells, rng)
    outcome = read_or_refuse("\n".join(lines))
    if isinstance(outcome, DocumentError):
        assert outcome.line == line, f"line {line}: {done}; {outcome}"
    else:
        findings = check_report(outcome)
        assert names_line(findings, line), f"line {line}: {done}; {findings}"


def read_or_refuse(text: str) -> CecopReport | DocumentError:
    """Return the report read from ``text``, or the error refusing it."""
    try:
        return parse_report(text, source_name=SOURCE)
    except DocumentError as error:
        return error


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("612\t$ 188,077,805.06", "612\t$ 188,077,80.06", "malformed"),
        ("\t$12,956,590.85\t693", "\t\t$12,956,590.85", "empty figure"),
    ],
)
def test_a_damaged_works_row_is_refused_naming_its_line(old, new, reason):
    text = render_report(sample_report())
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(DocumentError, match=reason) as refused:
        parse_report(text.replace(old, new, 1), source_name=SOURCE)
    assert refused.value.line == line
