"""A progress report of Guanajuato's Local Action Plan with the seed's facts.

The seven commitments and their agencies (names and acronyms as the table
and the sections print them), the progress figures, the counts and dates,
the names of activities, actions and deliverables, and the links are the
seed's (facts of the published report). Descriptions, objectives and
answers are reworded by the project; the standard questions are the
platform's (``ruta.opengov.rules.STANDARD_QUESTIONNAIRE``); the public
servants the staff answers list keep the seed's posts under names the
project made up. The seed's contradictions are kept, so the reader finds
what it finds in the original: two sections print no heading (one read by
its agency, one by its place), two name another agency than the table
(STyRC for STRC, CGIE for SG), one answer is "N/A" and one is empty.
"""

from __future__ import annotations

from ruta.demo.documents.action_plan import (
    ACTIONS,
    DELIVERABLES,
    Activity,
    Answer,
    Commitment,
    Questionnaire,
    Report,
    Row,
    Section,
    Step,
)
from ruta.opengov.rules import STANDARD_QUESTIONNAIRE

TITLE = (
    "AVANCE DE EJES TEMÁTICOS Y COMPROMISOS INTEGRADOS AL PLAN DE ACCIÓN LOCAL – "
    "PAL DEL PODER EJECUTIVO DEL ESTADO DE GUANAJUATO"
)
GROUP = "COMPROMISOS DEL PODER EJECUTIVO"

# The standard questionnaire's categories, indicators and questions, by the
# indicator's place in it.
(
    DATASETS,
    USE,
    REQUESTS,
    STAFF,
    COLLABORATIONS,
    MEDIA,
    WEB,
    ACTIONS_DONE,
) = STANDARD_QUESTIONNAIRE
THREE_COLUMNS = ("Categoría", "Indicador", "Información")
FOUR_COLUMNS = ("Categoría", "Indicador", "Información", "EVIDENCIA")
INTRO = "A partir de la implementación del eje,"


def row(
    entry: tuple[str, str, str],
    *answers: Answer,
    continued: bool = False,
    gap_before: bool = False,
) -> Row:
    """Return a row of the standard questionnaire's ``entry`` with ``answers``.

    A ``continued`` row leaves its category blank, as the report does for a
    second indicator of the category above.
    """
    category = "" if continued else entry[0]
    return Row(category, entry[1], answers, gap_before=gap_before)


def asked(entry: tuple[str, str, str], answer: str) -> Answer:
    """Return ``answer`` to the standard question of ``entry``."""
    return Answer(entry[2], answer)


# ---------------------------------------------------------------- SFIA


def budget_portal() -> Commitment:
    """Return the budget-transparency portal (SFIA): 40 % and one link."""
    agency = "Secretaría de Finanzas, Inversión y Administración (SFIA)"
    return Commitment(
        "Portal Estatal de Transparencia Presupuestaria",
        agency,
        Section(
            heading="PORTAL ESTATAL DE TRANSPARENCIA PRESUPUESTARIA",
            agency=agency,
            description=(
                "Un portal para que cualquier persona entienda, sin tecnicismos, "
                "en qué, cuándo y cómo se gasta el dinero de sus impuestos, con "
                "herramientas electrónicas interactivas y accesibles."
            ),
            objective=(
                "Construir un modelo de transparencia presupuestaria cercano y "
                "comprensible para toda la ciudadanía, que le dé elementos para "
                "participar en cada fase del ciclo del presupuesto."
            ),
            progress=(
                "Los cambios del Paquete Fiscal 2020 obligaron a replantear las "
                "secciones del portal y lo que muestra con la información disponible, "
                "para cumplir con la norma aplicable; a la par se revisan portales "
                "parecidos reconocidos como buenas prácticas. La arquitectura de "
                "la plataforma está a cargo de la Dirección General de Tecnologías "
                "de la Información (40%). Varios bloques de información que "
                "mostrará el portal ya se publican en el sitio institucional de la "
                "Secretaría:",
                "<https://finanzas.guanajuato.gob.mx/#/>",
            ),
        ),
    )


# ---------------------------------------------------------------- SICOM


