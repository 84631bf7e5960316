"""Works the 2024 report names in its prose, placed in the demo tables.

The prose gives amounts in millions of pesos cut (not rounded) to one
decimal ("5.6 mdp" for the cancha whose cell in the region table is
$5,675,973.61), so each amount below is one that the prose's figure is a
cut of, chosen so that the subprogram and region margins still hold.

Where the prose and the tables disagree the tables win: the prose says the
Ángel Castro sports unit in Empalme benefits "más de 8,400" people, but the
Puerto region of the Gestión Emergente table has 7,341 beneficiaries across
its three works, so the demo gives that work 6,900. The market works of
Hermosillo (59.9 mdp accumulated) and Navojoa (10.2 mdp) do not fit the 2024
Gestión Emergente margins of their regions and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ruta.works.published import GSE


@dataclass(frozen=True)
class NamedWork:
    """A work named in the report, with the cell it belongs to."""

    program: str
    subprogram: str
    region: str
    municipality: str
    locality: str
    title: str
    amount: Decimal
    beneficiaries: int
    line: int


NAMED_WORKS_2024: tuple[NamedWork, ...] = (
    NamedWork(
        GSE,
        "pavimentacion",
        "RIO MAYO",
        "26003",
        "El Paso",
        "Pavimentación con concreto hidráulico de vado en el acceso principal "
        "a la comunidad de El Paso",
        Decimal("6128440.17"),
        420,
        282,
    ),
    NamedWork(
        GSE,
        "mejoramiento-edificios-escolares",
        "RIO YAQUI",
        "26018",
        "Estación Corral",
        "Rehabilitación de aulas del Telebachillerato Comunitario de Estación Corral",
        Decimal("3942087.66"),
        400,
        282,
    ),
    NamedWork(
        GSE,
        "instalaciones-deportivas",
        "ALTO GOLFO",
        "26055",
        "Golfo de Santa Clara",
        "Rehabilitación de la cancha de futbol soccer con pasto sintético "
        "del Golfo de Santa Clara",
        Decimal("5675973.61"),
        1098,
        282,
    ),
    NamedWork(
        GSE,
        "parques-areas-verdes",
        "RIO MAYO",
        "26026",
        "Etchojoa",
        "Construcción de tejabán en la plaza pública de Etchojoa",
        Decimal("9731502.38"),
        9831,
        284,
    ),
    NamedWork(
        GSE,
        "mejoramiento-edificios-escolares",
        "CAPITAL",
        "26030",
        "Hermosillo",
        "Construcción de tejabán en la cancha de la Escuela Primaria José Vasconcelos",
        Decimal("3512884.20"),
        1180,
        286,
    ),
    NamedWork(
        GSE,
        "mejoramiento-edificios-escolares",
        "CAPITAL",
        "26030",
        "Hermosillo",
        "Construcción de tejabán en la cancha cívica del COBACH plantel Hermosillo",
        Decimal("3604117.35"),
        4020,
        286,
    ),
    NamedWork(
        GSE,
        "mejoramiento-edificios-escolares",
        "CAPITAL",
        "26030",
        "Hermosillo",
        "Construcción de tejabán en la cancha deportiva de la Escuela Secundaria "
        "General 12 «Nicolás Cedano Torres»",
        Decimal("3421390.08"),
        2730,
        286,
    ),
    NamedWork(
        GSE,
        "pavimentacion",
        "CAPITAL",
        "26030",
        "Colonia Internacional, Hermosillo",
        "Pavimentación de la avenida Profra. Rosario P. de Carpio, "
        "colonia Internacional",
        Decimal("4936218.54"),
        180,
        288,
    ),
    NamedWork(
        GSE,
        "instalaciones-deportivas",
        "CAPITAL",
        "26030",
        "Colonia Coloso, Hermosillo",
        "Rehabilitación general de la unidad deportiva «Plutarco Elías Calles»",
        Decimal("6347205.90"),
        24600,
        288,
    ),
    NamedWork(
        GSE,
        "mejoramiento-edificios-escolares",
        "RIO MAYO",
        "26033",
        "Huatabampo",
        "Construcción de tejabán y cancha multifuncional en la Universidad "
        "Pedagógica Nacional, subsede Huatabampo",
        Decimal("4518663.02"),
        326,
        290,
    ),
    NamedWork(
        GSE,
        "instalaciones-deportivas",
        "PUERTO",
        "26025",
        "Empalme",
        "Rehabilitación general de la unidad deportiva Ángel Castro",
        Decimal("8642918.47"),
        6900,
        292,
    ),
)
