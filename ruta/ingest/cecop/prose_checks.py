"""Check the prose figures against the tables, within the rounding the prose uses.

The report's prose shortens amounts to millions by cutting digits, not by
rounding: "$144.6 mdp" for 144,686,398.45 and "$111.6 mdp" for
111,652,157.57 (rounding would give 144.7 and 111.7). A prose figure is
accepted when the table value cut or rounded to the prose's precision equals
it; "más de N" holds when the table value is at least N; a round figure given
as roughly ("más menos N") is compared at the place of its last non-zero digit.

Two things are not contradictions and are said differently: a figure whose
words leave open whose money it counts is shown beside each column it may
mean, as a note a reader can judge; and an amount "in mdp" past a million
millions is pesos written as millions (a unit slip), reported as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ruta.ingest.cecop.indicator_checks import indicator_by_method
from ruta.ingest.cecop.model import (
    CecopReport,
    Dimension,
    Place,
    ProseClaim,
    Quantity,
    Subject,
    WorksRow,
)
from ruta.ingest.cecop.wording import SUBJECT_NAMES, joined, named
from ruta.sources.findings import Finding, Say, Values, figure, finding_kind, sentence

MILLION = Decimal(1_000_000)
# More millions of pesos than any state or municipality spends in a year: the
# figure is pesos with "mdp" after it.
UNIT_SLIP_MDP = MILLION
_TENTH = Decimal("0.1")
_COLUMNS = {
    Quantity.COUNT: "works",
    Quantity.AMOUNT: "cecop",
    Quantity.BENEFICIARIES: "beneficiaries",
}
_SIDES = {
    "cecop": sentence("la parte del Estado (CECOP)"),
    "total": sentence("el total de las tres partes"),
}
_QUALIFIERS = {
    "at_least": sentence("más de %(claim)s"),
    "approximate": sentence("cerca de %(claim)s"),
}
_AID_COUNT_METHOD = re.compile(r"AYUDAS SOCIALES DIVERSAS OTORGADAS")


@dataclass(frozen=True)
class Expected:
    """The tables' value for a claim, the cells it adds and where they stand."""

    value: Decimal
    parts: tuple[Decimal, ...]
    places: tuple[str, ...]


def check_prose(report: CecopReport) -> Iterator[Finding]:
    """Yield prose figures the tables contradict, unit slips and open scopes."""
    for claim in report.claims:
        if claim.quantity == Quantity.AMOUNT and claim.figure >= UNIT_SLIP_MDP:
            yield _unit_slip(claim)
        elif len(claim.columns) > 1:
            yield _scope_note(report, claim)
        else:
            expected = expected_value(report, claim)
            if expected is not None and not claim_holds(claim, expected.value):
                yield _finding(claim, expected)


def claim_pesos(claim: ProseClaim) -> tuple[Decimal, bool]:
    """Return a prose amount in pesos, and whether it was pesos printed as "mdp".

    Amounts in prose are millions of pesos; a figure of a million "mdp" or
    more is pesos written as millions (the ``prose_unit_slip`` finding).
    """
    if claim.figure >= UNIT_SLIP_MDP:
        return claim.figure, True
    return claim.figure * MILLION, False


def _claim(values: Values, say: Say) -> tuple[str, str]:
    """Return what the prose claims ("más de 1,500,000 beneficiarios") and of what."""
    subject = named(SUBJECT_NAMES, values["subject"], say)
    units = {
        "amount": say(sentence("mdp")),
        "beneficiaries": say(sentence("beneficiarios")),
        "count": subject,
    }
    claim = f"{figure(values['prose'], say)} {units[values['quantity']]}"
    if qualifier := _QUALIFIERS.get(values["qualifier"]):
        claim = say(qualifier) % {"claim": claim}
    programs = [code.upper() for code in values["programs"].split("+") if code]
    scope = ": ".join(
        part for part in (" + ".join(programs), values["subprograms"]) if part
    )
    return claim, scope or subject