def _actions(*steps: tuple[str, str]) -> tuple[Step, ...]:
    return tuple(Step(ACTIONS, name, (line,)) for name, line in steps)


def works_platform() -> Commitment:
    """Return "Guanajuato Construye" (SICOM): three activities, no percentage."""
    agency = "Secretaría de Infraestructura, Conectividad y Movilidad (SICOM)"
    return Commitment(
        "Guanajuato Construye",
        agency,
        Section(
            heading="GUANAJUATO CONSTRUYE",
            agency=agency,
            description=(
                "«Guanajuato Construye» es una plataforma electrónica para que "
                "cualquiera revise las obras públicas en curso en Guanajuato: "
                "cuánto se invierte, cómo avanzan y qué problemas enfrentan."
            ),
            objective=(
                "Comunicarse mejor con la ciudadanía renovando, con tecnologías de "
                "la información, la forma en que la Secretaría trabaja y atiende."
            ),
            progress=(
                "1 Resumen del avance:",
                "La plataforma digital y la aplicación móvil ya funcionan y permiten "
                "consultar las obras y acciones que la Secretaría ha contratado "
                "desde 2012; se evalúa un chatbot para integrarlo a la plataforma "
                "y se diseña la campaña de difusión.",
            ),
            activities=(_draft(), _warehouse(), _platforms()),
            next_step=(
                "En las próximas semanas, comparar las herramientas de chatbot "
                "disponibles y su compatibilidad con el portal, y planear la "
                "campaña de difusión y el seguimiento de sus resultados."
            ),
        ),
    )


def _draft() -> Activity:
    return Activity(
        "Desarrollo del anteproyecto",
        "Las áreas de la Secretaría participaron en fijar los elementos del "
        "anteproyecto.",
        (
            *_actions(
                (
                    "Definición de los elementos",
                    "Se fijaron antecedentes, problemática, justificación, "
                    "objetivos y resultados esperados.",
                ),
                (
                    "Actividades de la implementación",
                    "Se analizaron el alcance, las necesidades detectadas, las "
                    "tareas por hacer, quiénes intervienen y en qué plazos.",
                ),
            ),
            Step(
                DELIVERABLES,
                "Las acciones anteriores dejaron dos entregables:",
                ("1. Anteproyecto", "2. Cronograma"),
            ),
        ),
        "participaron Recursos Humanos, Programación, las áreas técnicas y "
        "Tecnologías de la Información.",
    )


def _warehouse() -> Activity:
    return Activity(
        "Data Warehouse y BI",
        "Se ubicaron las fuentes de información y se procesaron y concentraron "
        "con la herramienta Visual Integrador.",
        (
            *_actions(
                (
                    "Extracción",
                    "Se localizaron las bases y fuentes de datos de la "
                    "Secretaría y se conectó cada una.",
                ),
                (
                    "Transformación",
                    "Se unificaron los formatos y se validó y estandarizó la "
                    "información.",
                ),
                (
                    "Procesamiento",
                    "Se aplicaron a la información las reglas de negocio.",
                ),
                (
                    "Carga de Información",
                    "Se diseñó una base relacional normalizada, que guarda lo ya "
                    "procesado.",
                ),
            ),
            Step(
                DELIVERABLES,
                "Modelo integrado de BI",
                ("Un modelo que procesa los datos de cada obra y acción.",),
            ),
        ),
        "participaron Programación, las áreas técnicas y Tecnologías de la "
        "Información; el modelo de BI usa el software BI Solutions de "
        "Dimensional Insight.",
    )


def _platforms() -> Activity:
    return Activity(
        "Diseño e implementación de las plataformas",
        "Se analizaron los procesos, se reunieron los requerimientos, se programó "
        "y se afinaron las plataformas.",
        (
            *_actions(
                (
                    "Análisis",
                    "En reuniones con las áreas se definieron los requisitos y los "
                    "componentes de las plataformas.",
                ),
                (
                    "Diseño",
                    "Se eligieron el software de desarrollo, los modelos y las "
                    "metodologías, y se especificaron los componentes.",
                ),
                ("Desarrollo", "Se programaron los componentes de las plataformas."),
                (
                    "Pruebas",
                    "Se hicieron pruebas unitarias y de integración en ambas.",
                ),
                (
                    "Implementación",
                    "Se pusieron en marcha los desarrollos para el público.",
                ),
            ),
            Step(
                DELIVERABLES,
                "Plataformas electrónicas",
                ("Plataforma web.", "Aplicación para dispositivos móviles."),
            ),
        ),
        "Participaron Programación, las áreas técnicas y Tecnologías de la "
        "Información; las plataformas se desarrollaron con la suite de DevExpress.",
        names_in_bold=True,
    )


