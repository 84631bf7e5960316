"""Plausible names for generated demo works, by subprogram.

Names follow the way the report describes works ("Rehabilitación de …",
"Construcción de …"); streets and schools are common Mexican names, not
real addresses.
"""

from __future__ import annotations

import random

STREETS = (
    "Hidalgo",
    "Juárez",
    "Morelos",
    "Guerrero",
    "Allende",
    "Obregón",
    "Madero",
    "Zaragoza",
    "Revolución",
    "Reforma",
    "Independencia",
    "Sonora",
    "Yáñez",
    "Pesqueira",
    "Serdán",
)

SCHOOLS = (
    "Escuela Primaria Benito Juárez",
    "Escuela Primaria Miguel Hidalgo",
    "Escuela Secundaria Técnica",
    "Jardín de Niños Rosaura Zapata",
    "Escuela Primaria Josefa Ortiz de Domínguez",
    "Telebachillerato Comunitario",
    "Escuela Primaria Emiliano Zapata",
    "CECyTES plantel",
)

TEMPLATES: dict[str, tuple[str, ...]] = {
    "pavimentacion": (
        "Pavimentación con concreto hidráulico de calle {street}",
        "Pavimentación con carpeta asfáltica de calle {street}",
        "Rehabilitación de pavimento en calle {street}",
    ),
    "mejoramiento-edificios-escolares": (
        "Construcción de tejabán en {school}",
        "Rehabilitación de aulas en {school}",
        "Rehabilitación de sanitarios en {school}",
        "Impermeabilización de edificios en {school}",
    ),
    "instalaciones-deportivas": (
        "Rehabilitación de cancha de usos múltiples",
        "Construcción de tejabán en cancha deportiva",
        "Rehabilitación de campo de béisbol",
        "Rehabilitación de unidad deportiva municipal",
    ),
    "agua-potable": (
        "Rehabilitación de red de agua potable en calle {street}",
        "Equipamiento de pozo de agua potable",
        "Construcción de tanque elevado de agua potable",
    ),
    "alumbrado-publico": (
        "Instalación de alumbrado público con luminarias LED en calle {street}",
        "Rehabilitación de alumbrado público del bulevar {street}",
    ),
    "electrificacion": (
        "Ampliación de red eléctrica en calle {street}",
        "Electrificación de vivienda en colonia {street}",
    ),
    "parques-areas-verdes": (
        "Rehabilitación de plaza pública",
        "Rehabilitación de parque en colonia {street}",
        "Construcción de área verde y andadores en colonia {street}",
    ),
    "mejoramiento-ambiental": (
        "Reforestación y sistema de riego en colonia {street}",
        "Construcción de centro de acopio de residuos",
    ),
    "centros-salud": (
        "Rehabilitación de centro de salud",
        "Ampliación de casa de salud",
    ),
    "mejoramiento-edificios-publicos": (
        "Rehabilitación de palacio municipal",
        "Rehabilitación de centro comunitario",
        "Rehabilitación de mercado municipal",
        "Rehabilitación de salón de usos múltiples",
        "Construcción de tejabán en centro comunitario",
    ),
    "guarniciones-banquetas": (
        "Construcción de guarniciones y banquetas en calle {street}",
        "Rehabilitación de banquetas en calle {street}",
    ),
    "alcantarillado": (
        "Rehabilitación de red de alcantarillado en calle {street}",
        "Construcción de colector de aguas residuales",
    ),
    "senalamientos-viales": (
        "Instalación de señalamiento vial en calle {street}",
        "Balizamiento y señalización del bulevar {street}",
    ),
}


def work_title(subprogram: str, locality: str, rng: random.Random) -> str:
    """Return a work name for ``subprogram`` placed in ``locality``."""
    template = rng.choice(TEMPLATES[subprogram])
    name = template.format(street=rng.choice(STREETS), school=rng.choice(SCHOOLS))
    return f"{name}, {locality}"
