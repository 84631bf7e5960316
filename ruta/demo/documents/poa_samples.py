"""The five TMM-F004 forms of the Mexicali BISOM 2023 Q4 seed, as data.

The codes, the names of units and plan entries, the units of measure and
every figure are the seed's (facts of the published forms), its breaches
of the form's own rules included: goal 300 programs 1,750 for a target of
1,751, goal 510 programs 7 for 6 and achieves 4 in a quarter that
programmed 0, goal 312 achieves 450 in a quarter that programmed nothing,
goal 103 ends at 125 % with no observation, goal 503 restates its one
programme each quarter, the CDHI form prints its header without codes and
no copy prints its unit's code, and that form names line 2.1.5 otherwise
than the others do. The goals' descriptions, the observations and the
persons who sign are the project's own wording.

Where the seed's copies disagree and its own reading leaves a value for
review (the quarters of goals 204, 205, 309, 311 and 313, the lines of
goals 202, 500 and 509, a few line names of the CDHI form), the value
here is one of the readings the seed offers, one that keeps the form's
rules where there is one (309 and 311 print a stray blank after their
second quarter's programme in two copies); a test checks it when the
seed is present.
"""

from __future__ import annotations

from ruta.demo.documents.tmm_f004 import Coded, Form, Goal, Signatures
from ruta.programs.rules import Accumulation

RAMO = Coded("54", "BIENESTAR SOCIAL MUNICIPAL (BISOM)")
ADMINISTRATION = Coded("511", "GESTIÓN ADMINISTRATIVA")
OUTREACH = Coded("542", "VINCULACIÓN SOCIAL PARA EL DESARROLLO COMUNITARIO")
FINALIDAD = Coded("2", "DESARROLLO SOCIAL")
FUNCION = Coded("2", "VIVIENDA Y SERVICIOS A LA COMUNIDAD")
SUBFUNCION = Coded("2", "DESARROLLO COMUNITARIO")
EJES = {
    "2": Coded("2", "BIENESTAR PARA TODOS"),
    "3": Coded("3", "MEXICALI CRECE"),
    "4": Coded("4", "GOBERNAR PARA SERVIR"),
}
# The lines of action as the document's forms print them (the plan's
# names, with the seed's spellings where its copies agree on one).
LINES = {
    "2.1.1": "DIAGNÓSTICO DE POBLACIÓN VULNERABLE",
    "2.1.4": "INCLUSIÓN DE LAS COMUNIDADES INDÍGENAS",
    "2.1.5": "APOYOS A POBLACIÓN EN POBREZA EXTREMA",
    "2.3.1": "SENSIBILIZACIÓN EN MATERIA DE GÉNERO Y DENSIDAD",
    "2.3.3": "EMPODERAMIENTO DE LAS MUJERES",
    "2.4.1": "INFRAESTRUCTURA PARA EL DESARROLLO HUMANO Y EL CUIDADO",
    "2.6.1": "FORTALECIMIENTO DE LA INFRAESTRUCTURA DEPORTIVA, ARTÍSTICA, "
    "RECREATIVA Y CULTURAL",
    "3.3.1": "VINCULACIÓN ENTRE GOBIERNO, INICIATIVA PRIVADA, ACADEMIA Y "
    "SOCIEDAD CIVIL",
    "3.4.5": "SOCIALIZACIÓN DE LA OBRA PÚBLICA",
    "3.8.4": "PROGRAMA DE ÁREAS VERDES Y FORESTACIÓN",
    "4.1.6": "MEJORA REGULATORIA Y CUMPLIMIENTO NORMATIVO",
    "4.2.3": "FORTALECIMIENTO Y PUBLICIDAD DEL SISTEMA DE GESTIÓN POR RESULTADOS",
    "4.2.4": "CIUDADANÍA INFORMADA",
    "4.2.5": "FOMENTO DE LA CONTRALORÍA SOCIAL",
    "4.3.1": "FACILITAR EL ACCESO A LA INFORMACIÓN PÚBLICA GUBERNAMENTAL",
    "4.3.2": "MEJORAMIENTO DE LA ATENCIÓN A LAS SOLICITUDES DE ACCESO A LA INFORMACIÓN",
    "4.4.1": "VINCULACIÓN CON LAS INSTANCIAS DE FISCALIZACIÓN",
    "4.4.2": "FOCALIZACIÓN Y EFECTIVIDAD DE LAS AUDITORÍAS",
    "4.5.4": "ESQUEMA RESPONSABLE DE FINANCIAMIENTO",
    "4.6.1": "MESURA EN EL EJERCICIO DE LOS RECURSOS PÚBLICOS",
    "4.6.2": "RACIONALIZACIÓN DEL GASTO Y LAS INVERSIONES",
    "4.6.3": "FORTALECIMIENTO DEL SISTEMA DE ARMONIZACIÓN CONTABLE",
}
# The CDHI form numbers its own list of lines: 2.1.1 to 2.1.11 and 3.1.1,
# several under names the other forms give other codes (2.1.5 among them).
CDHI_LINES = (
    Coded("2.1.1", "DIAGNÓSTICO DE POBLACIÓN VULNERABLE"),
    Coded("2.1.2", "FORTALECIMIENTO DE LA PARTICIPACIÓN CIUDADANA"),
    Coded("2.1.3", "PREVENCIÓN DE LA DISCRIMINACIÓN Y LA VIOLENCIA DE GÉNERO"),
    Coded("2.1.4", "EMPODERAMIENTO DE LAS MUJERES"),
    Coded("2.1.5", "INFRAESTRUCTURA PARA EL DESARROLLO HUMANO Y EL CIUDADANO"),
    Coded("2.1.6", "ATENCIÓN Y CUIDADO DE LA INFANCIA"),
    Coded("2.1.7", "HABILITAR EL ENTORNO PARA PERSONAS CON DISCAPACIDAD"),
    Coded("2.1.8", "FORMACIÓN DE HÁBITOS SALUDABLES"),
    Coded("2.1.9", "ESTÍMULO DE LA EXPRESIÓN Y APRECIACIÓN ARTÍSTICA Y CULTURAL"),
    Coded("2.1.10", "IMPULSO DE ESTILOS DE VIDA SALUDABLES"),
    Coded("2.1.11", "PROMOCIÓN DE ACTIVIDADES RECREATIVAS"),
    Coded("3.1.1", "PROGRAMA DE ÁREAS VERDES Y FORESTACIÓN"),
)
CDHI = "DEPARTAMENTO DE CENTROS DE DESARROLLO HUMANO INTEGRAL"

