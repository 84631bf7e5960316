"""A CECOP annual report with the figures of the 2024 seed, made consistent.

Every table figure is the seed's: works by subprogram and by region of both
programs, the drought aid, the aid by concept, the indicators' baselines and
results. Where the seed contradicts itself the sample keeps one side so that
a consistent report gives no finding: the emergency program's 2024 result
is its table's 44 works (the seed prints 43), the committees' result is 671
committees per 656 works (the seed prints 87%), the aid card's baseline is
the results table's 230 (the card prints 160), and the semáforo summary is
computed. Cards and prose are worded by the project.
"""

from __future__ import annotations

from decimal import Decimal

from ruta.demo.documents.cecop_model import (
    AidLine,
    Card,
    DroughtLine,
    Indicator,
    ProgramWorks,
    Report,
    WorksLine,
)

D = Decimal
CONCERTED = "Programa Transforma Sonora en Apoyo a los Municipios"
EMERGENCY = "Programa Gestión Emergente Transforma Sonora"
COUNCIL = "Consejo Estatal de Concertación para la Obra Pública"


def _structured(label: str, works: int, money: str, beneficiaries: int) -> WorksLine:
    cecop, municipality, community = (D(part) for part in money.split())
    return WorksLine(label, works, cecop, beneficiaries, municipality, community)


CONCERTED_SUBPROGRAMS = (
    _structured("PAVIMENTACIÓN", 55, "16383794.36 2117994.82 1432839.46", 61383),
    _structured(
        "MEJORAMIENTO DE EDIFICIOS ESCOLARES",
        80,
        "21222984.34 4326111.61 3923921.94",
        35664,
    ),
    _structured(
        "INSTALACIONES DEPORTIVAS", 76, "18175770.52 3037160.64 2303681.24", 156247
    ),
    _structured("AGUA POTABLE", 6, "1063125.74 162117.42 139000.72", 6413),
    _structured("ALUMBRADO PÚBLICO", 22, "3852571.38 599387.79 450880.72", 15840),
    _structured("ELECTRIFICACIÓN", 17, "3444413.84 514419.53 477040.77", 2640),
    _structured(
        "PARQUES Y ÁREAS VERDES", 93, "22565109.75 3536967.03 2508439.91", 96639
    ),
    _structured("MEJORAMIENTO AMBIENTAL", 5, "606238.70 68674.96 50964.62", 6353),
    _structured("CENTROS DE SALUD", 9, "1043731.71 148108.19 129977.34", 9337),
    _structured(
        "MEJORAMIENTO DE EDIFICIOS PÚBLICOS",
        188,
        "43991573.35 7290869.96 6665916.54",
        143083,
    ),
    _structured(
        "GUARNICIONES Y BANQUETAS", 25, "4632691.34 673279.15 522805.79", 31011
    ),
    _structured("ALCANTARILLADO", 21, "4955886.77 909857.10 878925.87", 4659),
    _structured("SEÑALAMIENTOS VIALES", 15, "2748506.65 287395.36 234668.13", 23802),
)
CONCERTED_REGIONS = (
    _structured("ALTO GOLFO", 55, "13379524.45 2709954.34 2689997.07", 42323),
    _structured("CAPITAL", 46, "11746154.86 2517032.37 2517027.89", 14056),
    _structured("CUATRO SIERRAS", 45, "11121771.36 2106223.95 1965734.40", 30116),
    _structured("FRONTERA", 26, "7855804.92 1495442.78 1342468.91", 21811),
    _structured("GRAN DESIERTO", 92, "20870537.19 3100651.76 3100648.84", 107832),
    _structured("PUERTO", 62, "13833338.78 3669517.31 1061875.90", 108934),
    _structured("RÍO MAYO", 100, "22497692.51 2915900.64 2586375.30", 138275),
    _structured("RÍO YAQUI", 49, "12039809.77 2036512.45 2036512.29", 18935),
    _structured("SIERRA ALTA", 54, "12606876.45 1254608.12 970977.16", 67739),
    _structured("TRES RÍOS", 83, "18734888.16 1866499.84 1447445.29", 43050),
)
EMERGENCY_SUBPROGRAMS = (
    WorksLine("PAVIMENTACIÓN", 3, D("12956590.85"), 693),
    WorksLine("MEJORAMIENTO DE EDIFICIOS ESCOLARES", 10, D("27532639.48"), 12953),
    WorksLine("INSTALACIONES DEPORTIVAS", 13, D("45865381.08"), 56821),
    WorksLine("ELECTRIFICACIÓN", 1, D("1248817.27"), 9200),
    WorksLine("PARQUES Y ÁREAS VERDES", 7, D("32173060.25"), 107896),
    WorksLine("CENTROS DE SALUD", 1, D("3220100.72"), 116),
    WorksLine("MEJORAMIENTO DE EDIFICIOS PÚBLICOS", 7, D("18050263.96"), 878875),
    WorksLine("GUARNICIONES Y BANQUETAS", 1, D("314595.46"), 450),
    WorksLine("ALCANTARILLADO", 1, D("2735518.11"), 711),
)
EMERGENCY_REGIONS = (
    WorksLine("ALTO GOLFO", 1, D("5675973.61"), 1098),
    WorksLine("CAPITAL", 18, D("51022585.42"), 900562),
    WorksLine("CUATRO SIERRAS", 3, D("26555109.44"), 119200),
    WorksLine("GRAN DESIERTO", 3, D("4947364.60"), 9555),
    WorksLine("PUERTO", 3, D("13721598.95"), 7341),
    WorksLine("RÍO MAYO", 6, D("25055071.38"), 11192),
    WorksLine("RÍO YAQUI", 5, D("8936427.88"), 7254),
    WorksLine("SIERRA ALTA", 3, D("5349834.86"), 2817),
    WorksLine("TRES RÍOS", 2, D("2833001.04"), 8696),
)
DROUGHT = (
    DroughtLine(
        "REHABILITACION DE COLECTOR PRINCIPAL PARA SISTEMA DE AGUAS NEGRAS",
        "URES",
        D("576397.04"),
    ),
    DroughtLine(
        "27 TINACOS PARA ALMACENAMIENTO DE AGUA POTABLE", "BACERAC", D("125000.00")
    ),
    DroughtLine("CONDUCCION DE AGUA POTABLE", "QUIRIEGO", D("357141.00")),
    DroughtLine(
        "CONSTRUCCION DE RED DE AGUA POTABLE EN LOCALIDAD RIO CHICO",
        "ROSARIO TESOPACO",
        D("509260.05"),
    ),
    DroughtLine("BOMBA SUMERGIBLE PARA POZO", "CUMPAS", D("150000.00")),
    DroughtLine("MEJORA PARA PUENTE COLGANTE", "GRANADOS", D("370000.00")),
    DroughtLine("65 TINACOS PARA NACUZARI", "NACUZARI", D("300000.00")),
    DroughtLine("CONSTRUCCION DE LAGUNA DE OXIDACION", "BANAMICHI", D("400000.00")),
    DroughtLine("2 TINACOS DE 10,000 LTS", "BANAMICHI", D("100000.00")),
    DroughtLine("PANELES SOLARES PARA POZO", "ARIZPE", D("27900.00")),
    DroughtLine(
        "EQUIPAMIENTO PARA POZO DE AGUA POTABLE", "SAN FELIPE DE JESUS", D("117644.05")
    ),
    DroughtLine(
        "REHABILITACION DE LA RED DE AGUA POTABLE", "SUAQUI GRANDE", D("2421774.72")
    ),
)
AID = (
    AidLine("Ayudas sociales a personas", D("25528639.62")),
    AidLine("Ayudas sociales a instituciones sin fines de lucro", D("22527849.62")),
    AidLine("Ayudas por desastres naturales y otros siniestros", D("17476769.43")),
    AidLine("Donativos a instituciones sin fines de lucro", D("29145680.00")),
    AidLine("Donativos a entidades federativas o municipios", D("16973218.90")),
)


