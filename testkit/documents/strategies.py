"""Hypothesis strategies for the project's documents: TMM-F004 forms, CECOP reports.

A TMM-F004 document's forms share one plan, as a municipality's do: a code
names the same ramo, finalidad, eje or línea de acción on every form.
Descriptions, units and persons come from short lists of the project's own
wording, each description unlike the others, so a goal can be told by its
words. A CECOP report's works are drawn as groups (a subprogram in a
region), so its two tables of a program add up to the same totals.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import strategies as st

from ruta.demo.documents.cecop_model import (
    AidLine,
    ProgramWorks,
    Report,
    WorksLine,
)
from ruta.demo.documents.cecop_samples import sample_report
from ruta.demo.documents.tmm_f004 import Coded, Form, Goal, Quarter, Signatures

DESCRIPTIONS = (
    "Rendir cada trimestre el informe del estado que guarda la entidad.",
    "Firmar convenios con universidades para prácticas profesionales.",
    "Sesionar con el comité de transparencia según su reglamento.",
    "Levantar el inventario físico de bienes muebles e inmuebles.",
    "Actualizar los manuales de organización y de procedimientos.",
    "Entregar despensas a familias afectadas por las lluvias.",
    "Impartir talleres de oficios en los centros comunitarios.",
    "Supervisar en campo el avance de cada obra aprobada.",
    "Publicar en el portal la información de interés público.",
    "Reforestar camellones y parques con vecinos voluntarios.",
    "Atender por teléfono los reportes ciudadanos de alumbrado.",
    "Capacitar al personal en primeros auxilios y protección civil.",
)
UNITS = ("Informe", "Convenio", "Sesión", "Inventario", "Manual", "Despensa")
UNITS += ("Taller", "Supervisión", "Publicación", "Jornada", "Reporte", "Curso")
OBSERVATIONS = (
    "La demanda del último trimestre superó lo previsto.",
    "Parte de las acciones se reprogramó para el siguiente ejercicio.",
    "El proveedor entregó tarde los materiales del tercer trimestre.",
    "Se sumaron dependencias que no estaban en el programa original.",
)
PERSONS = (
    "ROSA ELENA QUIÑÓNEZ VALDÉS",
    "MARTÍN ALBERTO SALCIDO RÍOS",
    "LUCÍA FERNANDA OCHOA BELTRÁN",
    "JAVIER ERNESTO CASTAÑEDA LUNA",
    "PAULINA ISABEL NAVARRO ZAZUETA",
    "HÉCTOR DANIEL MONTAÑO FÉLIX",
)
UNIT_NAMES = (
    "DIRECCIÓN GENERAL",
    "DEPARTAMENTO DE ADMINISTRACIÓN Y FINANZAS",
    "DEPARTAMENTO DE PARTICIPACIÓN SOCIAL",
    "DEPARTAMENTO TÉCNICO DE OBRAS",
)
PROGRAMS = (
    Coded("511", "GESTIÓN ADMINISTRATIVA"),
    Coded("542", "VINCULACIÓN SOCIAL PARA EL DESARROLLO COMUNITARIO"),
    Coded("563", "MANTENIMIENTO DE ESPACIOS PÚBLICOS"),
)
RAMO = Coded("54", "BIENESTAR SOCIAL MUNICIPAL (BISOM)")
FINALIDAD = Coded("2", "DESARROLLO SOCIAL")
FUNCION = Coded("2", "VIVIENDA Y SERVICIOS A LA COMUNIDAD")
SUBFUNCION = Coded("7", "DESARROLLO COMUNITARIO")
EJES = (
    Coded("1", "CIUDAD SEGURA Y EN PAZ"),
    Coded("2", "BIENESTAR PARA TODOS"),
    Coded("3", "MEXICALI CRECE"),
    Coded("4", "GOBERNAR PARA SERVIR"),
)
LINES = (
    Coded("2.1.1", "DIAGNÓSTICO DE POBLACIÓN VULNERABLE"),
    Coded("2.1.5", "APOYOS A POBLACIÓN EN POBREZA EXTREMA"),
    Coded("2.4.1", "INFRAESTRUCTURA PARA EL DESARROLLO HUMANO"),
    Coded("3.8.4", "PROGRAMA DE ÁREAS VERDES Y FORESTACIÓN"),
    Coded("4.3.2", "ATENCIÓN A LAS SOLICITUDES DE INFORMACIÓN"),
    Coded("4.6.1", "MESURA EN EL EJERCICIO DE LOS RECURSOS"),
)

counts = st.integers(min_value=1, max_value=2_000)
blank_or_count = st.none() | st.integers(min_value=0, max_value=2_000)


@st.composite
def quarter(draw: st.DrawFn, regular: bool) -> Quarter:
    """Return a quarter: programmed (or blank) and achieved (or blank).

    A ``regular`` quarter achieves only what was programmed for it: a blank
    programmed cell has a blank achieved cell.
    """
    programmed = draw(st.none() | counts)
    if regular and programmed is None:
        return None, None
    return programmed, draw(blank_or_count)


@st.composite
def goal(
    draw: st.DrawFn,
    number: int,
    description: str,
    lines: tuple[Coded, ...],
    regular: bool = False,
) -> Goal:
    """Return a goal; its target is Σ programmed three times in four.

    A ``regular`` goal keeps the form's rules: Σ programmed is the target,
    and no quarter achieves with nothing programmed.
    """
    found = [draw(quarter(regular)) for _ in range(4)]
    quarters_ = (found[0], found[1], found[2], found[3])
    programmed = sum(p for p, _ in quarters_ if p)
    summed = (regular or draw(st.integers(0, 3)) > 0) and programmed > 0
    codes = draw(st.lists(st.sampled_from(lines), unique=True, max_size=3))
    return Goal(
        number=number,
        description=description,
        unit=draw(st.sampled_from(UNITS)),
        target=programmed if summed else draw(counts),
        quarters=quarters_,
        lines=tuple(line.code for line in sorted(codes, key=LINES.index)),
        observation=draw(st.sampled_from(("", "", *OBSERVATIONS))),
    )


@st.composite
def form(draw: st.DrawFn, position: int, unit_name: str, regular: bool) -> Form:
    """Return the form of the ``position``-th unit of the document."""
    ejes = draw(st.lists(st.sampled_from(EJES), min_size=1, max_size=3, unique=True))
    lines = draw(st.lists(st.sampled_from(LINES), min_size=1, max_size=4, unique=True))
    lines.sort(key=LINES.index)
    size = draw(st.integers(1, 5))
    texts = draw(st.permutations(DESCRIPTIONS))[:size]
    base = (position + 1) * 100
    return Form(
        ramo=RAMO,
        program=draw(st.sampled_from(PROGRAMS)),
        unit=Coded(f"54{position + 1:03d}", unit_name),
        finalidad=FINALIDAD,
        funcion=FUNCION,
        subfuncion=SUBFUNCION,
        ejes=tuple(sorted(ejes, key=EJES.index)),
        lines=tuple(lines),
        goals=tuple(
            draw(goal(base + i, text, tuple(lines), regular))
            for i, text in enumerate(texts)
        ),
        signatures=Signatures(*draw(st.permutations(PERSONS))[:3]),
    )


@st.composite
def poa_documents(
    draw: st.DrawFn, max_forms: int = 3, regular: bool = False
) -> tuple[Form, ...]:
    """Return the forms of one document: one to ``max_forms`` units."""
    size = draw(st.integers(1, max_forms))
    return tuple(draw(form(i, UNIT_NAMES[i], regular)) for i in range(size))


# ---------------------------------------------------------------- CECOP

money = st.decimals(min_value=0, max_value=30_000_000, places=2)


@st.composite
def _works(draw: st.DrawFn, sample: ProgramWorks, structured: bool) -> ProgramWorks:
    """Return a program's works: groups of one subprogram in one region."""
    subprograms = [line.label for line in sample.by_subprogram]
    regions = [line.label for line in sample.by_region]
    groups = draw(
        st.lists(
            st.tuples(
                st.sampled_from(subprograms),
                st.sampled_from(regions),
                st.integers(1, 120),
                st.tuples(money, money, money),
                st.integers(0, 200_000),
            ),
            min_size=1,
            max_size=12,
        )
    )
    return replace(
        sample,
        by_subprogram=_grouped(groups, 0, subprograms, structured),
        by_region=_grouped(groups, 1, regions, structured),
    )