# The persons who sign (the project's names). As in the seed, one person is
# responsible for the programa on every form and one for the ramo, and two
# units are headed by one of them.
PROGRAM_PERSON = "ROSA ELENA QUIÑÓNEZ VALDÉS"
RAMO_PERSON = "MARTÍN ALBERTO SALCIDO RÍOS"

PAYROLL = "Dar seguimiento al gasto en servicios personales."
BLANK = (None, None)


def _lines(*codes: str) -> tuple[Coded, ...]:
    return tuple(Coded(code, LINES[code]) for code in codes)


def _signed(unit_person: str) -> Signatures:
    return Signatures(PROGRAM_PERSON, unit_person, RAMO_PERSON)


def _form(
    program: Coded,
    unit: Coded,
    ejes: tuple[str, ...],
    lines: tuple[Coded, ...],
    goals: tuple[Goal, ...],
    unit_person: str,
    *,
    header_codes: bool = True,
) -> Form:
    return Form(
        ramo=RAMO,
        program=program,
        unit=unit,
        finalidad=FINALIDAD,
        funcion=FUNCION,
        subfuncion=SUBFUNCION,
        ejes=tuple(EJES[code] for code in ejes),
        lines=lines,
        goals=goals,
        signatures=_signed(unit_person),
        header_codes=header_codes,
    )


def direccion() -> Form:
    """Return the form of unit 54101, the direction: goals 100–103."""
    lines = ("2.4.1", "2.6.1", "3.3.1", "4.3.2", "4.6.1", "4.6.2")
    return _form(
        ADMINISTRATION,
        Coded("54101", "DIRECCIÓN"),
        ("2", "3", "4"),
        _lines(*lines),
        (
            Goal(
                100,
                "Rendir cada trimestre el informe de la administración y del "
                "patrimonio de la entidad.",
                "Informe",
                4,
                ((1, 1), (1, 1), (1, 1), (1, 1)),
                lines,
            ),
            Goal(
                101,
                "Firmar convenios y contratos con la iniciativa privada, la "
                "sociedad civil y los tres órdenes de gobierno.",
                "Documento",
                4,
                ((1, 4), (1, 1), (1, 4), (1, 2)),
                ("2.4.1", "2.6.1", "3.3.1"),
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
                ("4.6.1", "4.6.2"),
            ),
        ),
        RAMO_PERSON,
    )


