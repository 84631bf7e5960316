"""What the TMM-F004 form computes, and the rules its figures must keep.

A goal accumulates its quarters in one of three ways: most add them up (a
count of reports, of people served), some restate a state each quarter (one
program kept running: 1, 1, 1, 1 and an absolute advance of 1), and some
report a level reached (the largest quarter). The form prints no kind; its
own figures settle it when they fit only one way (``accumulation_fitting``),
and capture staff choose it otherwise. Every rule below takes the kind.

That a quarter (or a year) departing from its programme needs an
observation is the platform's policy, not the form's: the seed's own form
accepts goal 103 with 2 achieved against 1 programmed and no word. Findings
of that policy say so, and callers may switch it off.

Pure functions on plain numbers, so the reader (``ruta.ingest.poa``) checking
a printed form and the capture page checking a quarter as staff type it run
the same rules. Each finding's kind is declared beside its rule, with its
stable code and its sentence in Spanish, which pages translate.

The form prints the relative advance as a whole percent rounded half up:
1,770 ÷ 1,751 = 101.09 → "101%", 9 ÷ 8 = 112.5 → "113%", 170 ÷ 120 = 141.67 →
"142%", 15 ÷ 17 = 88.24 → "88%".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from ruta.common.text.folding import fold
from ruta.sources.findings import Finding, Say, Values, figure, finding_kind, sentence

# The form's own headings: the quarters' columns and the periods of its date.
# Pages show the translatable ``QUARTER_CHOICES`` of ``ruta.programs`` instead.
QUARTER_LABELS = ("ENE-MAR", "ABR-JUN", "JUL-SEP", "OCT-DIC")
PERIOD_NAMES = ("ENERO-MARZO", "ABRIL-JUNIO", "JULIO-SEPTIEMBRE", "OCTUBRE-DICIEMBRE")

# Severities of a ``Finding``: the values of ``ruta.sources.models.Severity``.
INFO = "info"
WARNING = "warning"

HUNDRED = Decimal(100)

# The codes of the goal rules (``check_goal``): stable, for messages and pages.
ACHIEVED_SUM = "POA-ACHIEVED-SUM"
TARGET_INVALID = "POA-TARGET-INVALID"
RELATIVE = "POA-RELATIVE"
ACHIEVED_UNPROGRAMMED = "POA-ACHIEVED-UNPROGRAMMED"
PROGRAMMED_SUM = "POA-PROGRAMMED-SUM"
NO_OBSERVATION = "POA-NO-OBSERVATION"
NEEDS_REVIEW = "POA-NEEDS-REVIEW"
GOAL_RULES = (
    ACHIEVED_SUM,
    TARGET_INVALID,
    RELATIVE,
    ACHIEVED_UNPROGRAMMED,
    PROGRAMMED_SUM,
    NO_OBSERVATION,
)

Quarter = tuple[int | None, int | None]  # (programmed, achieved); None = blank


class Accumulation(StrEnum):
    """How a goal's quarters make its accumulated absolute advance."""

    SUM = "sum"  # the quarters add up
    LAST = "last"  # each quarter restates the state: the last one reported
    MAX = "max"  # a level reached: the largest quarter


# The order a form's figures are tried in: most goals add up.
ACCUMULATIONS = (Accumulation.SUM, Accumulation.LAST, Accumulation.MAX)
_ACCUMULATED = {
    Accumulation.SUM: "Σ achieved",
    Accumulation.LAST: "the last achieved",
    Accumulation.MAX: "the largest achieved",
}
# How findings name an accumulation of what was achieved and of what was programmed.
_ACHIEVED_AS = {
    "sum": sentence("la suma de lo alcanzado"),
    "last": sentence("lo último alcanzado"),
    "max": sentence("lo mayor alcanzado"),
}
_PROGRAMMED_AS = {
    "sum": sentence("la suma de lo programado"),
    "last": sentence("lo último programado"),
    "max": sentence("lo mayor programado"),
}


def accumulated_name(kind: Accumulation, side: str = "achieved") -> str:
    """Return how readings name the accumulation: "Σ achieved", "the last …"."""
    return _ACCUMULATED[kind].replace("achieved", side)


def accumulate(values: Sequence[int | None], kind: Accumulation) -> int:
    """Return the quarters' ``values`` accumulated as ``kind`` (blanks skipped)."""
    present = [value for value in values if value is not None]
    if kind == Accumulation.LAST:
        return present[-1] if present else 0
    if kind == Accumulation.MAX:
        return max(present, default=0)
    return sum(present)


def accumulation_fitting(
    achieved: Sequence[int | None], absolute: int | None
) -> Accumulation | None:
    """Return the first kind whose accumulation gives the printed ``absolute``.

    Sum first: a kind is read from the form only when adding up does not fit.
    """
    if absolute is None:
        return None
    return next(
        (kind for kind in ACCUMULATIONS if accumulate(achieved, kind) == absolute),
        None,
    )


