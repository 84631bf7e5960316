"""§3 and §4 of the demonstration rules: the sections that print figures."""

from __future__ import annotations

from ruta.demo.documents.call_rules.facts import (
    PAGE_BREAK,
    REQUIREMENTS_HEADER,
    RulesFacts,
    say,
    two,
)


def guidelines(facts: RulesFacts) -> tuple[str, ...]:
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


def requirements(facts: RulesFacts) -> tuple[str, ...]:
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


def eligibility(facts: RulesFacts) -> tuple[str, ...]:
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


def amounts(facts: RulesFacts) -> tuple[str, ...]:
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


def obligations(facts: RulesFacts) -> tuple[str, ...]:
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
        f"{two(facts.report_days)} días del mes siguiente al que deba "
        "informar;",
        "16. Entregar la factura de cada ministración (el CFDI en XML y su "
        f"verificación) durante los {say(facts.invoice_days)} primeros días "
        "naturales de cada mes;",
        "17. Presentar el complemento de pago a más tardar "
        f"{say(facts.complement_days)} días naturales después de recibir la "
        "transferencia;",
        "18. Pagar con sus gastos administrativos a un contador que lleve el "
        "seguimiento del gasto, y",
        "19. Las demás que fijen la convocatoria y el convenio de operación.",
    )


def allocation(facts: RulesFacts) -> tuple[str, ...]:
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


def reports_and_refunds(facts: RulesFacts) -> tuple[str, ...]:
    return (
        "4.6 Avance técnico-financiero",
        "La instancia ejecutora informa del ejercicio de los recursos y del "
        "cumplimiento de objetivos y metas con la periodicidad de su tema o "
        "programa, y envía cada informe a la instancia administradora dentro de "
        f"los primeros {say(facts.report_days)} días hábiles posteriores al "
        "periodo que reporta.",
        "Si falta información o hay inconsistencias, la instancia "
        "administradora lo señala en los plazos de la convocatoria.",
        "4.7 Recursos no devengados",
        "La instancia ejecutora reintegra a la instancia administradora los "
        "recursos no destinados a los fines autorizados o no comprometidos "
        "legalmente al 31 de diciembre del ejercicio en que se ejecutan, a más "
        f"tardar {say(facts.refund_days)} días naturales después de que termine "
        "ese ejercicio, y en el mismo plazo entrega copia digitalizada en PDF "
        "del reintegro (fracción VIII del artículo 19 Bis G de la Ley de "
        "Presupuesto y Gasto Público Estatal).",
        "Los gastos no devengados al 31 de diciembre ya no pueden ejercerse.",
        "Si no se reintegra, se integra el expediente y se turna a la instancia "
        "normativa, o a la autoridad que corresponda en una coinversión.",
    )
