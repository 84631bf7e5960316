"""The parts of the demonstration rules that print no figure the platform enforces.

Facts of the Reglas de Operación del Programa Peso por Peso 2021 (the laws
and decrees they cite, the schemes, the themes, the requirements) in the
project's own words; ``render_rules`` puts them in the original's order with
the sections that print the figures. Each part is a tuple of paragraphs; a
paragraph of several lines prints its lines one under the other, as the
original prints its lists.
"""

from __future__ import annotations

Part = tuple[str, ...]

OPENING: Part = (
    "Reglas para las Organizaciones de la Sociedad Civil (OSC) que presenten "
    "proyectos al programa.",
    "CONSIDERANDO",
    "Que, según la Ley de Asistencia Social para el Estado de Sonora, las "
    "instituciones de asistencia privada, asociaciones civiles, fundaciones y "
    "organizaciones de la sociedad civil prestan asistencia social sin cobro y "
    "benefician sobre todo a la población vulnerable del estado.",
    "Que el Decreto número 238, del 31 de julio de 2018, amplió los esquemas "
    "financieros con que los programas sociales operados por organizaciones de "
    "la sociedad civil llegan a más personas: la coinversión social, los "
    "subsidios, las subvenciones, las donaciones y el apoyo financiero, que "
    "estas reglas definen.",
    "Que la Ley para el Fomento y la Participación de las Organizaciones de la "
    "Sociedad Civil para el Estado de Sonora busca fortalecer a las "
    "organizaciones, sus agrupaciones y redes, y su participación en el diseño, "
    "la ejecución y la evaluación de las políticas públicas.",
    "Que el Acuerdo de Transferencia Operativa Integral del Programa de Apoyo "
    'para el Sector Social "Peso por Peso" encarga su operación a una '
    "asociación civil que actúa junto con el Sistema para el Desarrollo "
    'Integral de la Familia del Estado de Sonora "DIF", con transparencia y '
    "rendición de cuentas.",
    "Que el Consejo de Salubridad General declaró la emergencia sanitaria por "
    "el virus SARS-CoV2 el 30 de marzo de 2020, y que la Secretaría de Salud "
    "dispuso el 31 de marzo de 2020 acciones extraordinarias que redujeron las "
    "actividades en grupo y la movilidad. Las medidas siguen en 2021, por lo "
    "que estas reglas prefieren la atención a distancia a la presencial.",
    "El programa contribuye al Objetivo de Desarrollo Sostenible 17, en "
    "particular a su meta 17.17, que promueve alianzas entre los sectores "
    "público, privado y social.",
    "El programa es abierto y no discrimina: pide los mismos requisitos a "
    "todas las organizaciones, y atiende salud, cultura, asistencia y "
    "seguridad social, educación, equidad de género, vivienda, deporte, "
    "pueblos indígenas, desarrollo regional, jóvenes y personas adultas "
    "mayores.",
)

OBJECTIVES: Part = (
    "OBJETIVOS",
    "General",
    "Que las personas y los grupos vulnerables o excluidos de Sonora reciban "
    "atención a sus derechos sociales y asistencia social con perspectiva de "
    "género, conforme a la Ley de Asistencia Social y a la Ley de Desarrollo "
    "Social del Estado de Sonora, con las medidas de seguridad e higiene de "
    "la nueva normalidad.",
    "Específicos",
    "1. Que participen las organizaciones de cualquier municipio o región del "
    "Estado.\n"
    "2. Que la población vulnerable reciba más y mejores servicios, de "
    "preferencia a distancia.\n"
    "3. Que se promuevan iniciativas de acción social pertinentes.",
)

PARTICIPANTS: Part = (
    "3.3 Participantes",
    "3.3.1 Instancia Normativa",
    'El Sistema DIF Sonora rige el Programa de Apoyo al Sector Social "Peso por Peso".',
    "3.3.2 Instancia administradora",
    "La organización de la sociedad civil que opera el programa en virtud del "
    "Acuerdo de Transferencia.",
    "3.3.3 Instancias Ejecutoras",
    "Las organizaciones cuyos proyectos resulten apoyados en el fallo público; "
    "ejecutan su proyecto una vez que firman el convenio de operación.",
    "Pueden completar el financiamiento de su proyecto con fondos federales o "
    "municipales, recursos propios o participación ciudadana.",
)