# ---------------------------------------------------------------- IPLANEG


def participation_policies() -> Commitment:
    """Return IPLANEG's commitment: a section without heading, eleven answers."""
    return Commitment(
        "Políticas públicas con participación social",
        "Instituto de Planeación, Estadística y Geografía (IPLANEG)",
        Section(
            heading="",  # the seed prints none: the reader pairs it by its agency
            agency=(
                "Instituto de Planeación, Estadística y Geografía del Estado de "
                "Guanajuato (IPLANEG)"
            ),
            description=(
                "La participación de la sociedad ayuda al gobierno a reconocer los "
                "problemas de la gente y a buscar con ella las soluciones. El "
                "Instituto quiere fortalecerla y darle continuidad con formas de "
                "colaboración más objetivas, que incluyan a todos los sectores, "
                "con mecanismos nuevos, eficaces y al alcance de todos."
            ),
            objective=(
                "Que la sociedad, con un enfoque de gobernanza, piense en "
                "colectivo, colabore y siga de punta a punta lo que logra cuando "
                "participa."
            ),
            questionnaire=Questionnaire(3, THREE_COLUMNS, _iplaneg_rows()),
        ),
    )


def _iplaneg_rows() -> tuple[Row, ...]:
    return (
        row(
            DATASETS,
            Answer(
                f"{INTRO} ¿con qué modelo se forman las capacidades de participación, "
                "decisión y autogestión de las y los guanajuatenses?",
                "Está integrada la propuesta de los «Lineamientos para la "
                "participación social en el proceso de elaboración, actualización, "
                "seguimiento y evaluación de los instrumentos del Sistema Estatal "
                "de Planeación».",
            ),
            Answer(
                "¿Qué mecanismos innovadores de participación, presenciales o a "
                "distancia, se aplican?",
                "Una encuesta en línea para elaborar los programas derivados del "
                "Programa de Gobierno 2018-2024.",
            ),
            Answer(
                "¿Cuántos cursos de desarrollo de capacidades de participación se "
                "han impartido?",
                "0",
            ),
            Answer(
                "¿A qué municipios y sectores se ha apoyado para instalar y sesionar "
                "sus consejos municipales de consulta y participación ciudadana?",
                "A los 46 municipios del estado, para conformar sus COPLADEM.",
            ),
        ),
        row(
            USE,
            Answer(
                f"{INTRO} ¿cuántas personas han participado en crear el modelo "
                "de formación y cuántas han asistido a los cursos?",
                "El Instituto desarrolla el modelo de formación conforme a la "
                "norma; como aún no se imparten cursos, no hay asistentes.",
            ),
            continued=True,
        ),
        row(REQUESTS, asked(REQUESTS, "0")),
        row(
            STAFF,
            asked(
                STAFF,
                "Cuatro, de la Dirección General de Participación Social: 1.- "
                "Arturo Medina Solís, Director General de Participación Social. 2.- "
                "Rodrigo Ibarra Luna, Coordinador de Gestión Social. 3.- Fernando "
                "Rosales Téllez, Coordinador de Participación Sociodemográfica. "
                "4.- Gerardo Pineda Olvera, Coordinador de Planeación Participativa.",
            ),
            gap_before=True,
        ),
        row(
            COLLABORATIONS,
            asked(
                COLLABORATIONS,
                "Sí: los seis Consejos Sectoriales, uno por eje del Programa de "
                "Gobierno (Seguridad y Paz Social, Desarrollo Humano y Social, "
                "Educación de Calidad, Economía para Todos, Desarrollo Ordenado "
                "Sostenible y Gobierno Humano y Eficaz).",
            ),
        ),
        row(
            MEDIA,
            asked(
                MEDIA,
                "El Instituto atiende este punto según lo que dispone la "
                "Coordinación General de Comunicación Social del Gobierno del "
                "Estado.",
            ),
        ),
        # The seed answers "N/A" with no question: the reader reports it.
        row(
            WEB,
            Answer(
                "",
                "N/A: el Instituto se ciñe a lo que dispone la Coordinación "
                "General de Comunicación Social del Gobierno del Estado.",
            ),
            continued=True,
        ),
        row(
            ACTIONS_DONE,
            asked(
                ACTIONS_DONE,
                "- Una encuesta de satisfacción a quienes son consejeros sociales "
                "en los cuerpos colegiados del Instituto. - La encuesta en línea "
                "para los programas derivados del Programa de Gobierno 2018-2024. "
                "- Una encuesta sobre qué tan satisfecha está la gente y cómo y "
                "cuánto participa. - Apoyo a municipios y dependencias "
                "estatales para instalar los organismos de participación ciudadana "
                "que siguen los instrumentos de planeación.",
            ),
        ),
    )


