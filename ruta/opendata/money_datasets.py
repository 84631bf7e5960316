"""The datasets that follow a work's money and its oversight, record by record.

Contracts, payments, modifications, progress reports and committees: each
page of a work shows them, so each is a dataset too (``money_rows`` reads
them). Keys are made of what the public sees (a work's folio, a contract's
number, a record's place among its work's), never a database id.
"""

from __future__ import annotations

from ruta.opendata import money_rows
from ruta.opendata.declaration import MONEY, SHA, YEAR, Dataset, F

DEMO = F("DEMOSTRACION", "boolean", "Sí cuando es un dato de demostración.")
WORK = F("FOLIO_OBRA", "string", "Obra a la que pertenece (ver «obras»).")
WORK_REQUIRED = F(
    "FOLIO_OBRA", "string", "Obra a la que pertenece (ver «obras»).", required=True
)
ORDER = "su lugar entre los de su obra, por fecha (desde 1)"

CONTRACTS = Dataset(
    slug="contratos",
    title="Contratos de obra pública",
    description=(
        "Cada contrato registrado para una obra publicada: contratista, "
        "procedimiento, monto, fechas (con el término pactado y el vigente) y "
        "lo pagado. El RFC de una persona física nunca se publica (dato "
        "personal); el de una empresa sí. Los procesos leídos de archivos OCDS "
        "están en «contrataciones»."
    ),
    keywords=("contratos", "obra pública", "contratistas", "adjudicación"),
    primary_key=("ID_CONTRATO",),
    rows=money_rows.contract_rows,
    money_fields=frozenset({"MONTO", "PAGADO"}),
    fields=(
        F(
            "ID_CONTRATO",
            "string",
            "Clave del contrato: folio de la obra y número, separados por «/».",
            required=True,
        ),
        WORK_REQUIRED,
        YEAR,
        F("DEPENDENCIA", "string", "Dependencia que ejecuta la obra."),
        F("CVE_MUNICIPIO", "string", "Clave INEGI del municipio de la obra."),
        F("MUNICIPIO", "string", "Municipio de la obra."),
        F("CONTRATO", "string", "Número del contrato.", required=True),
        F("CONTRATISTA", "string", "Nombre o razón social del contratista."),
        F(
            "RFC_CONTRATISTA",
            "string",
            "RFC del contratista si es empresa (persona moral); vacío si es "
            "persona física.",
        ),
        F("TIPO_PERSONA", "string", "moral o fisica, según el RFC."),
        F("TIPO_PERSONA_NOMBRE", "string", "Persona moral o Persona física."),
        F(
            "PROCEDIMIENTO",
            "string",
            "Clave del procedimiento: licitacion_publica, invitacion_tres o "
            "adjudicacion_directa.",
        ),
        F("PROCEDIMIENTO_NOMBRE", "string", "Nombre del procedimiento."),
        F("MONTO", "number", f"Monto del contrato. {MONEY}"),
        F("FIRMADO", "date", "Fecha de firma."),
        F("INICIO", "date", "Inicio de la ejecución."),
        F(
            "TERMINO_PACTADO",
            "date",
            "Término con el que se registró el contrato (el pactado).",
        ),
        F("TERMINO", "date", "Término vigente (posterior al pactado si se amplió)."),
        F("PAGOS", "integer", "Pagos registrados (ver «pagos»)."),
        F("PAGADO", "number", f"Suma de los pagos registrados. {MONEY}"),
        DEMO,
    ),
)

