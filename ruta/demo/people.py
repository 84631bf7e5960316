"""Committees, their (fictitious) members and social aid for the demo (pure).

Member names are obviously invented ("Ana Ejemplo Muestra"), telephone
numbers are all zeros and e-mail addresses use the reserved example.org
domain: the demo must never look like a real person's data.

The 1,076 aids are split among the five concepts of the report's aid table
and each concept's amounts add up to the published figure to the centavo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ruta.demo.allocation import split
from ruta.demo.plan import Place, PlannedWork
from ruta.participation.models import MemberRole
from ruta.works.models import AidConcept
from ruta.works.rules import AIDS_TO_PERSONS

FIRST_NAMES = (
    "Ana",
    "Luis",
    "María",
    "José",
    "Rosa",
    "Jesús",
    "Carmen",
    "Francisco",
    "Guadalupe",
    "Manuel",
    "Lucía",
    "Ramón",
    "Elena",
    "Héctor",
    "Sofía",
    "Arturo",
)
FICTITIOUS_SURNAMES = ("Ejemplo", "Muestra", "Ficticio", "Demostración", "Prueba")
ROLES = (
    MemberRole.PRESIDENT,
    MemberRole.SECRETARY,
    MemberRole.TREASURER,
    MemberRole.COMPTROLLER,
    MemberRole.MEMBER,
)

# How the 1,076 aids of 2024 are spread over the concepts (the report gives
# only the amounts by concept and the total count).
AID_COUNTS = {
    AidConcept.PERSONS: 812,
    AidConcept.NONPROFITS: 64,
    AidConcept.DISASTERS: 121,
    AidConcept.NONPROFIT_DONATIONS: 41,
    AidConcept.GOVERNMENT_DONATIONS: 38,
}
AID_MINIMUM_CENTS = 50_000
AID_DESCRIPTIONS = {
    AidConcept.PERSONS: (
        "Material de construcción para mejoramiento de vivienda",
        "Apoyo para estudios médicos",
        "Apoyo para viaje a competencia deportiva",
        "Equipo para proyecto productivo de mujer emprendedora",
        "Carrito para venta de alimentos",
        "Equipo de panadería para negocio familiar",
        "Juguetes del Operativo Navideño",
        "Cenas navideñas para familias",
    ),
    AidConcept.NONPROFITS: (
        "Apoyo a asociación civil de atención a personas con discapacidad",
        "Equipamiento de dormitorios de internado",
        "Apoyo a banco de alimentos",
    ),
    AidConcept.DISASTERS: (
        "Tinacos para almacenamiento de agua potable",
        "Abastecimiento de agua potable en pipas",
        "Apoyo a familias afectadas por la sequía",
    ),
    AidConcept.NONPROFIT_DONATIONS: (
        "Donativo a institución de asistencia privada",
        "Donativo a asociación deportiva",
    ),
    AidConcept.GOVERNMENT_DONATIONS: (
        "Donación de ambulancia al municipio",
        "Donación de camión recolector de basura al municipio",
        "Donación de transporte escolar al municipio",
        "Donación de unidad de bomberos al municipio",
    ),
}
BENEFICIARY_RANGES = {
    AidConcept.PERSONS: (1, 6),
    AidConcept.NONPROFITS: (20, 400),
    AidConcept.DISASTERS: (5, 300),
    AidConcept.NONPROFIT_DONATIONS: (30, 600),
}


@dataclass(frozen=True)
class PlannedMember:
    full_name: str
    role: MemberRole
    phone: str
    email: str


@dataclass(frozen=True)
class PlannedAid:
    public_id: str
    concept: AidConcept
    description: str
    municipality: str
    amount: int
    beneficiaries: int | None
    granted_on: date


def committee_formed_on(work: PlannedWork, rng: random.Random) -> date:
    """Return a formation date after approval and before works start."""
    return work.extra["approved_on"] + timedelta(days=rng.randint(1, 15))


def members_of(serial: int, rng: random.Random) -> list[PlannedMember]:
    """Return four or five fictitious members for committee number ``serial``."""
    members = []
    for index, role in enumerate(ROLES[: rng.randint(4, 5)]):
        first, middle, last = (
            rng.choice(FIRST_NAMES),
            *rng.sample(FICTITIOUS_SURNAMES, 2),
        )
        number = serial * 10 + index
        members.append(
            PlannedMember(
                full_name=f"{first} {middle} {last}",
                role=role,
                phone=f"000 000 {number % 10000:04d}",
                email=f"integrante.{number:06d}@example.org",
            )
        )
    return members


def plan_aids(
    amounts: dict[str, int], places: list[Place], rng: random.Random, year: int
) -> list[PlannedAid]:
    """Return the demo aids; per concept they add up to ``amounts`` (centavos)."""
    aids: list[PlannedAid] = []
    weights = [place.population**0.5 for place in places]
    for concept, count in AID_COUNTS.items():
        parts = split(
            amounts[concept],
            [int(1000 * rng.lognormvariate(0, 0.8)) + 1 for _ in range(count)],
            AID_MINIMUM_CENTS,
        )
        low_high = BENEFICIARY_RANGES.get(concept)
        for amount in parts:
            aids.append(
                PlannedAid(
                    public_id=f"AYU-{year}-{len(aids) + 1:04d}",
                    concept=concept,
                    description=rng.choice(AID_DESCRIPTIONS[concept]),
                    municipality=rng.choices(places, weights=weights)[0].code,
                    amount=amount,
                    beneficiaries=rng.randint(*low_high) if low_high else None,
                    granted_on=date(year, 1, 1) + timedelta(days=rng.randint(0, 364)),
                )
            )
    return aids


# The sex of whoever received an aid to a person: more women, as the report
# says its aid favoured women entrepreneurs and heads of household.
AID_SEXES = ("M", "H", "X")
AID_SEX_WEIGHTS = (56, 43, 1)
# The age groups of whoever received an aid to a person: the report's aids
# favour children's studies and sport, women entrepreneurs and the elderly.
AID_AGES = ("0-17", "18-29", "30-59", "60+")
AID_AGE_WEIGHTS = (30, 20, 35, 15)


def aid_sexes(aids: list[PlannedAid], rng: random.Random) -> dict[str, str]:
    """Return the recipient's sex of each aid to a person, by its public id.

    Demonstration values; aids to institutions and municipalities have none.
    """
    return {
        aid.public_id: rng.choices(AID_SEXES, weights=AID_SEX_WEIGHTS)[0]
        for aid in aids
        if aid.concept in AIDS_TO_PERSONS
    }


def aid_ages(aids: list[PlannedAid], rng: random.Random) -> dict[str, str]:
    """Return the recipient's age group of each aid to a person, by public id.

    Demonstration values, drawn apart from the sexes so these stay as they were.
    """
    return {
        aid.public_id: rng.choices(AID_AGES, weights=AID_AGE_WEIGHTS)[0]
        for aid in aids
        if aid.concept in AIDS_TO_PERSONS
    }