def administracion() -> Form:
    """Return the form of unit 54102, administration and finance: goals 200–207."""
    lines: tuple[str, ...] = ("4.1.6", "4.2.3", "4.2.4", "4.3.1", "4.3.2")
    lines += ("4.4.1", "4.4.2", "4.5.4", "4.6.1", "4.6.2", "4.6.3")
    return _form(
        ADMINISTRATION,
        Coded("54102", "DEPARTAMENTO DE ADMINISTRACIÓN Y FINANZAS"),
        ("4",),
        _lines(*lines),
        (
            Goal(
                200,
                "Llevar la contabilidad y la administración del personal, los "
                "bienes y el dinero de la entidad conforme a las normas.",
                "Informe",
                4,
                ((1, 1), (1, 1), (1, 1), (1, 1)),
                lines,
            ),
            Goal(
                201,
                PAYROLL,
                "Nomina",
                24,
                ((6, 6), (6, 6), (6, 6), (6, 6)),
                ("4.2.3", "4.4.1", "4.6.2", "4.6.3"),
            ),
            Goal(
                202,
                "Entregar los avances financieros y la cuenta pública en los "
                "formatos del consejo de armonización contable.",
                "Informe",
                4,
                ((1, 1), (1, 1), (1, 1), (1, 1)),
                ("4.4.1",),
            ),
            Goal(
                203,
                "Publicar en el micrositio la información que la ley de "
                "transparencia obliga a difundir.",
                "Acuse",
                4,
                ((1, 1), (1, 1), (1, 1), (1, 1)),
                ("4.2.3", "4.2.4", "4.3.1", "4.3.2"),
            ),
            Goal(
                204,
                "Levantar el inventario físico de bienes muebles e inmuebles.",
                "Padrón actualizado",
                2,
                ((1, 1), (1, 1), BLANK, BLANK),
                ("4.4.2", "4.5.4"),
            ),
            Goal(
                205,
                "Preparar el proyecto de ingresos y egresos con los "
                "lineamientos de la tesorería.",
                "Proyecto",
                1,
                ((1, 1), BLANK, BLANK, BLANK),
                ("4.6.1",),
            ),
            Goal(
                206,
                "Poner al día los reglamentos y manuales de la entidad.",
                "Documento",
                1,
                (BLANK, BLANK, BLANK, (1, 1)),
                ("4.1.6",),
            ),
            Goal(
                207,
                "Surtir a los departamentos los materiales, servicios y "
                "equipos que sus metas requieren.",
                "Suministros",
                12,
                ((3, 3), (3, 3), (3, 3), (3, 3)),
                ("4.6.1",),
            ),
        ),
        PROGRAM_PERSON,
    )


