"""The CECOP annual results report 2024 as published, contradictions included.

``published_report`` holds the report's figures as it prints them: the
tables of ``cecop_samples`` (which are the report's), and where the report
contradicts itself, the side it prints: the emergency program's 2024 result
of 43 works (its tables count 44), the committees' 87 % (671 committees per
656 works give 102.29 %), the aid card's baseline of 160 (its results table
prints 230), a semáforo summary of four advances (the results give two),
and an emergency region table that spells "TRES RIOS" without its accent.
``render_published`` writes it in the report's layout, with the prose of
``cecop_published_prose``: the CECOP reader finds in it what it finds in
the original, at the same tables and rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ruta.demo.documents import cecop_published_prose as prose
from ruta.demo.documents.cecop_model import Card, Indicator, ProgramWorks, Report
from ruta.demo.documents.cecop_report import (
    ISSUER,
    TITLE,
    aid_table,
    card_block,
    drought_table,
    plain_table,
    results_table,
    structured_table,
    summary_table,
)
from ruta.demo.documents.cecop_samples import (
    AID,
    CONCERTED,
    CONCERTED_REGIONS,
    CONCERTED_SUBPROGRAMS,
    DROUGHT,
    EMERGENCY,
    EMERGENCY_REGIONS,
    EMERGENCY_SUBPROGRAMS,
)

# The report's own spelling of its publisher on the cards, accent and all.
COUNCIL = "Consejo Estatal de Concertación de Obra Publica"
COUNCIL_ACCENTED = "Consejo Estatal de Concertación de Obra Pública"
OBJECTIVE_1 = (
    "Que la sociedad civil participe en obras que ayuden al desarrollo social y "
    "económico del Estado, concertadas con transparencia entre el Gobierno del "
    "Estado, los Ayuntamientos y los consejos municipales de concertación."
)
OBJECTIVE_2 = (
    "Estrechar la relación entre gobierno y población en las decisiones del "
    "programa estatal de participación social, con trabajo y responsabilidad "
    "compartidos."
)
ABSOLUTE = (
    "Medida absoluta: su número depende de las instrucciones del Ejecutivo y de "
    "las emergencias del año."
)

CARDS = (
    Card(
        responsible_unit=COUNCIL,
        executing_unit="Dirección Apoyo Técnico",
        objective=OBJECTIVE_1,
        indicator_objective="Saber qué parte de los proyectos aprobados con los "
        "72 municipios se cumplió conforme a su convenio de concertación.",
        description="Los proyectos se concertan con cada Ayuntamiento y se "
        "liberan sólo si cumplen cada lineamiento del convenio.",
        method="Total, de obras liberadas /total de obras aprobadas *100",
        source="Dirección de apoyo técnico CECOP",
        unit_of_measure="Porcentaje de obras liberadas",
        goal_year=2027,
        goal="70.29%",
    ),
    Card(
        responsible_unit=COUNCIL_ACCENTED,
        executing_unit="Dirección general de concertación y apoyo técnico",
        objective=OBJECTIVE_1,
        indicator_objective="Contar las obras que el CECOP contrata y ejecuta "
        "por sí mismo en los programas especiales del Estado (GSE).",
        description="Obra pública concertada que el CECOP ejecuta de manera "
        "directa, por medio de terceros.",
        method="Número de obras ejecutadas de manera directa por el CECOP a "
        "través de terceros del Programa Gestión",
        source="Dirección general de Concertación y apoyo técnico del CECOP",
        unit_of_measure="Obra",
        goal_year=2027,
        goal="43",
        additional_reference=ABSOLUTE,
    ),
    Card(
        responsible_unit=COUNCIL,
        executing_unit="Dirección General de Organización Social",
        objective=OBJECTIVE_2,
        indicator_objective="Saber si cada obra de cada municipio tiene su "
        "comité de participación social, capacitado en su taller.",
        description="Comités formados por cada obra realizada en el municipio.",
        method="Número de comités / total de obras *100",
        source="Dirección general de organización Social del CECOP",
        unit_of_measure="Porcentaje",
        goal_year=2027,
        goal="87%",
    ),
    Card(
        responsible_unit=COUNCIL,
        executing_unit="Coordinación General",
        objective=OBJECTIVE_2,
        indicator_objective="Contar las ayudas con que la Junta Estatal del "
        "programa atiende peticiones urgentes o de gran efecto, con perspectiva "
        "de género.",
        description="Ayudas sociales diversas otorgadas.",
        method="Número total de ayudas sociales diversas otorgadas, incluyendo "
        "el enfoque perspectiva de género",
        source="Dirección General de Organización Social",
        unit_of_measure="Solicitud",
        goal_year=2027,
        goal="1,076",
        additional_reference=ABSOLUTE,
        baseline="160",
    ),
)

INDICATORS = (
    Indicator(
        "Porcentaje en el cumplimiento de proyectos de obra realizados en "
        "concertación con los 72 Ayuntamientos del Estado",
        "90%",
        ((2022, "367%"), (2023, "100%"), (2024, "70.29%")),
        CARDS[0],
    ),
    Indicator(
        "Ejecutar obra pública concertada de manera directa por el CECOP del "
        "programa Gestión Emergente Transforma Sonora",
        "28",
        ((2022, "93"), (2023, "77"), (2024, "43")),
        CARDS[1],
    ),
    Indicator(
        "Porcentaje en la Conformación de comités ciudadanos de la Transformación",
        "90%",
        ((2022, "375.45%"), (2023, "101.5%"), (2024, "87%")),
        CARDS[2],
    ),
    Indicator(
        "Otorgamiento de Ayudas Sociales Diversas",
        "230",
        ((2022, "239"), (2023, "644"), (2024, "1,076")),
        CARDS[3],
    ),
)

# The emergency program's region table as printed: "TRES RIOS", no accent.
EMERGENCY_REGIONS_PRINTED = (
    *EMERGENCY_REGIONS[:-1],
    replace(EMERGENCY_REGIONS[-1], label="TRES RIOS"),
)


def published_report() -> Report:
    """Return the 2024 report's figures as it prints them."""
    return Report(
        year=2024,
        baseline_year=2021,
        concerted=ProgramWorks(CONCERTED, CONCERTED_SUBPROGRAMS, CONCERTED_REGIONS),
        emergency=ProgramWorks(
            EMERGENCY, EMERGENCY_SUBPROGRAMS, EMERGENCY_REGIONS_PRINTED
        ),
        drought=DROUGHT,
        aid=AID,
        indicators=INDICATORS,
        committees=671,
        aid_count=1076,
        printed_summary=(4, 4, 0, 0, 0),
    )


