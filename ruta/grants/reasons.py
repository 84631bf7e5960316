"""Why an application got its allocation status, in the page's language.

The allocation (``rules.allocation``) gives each application a stable reason
code and its figures; pages, downloads, the API and ``ruta grants allocate``
render them here, and every explanation names the call's choice for an
application that asks for more than what is left.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ruta.common.text.money import format_mxn
from ruta.grants.rules.cfdi_seal import Check
from ruta.grants.rules.requirements import KnownAid

# Each reason is shown beside the application's status ("Apoyada", "Elegible
# no apoyada"), so it does not say the status again: it says why.
REASONS = {
    "not_eligible": _(
        "No cumple los requisitos de participación (§3.4) o los "
        "criterios de elegibilidad (§3.4.1)."
    ),
    "funded": _(
        "Lugar %(rank)s por calificación (empates al folio menor, "
        "§4.3.1); se asignan %(amount)s y quedaban %(left)s en su esquema."
    ),
    "funded_partially": _(
        "Apoyo parcial: lugar %(rank)s; pedía más de lo que quedaba "
        "(%(left)s) y la organización aceptó el apoyo parcial."
    ),
    "budget_exhausted": _(
        "Lugar %(rank)s; pide más de lo que quedaba (%(left)s) en su esquema (§4.3.3)."
    ),
    "stopped_above": _(
        "Lugar %(rank)s; la asignación se detuvo en una "
        "solicitud mejor calificada que no cabía (quedaban %(left)s)."
    ),
    "skipped_too_large": _(
        "Lugar %(rank)s; pide más de lo que quedaba (%(left)s) y se pasó a la "
        "siguiente que cabía."
    ),
    "second_application": _(
        "La organización ya tiene el folio %(first_folio)s, "
        "el primero que obtuvo el estatus de elegible; en una convocatoria solo "
        "se apoya ese (§4.3.2)."
    ),
    "not_formalized": _(
        "El convenio no se formalizó en los 15 días naturales "
        "posteriores al fallo; sus %(amount)s se reasignan (§4.3.3)."
    ),
    "reassigned_funded": _(
        "Por reasignación (§4.3.3): lugar %(rank)s; recibe %(amount)s "
        "liberados por convenios no formalizados (quedaban %(left)s)."
    ),
    "reassigned_funded_partially": _(
        "Apoyo parcial por reasignación (§4.3.3): lugar %(rank)s; "
        "recibe lo que quedaba (%(left)s), con su consentimiento."
    ),
    "reassigned_budget_exhausted": _(
        "Tras la reasignación (§4.3.3): lugar %(rank)s; "
        "pide más de lo que quedaba (%(left)s)."
    ),
    "reassigned_stopped_above": _(
        "Tras la reasignación (§4.3.3): lugar %(rank)s; la "
        "reasignación se detuvo en una solicitud mejor calificada que no cabía."
    ),
    "reassigned_skipped_too_large": _(
        "Tras la reasignación (§4.3.3): lugar %(rank)s; "
        "pide más de lo que quedaba (%(left)s)."
    ),
}
SHORTFALL = {
    "stop": _(
        "Regla de la convocatoria si la siguiente pide más de lo que queda: "
        "detenerse (predeterminada)."
    ),
    "skip": _(
        "Regla de la convocatoria si la siguiente pide más de lo que queda: "
        "saltar a la siguiente que cabe."
    ),
    "partial": _(
        "Regla de la convocatoria si la siguiente pide más de lo que queda: "
        "apoyo parcial con el consentimiento de la organización."
    ),
}
UNKNOWN = _("Motivo %(code)s.")
MONEY_PARAMS = ("amount", "left")


def reason_text(code: str, params: Mapping[str, str], shortfall: str) -> str:
    """Return the explanation of an allocation result, naming the call's choice."""
    template = REASONS.get(code)
    figures = {
        key: format_mxn(Decimal(value)) if key in MONEY_PARAMS else value
        for key, value in params.items()
    }
    text = UNKNOWN % {"code": code} if template is None else template % figures
    if code == "not_eligible":
        return str(text)
    return f"{text} {SHORTFALL.get(shortfall, '')}".strip()