def relative_percent(absolute: int | Decimal, target: int | Decimal) -> Decimal:
    """Return absolute ÷ target as the form prints it: whole percent, half up."""
    if not target:
        raise ValueError("the annual target is zero; no relative advance")
    ratio = Decimal(absolute) * HUNDRED / Decimal(target)
    return ratio.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def check_goal(
    number: int,
    annual_target: int | None,
    quarters: Sequence[Quarter],
    absolute: int | None,
    relative_pct: Decimal | None,
    observation: str = "",
    *,
    where: str = "",
    through: int = 4,
    accumulation: Accumulation = Accumulation.SUM,
    observation_policy: bool = True,
) -> list[Finding]:
    """Return the findings of one goal's figures (quarters entered so far).

    ``through`` is the last quarter the form reports: before the year ends a
    goal deviates when its absolute advance differs from what was programmed
    so far, not from the annual target. With ``observation_policy`` a goal
    that departs from its programme without an observation gets an
    informational finding of the platform's policy.
    """
    place = f"{where}, goal {number}" if where else f"goal {number}"
    findings = [
        *_achieved_accumulated(number, quarters, absolute, place, accumulation),
        *_relative(number, annual_target, absolute, relative_pct, place),
        *_unprogrammed(number, quarters, place),
        *_programmed_accumulated(number, annual_target, quarters, place, accumulation),
    ]
    if observation.strip() or not observation_policy:
        return findings
    if through < len(QUARTER_LABELS):
        findings += _midyear_gap(
            number, quarters[:through], absolute, place, accumulation
        )
        return findings
    pct = _shown_percent(annual_target, absolute, relative_pct)
    if pct is not None and pct != HUNDRED:
        findings.append(no_observation(number, pct, place))
    return findings


@finding_kind(
    NO_OBSERVATION,
    summary=sentence(
        "Una meta se aparta de lo programado y no tiene observación (política de "
        "la plataforma; el formato no la exige)."
    ),
)
def no_observation_found(values: Values, say: Say) -> str:
    if "relative" not in values:
        return say(
            sentence(
                "Meta %(goal)s: hasta %(through)s se alcanzó %(achieved)s contra "
                "%(programmed)s programado y no hay observación (política de la "
                "plataforma)."
            )
        ) % {
            "goal": values["goal"],
            "through": values["through"],
            "achieved": figure(values["achieved"], say),
            "programmed": figure(values["programmed"], say),
        }
    if Decimal(values["relative"]) > HUNDRED:
        text = sentence(
            "Meta %(goal)s: el avance es %(relative)s, por encima de la meta, y no "
            "hay observación (política de la plataforma)."
        )
    else:
        text = sentence(
            "Meta %(goal)s: el avance es %(relative)s, por debajo de la meta, y no "
            "hay observación (política de la plataforma)."
        )
    return say(text) % {
        "goal": values["goal"],
        "relative": figure(values["relative"], say, "percent"),
    }


def _midyear_gap(
    number: int,
    quarters: Sequence[Quarter],
    absolute: int | None,
    place: str,
    accumulation: Accumulation,
) -> list[Finding]:
    """Return a policy finding if the advance so far differs from the programme."""
    programmed = accumulate([p for p, _ in quarters], accumulation)
    if absolute is None or absolute == programmed:
        return []
    label = QUARTER_LABELS[len(quarters) - 1] if quarters else ""
    return [
        no_observation_found.found(
            where=place,
            severity=INFO,
            values={
                "achieved": absolute,
                "programmed": programmed,
                "through": label,
                "goal": number,
            },
        )
    ]


@finding_kind(
    ACHIEVED_SUM,
    summary=sentence(
        "Lo alcanzado por trimestre no da el avance absoluto, acumulado como la "
        "meta acumula."
    ),
)
def achieved_sum(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Meta %(goal)s: %(accumulated)s es %(achieved)s, pero el avance "
            "absoluto impreso es %(absolute)s."
        )
    ) % {
        "goal": values["goal"],
        "accumulated": say(_ACHIEVED_AS[values["accumulation"]]),
        "achieved": figure(values["achieved"], say),
        "absolute": figure(values["absolute"], say),
    }


def _achieved_accumulated(
    number: int,
    quarters: Sequence[Quarter],
    absolute: int | None,
    place: str,
    accumulation: Accumulation,
) -> list[Finding]:
    achieved = accumulate([a for _, a in quarters], accumulation)
    if absolute is None or achieved == absolute:
        return []
    return [
        achieved_sum.found(
            where=place,
            values={
                "achieved": achieved,
                "absolute": absolute,
                "accumulation": str(accumulation),
                "goal": number,
            },
        )
    ]