PAYMENTS = Dataset(
    slug="pagos",
    title="Pagos de los contratos de obra",
    description=(
        "Cada pago registrado: los de los contratos de las obras (con el folio "
        "fiscal de la factura y el documento del que se leyó, si se conocen) "
        "y los de los procesos publicados en OCDS. Quien recibe un pago y es "
        "persona física no se nombra."
    ),
    keywords=("pagos", "contratos", "obra pública", "CFDI"),
    primary_key=("ID_PAGO",),
    rows=money_rows.payment_rows,
    money_fields=frozenset({"MONTO"}),
    fields=(
        F(
            "ID_PAGO",
            "string",
            "Clave del pago: la del contrato (folio/número, u ocid/renglón) y "
            "el número del pago, separados por «/».",
            required=True,
        ),
        F("ORIGEN", "string", "contrato (registrado para la obra) u ocds."),
        F("ORIGEN_NOMBRE", "string", "De dónde viene el pago, en palabras."),
        WORK,
        YEAR,
        F("CONTRATO", "string", "Número o identificador del contrato."),
        F("OCID", "string", "ocid del proceso, si el pago viene de OCDS."),
        F(
            "RENGLON_CONTRATO",
            "integer",
            "Renglón del contrato en «contrataciones», si viene de OCDS.",
        ),
        F("NUMERO", "integer", "Número del pago en su contrato, por fecha."),
        F("FECHA", "date", "Fecha del pago."),
        F("MONTO", "number", f"Monto del pago. {MONEY}"),
        F("MONEDA", "string", "Moneda (ISO 4217)."),
        F("UUID_CFDI", "string", "Folio fiscal (UUID) de la factura pagada."),
        F("PAGADOR", "string", "Quien paga (OCDS)."),
        F("BENEFICIARIO", "string", "Quien recibe, si es organización (OCDS)."),
        F("DOCUMENTO_SHA256", "string", SHA),
        F("RENGLON_DOCUMENTO", "integer", "Línea del documento."),
        DEMO,
    ),
)

MODIFICATIONS = Dataset(
    slug="modificaciones",
    title="Modificaciones de monto y de plazo",
    description=(
        "Cada ampliación o reducción aprobada del monto de una obra, con su "
        "motivo (lo que el presupuesto modificado suma a lo aprobado), y cada "
        "contrato cuyo término quedó después del pactado, con los días "
        "agregados: lo que lee la señal de modificaciones sobre el límite de "
        "la ley."
    ),
    keywords=("modificaciones", "convenios modificatorios", "ampliaciones", "plazo"),
    primary_key=("ID_MODIFICACION",),
    rows=money_rows.modification_rows,
    money_fields=frozenset({"MONTO"}),
    fields=(
        F(
            "ID_MODIFICACION",
            "string",
            "Clave: folio/monto/número para el monto, folio/contrato/plazo "
            "para el plazo.",
            required=True,
        ),
        F("TIPO", "string", "monto o plazo.", required=True),
        F("TIPO_NOMBRE", "string", "Qué se modificó, en palabras."),
        WORK_REQUIRED,
        YEAR,
        F("CONTRATO", "string", "Número del contrato (modificaciones de plazo)."),
        F(
            "MONTO",
            "number",
            f"Ampliación (positiva) o reducción (negativa). {MONEY}",
        ),
        F("TERMINO_PACTADO", "date", "Término con el que se firmó el contrato."),
        F("TERMINO", "date", "Término vigente."),
        F("DIAS_PACTADOS", "integer", "Días del plazo pactado."),
        F("DIAS_AGREGADOS", "integer", "Días agregados al plazo."),
        F("MOTIVO", "string", "Motivo registrado."),
        F("ESTADO", "string", "approved: solo se publican las aprobadas."),
        F("ESTADO_NOMBRE", "string", "Estado, en palabras."),
        F("DECIDIDA", "date", "Fecha en que otra persona la aprobó."),
        DEMO,
    ),
)