CFDI_PROBLEMS = {
    "hostile_xml": _(
        "El XML declara un tipo de documento o entidades (posible ataque de "
        "entidades externas o «billion laughs»); no se lee."
    ),
    "malformed_xml": _("El archivo no es XML bien formado."),
    "not_cfdi": _("El XML no es un CFDI 4.0 (falta cfdi:Comprobante)."),
    "too_large": _("El XML pasa del tamaño máximo."),
    "missing_attribute": _("Falta el atributo requerido %(field)s (cfdv40.xsd)."),
    "missing_node": _("Falta el nodo requerido %(field)s."),
    "version": _("La versión del CFDI es %(found)s; se requiere 4.0."),
    "uuid_format": _("El UUID del timbre «%(found)s» no tiene el formato válido."),
    "rfc_invalid": _("El RFC en %(field)s («%(found)s») no es válido."),
    "rfc_check_digit": _(
        "El dígito verificador del RFC en %(field)s («%(found)s») no coincide; "
        "se acepta con esta advertencia."
    ),
    "rfc_homoclave": _(
        "La homoclave del RFC en %(field)s («%(found)s») no sigue el algoritmo "
        "publicado; se acepta con esta advertencia."
    ),
    "not_a_number": _("%(field)s no es un importe válido: «%(found)s»."),
    "not_a_date": _("%(field)s no es una fecha válida: «%(found)s»."),
    "kind": _("El tipo de comprobante es «%(found)s» y no el que se espera."),
    "emitter_rfc": _("El emisor (%(found)s) no es la organización apoyada (§4.4)."),
    "receiver_rfc": _(
        "El receptor (%(found)s) no es la instancia administradora (§4.4)."
    ),
    "amount": _("El importe (%(found)s) no es el de la ministración (§4.4)."),
    "date_outside_period": _(
        "La fecha del CFDI (%(found)s) no cae en el periodo de la ministración."
    ),
    "uuid_reused": _(
        "El UUID %(found)s ya ampara otra ministración: un CFDI no se presenta dos "
        "veces."
    ),
    "seal": _(
        "El sello del emisor no corresponde a la cadena original con el "
        "certificado del CFDI: el comprobante fue alterado o el sello no es suyo."
    ),
    "certificate_rfc": _(
        "El certificado del CFDI es del RFC %(found)s, no del emisor."
    ),
    "certificate_number": _(
        "El certificado del CFDI es el número %(found)s, no el que imprime "
        "NoCertificado."
    ),
    "test_authority": _(
        "El certificado del CFDI lo emitió «%(found)s», la autoridad de pruebas del "
        "SAT: no ampara un comprobante real."
    ),
    "subtotal": _("Los conceptos suman %(found)s, no el SubTotal que imprime el CFDI."),
    "total": _(
        "SubTotal menos descuentos más impuestos trasladados menos retenidos da "
        "%(found)s, no el Total que imprime el CFDI."
    ),
    "readable": _(
        "El CFDI no se puede leer con el esquema y la cadena original del SAT "
        "(%(found)s): su sello no se puede verificar."
    ),
    "version_3": _(
        "Es un CFDI versión %(found)s: desde el 1 de abril de 2023 sólo vale la "
        "versión 4.0, la única que se recibe."
    ),
    "sat_status": _("El SAT informa que el CFDI está «%(found)s»: no está vigente."),
}

# Checks that cannot run offline, and why.
CFDI_NOT_RUN = {
    "seal": _("No se verificó el sello: el CFDI no trae un certificado legible."),
    "certificate_rfc": _("Sin certificado legible no se compara su RFC."),
    "certificate_number": _("Sin certificado legible no se compara su número."),
    "test_authority": _("Sin certificado legible no se sabe quién lo emitió."),
    "stamp_seal": _(
        "No se verificó el sello del timbre: requiere el certificado %(found)s del "
        "SAT, que no se tiene sin conexión."
    ),
    "sat_status": _("No se consultó el estado del CFDI en el SAT: %(found)s."),
}