SCHEMES: Part = (
    "3.6. Tipos y montos de apoyo:",
    "A) Tipos de apoyo",
    "El programa otorga, por concurso, recursos públicos para proyectos de las "
    "organizaciones en temas de derechos y asistencia sociales (artículos 3, "
    "fracción I; 5, 6, 11 y 14 de la Ley de Asistencia Social local), según "
    "las convocatorias públicas.",
    "Además, conforme a la normatividad vigente, puede apoyar en estos "
    "esquemas financieros:",
    "3.6.1 Coinversión social.",
    "Recursos públicos, privados o sociales que cada parte aporta para "
    "financiar proyectos de organizaciones de cualquier municipio del Estado, "
    "bajo el principio de corresponsabilidad. Se otorgan por convocatorias "
    "públicas con reglas que se acuerdan con la instancia aportante de la "
    "coinversión.",
    "Los proyectos se alinean con alguna de estas vertientes:",
    "1. Desarrollo comunitario en población en pobreza;\n"
    "2. Rehabilitación de albergues, casas hogar y centros de adultos mayores, "
    "niñas, niños y adolescentes;\n"
    "3. Certificación de centros de tratamiento y rehabilitación de "
    "adicciones, y\n"
    "4. Fondo para mejorar la convivencia social.",
    "Cada convocatoria fija el monto máximo por proyecto según la "
    "disponibilidad presupuestal, la temática y la zona, y favorece los "
    "proyectos con equidad de género y que fortalezcan redes sociales.",
    "3.6.2 Subsidio.",
    "Apoyos en dinero para organizaciones que atienden a población vulnerable "
    "o con carencias sociales. Cada convocatoria fija el monto para proyectos "
    "de estas temáticas:",
    "1. Capacitación para el autoempleo.\n"
    "2. Atención a migrantes.\n"
    "3. Fondo para la mejora de casas hogar y albergues.\n"
    "4. Activación física, cultural y artística.\n"
    "5. Salud, contingencias sanitarias y enfermedades transmitidas por vector.\n"
    "6. Prevención y atención de la violencia contra las mujeres.\n"
    "7. Seguridad alimentaria y nutrición.\n"
    "8. Investigación en derechos sociales.",
    "Quien solicite un subsidio no debe tener otro apoyo público para el mismo "
    "servicio, opera en Zonas de Atención Prioritaria y presta servicios "
    "gratuitos.",
    "3.6.3 Subvenciones",
    "Aportaciones en dinero para organizaciones que desarrollan obras o "
    "proyectos o que necesitan fortalecer su operación, en temas como el "
    "fortalecimiento institucional, el rezago educativo, las comunidades "
    "indígenas, los espacios recreativos, los valores regionales, el "
    "desarrollo sustentable y las adicciones.",
    "Una subvención estructural paga sólo gastos de estructura: administración, "
    "alquiler y honorarios de profesionales externos del proyecto. Una "
    "subvención por proyecto financia un proyecto concreto, limitado en tiempo "
    "y en monto.",
    "3.6.4 Apoyo financiero",
    "Atiende, a solicitud expresa, contingencias como robos, accidentes o "
    "eventos ambientales que afecten la operación de una organización, que "
    "debe probarlas con documentos y estar al corriente en sus comprobaciones.",
    "3.6.5 Donativos en especie",
    "Entrega de bienes y equipo, a solicitud expresa, a organizaciones de "
    "preferencia de reciente creación (hasta tres años), financiada con los "
    "remanentes de apoyos cancelados o retenidos (punto 4.4.2) o con "
    "donaciones privadas a la instancia administradora.",
)

RIGHTS: Part = (
    "3.7 Derechos y Obligaciones de las Instancias Ejecutoras",
    "3.7.1 Derechos",
    "Cada instancia ejecutora puede:",
    "1. Pedir asesoría y capacitación, y saber cómo va su solicitud;\n"
    "2. Recibir un trato digno, respetuoso, equitativo y sin discriminación;\n"
    "3. Recibir los apoyos de los proyectos aprobados, y\n"
    "4. Los demás que les dan la Ley de Asistencia Social, la Ley para el "
    "Fomento y la Participación de las Organizaciones de la Sociedad Civil "
    "para el Estado de Sonora y las demás normas.",
)