@finding_kind(
    "prose_unit_slip",
    summary=sentence("Una cifra en pesos del texto está escrita como millones."),
)
def prose_unit_slip(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El texto dice %(figure)s mdp (%(subject)s): leído en millones serían "
            "billones de pesos; la cifra son pesos escritos como millones, es "
            "decir, %(millions)s mdp."
        )
    ) % {
        "figure": figure(values["prose"], say),
        "subject": named(SUBJECT_NAMES, values["subject"], say),
        "millions": figure(values["millions"], say),
    }


def _unit_slip(claim: ProseClaim) -> Finding:
    """Return the finding of pesos written as millions of pesos ("mdp")."""
    millions = (claim.figure / MILLION).quantize(_TENTH, rounding=ROUND_HALF_UP)
    return prose_unit_slip.found(
        where=f"line {claim.line} (prose)",
        values={**claim_terms(claim), "prose": claim.figure, "millions": millions},
    )


@finding_kind(
    "prose_scope_unstated",
    summary=sentence(
        "Una cifra del texto no dice de quién es el dinero que cuenta; se muestra "
        "junto a cada columna de las tablas."
    ),
)
def prose_scope_unstated(values: Values, say: Say) -> str:
    claim, scope = _claim(values, say)
    sides = []
    for column in ("cecop", "total"):
        if column not in values:
            continue
        holds = values[f"{column}_holds"] == "True"
        side = say(
            sentence("%(side)s es %(pesos)s pesos (%(mdp)s mdp), que %(verdict)s")
        )
        sides.append(
            side
            % {
                "side": say(_SIDES[column]),
                "pesos": figure(values[column], say),
                "mdp": figure(values[f"{column}_mdp"], say),
                "verdict": say(sentence("la confirma"))
                if holds
                else say(sentence("no la confirma")),
            }
        )
    return say(
        sentence(
            "El texto dice %(claim)s (%(scope)s) sin decir de quién es el dinero: "
            "%(sides)s. Juzgue el lector."
        )
    ) % {"claim": claim, "scope": scope, "sides": "; ".join(sides)}


def _scope_note(report: CecopReport, claim: ProseClaim) -> Finding:
    """Return a note showing a figure of unstated scope beside each column."""
    sides = [(column, _works_value(report, claim, column)) for column in claim.columns]
    values: dict[str, object] = {**claim_terms(claim), "prose": claim.figure}
    for column, expected in sides:
        values[column] = expected.value
        values[f"{column}_mdp"] = _tenths(expected.value)
        values[f"{column}_holds"] = claim_holds(claim, expected.value)
    return prose_scope_unstated.found(
        where=joined(
            f"line {claim.line} (prose)",
            *dict.fromkeys(place for _c, e in sides for place in e.places),
        ),
        values=values,
        severity="info",
    )


def _tenths(value: Decimal) -> Decimal:
    """Return pesos in millions to one decimal, rounded ("144.7")."""
    return (value / MILLION).quantize(_TENTH, rounding=ROUND_HALF_UP)


def expected_value(report: CecopReport, claim: ProseClaim) -> Expected | None:
    """Return what the tables say about ``claim``; None if they do not hold it."""
    if claim.subject == Subject.WORKS:
        return _works_value(report, claim)
    if claim.subject == Subject.DROUGHT and claim.quantity == Quantity.AMOUNT:
        return _single(report.drought.total, report.drought.total_place)
    if claim.subject == Subject.AID and claim.quantity == Quantity.AMOUNT:
        return _single(report.aid.total, report.aid.total_place)
    if claim.subject == Subject.AID and claim.quantity == Quantity.COUNT:
        return _aid_count(report)
    return None


def _single(value: Decimal, place: Place) -> Expected:
    return Expected(value, (value,), (place.describe(),))