def cfdi_check_text(check: Check) -> str:
    """Return why a check refuses a CFDI: what it found, or why it could not run."""
    if check.ran:
        return cfdi_problem_text(check.code, found=check.found)
    return str(CFDI_NOT_RUN[check.code]) % {"found": check.found}


def cfdi_problem_text(code: str, field: str = "", found: str = "") -> str:
    """Return a CFDI problem in the page's language, naming field and value."""
    template = CFDI_PROBLEMS.get(code, UNKNOWN)
    return str(template) % {"field": field, "found": found, "code": code}


BUDGET_PROBLEMS = {
    "no_support": _("el presupuesto no pide apoyo (§3.4)"),
    "negative_amount": _("la línea %(line)s tiene un importe negativo"),
    "over_maximum": _(
        "el apoyo solicitado (%(actual)s) pasa del máximo de la convocatoria "
        "(%(limit)s)"
    ),
    "cofunding_short": _(
        "la aportación de la organización (%(actual)s) no llega al 50 %% que piden "
        "las reglas (%(limit)s, §3.4.1)"
    ),
    "admin_over_cap": _(
        "los gastos administrativos (%(actual)s) pasan del 30 %% del apoyo "
        "(%(limit)s, §3.4.1)"
    ),
    "no_accountant": _(
        "los gastos administrativos no incluyen el pago de un contador (§3.7.2-18)"
    ),
    "disallowed_concept": _(
        "la línea %(line)s carga al apoyo un concepto no permitido (§4.4.1)"
    ),
}


def budget_problem_text(problem) -> str:
    """Return a budget problem of ``rules.budget`` in the page's language."""
    figures = {
        key: format_mxn(Decimal(value))
        for key, value in problem.figures
        if key in ("actual", "limit")
    }
    figures["line"] = problem.line or "—"
    template = BUDGET_PROBLEMS.get(problem.code, UNKNOWN)
    return str(template) % {**figures, "code": problem.code}


SUPPORT_WARNINGS = {
    "not_declared": _(
        "La solicitud no trae la declaración de otros apoyos públicos: se recibió "
        "antes de que el formulario la pidiera o la capturó el personal."
    ),
    "declared_single": _(
        "El esquema pide no contar con otro apoyo público vigente para el mismo "
        "proyecto (%(section)s), y la organización declara tenerlo: la solicitud "
        "no es elegible."
    ),
    "declared_known": _(
        "Lo declarado («%(source)s», %(declared)s) coincide con el convenio vigente "
        "de la convocatoria %(call)s, folio %(folio)s («%(title)s», %(amount)s) que "
        "la plataforma registra: es el mismo dinero público; vea que no pague los "
        "mismos conceptos."
    ),
    "known_not_declared": _(
        "La plataforma registra un convenio vigente de la organización que la "
        "declaración no menciona: convocatoria %(call)s, folio %(folio)s "
        "(«%(title)s», %(amount)s)."
    ),
    "aid_not_declared": _(
        "La plataforma registra una ayuda social otorgada a la organización que "
        "la declaración no menciona: folio %(folio)s (%(concept)s, %(amount)s, "
        "%(date)s)."
    ),
    "declared_aid": _(
        "Lo declarado («%(source)s», %(declared)s) coincide con la ayuda social "
        "otorgada a la organización, folio %(folio)s (%(concept)s, %(amount)s, "
        "%(date)s), que la plataforma registra: es el mismo dinero público; vea "
        "que no pague los mismos conceptos."
    ),
}


def support_warning_text(warning, section: str = "") -> str:
    """Return a warning on the declaration of other support, with its figures."""
    known, declared = warning.known, warning.declared
    values = {"section": section}
    if isinstance(known, KnownAid):
        values.update(
            folio=known.folio,
            concept=known.concept,
            amount=format_mxn(Decimal(known.amount)),
            date=date_format(known.granted_on, "DATE_FORMAT"),
        )
    elif known is not None:
        values.update(
            call=known.call_code,
            folio=str(known.folio),
            title=known.title,
            amount=format_mxn(Decimal(known.amount)) if known.amount else "—",
        )
    if declared is not None:
        values.update(source=declared.source, declared=format_mxn(declared.amount))
    return str(SUPPORT_WARNINGS[warning.code]) % values