@finding_kind(
    TARGET_INVALID,
    summary=sentence("La meta anual no permite calcular el avance relativo."),
)
def target_invalid(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Meta %(goal)s: la meta anual es %(target)s; no hay avance relativo que "
            "calcular."
        )
    ) % {"goal": values["goal"], "target": figure(values["target"], say)}


@finding_kind(
    RELATIVE,
    summary=sentence(
        "El acumulado relativo no es el avance absoluto entre la meta anual."
    ),
)
def relative_found(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Meta %(goal)s: el avance relativo impreso es %(printed)s, pero "
            "%(absolute)s ÷ %(target)s da %(expected)s."
        )
    ) % {
        "goal": values["goal"],
        "printed": figure(values["printed"], say, "percent"),
        "absolute": figure(values["absolute"], say),
        "target": figure(values["target"], say),
        "expected": figure(values["expected"], say, "percent"),
    }


def _relative(
    number: int,
    target: int | None,
    absolute: int | None,
    relative_pct: Decimal | None,
    place: str,
) -> list[Finding]:
    if not target or target < 0:
        values = {"target": target, "goal": number}
        return [target_invalid.found(where=place, values=values)]
    if absolute is None or relative_pct is None:
        return []
    expected = relative_percent(absolute, target)
    if expected == relative_pct:
        return []
    return [
        relative_found.found(
            where=place,
            values={
                "printed": relative_pct,
                "expected": expected,
                "absolute": absolute,
                "target": target,
                "goal": number,
            },
        )
    ]


@finding_kind(
    ACHIEVED_UNPROGRAMMED,
    summary=sentence("Se reporta lo alcanzado en un trimestre sin nada programado."),
)
def achieved_unprogrammed(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Meta %(goal)s: se alcanzó %(achieved)s en %(quarter)s sin nada programado."
        )
    ) % {
        "goal": values["goal"],
        "achieved": figure(values["achieved"], say),
        "quarter": values["quarter"],
    }


def _unprogrammed(
    number: int, quarters: Sequence[Quarter], place: str
) -> list[Finding]:
    findings = []
    for name, (programmed, achieved) in zip(QUARTER_LABELS, quarters, strict=False):
        if achieved and not programmed:
            values = {"quarter": name, "achieved": achieved, "goal": number}
            findings.append(achieved_unprogrammed.found(where=place, values=values))
    return findings


@finding_kind(
    PROGRAMMED_SUM,
    summary=sentence("Lo programado por trimestre no suma la meta anual."),
)
def programmed_sum(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Meta %(goal)s: %(accumulated)s es %(programmed)s, pero la meta anual "
            "es %(target)s."
        )
    ) % {
        "goal": values["goal"],
        "accumulated": say(_PROGRAMMED_AS[values.get("accumulation", "sum")]),
        "programmed": figure(values["programmed"], say),
        "target": figure(values["target"], say),
    }


def _programmed_accumulated(
    number: int,
    target: int | None,
    quarters: Sequence[Quarter],
    place: str,
    accumulation: Accumulation,
) -> list[Finding]:
    if target is None or len(quarters) < len(QUARTER_LABELS):
        return []
    programmed = accumulate([p for p, _ in quarters], accumulation)
    if programmed == target:
        return []
    return [
        programmed_sum.found(
            where=place,
            severity=INFO,
            values={
                "programmed": programmed,
                "target": target,
                "accumulation": str(accumulation),
                "goal": number,
            },
        )
    ]


def _shown_percent(
    target: int | None, absolute: int | None, relative_pct: Decimal | None
) -> Decimal | None:
    if relative_pct is not None:
        return relative_pct
    if absolute is None or not target or target < 0:
        return None
    return relative_percent(absolute, target)


def no_observation(number: int, pct: Decimal, place: str) -> Finding:
    """Return the policy finding of a year off its goal with no observation."""
    values = {"relative": pct, "goal": number}
    return no_observation_found.found(where=place, severity=INFO, values=values)


def programming_problems(
    number: int,
    target: int | None,
    programmed: Sequence[int | None],
    accumulation: Accumulation,
) -> list[Finding]:
    """Return why a goal's quarterly programming does not make its annual target.

    The form's own rule (``POA-PROGRAMMED-SUM``), asked of a year opened on
    the site before it is submitted.
    """
    quarters = [(p, None) for p in programmed]
    return _programmed_accumulated(
        number, target, quarters, f"goal {number}", accumulation
    )


# ---------------------------------------------------------------- linked records

