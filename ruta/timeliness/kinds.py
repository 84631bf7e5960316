"""Every kind of report the calendar follows, declared once with its rule.

Each kind names what is reported, the rule that makes it due (counted in
the instance's time zone and business days), where the rule comes from,
and the selector that lists, from the records that exist, who owes which
period and when it was delivered (``ruta.timeliness.selectors``). The desk,
the public page, the dataset and the reminders read this tuple.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ruta.timeliness.rules import (
    BusinessDaysAfter,
    DueAsRecorded,
    DueRule,
    NaturalDaysAfter,
    Standing,
    WithinFirstMonths,
)

# The planning unit's own deadline for what units report each quarter: the
# TMM-F004 form and the indicator cards print none, so it is the instance's.
QUARTER_BUSINESS_DAYS = 10


@dataclass(frozen=True)
class ReportKind:
    """A kind of report: its key, its name, its rule and the rule's source."""

    key: str
    label: str | Promise
    rule: DueRule
    rule_text: str | Promise
    basis: str | Promise

    def __str__(self) -> str:
        return str(self.label)


POA_QUARTER = ReportKind(
    key="poa-trimestre",
    label=_("Avance trimestral del POA"),
    rule=BusinessDaysAfter(QUARTER_BUSINESS_DAYS),
    rule_text=_("10 días hábiles después del cierre del trimestre"),
    basis=_(
        "Calendario de la unidad de planeación (el formato TMM-F004 no fija fecha)"
    ),
)
INDICATOR_RESULT = ReportKind(
    key="indicador-resultado",
    label=_("Resultado de un indicador por periodo"),
    rule=BusinessDaysAfter(QUARTER_BUSINESS_DAYS),
    rule_text=_("10 días hábiles después del cierre del periodo (trimestre o año)"),
    basis=_(
        "Calendario de la unidad de planeación; los avances se validan por "
        "trimestre en el sistema de seguimiento del Ejecutivo"
    ),
)
COMMITMENT_REPORT = ReportKind(
    key="compromiso-informe",
    label=_("Informe de avance de un compromiso de gobierno abierto"),
    rule=BusinessDaysAfter(QUARTER_BUSINESS_DAYS),
    rule_text=_("10 días hábiles después de la fecha del periodo"),
    basis=_("Calendario de la unidad que coordina el plan de acción"),
)
ANNUAL_REPORT = ReportKind(
    key="informe-anual",
    label=_("Informe anual de resultados"),
    rule=WithinFirstMonths(2),
    rule_text=_("Dentro del primer bimestre del año siguiente"),
    basis=_(
        "Numeral 28 de los Lineamientos para elaborar, dictaminar y dar "
        "seguimiento a los programas derivados del Plan Estatal de Desarrollo"
    ),
)
BUDGET_STATEMENT = ReportKind(
    key="estado-presupuestario",
    label=_("Estado presupuestario trimestral"),
    rule=NaturalDaysAfter(30),
    rule_text=_("30 días naturales después del cierre del trimestre"),
    basis=_("Ley General de Contabilidad Gubernamental, artículo 51"),
)
GRANT_REPORT = ReportKind(
    key="apoyo-informe",
    label=_("Informe de una organización apoyada"),
    rule=DueAsRecorded(),
    rule_text=_(
        "Según la convocatoria: primeros cinco días hábiles después del periodo "
        "(§4.6), o la lectura que la convocatoria elija, más su prórroga"
    ),
    basis=_("Reglas de Operación del Programa Peso por Peso, §3.7.2-15, §4.6 y §5"),
)
IMPROVEMENT_ASPECT = ReportKind(
    key="aspecto-mejora",
    label=_("Aspecto susceptible de mejora de una evaluación"),
    rule=DueAsRecorded(),
    rule_text=_("En la fecha compromiso del aspecto; se entrega al llegar al 100 %"),
    basis=_(
        "Reglamento de la Ley de Planeación, artículos 51 y 76: la dependencia "
        "evaluada atiende los aspectos que la evaluación encontró"
    ),
)

KINDS: tuple[ReportKind, ...] = (
    POA_QUARTER,
    INDICATOR_RESULT,
    COMMITMENT_REPORT,
    ANNUAL_REPORT,
    BUDGET_STATEMENT,
    GRANT_REPORT,
    IMPROVEMENT_ASPECT,
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}

# How each standing reads on a page, in the order pages list them.
STANDING_LABELS: dict[str, str | Promise] = {
    Standing.OVERDUE: _("Vencido sin entregar"),
    Standing.LATE: _("Entregado tarde"),
    Standing.ON_TIME: _("Entregado a tiempo"),
    Standing.DELIVERED: _("Entregado (sin fecha de entrega registrada)"),
    Standing.PENDING: _("Por vencer"),
}
