"""The parts of a CECOP "Informe Anual de Resultados" written from structured data.

``render_report`` writes the text a PDF extraction of the report gives, with
the parts the CECOP reader (``ruta.ingest.cecop``) takes: the works tables
of both programs by subprogram and by region (with the financial structure
of the concerted program), the drought aid, the aid by concept, the
semáforo summary, copies of the indicator results, the indicator cards, and
sentences of prose stating figures the tables hold. Headings, column titles
and the words around a prose figure are the layout the reader depends on;
the rest of the wording is the project's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ruta.demo.documents.cecop_model import (
    DIRECTIONS,
    SUMMARY_COLUMNS,
    Indicator,
    Report,
    WorksLine,
    amount,
    total_line,
)
from ruta.demo.documents.cecop_prose import prose

# ---------------------------------------------------------------- tables


def structured_table(first: str, lines: Sequence[WorksLine]) -> list[str]:
    """Return a concerted-program table: two-line header, rows and Total."""
    header = [
        f"{first}\tNo. DE OBRA(S)\tESTRUCTURA FINANCIERA\t\t\t\tNo. BENEFICIARIOS",
        "\t\tINVERSIÓN TOTAL\tCECOP\tMUNICIPIO\tCOMUNIDAD\t",
    ]
    total = total_line(lines, "Total")
    rows = [_structured_row(line, "") for line in lines]
    return [*header, *rows, _structured_row(total, "$ ")]


def _structured_row(line: WorksLine, sign: str) -> str:
    money = (line.total, line.cecop, line.municipality, line.community)
    cells = [line.label, f"{line.works:,}"]
    cells += [f"{sign}{amount(value or Decimal(0))}" for value in money]
    return "\t".join([*cells, f"{line.beneficiaries:,}"])


def plain_table(first: str, lines: Sequence[WorksLine], sign: str = "$") -> list[str]:
    """Return an emergency-program table: works, CECOP investment, beneficiaries.

    ``sign`` is what the rows print before an amount; the TOTALES row
    always prints the peso sign.
    """
    header = f"{first}\tN° OBRAS\tINVERSION CECOP\tN° BENEFICIADOS"
    total = total_line(lines, "TOTALES")
    rows = [_plain_row(line, sign) for line in lines]
    return [header, *rows, _plain_row(total, "$")]


def _plain_row(line: WorksLine, sign: str) -> str:
    cells = (line.label, f"{line.works:,}", f"{sign}{amount(line.cecop)}")
    return "\t".join([*cells, f"{line.beneficiaries:,}"])


def _works_blocks(report: Report) -> list[list[str]]:
    """Return the works tables of both programs, each under its headings."""
    concerted, emergency = report.concerted, report.emergency
    return [
        [f"OBRAS REALIZADAS POR SUBPROGRAMA EN EL EJERCICIO {report.year}"],
        [concerted.heading],
        structured_table("SUBPROGRAMA", concerted.by_subprogram),
        ["Fuente: Dirección General de Concertación y Apoyo Técnico"],
        [emergency.heading],
        plain_table("SUBPROGRAMA DE OBRA CECOP", emergency.by_subprogram),
        [f"OBRAS REALIZADAS POR REGIÓN EN EL EJERCICIO {report.year}"],
        [concerted.heading],
        structured_table("REGIONES DEL PLAN ESTATAL", concerted.by_region),
        [emergency.heading],
        plain_table("REGIÓN DEL PLAN ESTATAL", emergency.by_region),
    ]


def drought_table(report: Report) -> list[str]:
    """Return the drought-emergency aid table with its total line."""
    total = sum((line.amount for line in report.drought), Decimal(0))
    rows = [
        f"{line.concept}\t{line.municipality}\t{amount(line.amount)}"
        for line in report.drought
    ]
    return [
        "AYUDAS PRIORITARIAS A MUNICIPIOS POR TEMA DE SEQUIA\t\t",
        "CONCEPTO\tMUNICIPIO\tINVERSIÓN ESTATAL (pesos)",
        *rows,
        f"\t\t$ {amount(total)}",
    ]


def aid_table(report: Report) -> list[str]:
    """Return the state's aid by spending concept with its Total row."""
    total = sum((line.amount for line in report.aid), Decimal(0))
    rows = [
        f"{number}\t{line.concept}\t{amount(line.amount)}"
        for number, line in enumerate(report.aid, start=1)
    ]
    return [
        f"Inversión Estatal Distribuida en Ayudas Diversas {report.year}",
        "No.\tConcepto\tInversión Estatal",
        *rows,
        f"Total\t\t{amount(total)}",
    ]