# ---------------------------------------------------------------- SEDESHU


def social_strategy_platform() -> Commitment:
    """Return SEDESHU's platform: four answers, 80 % stated as evidence."""
    agency = "Secretaría de Desarrollo Social y Humano (SEDESHU)"
    return Commitment(
        "Plataforma de la Estrategia Impulso Social",
        agency,
        Section(
            heading="PLATAFORMA DE LA ESTRATEGIA IMPULSO SOCIAL",
            agency=agency,
            description=(
                "Una herramienta para planear, monitorear y focalizar lo que hacen "
                "las dependencias, de modo que las acciones y obras lleguen a las "
                "comunidades y colonias que más las necesitan, con la sociedad como "
                "parte de su desarrollo y a la vista de todos."
            ),
            objective=(
                "Que la ciudadanía y las dependencias estatales sigan y monitoreen, "
                "en una plataforma eficaz y fácil de usar, las acciones y obras de "
                "la Estrategia Impulso Social."
            ),
            questionnaire=Questionnaire(4, FOUR_COLUMNS, _sedeshu_rows()),
        ),
    )


def _sedeshu_rows() -> tuple[Row, ...]:
    return (
        Row(
            DATASETS[0],
            "Conjunto de datos",
            (
                Answer(
                    f"{INTRO} ¿en qué etapa está la Plataforma de la Estrategia "
                    "Impulso Social?",
                    "Lleva un 80% de avance",
                ),
            ),
        ),
        row(USE, asked(USE, "10,309 visitas a páginas"), continued=True),
        row(REQUESTS, asked(REQUESTS, "Ninguna")),
        row(
            STAFF,
            asked(
                STAFF,
                "Tres, de la Dirección de Servicios Informáticos: Diana Lozano "
                "Reyes, programadora de software; Mariana Estrada Cuéllar, jefa de "
                "Sistematización; Héctor Aguirre Bustos, director de Servicios "
                "Informáticos.",
            ),
        ),
    )


# ---------------------------------------------------------------- SSG-ISAPEG


def child_growth() -> Commitment:
    """Return the health commitment: a table without header, eight answers."""
    return Commitment(
        "Impulsando tu crecimiento",
        "Secretaría de Salud – Instituto de Salud Pública del Estado de Guanajuato "
        "(SSG - ISAPEG)",
        Section(
            heading="IMPULSANDO TU CRECIMIENTO",
            agency=(
                "Secretaría de Salud de Guanajuato - Instituto de Salud Pública del "
                "Estado de Guanajuato (SSG-ISAPEG)"
            ),
            description=(
                "Una plataforma digital con la que madres, padres y cuidadores "
                "sigan el desarrollo y la nutrición de sus hijos, resuelvan sus "
                "dudas y participen en combatir el sobrepeso y la obesidad."
            ),
            objective=(
                "Promover el crecimiento y desarrollo sanos de niñas y niños menores "
                "de 5 años y ayudar a romper los hábitos de alimentación que causan "
                "sobrepeso y obesidad infantil en Guanajuato."
            ),
            questionnaire=Questionnaire(3, (), _isapeg_rows()),
        ),
    )