CALLS: Part = (
    "4.1. Promoción de las Convocatorias",
    "La instancia administradora publica las convocatorias en su sitio web y "
    "en los medios que elija. Cada convocatoria tiene su vigencia y puede "
    "limitar el número de proyectos que recibe.",
    "En la coinversión, puede publicarlas junto con dependencias o entidades "
    "federales, estatales o municipales, u organismos públicos, privados o "
    "sociales.",
    "4.2 Requisitos mínimos de las convocatorias",
    "Toda convocatoria contiene al menos:",
    "- a) Objetivo\n- b) Temática\n- c) Vigencia\n- d) Montos y tipos de apoyo\n"
    "- e) Bases de participación\n- f) Criterios de selección\n- g) Cobertura",
)

SPENDING: Part = (
    "4.4 Del ejercicio de los recursos",
    "Cada ministración se paga contra su CFDI, en XML y en PDF, y el "
    "complemento de pago, con los requisitos fiscales aplicables; si falta "
    "alguno, no se paga.",
    "La primera ministración se deposita después de firmado el convenio y "
    "cumplidos todos los requisitos, según la disponibilidad presupuestal.",
    "La instancia administradora puede suspender las ministraciones si tiene "
    "información documentada de un riesgo para el proyecto.",
    "Los recursos se ejercen en los rubros y conceptos del convenio, durante "
    "su vigencia, sin cambiar los conceptos aprobados, desde una cuenta "
    "bancaria exclusiva para cada proyecto, y con comprobantes que cumplan el "
    "artículo 29-A del Código Fiscal de la Federación.",
    "4.4.1 Gastos no permitidos",
    "El apoyo público no paga, en ningún esquema:",
    "- a) Becas\n- b) Apoyos en dinero directos a beneficiarios\n"
    "- c) Impuestos y seguridad social\n- d) Renta\n"
    "- e) Gastos con fines políticos o religiosos\n"
    "- f) Otros que la convocatoria señale",
    "4.4.2 Causas de retención o cancelación de recurso",
    "a) Se cancela el apoyo y se devuelve en parte o en todo cuando la "
    "instancia ejecutora:",
    "- i. Usa indebidamente los recursos;\n- ii. Incumple el convenio;\n"
    "- iii. Incumple los requisitos generales de estas reglas;\n"
    "- iv. Pone en grave riesgo el proyecto, según situaciones documentadas;\n"
    "- v. Presenta comprobantes presuntamente apócrifos o ajenos al proyecto;\n"
    "- vi. Impide las revisiones de las autoridades fiscalizadoras, y\n"
    "- vii. Incumple sus obligaciones de transparencia.",
    "b) Se retiene el recurso cuando:",
    "- i. No abre la cuenta bancaria en los términos convenidos;\n"
    "- ii. Sus comprobantes fiscales son erróneos o no corresponden;\n"
    "- iii. No entrega los informes y comprobantes convenidos;\n"
    "- iv. No cumple los objetivos del proyecto, y\n"
    "- v. No entrega la factura de cada ministración (punto 4.4).",
    "La instancia administradora informa a la Instancia Normativa de las "
    "inconsistencias que detecte, y puede terminar el proyecto antes de "
    "tiempo, suspender ministraciones, pedir la devolución de recursos o dar "
    "aviso a las autoridades.",
    "4.5 Reporte de Actividades",
    "La instancia ejecutora llena los formatos técnico-financieros de avance "
    "de cada proyecto con la periodicidad de su convenio.",
)

CLOSING: Part = (
    "6. Controversias",
    "La instancia administradora resuelve lo no previsto en estas reglas y su "
    "interpretación.",
    "Glosario.",
    "Apoyo financiero: aportación en dinero que se otorga como préstamo, en "
    "condiciones favorables para devolverlo.",
    "Asistencia social: acciones para mejorar las circunstancias que impiden "
    "el desarrollo integral de las personas y proteger a quienes están en "
    "necesidad o desventaja, hasta su incorporación a una vida plena.",
    "Coinversión: inversión conjunta en dinero para actividades del sector "
    "social, que puede pedirse por partes iguales.",
    "Convocatoria: documento con las bases para que las organizaciones "
    "participen en los programas o fondos.",
    "Instancia Normativa: el organismo rector del programa, que es el Sistema "
    "para el Desarrollo Integral de la Familia del Estado de Sonora.",
    "Instancia administradora: la organización de la sociedad civil a la que "
    "se transfiere la operación del programa y sus recursos (artículos 14, "
    "fracción XIX, y 48 de la Ley de Asistencia Social del Estado).",
    "Subsidio: apoyo en dinero a organizaciones que prestan un servicio "
    "gratuito a la población vulnerable.",
    "Subvención: dinero que se aporta a organizaciones que realizan obras o "
    "proyectos en favor de la calidad de vida.",
)
