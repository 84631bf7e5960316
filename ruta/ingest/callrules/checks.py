"""The rules' figures against the platform's: where they disagree, a finding.

The platform's figures are ``ruta.grants.rules.figures.ENFORCED``, read from
the modules that apply them; nothing is restated here. A figure the rules
print differently (value or unit: "5 días hábiles" where the platform
counts natural days), one they do not print, and one they print two ways,
are each a finding at the section and line that print it.
"""

from __future__ import annotations

from decimal import Decimal

from ruta.grants.rules.figures import ENFORCED_BY_KEY, Enforced, Unit
from ruta.ingest.callrules.figures import RuleFigure, Unread
from ruta.sources.findings import Finding, Say, Values, finding_kind, sentence

# What each figure is, in the words of a finding.
WHAT = {
    "cofunding_share": sentence("la aportación de la organización"),
    "administrative_cap": sentence("el tope de los gastos administrativos"),
    "agreement_days": sentence("el plazo para firmar el convenio"),
    "report_days": sentence("el plazo para entregar cada informe"),
    "invoice_days": sentence("el plazo para presentar la factura del mes"),
    "complement_days": sentence("el plazo para presentar el complemento de pago"),
    "reassignment_days": sentence("el plazo para formalizar antes de reasignar"),
    "refund_days": sentence("el plazo para reintegrar"),
    "report_period": sentence("el periodo de cada informe"),
    "extension_days": sentence("la prórroga más larga"),
    "answer_days": sentence("el plazo para responder las observaciones"),
    "cancel_days": sentence("el plazo tras el que se cancela el apoyo"),
    "term_days": sentence("el plazo de la causa"),
    "refund_month": sentence("el mes de operación en que vence el reintegro"),
}
# A figure in words, by its unit.
AMOUNT = {
    "percent": sentence("%(n)s %%"),
    "natural_days": sentence("%(n)s días naturales"),
    "business_days": sentence("%(n)s días hábiles"),
    "days": sentence("%(n)s días"),
    "months": sentence("%(n)s meses"),
}
# The units a printed unit may stand for: bare days are any kind of day.
_AGREES = {
    "percent": {Unit.PERCENT},
    "natural_days": {Unit.NATURAL_DAYS},
    "business_days": {Unit.BUSINESS_DAYS},
    "days": {Unit.NATURAL_DAYS, Unit.BUSINESS_DAYS},
    "months": {Unit.MONTHS},
}


def amount(value: str, unit: str, say: Say) -> str:
    """Return a figure in words: "15 días naturales", "30 %"."""
    return say(AMOUNT[unit]) % {"n": value}


def _what(values: Values, say: Say) -> str:
    return say(WHAT[values["figure"]])


@finding_kind(
    "rule_figure_differs",
    summary=sentence(
        "Las reglas fijan una cifra distinta de la que aplica la plataforma."
    ),
)
def rule_figure_differs(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El §%(section)s de las reglas fija %(printed)s para %(what)s; "
            "la plataforma aplica %(platform)s."
        )
    ) % {
        "section": values["section"],
        "printed": amount(values["printed"], values["printed_unit"], say),
        "what": _what(values, say),
        "platform": amount(values["platform"], values["platform_unit"], say),
    }


@finding_kind(
    "rule_figure_not_printed",
    summary=sentence("Las reglas no imprimen una cifra que la plataforma aplica."),
)
def rule_figure_not_printed(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El §%(section)s de las reglas no imprime %(what)s; la plataforma "
            "aplica %(platform)s."
        )
    ) % {
        "section": values["section"],
        "what": _what(values, say),
        "platform": amount(values["platform"], values["platform_unit"], say),
    }


@finding_kind(
    "rule_figure_unclear",
    summary=sentence(
        "Las reglas imprimen una cifra de dos maneras: no se toma ninguna."
    ),
)
def rule_figure_unclear(values: Values, say: Say) -> str:
    printed = [
        amount(value, unit, say)
        for value, unit in (pair.split(" ") for pair in values["printed"].split("; "))
    ]
    return say(
        sentence(
            "El §%(section)s de las reglas imprime %(printed)s para %(what)s: no "
            "se toma ninguna; la plataforma aplica %(platform)s."
        )
    ) % {
        "section": values["section"],
        "printed": ", ".join(printed),
        "what": _what(values, say),
        "platform": amount(values["platform"], values["platform_unit"], say),
    }


def number_text(value: Decimal) -> str:
    """Return a figure as text without exponent or trailing zeros ("30", "2.5")."""
    return f"{value.normalize():f}"


def _platform(enforced: Enforced) -> dict[str, str]:
    return {
        "section": enforced.section,
        "figure": enforced.name,
        "platform": number_text(enforced.value),
        "platform_unit": enforced.unit.value,
    }


def _place(name: str, section: str, line: int | None) -> str:
    where = f"{name}, section '§{section}'"
    return f"{where}, line {line}" if line else where


def figure_check(figure: RuleFigure, *, name: str) -> Finding | None:
    """Return the finding of a figure the platform applies otherwise, or None."""
    enforced = ENFORCED_BY_KEY[figure.key]
    agrees = Unit(enforced.unit) in _AGREES[figure.unit]
    if figure.value == enforced.value and agrees:
        return None
    return rule_figure_differs.found(
        where=_place(name, figure.section, figure.line),
        values={
            **_platform(enforced),
            "printed": number_text(figure.value),
            "printed_unit": figure.unit,
            "clause": figure.clause,
        },
    )


def unread_check(unread: Unread, *, name: str) -> Finding:
    """Return the finding of a figure the rules do not print plainly."""
    enforced = ENFORCED_BY_KEY[unread.spec.section, unread.spec.name]
    if not unread.values:
        return rule_figure_not_printed.found(
            where=_place(name, enforced.section, unread.line),
            values=_platform(enforced),
        )
    lines = ", ".join(str(figure.line) for figure in unread.values)
    printed = dict.fromkeys(
        f"{number_text(figure.value)} {figure.unit}" for figure in unread.values
    )
    return rule_figure_unclear.found(
        where=f"{name}, section '§{enforced.section}', lines {lines}",
        values={**_platform(enforced), "printed": "; ".join(printed)},
    )
