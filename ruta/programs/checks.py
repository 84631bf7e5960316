"""The reader's checks, run on a quarter that capture staff are entering.

``check_goal`` (``ruta.programs.rules``) is the single source of the form's
rules; this module feeds it the quarters so far plus the one being entered,
adds the form's quarter rule (a gap between programmed and achieved needs an
observation), and words each blocking finding for the person typing: every
rule has a translatable message keyed by its stable code, with the quarter
named as pages name it. Findings of severity info (Σ programmed differs from
the annual target) do not block: the annual program may have been planned
that way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ruta.programs.models import quarter_label
from ruta.programs.rules import (
    ACHIEVED_SUM,
    ACHIEVED_UNPROGRAMMED,
    NO_OBSERVATION,
    POPULATION_MISSING,
    POPULATION_SUM,
    PROGRAMMED_SUM,
    QUARTER_LABELS,
    RELATIVE,
    TARGET_INVALID,
    Accumulation,
    accumulate,
    check_goal,
    relative_percent,
)
from ruta.sources.findings import Finding, Say, Values, figure, finding_kind, sentence
from ruta.sources.models import Severity

Quarter = tuple[int | None, int | None]
QUARTER_RULE = "POA-QUARTER-NO-OBSERVATION"


@dataclass(frozen=True)
class CaptureProblem:
    """A finding that blocks a capture, worded for the person entering it."""

    goal_number: int
    code: str
    message: str


def observation_required() -> bool:
    """Return whether the platform asks capture for an observation off programme.

    The platform's policy, not the form's (``RUTA_POA_OBSERVATION_REQUIRED``).
    """
    return bool(getattr(settings, "RUTA_POA_OBSERVATION_REQUIRED", True))


def capture_findings(
    *,
    number: int,
    annual_target: int | None,
    earlier: Sequence[Quarter],
    entry: Quarter,
    observation: str,
    accumulation: Accumulation = Accumulation.SUM,
) -> list[Finding]:
    """Return the findings of a goal once quarter ``len(earlier) + 1`` is entered.

    With the platform's observation policy on, a goal off its programme
    without an observation blocks the capture (the policy's findings are
    informational in a published form, blocking here).
    """
    quarters = [*earlier, entry]
    final = len(quarters) == len(QUARTER_LABELS)
    achieved_values = [a for _, a in quarters]
    absolute = accumulate(achieved_values, accumulation) if final else None
    relative = (
        relative_percent(absolute, annual_target)
        if final and absolute is not None and annual_target
        else None
    )
    policy = observation_required()
    findings = check_goal(
        number,
        annual_target,
        quarters,
        absolute,
        relative,
        observation,
        accumulation=accumulation,
        observation_policy=policy,
    )
    findings = [
        replace(f, severity=Severity.WARNING) if f.code == NO_OBSERVATION else f
        for f in findings
    ]
    label = QUARTER_LABELS[len(earlier)]
    findings = [f for f in findings if f.values.get("quarter", label) == label]
    if not policy:
        return findings
    programmed, achieved = entry
    # A goal off target or achieving with nothing programmed already says why
    # it blocks; the quarter's own gap would repeat it.
    asks_why = any(f.code in (NO_OBSERVATION, ACHIEVED_UNPROGRAMMED) for f in findings)
    if (
        (programmed or 0) != (achieved or 0)
        and not observation.strip()
        and not asks_why
    ):
        findings.append(_quarter_gap(number, label, programmed, achieved))
    return findings


@finding_kind(
    QUARTER_RULE,
    summary=sentence(
        "Un trimestre se aparta de lo programado y no tiene observación (política "
        "de la plataforma; el formato no la exige)."
    ),
)
def quarter_no_observation(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Meta %(goal)s: en %(quarter)s se alcanzó %(achieved)s contra "
            "%(programmed)s programado y no hay observación (política de la "
            "plataforma)."
        )
    ) % {
        "goal": values["goal"],
        "quarter": values["quarter"],
        "achieved": figure(_zero_if_blank(values["achieved"]), say),
        "programmed": figure(_zero_if_blank(values["programmed"]), say),
    }


def _zero_if_blank(value: str) -> str:
    """Return 0 for a quarter left blank, as the capture rules count it."""
    return "0" if value in ("", "None") else value


def _quarter_gap(
    number: int, label: str, programmed: int | None, achieved: int | None
) -> Finding:
    return quarter_no_observation.found(
        where=f"goal {number}",
        values={
            "quarter": label,
            "programmed": programmed,
            "achieved": achieved,
            "goal": number,
        },
    )


def blocking(findings: Sequence[Finding], number: int) -> list[CaptureProblem]:
    """Return the findings that block a capture, with the message to show."""
    return [
        CaptureProblem(number, f.code, problem_message(f, number))
        for f in findings
        if f.severity != Severity.INFO
    ]


def problem_message(finding: Finding, number: int) -> str:
    """Return the message for ``finding`` of goal ``number``, translated."""
    values = {"number": number, "code": finding.code, **finding.values}
    if values.get("quarter") in QUARTER_LABELS:
        values["quarter"] = quarter_label(QUARTER_LABELS.index(values["quarter"]) + 1)
    template = MESSAGES.get(finding.code, UNKNOWN_RULE)
    return template % {key: _shown(value) for key, value in values.items()}


def _shown(value: object) -> str:
    return "—" if value is None else str(value)


MESSAGES = {
    ACHIEVED_UNPROGRAMMED: _(
        "Meta %(number)s (%(quarter)s): se capturaron %(achieved)s logrados sin "
        "nada programado. Capture lo programado o corrija lo alcanzado."
    ),
    NO_OBSERVATION: _(
        "Meta %(number)s: el avance acumulado es %(relative)s%% de la meta anual; "
        "explique la diferencia en las observaciones (política de la plataforma)."
    ),
    QUARTER_RULE: _(
        "Meta %(number)s (%(quarter)s): se alcanzó %(achieved)s de "
        "%(programmed)s programado; explique la diferencia en las observaciones "
        "(política de la plataforma)."
    ),
    TARGET_INVALID: _(
        "Meta %(number)s: no tiene una meta anual válida (%(target)s); la unidad "
        "de planeación debe registrarla antes de capturar."
    ),
    ACHIEVED_SUM: _(
        "Meta %(number)s: lo alcanzado acumulado es %(achieved)s pero el avance "
        "absoluto es %(absolute)s."
    ),
    RELATIVE: _(
        "Meta %(number)s: el acumulado relativo es %(printed)s%% pero el avance "
        "absoluto entre la meta anual da %(expected)s%%."
    ),
    PROGRAMMED_SUM: _(
        "Meta %(number)s: la suma de lo programado es %(programmed)s y la meta "
        "anual es %(target)s."
    ),
    POPULATION_MISSING: _(
        "Meta %(number)s (%(quarter)s): la meta registra la población atendida "
        "por sexo; escriba cuántas mujeres y cuántos hombres atendió."
    ),
    POPULATION_SUM: _(
        "Meta %(number)s (%(quarter)s): %(women)s mujeres y %(men)s hombres suman "
        "%(total)s, pero lo alcanzado es %(achieved)s."
    ),
}
UNKNOWN_RULE = _("Meta %(number)s: no cumple la regla %(code)s del formato.")
