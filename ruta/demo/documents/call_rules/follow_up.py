"""§5 of the demonstration rules: follow-up, suspension, cancellation, the table."""

from __future__ import annotations

from ruta.demo.documents.call_rules.facts import (
    CAUSES_HEADER,
    ORDINALS,
    PAGE_BREAK,
    PERIODS,
    RulesFacts,
    say,
    two,
)


def follow_up(facts: RulesFacts) -> tuple[str, ...]:
    """Return §5's opening and its parts A and B (a page break inside A.2)."""
    reports = f"informes {PERIODS.get(facts.report_months, 'trimestrales')}"
    return (
        "5. Seguimiento, Control, Vigilancia, Transparencia y Rendición de Cuentas",
        "Para el control, seguimiento y evaluación, las organizaciones entregan "
        f"sus informes a más tardar {say(facts.report_days)} días naturales "
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
        f"{say(facts.extension_days)} días naturales después del vencimiento "
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
        f"{say(facts.answer_days)} días naturales.\n"
        "3. En una segunda revisión, la instancia administradora decide si las "
        "observaciones quedaron atendidas y lo notifica.\n"
        "4. Si quedan observaciones, la organización responde en no más de "
        f"{say(facts.second_answer_days)} días naturales.",
    )


def cancellation(facts: RulesFacts) -> tuple[str, ...]:
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


def transparency(facts: RulesFacts) -> tuple[str, ...]:
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
        f"{say(facts.refund_days)} días naturales con que abre el ejercicio "
        "fiscal siguiente, de acuerdo con esta tabla:",
    )


def causes(facts: RulesFacts) -> str:
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
        f"{ORDINALS.get(facts.refund_month, str(facts.refund_month))} mes de "
        "operación del proyecto.",
        "2. La instancia ejecutora cede sus bienes de modo que afecta lo "
        f"pactado en el convenio.\t{checked}\t{ceded} días desde la verificación."
        f"\tReintegra el recurso aplicado en no más de {notice}",
        "3. La instancia ejecutora niega las facilidades y los datos para "
        f"inspeccionar, vigilar o supervisar los recursos.\t{checked}\t"
        f"{two(refused)} días desde la verificación.\tSi se comprueba la "
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
