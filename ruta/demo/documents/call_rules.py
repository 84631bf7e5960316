"""A grants programme's rules of operation, written from their figures.

``render_rules`` writes the Reglas de Operación del Programa Peso por Peso
in the layout of the 2021 document (its numbered sections, the table of
requirements of §3.4, the obligations of §3.7.2, §4 and §5 with its lists
and its table of causes, a page break inside tables and sentences as the
extracted text has them) from ``RulesFacts``: the figures and deadlines the
platform enforces. ``SEED_FACTS`` are the 2021 document's own; the wording is
the project's (``call_rules_prose`` holds the parts without figures). The
document carries the original's contradictions too: three ways of saying
when a report is due, the contribution as half of the project or of the
support, rent allowed to structural grants and forbidden to every scheme.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ruta.demo.documents import call_rules_prose as prose

PAGE_BREAK = "\n\n"
REQUIREMENTS_HEADER = "Criterios\tRequisitos"
CAUSES_HEADER = "Causa\tCriterio\tPlazo (días naturales)\tResolución"
_WORDS = {3: "tres", 5: "cinco", 10: "diez", 15: "quince", 30: "treinta"}
_PERIODS = {1: "mensuales", 2: "bimestrales", 3: "trimestrales", 6: "semestrales"}
_ORDINALS = {2: "segundo", 3: "tercer", 4: "cuarto", 5: "quinto", 6: "sexto"}


@dataclass(frozen=True)
class RulesFacts:
    """The figures of the rules, each at the section that prints it."""

    year: int = 2021
    municipalities: int = 72  # §3.1
    cofunding_share: int = 50  # §3.4 req. 3 and §3.4.1-2
    administrative_cap: int = 30  # §3.4.1-2
    agreement_days: int = 15  # §3.7.2-8
    report_days: int = 5  # §3.7.2-15, §4.6 (business days), §5
    invoice_days: int = 5  # §3.7.2-16
    complement_days: int = 5  # §3.7.2-17
    reassignment_days: int = 15  # §4.3.3
    refund_days: int = 30  # §4.7 and §5
    report_months: int = 3  # §5 A: quarterly reports
    extension_days: int = 5  # §5 A.1
    answer_days: int = 5  # §5 B.2
    second_answer_days: int = 3  # §5 B.4
    cancel_days: int = 30  # §5 cancellation 10 and table row 1
    start_days: int = 150  # §5 table row 1: the term from the project's start
    refund_month: int = 4  # §5 table row 1
    causes_days: tuple[int, int, int, int] = (10, 5, 10, 30)  # §5 table rows 2–5
    notice_days: int = 15  # §5 table rows 2–5 and 9
    bank_extension_days: int = 60  # §5 table row 7
    irregular_days: int = 90  # §5 table row 8
    reserve_days: int = 30  # §5 table row 8
    # §3.6 B: the 2021 rules leave the most per project to each call.
    max_per_project: Decimal | None = None


SEED_FACTS = RulesFacts()


def _say(days: int) -> str:
    """Return a number as the rules often write it, in words when short."""
    return _WORDS.get(days, str(days))


def _two(days: int) -> str:
    """Return a number of two digits at least ("05"), as the rules print some."""
    return f"{days:02d}"


def render_rules(facts: RulesFacts = SEED_FACTS) -> str:
    """Return the rules' text, paragraph by paragraph, in the original's layout."""
    parts = [
        (
            f"REGLAS DE OPERACIÓN DEL PROGRAMA PESO POR PESO PARA EL EJERCICIO "
            f"FISCAL {facts.year}",
        ),
        prose.OPENING,
        ("2. " + prose.OBJECTIVES[0], *prose.OBJECTIVES[1:]),
        _guidelines(facts),
        prose.PARTICIPANTS,
        _requirements(facts),
        _eligibility(facts),
        prose.SCHEMES,
        _amounts(facts),
        prose.RIGHTS,
        _obligations(facts),
        ("4. Operación", "Los recursos se asignan por estos mecanismos:"),
        prose.CALLS,
        _allocation(facts),
        prose.SPENDING,
        _reports_and_refunds(facts),
        _follow_up(facts),
        _cancellation(facts),
        _transparency(facts),
        (_causes(facts),),
        prose.CLOSING,
    ]
    return "\n\n".join(paragraph for part in parts for paragraph in part) + "\n"


def _guidelines(facts: RulesFacts) -> tuple[str, ...]:
    return (
        "3. LINEAMIENTOS.",
        "3.1 Cobertura.",
        f"El programa es estatal: llega a los {facts.municipalities} municipios "
        "del Estado de Sonora.",
        "3.2 Población objetivo:",
        "Organizaciones de la sociedad civil **sin fines de lucro**, legalmente "
        "constituidas y al corriente en sus obligaciones fiscales, "
        "administrativas y legales, cuyo trabajo favorece los derechos sociales "
        "y la asistencia social en el Estado o atiende a comunidades vulnerables "
        "o excluidas.",
    )


def _requirements(facts: RulesFacts) -> tuple[str, ...]:
    """Return §3.4 and its table of criteria and requirements (broken in row 5)."""
    rows = [
        "1. Registrar un proyecto conforme a la convocatoria, en los formatos que "
        "ésta dispone.\t1. Enviar la solicitud completa por el sistema "
        "electrónico del sitio de la instancia administradora.",
        "2. Estar al corriente en sus obligaciones fiscales como persona moral con "
        "fines no lucrativos.\t2.1 Constancia de Situación Fiscal del SAT con su "
        "domicilio y régimen fiscal. 2.2 Opinión de cumplimiento de obligaciones "
        "fiscales en sentido positivo, de no más de un mes de antigüedad.",
        f"3. Aportar el {facts.cofunding_share}% del monto total del proyecto, en "
        "dinero o en especie.\t3. Registrar y desglosar la aportación en el "
        "presupuesto, por concepto autorizado.",
        "4. Estar al corriente en los compromisos y comprobaciones de ediciones "
        "anteriores del programa, si participó.\t4. La solicitante lo verifica "
        "antes de capturar; un adeudo no declarado cancela su derecho a "
        "participar.",
        "5. No tener irregularidades, observaciones ni impedimentos con programas "
        "públicos, ni con organismos privados con los que haya\t5.1 Manifestación "
        "bajo protesta de decir verdad, en hoja membretada con la firma del "
        "representante legal, de que reúne los requisitos y entrega completa su "
        "documentación."
        + PAGE_BREAK
        + REQUIREMENTS_HEADER
        + "\nfirmado convenios, que conozca la instancia administradora.\t5.2 Carta "
        "bajo protesta de conocer la normatividad de la organización y sus "
        "infracciones; si no se cumple, la solicitud se anula.",
        "6. Estar inscrita en el Registro Federal de las Organizaciones de la "
        "Sociedad Civil y, si aplica, en el Directorio Nacional de Instituciones "
        "de Asistencia Social.\t6.1 La CLUNI o el comprobante de su trámite. "
        "6.2 La constancia de inscripción en el DNIAS.",
        "7. Acreditar su personalidad jurídica.\t7. Acta constitutiva y su última "
        "modificación, inscritas en el Registro Público de la Propiedad.",
        "8. Acreditar la representación legal vigente.\t8. Acta protocolizada del "
        "representante legal.",
        "9. Estar dada de alta en la Secretaría de Hacienda y Crédito Público.\t"
        "9. Cédula del RFC y comprobante de domicilio fiscal vigente.",
        "10. Contar con la aprobación de su órgano de gobierno.\t10.1 Acta de "
        "asamblea firmada que autoriza el proyecto. 10.2 Calendario firmado de "
        "entrega de facturas mensuales, complementos e informes.",
        "11. Tener una cuenta bancaria única si el proyecto se aprueba.\t11.1 "
        "Solicitud de alta, baja o cambio de cuenta. 11.2 Estado de cuenta con el "
        "número de cuenta y la CLABE de 18 dígitos.",
        "12. Si participa sólo por recursos estatales, estar inscrita en el "
        "Registro Estatal de las Organizaciones de la Sociedad Civil.\t12. Folio "
        "o copia de la solicitud de inscripción, o carta compromiso firmada de "
        "inscribirse cuando el registro opere.",
        "13. Nombrar un solo coordinador operativo por proyecto, corresponsable "
        "de cumplirlo.\t13. Un coordinador responde de un solo proyecto; si no, "
        "la solicitud se cancela.",
    ]
    return (
        "3.4 Criterios y requisitos de participación y elegibilidad",
        "a) Para participar",
        "Toda organización, sea cual sea el esquema, cumple los requisitos "
        "generales de estas reglas y las bases de la convocatoria en que "
        "participe.",
        "\n".join([REQUIREMENTS_HEADER, *rows]),
    )


def _eligibility(facts: RulesFacts) -> tuple[str, ...]:
    return (
        "3.4.1 Criterios de elegibilidad",
        "La comisión dictaminadora valora cada solicitud, con su soporte técnico "
        "y financiero, por estos criterios:",
        "1. El proyecto atiende un tema de derechos sociales o de asistencia "
        "social de la Ley de Asistencia Social o de la Ley de Desarrollo Social "
        "del Estado de Sonora.",
        "2. Los montos guardan paridad: la aportación de la organización equivale "
        f"al {facts.cofunding_share}% de lo que solicita, en dinero o en "
        "especie. Del apoyo, a lo más el "
        f"{facts.administrative_cap}% puede destinarse a gastos administrativos.",
        "3. La trayectoria de la organización en el programa o los resultados de "
        "sus propios proyectos.\n"
        "4. Una atención digna y segura a las personas beneficiarias, conforme a "
        "las disposiciones de salud, con enfoque de derechos humanos y de "
        "género.\n"
        "5. La congruencia entre diagnóstico, objetivos, población, metas, "
        "actividades, evidencia y presupuesto, con indicadores para evaluarlo.\n"
        "6. Mecanismos de transparencia y rendición de cuentas.\n"
        "7. Los demás que fijen las convocatorias y los fondos.",
    )


def _amounts(facts: RulesFacts) -> tuple[str, ...]:
    if facts.max_per_project is None:
        said = (
            "Cada convocatoria define el monto máximo de aportación por proyecto "
            "y su ministración."
        )
    else:
        said = (
            "El monto máximo de aportación por proyecto es de "
            f"${facts.max_per_project:,.2f}; cada convocatoria define su "
            "ministración."
        )
    return ("B) Montos", said)


def _obligations(facts: RulesFacts) -> tuple[str, ...]:
    """Return §3.7.2: nineteen obligations, a page break inside the eleventh."""
    return (
        "3.7.2 Obligaciones",
        "1. Cumplir estas Reglas de Operación, la convocatoria y las demás "
        "normas aplicables.",
        "2. Acusar recibo y responder a tiempo los avisos de la instancia "
        "administradora, que llegan al correo señalado en la solicitud.",
        "3. Quien coordine el proyecto responde, junto con el representante "
        "legal, de lo que el convenio indique.",
        "4. Recibir las entrevistas y visitas de supervisión de la instancia "
        "administradora.",
        "5. Si el proyecto atiende a personas, llevar un padrón de beneficiarios "
        "con nombre completo, edad, sexo, apoyo, municipio y localidad; el de "
        "un menor de edad requiere el consentimiento escrito de su madre, padre "
        "o tutor, conforme a la ley de protección de datos personales del "
        "Estado.",
        "6. Atender las visitas de seguimiento y los requerimientos de los "
        "órganos de control, con los originales de la documentación "
        "comprobatoria si se piden.",
        "La instancia administradora puede apoyarse en terceros para esta "
        "tarea, conforme a los convenios que celebre.",
        "7. Tener una cuenta bancaria única y específica para los recursos del "
        "programa;",
        "8. Firmar el convenio de operación, según el procedimiento, a más "
        f"tardar {facts.agreement_days} días naturales después de la fecha en "
        "que se le cite; si no, los recursos autorizados no se liberan;",
        "9. Ejercer los recursos sólo en los conceptos de gasto aprobados en el "
        "fallo público;",
        "10. Cuidar que los apoyos cumplan las condiciones de elegibilidad de "
        "estas reglas;",
        "11. Mantener al día los datos de su presidente o representante legal y "
        "del enlace del proyecto en el directorio estatal de"
        + PAGE_BREAK
        + "instituciones de asistencia social; si no, el apoyo se cancela;",
        "12. Validar que sus padrones identifiquen a personas en situación "
        "vulnerable, en los formatos que se fijen;",
        "13. Entregar a tiempo la documentación comprobatoria del gasto;",
        "14. Integrar el expediente técnico del proyecto y tenerlo listo para "
        "las visitas de supervisión y seguimiento;",
        "15. Entregar sus informes dentro de los primeros "
        f"{_two(facts.report_days)} días del mes siguiente al que deba "
        "informar;",
        "16. Entregar la factura de cada ministración (el CFDI en XML y su "
        f"verificación) durante los {_say(facts.invoice_days)} primeros días "
        "naturales de cada mes;",
        "17. Presentar el complemento de pago a más tardar "
        f"{_say(facts.complement_days)} días naturales después de recibir la "
        "transferencia;",
        "18. Pagar con sus gastos administrativos a un contador que lleve el "
        "seguimiento del gasto, y",
        "19. Las demás que fijen la convocatoria y el convenio de operación.",
    )


def _allocation(facts: RulesFacts) -> tuple[str, ...]:
    return (
        "4.3 Del resultado de los proyectos y solicitudes para la asignación de "
        "los recursos",
        "La instancia administradora asigna los recursos a los proyectos "
        "elegibles en este orden:",
        "1. Los proyectos se ordenan por su calificación en la dictaminación, "
        "de mayor a menor, y reciben recursos hasta agotar el monto del tema, "
        "programa o proyecto.",
        "Si dos o más proyectos tienen la misma calificación, se asigna primero "
        "al de folio menor, según la fecha de recepción.",
        "2. Una organización con dos proyectos en la misma convocatoria sólo "
        "recibe recursos para el primero que resultó elegible.",
        "3. Agotado el presupuesto, los proyectos elegibles sin recursos quedan "
        'como "elegible no apoyado". Si en los '
        f"{facts.reassignment_days} días naturales para formalizar que siguen "
        "al fallo hay bajas, su monto puede reasignarse a esos proyectos, en el "
        "orden de los puntos 1 y 2 y según la suficiencia presupuestal de cada "
        "esquema.",
        "4. En la coinversión, la operación del fondo se acuerda con la "
        "instancia aportante, sin contradecir la normatividad oficial.",
        "El resultado de la dictaminación es definitivo e inapelable y consta "
        "en un acta. La comisión dictaminadora la forman especialistas con "
        "experiencia en el sector.",
        "Los proyectos dictaminados se dan a conocer en el sitio de la "
        "instancia administradora y en los diarios de mayor circulación "
        "estatal.",
    )


def _reports_and_refunds(facts: RulesFacts) -> tuple[str, ...]:
    return (
        "4.6 Avance técnico-financiero",
        "La instancia ejecutora informa del ejercicio de los recursos y del "
        "cumplimiento de objetivos y metas con la periodicidad de su tema o "
        "programa, y envía cada informe a la instancia administradora dentro de "
        f"los primeros {_say(facts.report_days)} días hábiles posteriores al "
        "periodo que reporta.",
        "Si falta información o hay inconsistencias, la instancia "
        "administradora lo señala en los plazos de la convocatoria.",
        "4.7 Recursos no devengados",
        "La instancia ejecutora reintegra a la instancia administradora los "
        "recursos no destinados a los fines autorizados o no comprometidos "
        "legalmente al 31 de diciembre del ejercicio en que se ejecutan, a más "
        f"tardar {_say(facts.refund_days)} días naturales después de que termine "
        "ese ejercicio, y en el mismo plazo entrega copia digitalizada en PDF "
        "del reintegro (fracción VIII del artículo 19 Bis G de la Ley de "
        "Presupuesto y Gasto Público Estatal).",
        "Los gastos no devengados al 31 de diciembre ya no pueden ejercerse.",
        "Si no se reintegra, se integra el expediente y se turna a la instancia "
        "normativa, o a la autoridad que corresponda en una coinversión.",
    )


def _follow_up(facts: RulesFacts) -> tuple[str, ...]:
    """Return §5's opening and its parts A and B (a page break inside A.2)."""
    reports = f"informes {_PERIODS.get(facts.report_months, 'trimestrales')}"
    return (
        "5. Seguimiento, Control, Vigilancia, Transparencia y Rendición de Cuentas",
        "Para el control, seguimiento y evaluación, las organizaciones entregan "
        f"sus informes a más tardar {_say(facts.report_days)} días naturales "
        "después del cierre de cada periodo, y el informe final en el mismo "
        "plazo al concluir el proyecto, según sus calendarios o convenios.",
        "Si falta un informe, se suspenden las ministraciones que correspondan.",
        "La instancia administradora, o la aportante de la coinversión, sigue "
        "el ejercicio de los recursos, las acciones, los resultados y las "
        "metas; la Instancia Normativa puede supervisar los proyectos.",
        "Se suspende temporalmente la transferencia del **recurso público** en "
        "estos casos:",
        f"A) No entregar a tiempo los {reports}",
        "1. La instancia ejecutora que no pueda entregar a tiempo pide una "
        "prórroga antes de que venza el plazo, lo que suspende el recurso del "
        "mes siguiente. La prórroga nunca pasa de "
        f"{_say(facts.extension_days)} días naturales después del vencimiento "
        "pactado en el convenio.\n"
        "2. Vencida la prórroga, no se concede otra. La transferencia se "
        "reanuda tras revisar el informe tardío y recibir las facturas y "
        "complementos; esa revisión no"
        + PAGE_BREAK
        + "debe pasar de 30 días naturales por causas de la instancia "
        "administradora.",
        f"La falta de los {reports} suspende las ministraciones mensuales que "
        "correspondan.",
        f"B) Entregar los {reports} con errores. Ocurre cuando, al revisarlos, "
        "se advierte que la instancia ejecutora:",
        "- No aplica los recursos según el calendario, los conceptos o las "
        "etapas del proyecto ejecutivo.\n"
        "- Hay discrepancias entre lo ejercido, lo aprobado y las metas.\n"
        "- No se ajustó a los criterios del proyecto aprobado.",
        "Para corregirlo:",
        "1. La instancia administradora notifica sus observaciones.\n"
        "2. La instancia ejecutora responde o aclara en "
        f"{_say(facts.answer_days)} días naturales.\n"
        "3. En una segunda revisión, la instancia administradora decide si las "
        "observaciones quedaron atendidas y lo notifica.\n"
        "4. Si quedan observaciones, la organización responde en no más de "
        f"{_say(facts.second_answer_days)} días naturales.",
    )


