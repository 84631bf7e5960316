"""Three TMM-F004 forms with the figures of the Mexicali BISOM 2023 Q4 seed.

The codes, names of units and plan entries and every figure are the seed's
(facts of the published forms); the goals' descriptions, the observations
and the persons who sign are the project's own wording.
"""

from __future__ import annotations

from ruta.demo.documents.tmm_f004 import Coded, Form, Goal, Signatures

RAMO = Coded("54", "BIENESTAR SOCIAL MUNICIPAL (BISOM)")
FINALIDAD = Coded("2", "DESARROLLO SOCIAL")
FUNCION = Coded("2", "VIVIENDA Y SERVICIOS A LA COMUNIDAD")
SUBFUNCION = Coded("2", "DESARROLLO COMUNITARIO")
EJES = {
    "2": Coded("2", "BIENESTAR PARA TODOS"),
    "3": Coded("3", "MEXICALI CRECE"),
    "4": Coded("4", "GOBERNAR PARA SERVIR"),
}
LINES = {
    "2.1.1": "DIAGNÓSTICO DE POBLACIÓN VULNERABLE",
    "2.1.5": "APOYOS A POBLACIÓN EN POBREZA EXTREMA",
    "2.3.1": "SENSIBILIZACIÓN EN MATERIA DE GÉNERO Y DIVERSIDAD",
    "2.4.1": "INFRAESTRUCTURA PARA EL DESARROLLO HUMANO Y EL CUIDADO",
    "2.6.1": "FORTALECIMIENTO DE LA INFRAESTRUCTURA DEPORTIVA, ARTÍSTICA, "
    "RECREATIVA Y CULTURAL",
    "3.3.1": "VINCULACIÓN ENTRE GOBIERNO, INICIATIVA PRIVADA, ACADEMIA Y "
    "SOCIEDAD CIVIL",
    "3.8.4": "PROGRAMA DE ÁREAS VERDES Y FORESTACIÓN",
    "4.3.2": "MEJORAMIENTO DE LA ATENCIÓN A LAS SOLICITUDES DE ACCESO A LA INFORMACIÓN",
    "4.6.1": "MESURA EN EL EJERCICIO DE LOS RECURSOS PÚBLICOS",
}
PROGRAM_PERSON = "ROSA ELENA QUIÑÓNEZ VALDÉS"
RAMO_PERSON = "MARTÍN ALBERTO SALCIDO RÍOS"


def _lines(*codes: str) -> tuple[Coded, ...]:
    return tuple(Coded(code, LINES[code]) for code in codes)


def _signed(unit_person: str) -> Signatures:
    return Signatures(PROGRAM_PERSON, unit_person, RAMO_PERSON)


def direccion() -> Form:
    """Return the form of unit 54101 with the seed's goals 100–103."""
    return Form(
        ramo=RAMO,
        program=Coded("511", "GESTIÓN ADMINISTRATIVA"),
        unit=Coded("54101", "DIRECCIÓN"),
        finalidad=FINALIDAD,
        funcion=FUNCION,
        subfuncion=SUBFUNCION,
        ejes=(EJES["2"], EJES["3"], EJES["4"]),
        lines=_lines("2.4.1", "2.6.1", "3.3.1", "4.3.2", "4.6.1"),
        goals=(
            Goal(
                100,
                "Rendir cada trimestre el informe de la administración y del "
                "patrimonio de la entidad.",
                "Informe",
                4,
                ((1, 1), (1, 1), (1, 1), (1, 1)),
                ("2.4.1", "2.6.1", "3.3.1"),
            ),
            Goal(
                101,
                "Firmar convenios y contratos con la iniciativa privada, la "
                "sociedad civil y los tres órdenes de gobierno.",
                "Documento",
                4,
                ((1, 4), (1, 1), (1, 4), (1, 2)),
                ("2.4.1", "3.3.1"),
                "Se firmaron más convenios de los previstos con dos "
                "universidades de la región.",
            ),
            Goal(
                102,
                "Sesionar con el comité de transparencia según su reglamento.",
                "Sesión",
                4,
                ((1, 1), (1, 1), (1, 1), (1, 1)),
                ("4.3.2",),
            ),
            Goal(
                103,
                "Reunir al órgano de gobierno como manda su acuerdo de creación.",
                "Sesión",
                4,
                ((1, 1), (1, 2), (1, 1), (1, 1)),
                ("4.6.1",),
            ),
        ),
        signatures=_signed("LUCÍA FERNANDA OCHOA BELTRÁN"),
    )