PROGRESS = Dataset(
    slug="avances",
    title="Reportes de avance de las obras",
    description=(
        "Cada reporte de avance físico y financiero de una obra publicada: "
        "fecha, avance físico, monto pagado acumulado, evidencia y, cuando el "
        "avance baja, el motivo."
    ),
    keywords=("avance físico", "avance financiero", "obra pública", "seguimiento"),
    primary_key=("ID_AVANCE",),
    rows=money_rows.progress_rows,
    money_fields=frozenset({"PAGADO_ACUMULADO"}),
    fields=(
        F(
            "ID_AVANCE",
            "string",
            f"Clave: folio de la obra y {ORDER}, separados por «/».",
            required=True,
        ),
        WORK_REQUIRED,
        YEAR,
        F("NUMERO", "integer", f"Número del reporte: {ORDER}."),
        F("FECHA", "date", "Fecha del reporte."),
        F("AVANCE_FISICO", "number", "Avance físico, en por ciento."),
        F(
            "PAGADO_ACUMULADO",
            "number",
            f"Monto pagado acumulado a la fecha. {MONEY}",
        ),
        F("EVIDENCIA", "string", "Evidencia descrita."),
        F("EVIDENCIA_URL", "string", "Enlace a la evidencia."),
        F("MOTIVO", "string", "Motivo, obligatorio cuando el avance baja."),
        DEMO,
    ),
)

COMMITTEES = Dataset(
    slug="comites",
    title="Comités ciudadanos de las obras",
    description=(
        "Cada comité ciudadano (contraloría social) de una obra publicada: "
        "cuándo se conformó, cuántas personas lo integran, su taller de "
        "capacitación, cuántas visitas registra y su acta de "
        "entrega-recepción. Sin nombres ni datos de contacto de sus "
        "integrantes (datos personales)."
    ),
    keywords=("contraloría social", "comités ciudadanos", "participación ciudadana"),
    primary_key=("FOLIO_OBRA",),
    rows=money_rows.committee_rows,
    fields=(
        WORK_REQUIRED,
        YEAR,
        F("CONFORMADO", "date", "Fecha de conformación del comité."),
        F("INTEGRANTES", "integer", "Personas que lo integran."),
        F("TALLER", "date", "Fecha del taller de capacitación."),
        F("TALLER_ASISTENTES", "integer", "Asistentes al taller."),
        F("TALLER_TEMAS", "string", "Temas del taller."),
        F("VISITAS", "integer", "Visitas de vigilancia registradas."),
        F("ACTA_ENTREGA", "date", "Fecha del acta de entrega-recepción."),
        F("ACTA_RECIBIO", "string", "Dependencia u oficina que recibió la obra."),
        F("ACTA_CONFORMIDAD", "string", "conform u objections."),
        F("ACTA_CONFORMIDAD_NOMBRE", "string", "Conformidad del comité, en palabras."),
        F("ACTA_OBSERVACIONES", "string", "Observaciones del comité en el acta."),
        DEMO,
    ),
)

VISITS = Dataset(
    slug="comites-visitas",
    title="Visitas de vigilancia de los comités ciudadanos",
    description=(
        "Cada visita de un comité ciudadano a su obra: fecha, qué revisó, qué "
        "encontró y cuántas fotos dejó. Sin la minuta firmada ni nombres "
        "(datos personales)."
    ),
    keywords=("contraloría social", "visitas de vigilancia", "comités ciudadanos"),
    primary_key=("ID_VISITA",),
    rows=money_rows.visit_rows,
    fields=(
        F(
            "ID_VISITA",
            "string",
            f"Clave: folio de la obra y {ORDER}, separados por «/».",
            required=True,
        ),
        WORK_REQUIRED,
        YEAR,
        F("NUMERO", "integer", f"Número de la visita: {ORDER}."),
        F("FECHA", "date", "Fecha de la visita."),
        F("REVISADO", "string", "Qué se revisó."),
        F("HALLAZGOS", "string", "Qué se encontró."),
        F("FOTOS", "integer", "Fotos publicadas de la visita."),
        DEMO,
    ),
)

MONEY_DATASETS = (CONTRACTS, PAYMENTS, MODIFICATIONS, PROGRESS, COMMITTEES, VISITS)