def _cancellation(facts: RulesFacts) -> tuple[str, ...]:
    return (
        "Son causas de cancelación definitiva del apoyo del **recurso público**:",
        "1. No iniciar o suspender sin justificación, por causas propias, el "
        "programa aprobado en las fechas del convenio.\n"
        "2. Ceder sus bienes de modo que afecte lo pactado en el convenio.\n"
        "3. Negar a la instancia administradora o a las autoridades las "
        "facilidades y los datos para inspeccionar los recursos.",
        "4. Que la revisión, la supervisión o el seguimiento muestren que no se "
        "cumplieron los objetivos, metas e indicadores.\n"
        "5. Que en una visita se compruebe que dejó de prestar los servicios, "
        "no opera o no cumple sus metas sin justificación.\n"
        "6. No cumplir las normas oficiales mexicanas de sus servicios ni "
        "colaborar con la supervisión.\n"
        "7. No firmar el convenio en el plazo fijado.\n"
        "8. No acreditar, ya firmado el convenio, la apertura de la cuenta "
        "bancaria única en el plazo fijado.\n"
        "9. Presentar al formalizar una irregularidad no detectada frente a los "
        "requisitos, faltando a su carta bajo protesta.\n"
        "10. No atender las observaciones a los informes en el plazo fijado, "
        f"transcurridos {facts.cancel_days} días naturales desde la primera "
        "notificación.",
    )