def _isapeg_rows() -> tuple[Row, ...]:
    return (
        row(
            DATASETS,
            Answer(
                f"{INTRO} ¿en qué etapa está la plataforma digital «Impulsando tu "
                "Crecimiento»?",
                "Tendrá un mapa georreferenciado de las unidades de salud. Mientras "
                "tanto la iniciativa se difunde en Facebook: desde el 1 de "
                "diciembre, 288 visitas a la página, 13244 personas alcanzadas por "
                "alguna publicación, 2038 interacciones (comentarios, reacciones, "
                "clics y contenido compartido), 3668 seguidores alcanzados y 42 "
                "seguidores nuevos en los últimos 7 días.",
            ),
        ),
        row(
            USE,
            Answer(
                f"{INTRO} ¿cuántas interacciones ha tenido la plataforma?",
                "2038, del 1 de diciembre de 2019 al 05 de febrero de 2020.",
            ),
            continued=True,
        ),
        row(REQUESTS, asked(REQUESTS, "64 solicitudes atendidas.")),
        row(
            STAFF,
            asked(
                STAFF,
                "Siete: 1.- Dr. Ramón Esquivel Duarte (Director de Extensión de "
                "Cobertura) 2.- Lic. Óscar Villalobos Nieto (Encargado de la "
                "Dirección de Planeación) 3.- Dra. Lucía Ortega Saldívar "
                "(Coordinadora Estatal de PASIA) 4.- Lic. Nut. Paola Serrano Ibáñez "
                "(Nutrióloga de PASIA) 5.- Dra. Elena Cabrera Montes (Directora del "
                "CEREDI) 6.- Iván Robles Campos (Responsable de sistemas de la "
                "Dirección de Extensión de Cobertura) 7.- Psic. Tomás Arellano Vega "
                "(Psicólogo Estatal de Desarrollo Infantil).",
            ),
            gap_before=True,
        ),
        row(
            COLLABORATIONS,
            asked(
                COLLABORATIONS,
                "Sí, internas: la Dirección General de Planeación, la Dirección "
                "General de Servicios de Salud, la Dirección de Extensión de "
                "Cobertura y la Coordinación de Comunicación Social del ISAPEG.",
            ),
        ),
        row(MEDIA, asked(MEDIA, "No.")),
        row(
            WEB,
            Answer(
                "¿Dónde pueden seguirse en línea las acciones del eje temático?",
                "http://facebook.com/desarrolloinfantilguajuato",
            ),
            continued=True,
        ),
        row(
            ACTIONS_DONE,
            asked(
                ACTIONS_DONE,
                "• Reuniones de trabajo de los actores involucrados; • gestión, aún "
                "en curso, del recurso para la plataforma; • diseño de la plataforma "
                "documentado y línea discursiva elaborada con la Coordinación de "
                "Comunicación Social; • plan de medios en Facebook para llegar a "
                "madres, padres y cuidadores y responder sus dudas por mensaje "
                "directo (página «Impulsando tu Crecimiento»); • el desarrollo de la "
                "plataforma espera el recurso económico: se reprogramaron la "
                "aplicación móvil y la promoción, y se ajustaron los alcances del "
                "periodo.",
            ),
        ),
    )


# ---------------------------------------------------------------- STRC


def regulatory_consultation() -> Commitment:
    """Return the regulatory consultation: STyRC in its section, an empty answer."""
    return Commitment(
        "Consulta pública sobre propuestas regulatorias como parte de su proceso "
        "de mejora",
        "Secretaría de la Transparencia y Rendición de Cuentas (STRC)",
        Section(
            heading=(
                "CONSULTA PÚBLICA SOBRE PROPUESTAS REGULATORIAS COMO PARTE DE SU "
                "PROCESO DE MEJORA."
            ),
            agency="Secretaría de la Transparencia y Rendición de Cuentas (STyRC)",
            description=(
                "Un espacio tecnológico para que la sociedad opine y aporte ideas "
                "sobre las regulaciones estatales, de modo que la rendición de "
                "cuentas fortalezca el diseño, el contenido, la operación y la "
                "evaluación de los trámites y servicios que regulan."
            ),
            objective=(
                "Que más personas conozcan y opinen sobre el diseño y la "
                "justificación de la regulación de los trámites y servicios "
                "estatales, para mejorarla."
            ),
            questionnaire=Questionnaire(
                4, tuple(title.upper() for title in FOUR_COLUMNS), _strc_rows()
            ),
            progress_in_bold=False,
        ),
    )