def summary_table(report: Report) -> list[str]:
    """Return the semáforo summary as the report prints it."""
    counts = report.summary_as_printed()
    return [
        "Número de Indicadores\tCon Avance\tSin Avance\tIgual\tSin Información",
        "\t".join(str(counts[name]) for name in SUMMARY_COLUMNS),
    ]


def results_table(report: Report, indicators: Sequence[Indicator]) -> list[str]:
    """Return a copy of the indicator results table, with the given rows."""
    years = [year for year, _ in report.indicators[0].results]
    header = [
        "Indicador",
        f"Línea base {report.baseline_year}",
        *(f"Resultado {year}" for year in years),
        "Fuente",
        "Semáforo (respecto a línea base) *",
    ]
    rows = [
        "\t".join(
            [
                indicator.name,
                indicator.baseline,
                *(text for _, text in indicator.results),
                indicator.source,
                "",
            ]
        )
        for indicator in indicators
    ]
    return ["\t".join(header), *rows]


def card_block(report: Report, indicator: Indicator) -> list[str]:
    """Return an indicator card ("Cédula de Indicadores") as the annex prints it."""
    card = indicator.card
    return [
        "Cédula de Indicadores\t\t\t",
        f"UNIDAD RESPONSABLE\t{card.responsible_unit}\t"
        f"UNIDAD EJECUTORA\t{card.executing_unit}",
        f"OBJETIVO\t{card.objective}\t\t",
        "Características\t\t\t",
        f"INDICADOR\t{indicator.name}\t\t",
        f"OBJETIVO DEL INDICADOR\t{card.indicator_objective}\t\t",
        f"DESCRIPCION GENERAL\t{card.description}\t\t",
        f"METODO DE CALCULO\t{card.method}\t\t",
        f"SENTIDO DEL INDICADOR\t{DIRECTIONS[card.direction]}\t\t",
        f"FRECUENCIA DE MEDICION\t{card.frequency}\t\t",
        f"FUENTE\t{card.source}\tUNIDAD DE MEDIDA\t{card.unit_of_measure}",
        f"REFERENCIA ADICIONAL\t{card.additional_reference}\t\t",
        f"Línea base {report.baseline_year}\t\tMeta {card.goal_year}\t",
        f"{card.baseline or indicator.baseline}\t\t{card.goal}\t",
    ]


# ---------------------------------------------------------------- document

ISSUER = ("GOBIERNO DE SONORA", "CONSEJO ESTATAL DE CONCERTACIÓN PARA LA OBRA PÚBLICA")
TITLE = "INFORME ANUAL DE RESULTADOS"


def render_report(report: Report) -> str:
    """Return the text of the report: blocks apart, tables tab-separated."""
    sentences = prose(report)
    indicators = report.indicators
    blocks = [
        [*ISSUER, TITLE, str(report.year)],
        [
            "Este informe da cuenta de las obras concertadas con los municipios, "
            "las obras de atención emergente y las ayudas que el Consejo "
            "entregó durante el año."
        ],
        *([sentence.text] for sentence in sentences.works),
        ["Resumen de Resultados de Indicadores:"],
        summary_table(report),
        ["Resultados de los Indicadores de los Objetivos"],
        results_table(report, indicators),
        *_works_blocks(report),
        results_table(report, indicators[:-1]),
        *([sentence.text] for sentence in sentences.aid),
        drought_table(report),
        ["Fuente: Consejo Estatal de Concertación para la Obra Pública"],
        aid_table(report),
        results_table(report, indicators[-1:]),
        ["ANEXOS", "INDICADORES"],
        *(card_block(report, indicator) for indicator in indicators),
    ]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