# ---------------------------------------------------------------- layout

# The tables the reader does not take in are part of the report too: one of
# them, so the import lists it as not read.
CHILDREN_TABLE = (
    "PROGRAMA\tACCIÓN\tEDADES\tINVERSIÓN 2024 (mdp)\tFUENTE",
    "AYUDAS DIVERSAS, CAPÍTULO 4000\tApoyos para estudiar, viajar, "
    "atender la salud y equipar el Internado Cruz Gálvez\t0 A 17\t4.7\t"
    "RECURSOS ESTATALES",
    "GESTIÓN EMERGENTE TRANSFORMA SONORA\tEscuelas de educación básica\t"
    "4 A 15\t7.1\tRECURSOS ESTATALES",
    "GESTIÓN EMERGENTE TRANSFORMA SONORA\tPlanteles de bachillerato\t14 A 17\t"
    "9.6\tRECURSOS ESTATALES",
    "GESTIÓN EMERGENTE TRANSFORMA SONORA\tPlazas, unidades deportivas y "
    "parques\t0 A 17\t52.1\tRECURSOS ESTATALES",
    "TRANSFORMA SONORA EN APOYO A LOS MUNICIPIOS\tEscuelas de educación "
    "básica\t4 A 15\t16.9\tRECURSOS ESTATALES",
    "TRANSFORMA SONORA EN APOYO A LOS MUNICIPIOS\tPlanteles de educación "
    "media superior\t14 A 17\t3.8\tRECURSOS ESTATALES",
    "TRANSFORMA SONORA EN APOYO A LOS MUNICIPIOS\tParques, plazas e "
    "instalaciones deportivas\t0 A 17\t22.5\tRECURSOS ESTATALES",
)
SOURCE_TECHNICAL = "Fuente: Dirección General de Concertación y Apoyo Técnico"


def _paragraphs(lines: Sequence[str]) -> list[list[str]]:
    return [[line] for line in lines]


def _works_blocks(report: Report) -> list[list[str]]:
    """Return both programs' works tables under the report's headings."""
    concerted, emergency = report.concerted, report.emergency
    by_subprogram = "OBRAS REALIZADAS POR SUB-PROGRAMAS E INVERSION DEL EJERCICIO"
    return [
        [f"{by_subprogram} {report.year}"],
        [concerted.heading],
        structured_table("SUBPROGRAMA", concerted.by_subprogram),
        [SOURCE_TECHNICAL],
        [emergency.heading],
        plain_table("SUBPROGRAMA DE OBRA CECOP", emergency.by_subprogram),
        [f"{SOURCE_TECHNICAL} del CECOP"],
        [f"OBRAS REALIZADAS POR REGIONES EN EL EJERCICIO {report.year}"],
        [concerted.heading],
        structured_table("REGIONES PLAN ESTATAL DE DESARROLLO", concerted.by_region),
        [f"{SOURCE_TECHNICAL} del CECOP"],
        # The report prints this heading cut short.
        [emergency.heading.removesuffix(" Sonora")],
        plain_table("REGION ESTATAL DE DESARROLLO", emergency.by_region, sign=""),
        [f"{SOURCE_TECHNICAL} del CECOP"],
    ]


def render_published(report: Report) -> str:
    """Return the text of the report in the published report's layout."""
    indicators = report.indicators
    blocks = [
        [*ISSUER, TITLE, str(report.year)],
        *_paragraphs(prose.INTRODUCTION),
        *_paragraphs(prose.SUMMARY),
        *_paragraphs(prose.HIGHLIGHTS),
        *_paragraphs(prose.BUDGET),
        ["Resumen de Resultados de Indicadores:"],
        summary_table(report),
        ["Resultados de los Indicadores de los Objetivos"],
        results_table(report, indicators),
        ["*Verde: Avance; Amarillo: igual; Rojo: Retroceso"],
        *_paragraphs(prose.OBJECTIVE_1),
        *_paragraphs(prose.TABLES_INTRODUCTION),
        *_works_blocks(report),
        results_table(report, indicators[:-1]),
        *_paragraphs(prose.OBJECTIVE_2),
        *_paragraphs(prose.DROUGHT_HEADING),
        drought_table(report),
        ["Fuente: Consejo Estatal de Concertación para la Obra Pública"],
        *_paragraphs(prose.AFTER_DROUGHT),
        aid_table(report),
        ["Fuente: Departamento de Ayudas Diversas del CECOP"],
        results_table(report, indicators[-1:]),
        *_paragraphs(prose.SPECIAL_PROGRAMS),
        list(CHILDREN_TABLE),
        *_paragraphs(prose.PROJECTS),
        ["XI. ANEXOS", "INDICADORES"],
        *(card_block(report, indicator) for indicator in indicators),
    ]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