# What a goal linked to works and committees counts, by its unit of measure.
COMMITTEES, WORKS, VISITS, WORKSHOPS = "committees", "works", "visits", "workshops"
# The unit of measure's first word, folded and singular ("Comités" → "comite").
LINKED_MEASURES = {
    "comite": COMMITTEES,
    "obra": WORKS,
    "supervision": VISITS,
    "visita": VISITS,
    "taller": WORKSHOPS,
    "capacitacion": WORKSHOPS,
}


def linked_measure(unit_of_measure: str) -> str | None:
    """Return what a goal of ``unit_of_measure`` counts among its linked records.

    A committee formed (goal 307, "Comité"), a work finished ("Obra"), an
    oversight visit ("Supervisión", goal 404), a committee's workshop
    ("Taller"); None for a unit the records do not measure ("Reunión",
    "Informe"): its progress is only captured.
    """
    words = fold(unit_of_measure).split()
    if not words:
        return None
    word = words[0].strip(".,;:")
    for ending in ("es", "s", ""):
        if ending and not word.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)] if ending else word
        if stem in LINKED_MEASURES:
            return LINKED_MEASURES[stem]
    return None


def quarter_of(day: date, year: int) -> int | None:
    """Return the quarter of ``year`` that ``day`` falls in; None if another year."""
    if day.year != year:
        return None
    return (day.month - 1) // 3 + 1


# The population served by sex (Ley de Planeación art. 15 IV): a goal that
# says so ("desagregada por sexo", seed goal 502) records, each quarter, the
# women and the men it served. Where the goal counts people (its unit of
# measure is a person), the two add up to what it achieved: the form's own
# total.
POPULATION_MISSING = "POA-POPULATION-MISSING"
POPULATION_SUM = "POA-POPULATION-SUM"
_BY_SEX_WORDS = ("por sexo", "por genero")
_PEOPLE_WORDS = ("persona", "usuari", "beneficiari", "habitante", "asistente")


def says_by_sex(description: str) -> bool:
    """Return whether a goal's words ask for its population by sex.

    "… la población objetivo que atiende nuestra Entidad, desagregada por
    sexo." (goal 502) does; "equidad de género" alone (goal 505) does not.
    """
    folded = fold(description)
    return any(words in folded for words in _BY_SEX_WORDS)


def counts_people(unit_of_measure: str) -> bool:
    """Return whether a goal's unit of measure is people ("Persona usuaria")."""
    folded = fold(unit_of_measure)
    return any(word in folded for word in _PEOPLE_WORDS)


def population_findings(
    number: int,
    quarter: int,
    achieved: int | None,
    women: int | None,
    men: int | None,
    *,
    by_sex: bool,
    unit_of_measure: str,
    where: str = "",
) -> list[Finding]:
    """Return the findings of one quarter's population served by sex.

    A goal that registers it and reports the quarter gives both figures (one
    without the other is no disaggregation); where it counts people, women
    and men add up to what it achieved.
    """
    place = f"{where}, goal {number}" if where else f"goal {number}"
    label = QUARTER_LABELS[quarter - 1]
    given = (women is not None, men is not None)
    if given == (False, False):
        if not by_sex or achieved is None:
            return []
        return [
            population_missing.found(
                where=place, values={"goal": number, "quarter": label}
            )
        ]
    if not all(given):
        return [
            population_missing.found(
                where=place, values={"goal": number, "quarter": label}
            )
        ]
    total = (women or 0) + (men or 0)
    if counts_people(unit_of_measure) and achieved is not None and total != achieved:
        return [
            population_sum.found(
                where=place,
                values={
                    "goal": number,
                    "quarter": label,
                    "women": women,
                    "men": men,
                    "total": total,
                    "achieved": achieved,
                },
            )
        ]
    return []


@finding_kind(
    POPULATION_MISSING,
    summary=sentence(
        "Una meta que registra su población por sexo no da las mujeres y los "
        "hombres atendidos en un trimestre informado."
    ),
)
def population_missing(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Meta %(goal)s, %(quarter)s: la meta registra la población atendida "
            "por sexo y no da cuántas mujeres y cuántos hombres atendió."
        )
    ) % {"goal": values["goal"], "quarter": values["quarter"]}


@finding_kind(
    POPULATION_SUM,
    summary=sentence(
        "Las mujeres y los hombres atendidos no suman lo alcanzado por una meta "
        "que cuenta personas."
    ),
)
def population_sum(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Meta %(goal)s, %(quarter)s: %(women)s mujeres y %(men)s hombres suman "
            "%(total)s, pero lo alcanzado es %(achieved)s."
        )
    ) % {
        "goal": values["goal"],
        "quarter": values["quarter"],
        "women": figure(values["women"], say),
        "men": figure(values["men"], say),
        "total": figure(values["total"], say),
        "achieved": figure(values["achieved"], say),
    }
