"""The timeliness of every agency's reports, published as an open dataset."""

from __future__ import annotations

from ruta.opendata.datasets import YEAR, Dataset, F
from ruta.timeliness.kinds import KINDS
from ruta.timeliness.rules import Standing
from ruta.timeliness.selectors import timeliness_rows

_KINDS = ", ".join(kind.key for kind in KINDS)
_STANDINGS = ", ".join(standing.value for standing in Standing)

TIMELINESS = Dataset(
    slug="puntualidad-informes",
    title="Puntualidad de los informes de cada dependencia",
    description=(
        "Cada informe que una dependencia debe entregar (avance trimestral del "
        "POA, resultados de indicadores, informes de compromisos de gobierno "
        "abierto, informe anual, estados presupuestarios, informes de las "
        "organizaciones apoyadas, aspectos susceptibles de mejora de las "
        "evaluaciones), cuándo vence según su regla en días hábiles "
        "de la instancia, cuándo se entregó y cuántos días de atraso lleva, al "
        "día del corte."
    ),
    keywords=("puntualidad", "informes", "plazos", "POA", "rendición de cuentas"),
    primary_key=("CLAVE",),
    rows=timeliness_rows,
    fields=(
        F(
            "CLAVE",
            "string",
            "Clave del informe: tipo, registro y periodo.",
            required=True,
        ),
        F("TIPO", "string", f"Tipo de informe: {_KINDS}.", required=True),
        F(
            "CVE_DEPENDENCIA",
            "string",
            "Clave de la dependencia que lo debe.",
            required=True,
        ),
        F("DEPENDENCIA", "string", "Nombre de la dependencia que lo debe."),
        F(
            "ASUNTO",
            "string",
            "Programa, indicador, compromiso, solicitud o aspecto de una "
            "evaluación del informe.",
        ),
        YEAR,
        F("PERIODO", "string", "Periodo que informa."),
        F("VENCE", "date", "Último día para entregarlo.", required=True),
        F(
            "ENTREGADO",
            "date",
            "Día en que se entregó en el sitio; vacío si falta o si lo cargó un "
            "documento sin fecha de entrega.",
        ),
        F(
            "SITUACION",
            "string",
            f"{_STANDINGS}: a tiempo, tarde, entregado sin fecha registrada, "
            "vencido sin entregar, por vencer.",
            required=True,
        ),
        F(
            "DIAS_ATRASO",
            "integer",
            "Días naturales después del vencimiento en que se entregó o que lleva "
            "sin entregarse; vacío si se entregó sin fecha registrada.",
        ),
        F(
            "CORTE",
            "date",
            "Día (zona horaria de la instancia) del cálculo.",
            required=True,
        ),
        F(
            "DEMOSTRACION",
            "boolean",
            "Sí cuando el registro del que viene es un dato de demostración.",
            required=True,
        ),
    ),
)