def _card(executing_unit: str, method: str, unit: str, goal: str) -> Card:
    return Card(
        responsible_unit=COUNCIL,
        executing_unit=executing_unit,
        objective="Que la sociedad participe en obras concertadas con el Estado "
        "y los municipios.",
        indicator_objective="Medir cada año lo que el indicador mide, contra la "
        "línea base.",
        description="Se calcula con los registros de obra y de apoyos del Consejo.",
        method=method,
        source="Dirección General de Concertación y Apoyo Técnico del CECOP",
        unit_of_measure=unit,
        goal_year=2027,
        goal=goal,
    )


INDICATORS = (
    Indicator(
        "Porcentaje en el cumplimiento de proyectos de obra realizados en "
        "concertación con los 72 Ayuntamientos del Estado",
        "90%",
        ((2022, "367%"), (2023, "100%"), (2024, "70.29%")),
        _card(
            "Dirección de Apoyo Técnico",
            "Obras liberadas / obras aprobadas * 100",
            "Porcentaje de obras liberadas",
            "70.29%",
        ),
    ),
    Indicator(
        "Ejecutar obra pública concertada de manera directa por el CECOP del "
        "programa Gestión Emergente Transforma Sonora",
        "28",
        ((2022, "93"), (2023, "77"), (2024, "44")),
        _card(
            "Dirección General de Concertación y Apoyo Técnico",
            "Número de obras ejecutadas de manera directa por el CECOP a través de "
            "terceros del Programa Gestión Emergente",
            "Obra",
            "43",
        ),
    ),
    Indicator(
        "Porcentaje en la Conformación de comités ciudadanos de la Transformación",
        "90%",
        ((2022, "375.45%"), (2023, "101.5%"), (2024, "102.29%")),
        _card(
            "Dirección General de Organización Social",
            "Número de comités / total de obras * 100",
            "Porcentaje",
            "87%",
        ),
    ),
    Indicator(
        "Otorgamiento de Ayudas Sociales Diversas",
        "230",
        ((2022, "239"), (2023, "644"), (2024, "1,076")),
        _card(
            "Coordinación General",
            "Número total de ayudas sociales diversas otorgadas en el año",
            "Solicitud",
            "1,076",
        ),
    ),
)


def sample_report() -> Report:
    """Return the 2024 report with the seed's figures."""
    return Report(
        year=2024,
        baseline_year=2021,
        concerted=ProgramWorks(CONCERTED, CONCERTED_SUBPROGRAMS, CONCERTED_REGIONS),
        emergency=ProgramWorks(EMERGENCY, EMERGENCY_SUBPROGRAMS, EMERGENCY_REGIONS),
        drought=DROUGHT,
        aid=AID,
        indicators=INDICATORS,
        committees=671,
        aid_count=1076,
    )