def _strc_rows() -> tuple[Row, ...]:
    return (
        Row(
            DATASETS[0],
            "Conjunto de datos",
            (
                Answer(
                    f"{INTRO} ¿qué lineamientos generales rigen el análisis de "
                    "impacto regulatorio estatal?, ¿en qué etapa está el portal "
                    "digital de comunicación? y ¿cómo va la planeación de la "
                    "capacitación y la difusión?",
                    "Hay un anteproyecto de «Guía Básica para la Elaboración del "
                    "Análisis de Impacto Regulatorio». El portal digital se está "
                    "modelando; ni la capacitación ni la difusión han comenzado.",
                ),
            ),
        ),
        # The seed prints "No aplica" where the question goes and leaves the
        # evidence empty: the reader reports an empty answer.
        row(USE, Answer("No aplica", ""), continued=True),
        row(REQUESTS, asked(REQUESTS, "El eje sigue en implementación.")),
        row(
            STAFF,
            asked(
                STAFF,
                "Lic. Verónica Salgado Ponce, comisionada a la Dirección de Mejora "
                "Regulatoria.",
            ),
        ),
        row(
            COLLABORATIONS,
            asked(
                COLLABORATIONS,
                "No; el compromiso depende de que el Sistema Nacional de Mejora "
                "Regulatoria expida sus lineamientos generales.",
            ),
        ),
        row(MEDIA, asked(MEDIA, "No.")),
        row(WEB, asked(WEB, "El eje sigue en implementación.")),
        row(
            ACTIONS_DONE,
            asked(
                ACTIONS_DONE,
                "La Estrategia Nacional de Mejora Regulatoria pasó los lineamientos "
                "generales al segundo semestre de 2021; después habrá que ajustar "
                "las regulaciones estatales.",
            ),
        ),
    )


# ---------------------------------------------------------------- CGIE / SG


def citizen_channel() -> Commitment:
    """Return Conéctate GTO: no heading, CGIE for the table's SG, 80 %."""
    return Commitment(
        "Comunicación con la ciudadanía Conéctate GTO",
        "Secretaría de Gobierno(SG)",
        Section(
            heading="",  # the seed prints none: the reader pairs it by its place
            agency="Coordinación General de Información Estratégica (CGIE)",
            description=(
                "CONÉCTATE #GTO es un canal de WhatsApp: quien se suscribe recibe "
                "noticias oficiales de lo que el gobierno estatal planea, hace y "
                "logra (planes, programas, avances, acciones, resultados), y puede "
                "conversar con él y tomar parte."
            ),
            objective=(
                "Que la ciudadanía participe e interactúe con el Gobierno del Estado "
                "por un medio digital que difunda información oficial de sus "
                "acciones."
            ),
            progress=(
                "En el tema «Gobierno ciudadano» del Plan de Acción Local de "
                "Gobierno Abierto, el sistema de información «Conéctate #GTO» lleva "
                "un 80% de avance: el sistema y sus bases de datos, la campaña que "
                "invita a registrarse en los servicios de información digital, y "
                "los envíos y la operación de cada día.",
                "Cifras del ejercicio 2019:",
                "Total marzo-diciembre 2019",
                "- Altas de usuarios: 4114",
                "- Bajas de usuarios: 452",
            ),
        ),
    )


def sample_report() -> Report:
    """Return the report with the seed's seven commitments, in the seed's order."""
    return Report(
        TITLE,
        GROUP,
        (
            budget_portal(),
            works_platform(),
            participation_policies(),
            social_strategy_platform(),
            child_growth(),
            regulatory_consultation(),
            citizen_channel(),
        ),
    )