def participacion() -> Form:
    """Return the form of unit 54201, social participation: goals 300–313."""
    lines = ("2.1.1", "2.1.4", "2.1.5", "2.3.1", "2.3.3", "3.4.5", "3.8.4", "4.2.5")
    return _form(
        OUTREACH,
        Coded("54201", "DEPARTAMENTO DE PARTICIPACIÓN SOCIAL"),
        ("2", "3", "4"),
        _lines(*lines),
        (
            Goal(
                300,
                "Abrir expedientes de personas en situación vulnerable y "
                "atender sus necesidades más urgentes.",
                "Expediente",
                1751,
                ((371, 410), (241, 202), (629, 671), (509, 487)),
                lines,
                "Hubo trimestres con poca participación, pero la meta anual se rebasó.",
            ),
            Goal(301, PAYROLL, "Nomina", 24, ((6, 6), (6, 6), (6, 6), (6, 6))),
            Goal(
                302,
                "Organizar eventos con otras dependencias y empresas junto "
                "con los comités de vecinos.",
                "Evento",
                12,
                ((3, 3), (3, 3), (3, 3), (3, 3)),
                ("2.1.5",),
            ),
            Goal(
                303,
                "Informar a los comités de vecinos de las acciones en marcha.",
                "Reunión",
                36,
                ((9, 9), (9, 9), (9, 9), (9, 9)),
                ("2.1.1",),
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
                ((40, 73), (30, 18), (30, 5), BLANK),
                ("2.1.5",),
                "Algunas asociaciones no respondieron a la invitación del "
                "último trimestre.",
            ),
            Goal(
                306,
                "Levantar el diagnóstico social de las colonias con más carencias.",
                "Expediente",
                30,
                ((15, 15), (15, 15), BLANK, BLANK),
                ("2.1.1",),
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
                308,
                "Presentar a los vecinos las obras sociales y lo que les aportan.",
                "Reunión",
                14,
                (BLANK, (4, 4), (5, None), (5, 13)),
                ("3.4.5", "4.2.5"),
                "El paquete de obras aprobado al final del año pidió más "
                "presentaciones de las previstas.",
            ),
            Goal(
                309,
                "Dar estímulos a estudiantes para que sigan sus estudios.",
                "Apoyo",
                60,
                (BLANK, (20, 20), (40, 40), BLANK),
                ("2.1.5",),
            ),
            Goal(
                310,
                "Entregar apoyos sociales en salud, vivienda y mantenimiento "
                "de parques.",
                "Apoyo",
                417,
                ((182, 182), (83, 83), (76, 65), (76, 87)),
                ("2.1.1", "2.1.5"),
                "Los expedientes se integraron a tiempo y la meta se cumplió.",
            ),
            Goal(
                311,
                "Apoyar con insumos a madres y padres que emprenden un negocio.",
                "Apoyo",
                40,
                ((30, 30), (10, 10), BLANK, BLANK),
                ("2.1.1", "2.1.4", "2.1.5", "2.3.3"),
            ),
            Goal(
                312,
                "Aplicar el cuestionario socioeconómico en las comunidades "
                "donde se proponen obras.",
                "Expediente",
                770,
                (BLANK, (None, 450), (503, 320), (267, None)),
                ("2.1.1", "3.4.5"),
                "Los cuestionarios se levantaron con ayuda de los vecinos organizados.",
            ),
            Goal(
                313,
                "Elaborar un programa municipal de prevención de la violencia.",
                "Proyecto",
                1,
                (BLANK, BLANK, (1, 0), BLANK),
                ("1.2.5",),
                "El programa se entregará en el primer trimestre del año siguiente.",
            ),
        ),
        "JAVIER ERNESTO CASTAÑEDA LUNA",
    )


def tecnico() -> Form:
    """Return the form of unit 54202, the technical department: goals 400–407."""
    three = ("2.1.5", "2.4.1", "2.6.1")
    four = (*three, "3.8.4")
    return _form(
        OUTREACH,
        Coded("54202", "DEPARTAMENTO TÉCNICO"),
        ("2", "3"),
        _lines(*four),
        (
            Goal(
                400,
                "Evaluar si las obras sociales ejecutadas respondieron a lo "
                "que la comunidad pidió.",
                "Evaluación",
                1,
                (BLANK, BLANK, BLANK, (1, 1)),
                four,
                "La evaluación se hizo con los equipos que trabajaron en cada obra.",
            ),
            Goal(401, PAYROLL, "Nomina", 24, ((6, 6), (6, 6), (6, 6), (6, 6)), three),
            Goal(
                402,
                "Dictaminar la factibilidad técnica de obras comunitarias y escolares.",
                "Dictámenes técnico",
                100,
                ((30, 30), (30, 30), (25, 25), (15, 15)),
                three,
            ),
            Goal(
                403,
                "Preparar anteproyectos de las obras que resultan factibles.",
                "Expediente",
                35,
                ((5, 5), (15, 15), (15, 15), BLANK),
                three,
            ),
            Goal(
                404,
                "Supervisar las obras mientras se ejecutan.",
                "Supervisión",
                120,
                ((30, 101), (30, 52), (30, 14), (30, 3)),
                three,
                "Las obras aprobadas a principio de año se supervisaron en el "
                "primer trimestre; después hubo pocas.",
            ),
            Goal(
                405,
                "Evaluar cada obra al terminar su ejecución.",
                "Reporte",
                40,
                (BLANK, BLANK, BLANK, (40, 36)),
                three,
                "Solo se terminaron 36 obras que pudieran evaluarse.",
            ),
            Goal(
                406,
                "Mantener al día el banco de proyectos.",
                "Reporte",
                1,
                (BLANK, BLANK, BLANK, (1, 1)),
                three,
            ),
            Goal(
                407,
                "Presupuestar la rehabilitación de los centros de desarrollo "
                "humano integral.",
                "Proyecto",
                17,
                ((3, 3), (5, 5), (6, 6), (3, 1)),
                four,
                "Un centro dañado por un incendio necesita construirse de nuevo.",
            ),
        ),
        "PAULINA ISABEL NAVARRO ZAZUETA",
    )