def _works_value(report: CecopReport, claim: ProseClaim, column: str = "") -> Expected:
    column = column or _COLUMNS[claim.quantity]
    rows: list[WorksRow] = []
    for program in claim.programs:
        table = report.works_table(program, Dimension.SUBPROGRAM)
        if claim.subprograms:
            rows.extend(row for row in table.rows if row.key in claim.subprograms)
        else:
            rows.append(table.total)
    parts = tuple(row.figure(column) for row in rows)
    return Expected(
        sum(parts, Decimal(0)), parts, tuple(r.place.describe() for r in rows)
    )


def _aid_count(report: CecopReport) -> Expected | None:
    row = indicator_by_method(report, _AID_COUNT_METHOD)
    value = row.result(report.year) if row else None
    if row is None or value is None:
        return None
    return Expected(value.value, (value.value,), (row.place.describe(),))


def in_prose_units(claim: ProseClaim, value: Decimal) -> Decimal:
    """Return a table value in the claim's unit: millions for amounts."""
    return value / MILLION if claim.quantity == Quantity.AMOUNT else value


def claim_holds(claim: ProseClaim, value: Decimal) -> bool:
    """Return whether the table ``value`` bears the claim out."""
    scaled = in_prose_units(claim, value)
    if claim.at_least:
        return scaled >= claim.figure
    step = _step(claim)
    return any(
        scaled.quantize(step, rounding=rounding) == claim.figure
        for rounding in (ROUND_DOWN, ROUND_HALF_UP)
    )


def _step(claim: ProseClaim) -> Decimal:
    """Return the precision of the claim: its last printed or non-zero digit."""
    if claim.approximate:
        exponent = claim.figure.normalize().as_tuple().exponent
        return Decimal(1).scaleb(max(int(exponent), 0))
    return Decimal(1).scaleb(-claim.decimals)


@finding_kind(
    "prose_figure_mismatch",
    summary=sentence("Una cifra del texto no coincide con las tablas."),
)
def prose_figure_mismatch(values: Values, say: Say) -> str:
    claim, scope = _claim(values, say)
    data = {
        "claim": claim,
        "scope": scope,
        "tables": figure(values["tables"], say),
        "cut": figure(values["tables_cut"], say),
    }
    if values["quantity"] == "amount":
        text = sentence(
            "El texto dice %(claim)s (%(scope)s), pero las tablas dan %(tables)s, "
            "es decir, %(cut)s mdp."
        )
    else:
        text = sentence(
            "El texto dice %(claim)s (%(scope)s), pero las tablas dan %(tables)s."
        )
    worded = say(text) % data
    if values["note"] == "parts_cut":
        note = sentence("El texto suma sus partes después de recortar cada una.")
        worded += " " + say(note)
    return worded


def _finding(claim: ProseClaim, expected: Expected) -> Finding:
    scaled = in_prose_units(claim, expected.value)
    cut = scaled.quantize(_step(claim), rounding=ROUND_DOWN)
    parts_cut = False
    if len(expected.parts) > 1 and not claim.at_least:
        parts_cut = claim.figure == sum(
            in_prose_units(claim, part).quantize(_step(claim), rounding=ROUND_DOWN)
            for part in expected.parts
        )
    return prose_figure_mismatch.found(
        where=joined(f"line {claim.line} (prose)", *expected.places),
        values={
            **claim_terms(claim),
            "prose": claim.figure,
            "tables": expected.value,
            "tables_cut": cut,
            "note": "parts_cut" if parts_cut else "",
        },
    )


def claim_terms(claim: ProseClaim) -> dict[str, str]:
    """Return what a claim is about, so pages can rebuild its finding in words."""
    qualifier = "at_least" if claim.at_least else ""
    return {
        "subject": claim.subject.value,
        "quantity": claim.quantity.value,
        "qualifier": "approximate" if claim.approximate else qualifier,
        "programs": "+".join(program.value for program in claim.programs),
        "subprograms": " + ".join(claim.subprograms),
    }