def _transparency(facts: RulesFacts) -> tuple[str, ...]:
    return (
        "La Secretaría de Desarrollo Social de Sonora puede supervisar el "
        "ejercicio de los recursos otorgados a las organizaciones.",
        "Transparencia y Rendición de Cuentas",
        "Estas reglas se publican en el sitio web de la instancia "
        "administradora, y cada proyecto integra su padrón de beneficiarios "
        "con las personas o la población atendida, sus apoyos y su ubicación.",
        "Las medidas permanentes de las leyes federales y locales impiden que "
        "los recursos públicos o los programas sociales sirvan a fines "
        "particulares, de partido o electorales. Por ello, la instancia "
        "ejecutora declara bajo protesta de decir verdad que no está en los "
        "supuestos del artículo 8 de la Ley Federal de Fomento a las "
        "Actividades Realizadas por Organizaciones de la Sociedad Civil ni del "
        "artículo 5 de la Ley"
        + PAGE_BREAK
        + "para el Fomento y Participación de las Organizaciones de la Sociedad "
        "Civil para el Estado de Sonora.",
        "Como **recurso público**, el apoyo está sujeto a la fiscalización del "
        "Instituto Superior de Auditoría y Fiscalización para el Estado de "
        "Sonora y de las instancias que determine la Instancia Normativa.",
        "La instancia ejecutora reintegra a la instancia administradora, con sus "
        "rendimientos, los recursos no destinados a los fines autorizados o no "
        "que sigan sin devengarse al concluir el proyecto, a más tardar en los "
        f"{_say(facts.refund_days)} días naturales con que abre el ejercicio "
        "fiscal siguiente, de acuerdo con esta tabla:",
    )