def centros() -> Form:
    """Return the form of the CDHI department: goals 500–510, no codes printed."""
    return Form(
        ramo=RAMO,
        program=OUTREACH,
        unit=Coded("", CDHI),  # no copy of the seed prints its code
        finalidad=FINALIDAD,
        funcion=FUNCION,
        subfuncion=SUBFUNCION,
        ejes=(EJES["2"],),
        lines=CDHI_LINES,
        goals=(
            Goal(
                500,
                "Fortalecer los valores familiares y cívicos con las "
                "actividades de los centros de desarrollo humano integral.",
                "Persona usuaria",
                39375,
                ((10225, 11589), (10900, 11794), (8075, 10321), (10175, 11417)),
                ("2.1.1", "2.3.1", "2.3.2", "2.3.3", "2.4.1", "2.4.3", "2.4.5")
                + ("2.4.7", "2.5", "2.6.3", "2.6.4", "2.6.6", "2.8.4"),
                "Talleres nuevos y horarios más largos atrajeron a más personas.",
            ),
            Goal(
                501, PAYROLL, "Nomina", 24, ((6, 6), (6, 6), (6, 6), (6, 6)), ("2.3.1",)
            ),
            Goal(
                502,
                "Registrar por sexo a la población que atienden los programas "
                "para cerrar brechas de género.",
                "Informe",
                4,
                ((1, 1), (1, 1), (1, 1), (1, 1)),
                ("2.3.1",),
            ),
            Goal(
                503,
                "Sostener un programa de formación para emprender con "
                "instituciones y organizaciones civiles.",
                "Programa",
                1,
                ((1, 1), (1, 1), (1, 1), (1, 1)),
                ("2.3.3", "2.6.3"),
                accumulation=Accumulation.LAST,
            ),
            Goal(
                504,
                "Acompañar a las familias que necesitan atención médica, "
                "psicológica o emocional.",
                "Persona usuaria",
                2632,
                ((396, 1104), (738, 1129), (726, 749), (772, 991)),
                ("2.3.2", "2.4.3"),
                "La demanda de atención psicológica y de nutrición siguió alta.",
            ),
            Goal(
                505,
                "Dar pláticas sobre nutrición, salud, valores y equidad.",
                "Persona usuaria",
                3200,
                ((800, 828), (800, 713), (800, 758), (800, 1079)),
                ("2.1.1", "2.3.1", "2.5.4"),
                "Escuelas y dependencias pidieron pláticas para sus jóvenes.",
            ),
            Goal(
                506,
                "Impartir talleres académicos, culturales y deportivos con "
                "maestros de la comunidad.",
                "Taller",
                1000,
                ((249, 536), (249, 611), (249, 440), (253, 414)),
                ("2.4.5", "2.6.5", "2.6.6"),
                "Se abrieron más talleres con otras dependencias.",
            ),
            Goal(
                507,
                "Prestar los salones de los centros para actividades de "
                "instituciones y organizaciones.",
                "Evento",
                381,
                ((90, 112), (90, 144), (90, 99), (111, 102)),
                ("2.6.6",),
                "Los préstamos del año atrajeron a más personas de las previstas.",
            ),
            Goal(
                508,
                "Limpiar los centros en brigadas con sus usuarios y vecinos.",
                "Brigada",
                180,
                ((45, 52), (45, 44), (45, 34), (45, 64)),
                ("2.4.1",),
                "Las vacaciones permitieron más brigadas en cada centro.",
            ),
            Goal(
                509,
                "Capacitar al personal de los centros para atender bien a la "
                "comunidad.",
                "Capacitación",
                8,
                ((2, 9), (2, 0), (2, 0), (2, 0)),
                ("2.3.1", "2.3.2", "2.4.5", "2.4.7"),
                "La meta anual se cubrió en el primer trimestre.",
            ),
            Goal(
                510,
                "Promover que los vecinos adopten espacios verdes.",
                "Espacio adoptado",
                6,
                ((1, 1), (4, 0), (0, 4), (2, 1)),
                ("3.8.4",),
                "Un trimestre quedó corto, pero la meta anual se cumplió.",
            ),
        ),
        signatures=_signed("HÉCTOR DANIEL MONTAÑO FÉLIX"),
        header_codes=False,
    )


def sample_forms() -> tuple[Form, ...]:
    """Return the five forms, in the seed's order of units."""
    return direccion(), administracion(), participacion(), tecnico(), centros()