def _grouped(
    groups: list, at: int, order: list[str], structured: bool
) -> tuple[WorksLine, ...]:
    """Return the groups added up by subprogram (``at`` 0) or region (1)."""
    lines = []
    for label in order:
        mine = [group for group in groups if group[at] == label]
        if not mine:
            continue
        cecop, municipality, community = (
            sum((group[3][i] for group in mine), Decimal(0)) for i in range(3)
        )
        lines.append(
            WorksLine(
                label=label,
                works=sum(group[2] for group in mine),
                cecop=cecop,
                beneficiaries=sum(group[4] for group in mine),
                municipality=municipality if structured else None,
                community=community if structured else None,
            )
        )
    return tuple(lines)


def _consistent_indicators(report: Report) -> Report:
    """Return ``report`` with the results its own tables and prose compute.

    The emergency program's result is its works; the committees' result is
    committees per 100 works of both programs, to two decimals.
    """
    works = [
        sum(line.works for line in program.by_subprogram)
        for program in (report.concerted, report.emergency)
    ]
    ratio = (Decimal(report.committees) * 100 / sum(works)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    latest = {1: str(works[1]), 2: f"{ratio}%"}
    indicators = tuple(
        replace(
            indicator,
            results=(*indicator.results[:-1], (report.year, latest[i])),
        )
        if i in latest
        else indicator
        for i, indicator in enumerate(report.indicators)
    )
    return replace(report, indicators=indicators)


@st.composite
def cecop_reports(draw: st.DrawFn) -> Report:
    """Return a consistent report: the seed's layout with other figures."""
    sample = sample_report()
    drought = draw(st.lists(st.sampled_from(sample.drought), min_size=1, unique=True))
    report = replace(
        sample,
        concerted=draw(_works(sample.concerted, structured=True)),
        emergency=draw(_works(sample.emergency, structured=False)),
        drought=tuple(replace(line, amount=draw(money)) for line in drought),
        aid=tuple(AidLine(line.concept, draw(money)) for line in sample.aid),
        committees=draw(st.integers(1, 2_000)),
    )
    return _consistent_indicators(report)