def _causes(facts: RulesFacts) -> str:
    """Return §5's table of causes, broken by pages inside rows 4 and 9."""
    ceded, refused, unmet, unjustified = facts.causes_days
    notice = f"{facts.notice_days} días naturales desde que se le notifica."
    checked = "Se verifica con un informe o una visita de supervisión o seguimiento."
    rows = [
        CAUSES_HEADER,
        "1. Por causas propias, la instancia ejecutora no inicia el programa "
        "aprobado o lo suspende sin justificación en las fechas del convenio.\t"
        f"No entrega un informe trimestral {facts.cancel_days} días naturales "
        "después del plazo del convenio.\tHasta "
        f"{facts.start_days} días desde el inicio del proyecto.\tReintegra todo "
        "lo ministrado a más tardar al terminar el "
        f"{_ORDINALS.get(facts.refund_month, str(facts.refund_month))} mes de "
        "operación del proyecto.",
        "2. La instancia ejecutora cede sus bienes de modo que afecta lo "
        f"pactado en el convenio.\t{checked}\t{ceded} días desde la verificación."
        f"\tReintegra el recurso aplicado en no más de {notice}",
        "3. La instancia ejecutora niega las facilidades y los datos para "
        f"inspeccionar, vigilar o supervisar los recursos.\t{checked}\t"
        f"{_two(refused)} días desde la verificación.\tSi se comprueba la "
        f"irregularidad, reintegra el recurso aplicado en no más de {notice}",
        "4. La revisión, la supervisión o el seguimiento de los apoyos muestran"
        "\tAl revisar sus informes, si se observa esta irregularidad, la\t"
        f"{unmet} días una vez notificada.\tSi se comprueba la irregularidad, "
        "reintegra el recurso aplicado en"
        + PAGE_BREAK
        + CAUSES_HEADER
        + "\nque no se cumplieron los objetivos, metas e indicadores del programa."
        "\torganización puede probar que atendió los ajustes, o justificar por "
        f"qué no.\t\tno más de {notice}",
        "5. La revisión, la supervisión o el seguimiento no hallan exactitud ni "
        "justificación en los gastos.\tAl revisar sus informes, si se observan "
        f"discrepancias.\t{unjustified} días después de entregar su informe "
        "trimestral.\tReintegra lo que no se aplicó conforme a lo autorizado en "
        f"no más de {notice}",
        "6. La instancia ejecutora no formaliza el proyecto con la firma del "
        "convenio.\tNo hay convenio firmado en los plazos de las Reglas de "
        "Operación.\tEl que fijen las Reglas de Operación o la convocatoria.\t"
        "El recurso no se transfiere.",
        "7. Firmado el convenio, la instancia ejecutora no acredita la apertura "
        "de la cuenta bancaria única.\tLa organización pide una prórroga, que "
        f"no puede pasar de {facts.bank_extension_days} días naturales desde la "
        "firma del convenio.\tEl que fije la convocatoria o el convenio.\tEl "
        "recurso no se transfiere.",
        "8. Al formalizar el convenio, la instancia ejecutora presenta una "
        "irregularidad frente a los requisitos de la convocatoria o de las "
        "Reglas de Operación.\tLa organización pidió una prórroga.\t"
        f"{facts.irregular_days} días después de la firma del convenio.\ta) El "
        "recurso no se transfiere; la organización opera el proyecto con "
        "recursos propios y prueba su avance; el recurso se reserva hasta "
        f"{facts.reserve_days} días naturales. b) Sin evidencia de operación, "
        "se cancela el apoyo.",
        "9. La instancia ejecutora pide su baja del programa.\tLa organización "
        "presentó la solicitud de baja.\tInmediato\ta) Si no inició operaciones "
        "ni recibió recursos, el apoyo se cancela. b) Si ya había iniciado, se "
        "revisan sus avances y, si debe devolver recursos, lo hace en no más de"
        + PAGE_BREAK
        + CAUSES_HEADER
        + f"\n\t\t\t{notice}",
    ]
    return "\n".join(rows)