def participacion() -> Form:
    """Return the form of unit 54201 with six of the seed's goals."""
    return Form(
        ramo=RAMO,
        program=Coded("542", "VINCULACIÓN SOCIAL PARA EL DESARROLLO COMUNITARIO"),
        unit=Coded("54201", "DEPARTAMENTO DE PARTICIPACIÓN SOCIAL"),
        finalidad=FINALIDAD,
        funcion=FUNCION,
        subfuncion=SUBFUNCION,
        ejes=(EJES["2"], EJES["3"]),
        lines=_lines("2.1.1", "2.1.5", "2.3.1", "3.8.4"),
        goals=(
            Goal(
                300,
                "Abrir expedientes de personas en situación vulnerable y "
                "atender sus necesidades más urgentes.",
                "Expediente",
                1751,
                ((371, 410), (241, 202), (629, 671), (509, 487)),
                ("2.1.1", "2.1.5", "2.3.1"),
                "Hubo trimestres con poca participación, pero la meta anual se rebasó.",
            ),
            Goal(
                301,
                "Dar seguimiento al gasto en servicios personales.",
                "Nomina",
                24,
                ((6, 6), (6, 6), (6, 6), (6, 6)),
            ),
            Goal(
                304,
                "Organizar jornadas de trabajo comunitario y de reforestación.",
                "Jornada",
                147,
                ((50, 50), (25, 25), (36, 36), (36, 36)),
                ("2.1.5", "3.8.4"),
            ),
            Goal(
                305,
                "Colaborar con asociaciones civiles en acciones de asistencia social.",
                "Expediente",
                100,
                ((40, 73), (30, 18), (30, 5), (None, None)),
                ("2.1.5",),
                "Algunas asociaciones no respondieron a la invitación del "
                "último trimestre.",
            ),
            Goal(
                307,
                "Formar comités comunitarios que cuiden su entorno.",
                "Comité",
                124,
                ((42, 42), (42, 45), (20, 20), (20, 32)),
                ("2.1.1", "2.3.1"),
                "Llegaron más solicitudes de comités de obra de las esperadas.",
            ),
            Goal(
                310,
                "Entregar apoyos sociales en salud, vivienda y mantenimiento "
                "de parques.",
                "Apoyo",
                417,
                ((182, 182), (83, 83), (76, 65), (76, 87)),
                ("2.1.1", "2.1.5"),
            ),
        ),
        signatures=_signed("JAVIER ERNESTO CASTAÑEDA LUNA"),
    )


def tecnico() -> Form:
    """Return the form of unit 54202 with five of the seed's goals."""
    return Form(
        ramo=RAMO,
        program=Coded("542", "VINCULACIÓN SOCIAL PARA EL DESARROLLO COMUNITARIO"),
        unit=Coded("54202", "DEPARTAMENTO TÉCNICO"),
        finalidad=FINALIDAD,
        funcion=FUNCION,
        subfuncion=SUBFUNCION,
        ejes=(EJES["2"], EJES["3"]),
        lines=_lines("2.1.5", "2.4.1", "2.6.1", "3.8.4"),
        goals=(
            Goal(
                402,
                "Dictaminar la factibilidad técnica de obras comunitarias y escolares.",
                "Dictamen técnico",
                100,
                ((30, 30), (30, 30), (25, 25), (15, 15)),
                ("2.1.5", "2.4.1", "2.6.1"),
            ),
            Goal(
                403,
                "Preparar anteproyectos de las obras que resultan factibles.",
                "Expediente",
                35,
                ((5, 5), (15, 15), (15, 15), (None, None)),
                ("2.1.5", "2.4.1"),
            ),
            Goal(
                404,
                "Supervisar las obras mientras se ejecutan.",
                "Supervisión",
                120,
                ((30, 101), (30, 52), (30, 14), (30, 3)),
                ("2.1.5", "2.4.1", "2.6.1"),
                "Las obras aprobadas a principio de año se supervisaron en el "
                "primer trimestre; después hubo pocas.",
            ),
            Goal(
                405,
                "Evaluar cada obra al terminar su ejecución.",
                "Reporte",
                40,
                ((None, None), (None, None), (None, None), (40, 36)),
                ("2.6.1",),
                "Solo se terminaron 36 obras que pudieran evaluarse.",
            ),
            Goal(
                407,
                "Presupuestar la rehabilitación de los centros de desarrollo "
                "humano integral.",
                "Proyecto",
                17,
                ((3, 3), (5, 5), (6, 6), (3, 1)),
                ("2.1.5", "3.8.4"),
                "Un centro dañado por un incendio necesita construirse de nuevo.",
            ),
        ),
        signatures=_signed("PAULINA ISABEL NAVARRO ZAZUETA"),
    )


def sample_forms() -> tuple[Form, ...]:
    """Return the three sample forms, in the seed's order of units."""
    return direccion(), participacion(), tecnico()
