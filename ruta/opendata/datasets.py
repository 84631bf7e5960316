"""The registry of public datasets: what each one is and how its rows are read.

A dataset names its slug (its address under ``datos/``), a Spanish title
and description, the selector that yields its rows and a Frictionless
Table Schema (fields, types, descriptions, primary key). The files, the
data package, the pages and the DCAT catalogue are all built from this one
declaration, so a column is documented where it is defined.

``kind`` says how a dataset is written. A ``TABLE`` has rows and a schema.
A ``STANDARD`` is a package in a published standard (OC4IDS, OCDS): it
gives ``stream`` (its JSON text, chunk by chunk, written as it is read) and
the ``standard`` it follows, and has an address of its own beside the
dataset's (``/datos/oc4ids.json``, ``ruta.opendata.standards``). The data
package (``PACKAGE``) is built from the tables' latest versions. Each is
published, versioned, listed, served and catalogued from this registry.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from ruta.accounting import selectors as accounting_selectors
from ruta.budgeting import selectors as budgeting_selectors
from ruta.common.text.search import Found, Hit, texts_matching, words_of
from ruta.concertation import selectors as concertation_selectors
from ruta.flags import selectors as flags_selectors
from ruta.opendata import money_datasets, money_rows, selectors

# Declared in ``declaration`` and re-exported: apps above open data declare
# their datasets with these names.
from ruta.opendata.declaration import MONEY as MONEY
from ruta.opendata.declaration import PACKAGE as PACKAGE
from ruta.opendata.declaration import SHA as SHA
from ruta.opendata.declaration import STANDARD as STANDARD
from ruta.opendata.declaration import TABLE as TABLE
from ruta.opendata.declaration import YEAR as YEAR
from ruta.opendata.declaration import Dataset as Dataset
from ruta.opendata.declaration import F as F
from ruta.opendata.declaration import Field as Field
from ruta.opendata.oc4ids import oc4ids_package
from ruta.opendata.ocds import ocds_package
from ruta.works.selectors.aids import aid_rows

WORKS = Dataset(
    slug="obras",
    title="Obras públicas",
    description=(
        "Cada obra pública publicada: programa, ubicación con claves INEGI, "
        "estatus, inversión por fuente, los momentos de su presupuesto "
        "(aprobado, modificado, ejercido, como los suma la página del "
        "presupuesto) y avance. Las columnas siguen el vocabulario de Obra "
        "Pública Abierta (APROBADO, MODIFICADO, EJERCIDO, AVANCE_FISICO) donde "
        "corresponde."
    ),
    keywords=("obra pública", "inversión", "avance físico", "infraestructura"),
    primary_key=("FOLIO",),
    rows=selectors.work_rows,
    money_fields=frozenset(
        {
            "INVERSION_TOTAL",
            "APROBADO",
            "MODIFICADO",
            "EJERCIDO",
            "EJERCIDO_SOBRE_MODIFICADO",
        }
        | set(selectors.SOURCE_COLUMNS)
    ),
    fields=(
        F("FOLIO", "string", "Clave pública de la obra.", required=True),
        F("NOMBRE", "string", "Nombre de la obra."),
        YEAR,
        F("PROGRAMA", "string", "Programa de obra."),
        F("SUBPROGRAMA", "string", "Subprograma."),
        F("EJECUTORA", "string", "Dependencia o ayuntamiento que ejecuta la obra."),
        F("CVE_ENTIDAD", "string", "Clave INEGI de la entidad federativa."),
        F("CVE_MUNICIPIO", "string", "Clave INEGI del municipio (5 dígitos)."),
        F("MUNICIPIO", "string", "Nombre del municipio."),
        F("REGION", "string", "Región del estado a la que pertenece el municipio."),
        F("LOCALIDAD", "string", "Localidad."),
        F("LATITUD", "number", "Latitud (grados decimales, WGS84)."),
        F("LONGITUD", "number", "Longitud (grados decimales, WGS84)."),
        F("INICIO", "date", "Fecha de inicio."),
        F("TERMINO", "date", "Fecha de término."),
        F(
            "ESTATUS",
            "string",
            "Clave del estatus: proposed, approved, released, contracted, "
            "in_execution, completed, handed_over o cancelled.",
        ),
        F("ESTATUS_NOMBRE", "string", "Estatus, en palabras (Entregada, …)."),
        F(
            "GRUPO",
            "string",
            "Dónde está su dinero, por su estatus: invested (invertido: recursos "
            "liberados), pending_release (por liberar), proposed o cancelled. "
            "Los totales de inversión y de beneficiarios de las páginas suman "
            "solo las obras invested.",
        ),
        F("GRUPO_NOMBRE", "string", "El grupo, en palabras (Invertido, …)."),
        F(
            "BENEFICIARIOS",
            "integer",
            "Personas que la obra dice beneficiar. Los beneficiarios de un "
            "conjunto de obras son la suma de las de GRUPO invested (una persona "
            "puede contarse en varias obras).",
        ),
        F("INVERSION_TOTAL", "number", f"Inversión total. {MONEY}"),
        F(
            "APROBADO",
            "number",
            f"Aprobado: el del último archivo que la lista o, si no lo imprime, "
            f"la inversión total. {MONEY}",
        ),
        F(
            "MODIFICADO",
            "number",
            f"Modificado: el del último archivo o, si no lo imprime, la "
            f"inversión total más las modificaciones aprobadas (ver "
            f"«modificaciones»). {MONEY}",
        ),
        F(
            "EJERCIDO",
            "number",
            f"Ejercido (pagado): el del último archivo o el pagado acumulado del "
            f"último avance; 0 si no hay ninguno. {MONEY}",
        ),
        F(
            "EJERCIDO_SOBRE_MODIFICADO",
            "number",
            f"Lo ejercido por encima del modificado (0 si no lo rebasa). {MONEY}",
        ),
        F("AVANCE_FISICO", "number", "Avance físico más reciente, en por ciento."),
        F("ESTATAL", "number", f"Inversión estatal. {MONEY}"),
        F("MUNICIPAL", "number", f"Inversión municipal. {MONEY}"),
        F("COMUNIDAD", "number", f"Aportación de la comunidad. {MONEY}"),
        F("FEDERAL", "number", f"Inversión federal (FAIS y otros fondos). {MONEY}"),
        F("OTRAS", "number", f"Otras fuentes. {MONEY}"),
        F("VIGENTE_AL", "date", "Fecha del archivo del que vienen las cifras."),
        F(
            "ORIGEN",
            "string",
            "De dónde viene el registro: captured, federal-opa o agency-file.",
        ),
        F("ORIGEN_NOMBRE", "string", "De dónde viene el registro, en palabras."),
        F("DEMOSTRACION", "boolean", "Sí cuando la obra es un dato de demostración."),
    ),
)

FUNDING = Dataset(
    slug="obras-financiamiento",
    title="Estructura financiera de las obras",
    description="Cada fuente de financiamiento de cada obra publicada.",
    keywords=("obra pública", "financiamiento", "fuentes de recursos", "FAIS"),
    # The work, the source and the fund identify a line (a database
    # constraint); a database id would change when an import rewrites them.
    primary_key=("ID_FINANCIAMIENTO",),
    rows=selectors.funding_rows,
    money_fields=frozenset({"MONTO"}),
    fields=(
        F(
            "ID_FINANCIAMIENTO",
            "string",
            "Clave del renglón: folio, fuente y fondo, separados por «/»; la "
            "misma en cada publicación.",
            required=True,
        ),
        F("FOLIO", "string", "Clave pública de la obra.", required=True),
        YEAR,
        F(
            "FUENTE",
            "string",
            "Fuente: state, municipality, community, federal u other.",
            required=True,
        ),
        F("FUENTE_NOMBRE", "string", "Fuente, en palabras (Estatal, …)."),
        F("FONDO", "string", "Fondo federal o programa de la fuente (p. ej. FAIS)."),
        F("MONTO", "number", f"Monto de la fuente. {MONEY}"),
    ),
)

GOALS = Dataset(
    slug="poa-metas",
    title="Metas de los programas operativos anuales (POA)",
    description=(
        "Cada meta y acción de cada programa presupuestario y unidad ejecutora, "
        "con su meta anual y el avance acumulado calculado de los trimestres."
    ),
    keywords=("POA", "programa presupuestario", "metas", "TMM-F004"),
    primary_key=("ID_META",),
    rows=selectors.goal_rows,
    fields=(
        F("ID_META", "integer", "Identificador de la meta.", required=True),
        YEAR,
        F("RAMO", "string", "Clave del ramo."),
        F("CVE_PROGRAMA", "string", "Clave del programa presupuestario."),
        F("PROGRAMA", "string", "Nombre del programa presupuestario."),
        F("CVE_UNIDAD", "string", "Clave de la unidad ejecutora."),
        F("UNIDAD_EJECUTORA", "string", "Unidad ejecutora."),
        F("META", "integer", "Número de la meta en el formato."),
        F("DESCRIPCION", "string", "Meta y acción."),
        F("UNIDAD_MEDIDA", "string", "Unidad de medida."),
        F("META_ANUAL", "integer", "Meta anual."),
        F("LINEAS_DE_ACCION", "string", "Líneas de acción del plan que atiende."),
        F("TRIMESTRE_REPORTADO", "integer", "Último trimestre reportado (1 a 4)."),
        F("AVANCE_ABSOLUTO", "integer", "Suma de lo alcanzado en los trimestres."),
        F("AVANCE_RELATIVO", "number", "Avance absoluto entre meta anual, en %."),
        F("ESTATUS", "string", "Cómo se estableció la meta (verified, reconciled…)."),
        F("ESTATUS_NOMBRE", "string", "Cómo se estableció, en palabras."),
    ),
)

QUARTERS = Dataset(
    slug="poa-avances",
    title="Avance trimestral de las metas del POA",
    description=(
        "Lo programado (P) y lo alcanzado (A) de cada meta en cada trimestre "
        "publicado, con su estatus y el documento del que viene."
    ),
    keywords=("POA", "avance trimestral", "metas"),
    primary_key=("ID_META", "TRIMESTRE"),
    rows=selectors.quarter_rows,
    fields=(
        F("ID_META", "integer", "Meta (ver «poa-metas»).", required=True),
        YEAR,
        F("TRIMESTRE", "integer", "Trimestre (1 a 4).", required=True),
        F("PROGRAMADO", "integer", "Programado en el trimestre (P)."),
        F("ALCANZADO", "integer", "Alcanzado en el trimestre (A)."),
        F("OBSERVACIONES", "string", "Observaciones."),
        F("ESTATUS", "string", "Cómo se estableció el valor (verified, approved…)."),
        F("ESTATUS_NOMBRE", "string", "Cómo se estableció, en palabras."),
        F("DOCUMENTO_SHA256", "string", SHA),
        F("APROBADO_EL", "datetime", "Cuándo un validador aprobó la captura (UTC)."),
    ),
)

INDICATORS = Dataset(
    slug="indicadores",
    title="Indicadores de desempeño",
    description=(
        "Cada cédula de indicador con su método de cálculo, línea base, meta, "
        "último resultado y semáforo respecto de la línea base."
    ),
    keywords=("indicadores", "desempeño", "semáforo", "metas"),
    primary_key=("ID_INDICADOR",),
    rows=selectors.indicator_rows,
    year_field="ULTIMO_ANIO",
    fields=(
        F("ID_INDICADOR", "integer", "Identificador del indicador.", required=True),
        F("CLAVE", "string", "Clave de la cédula."),
        F("DEPENDENCIA", "string", "Dependencia responsable."),
        F("INDICADOR", "string", "Nombre del indicador."),
        F("OBJETIVO", "string", "Objetivo."),
        F("METODO_DE_CALCULO", "string", "Método de cálculo."),
        F("SENTIDO", "string", "Sentido: ascending o descending."),
        F("SENTIDO_NOMBRE", "string", "Sentido, en palabras."),
        F("FRECUENCIA", "string", "Frecuencia de medición."),
        F("UNIDAD_MEDIDA", "string", "Unidad de medida."),
        F("ANIO_LINEA_BASE", "integer", "Año de la línea base."),
        F("LINEA_BASE", "number", "Valor de la línea base."),
        F("ANIO_META", "integer", "Año de la meta."),
        F("META", "number", "Valor de la meta."),
        F("ULTIMO_ANIO", "integer", "Año del último resultado."),
        F("ULTIMO_RESULTADO", "number", "Último resultado publicado."),
        F(
            "SEMAFORO",
            "string",
            "Respecto de la línea base: green avance, yellow igual, red "
            "retroceso, grey sin información.",
        ),
        F("SEMAFORO_NOMBRE", "string", "El semáforo, en palabras (Avance, …)."),
    ),
)

INDICATOR_RESULTS = Dataset(
    slug="indicadores-resultados",
    title="Resultados de los indicadores",
    description="Cada resultado anual publicado de cada indicador, con su fuente.",
    keywords=("indicadores", "resultados"),
    primary_key=("ID_INDICADOR", "ANIO"),
    rows=selectors.indicator_result_rows,
    year_field="ANIO",
    fields=(
        F("ID_INDICADOR", "integer", "Indicador (ver «indicadores»).", required=True),
        F("ANIO", "integer", "Año del resultado.", required=True),
        F("RESULTADO", "number", "Resultado publicado."),
        F("DOCUMENTO_SHA256", "string", SHA),
        F("TABLA", "string", "Tabla del documento."),
        F("RENGLON", "integer", "Renglón de la tabla."),
    ),
)

INDICATOR_PERIODS = Dataset(
    slug="indicadores-periodos",
    title="Resultados de los indicadores por periodo y lugar",
    description=(
        "Cada resultado publicado de un trimestre o de un municipio o región, "
        "capturado por la dependencia y aprobado por otra persona, con la cifra "
        "que dan los datos de la plataforma para el mismo periodo y lugar y su "
        "semáforo respecto de la línea base."
    ),
    keywords=("indicadores", "resultados", "trimestres", "municipios", "regiones"),
    primary_key=("ID_RESULTADO",),
    rows=selectors.indicator_period_rows,
    year_field="ANIO",
    fields=(
        F("ID_RESULTADO", "integer", "Identificador del resultado.", required=True),
        F("ID_INDICADOR", "integer", "Indicador (ver «indicadores»).", required=True),
        F("ANIO", "integer", "Año del resultado.", required=True),
        F("TRIMESTRE", "integer", "Trimestre (1 a 4); vacío si es del año."),
        F("TIPO_LUGAR", "string", "state, municipality o region.", required=True),
        F("CLAVE_LUGAR", "string", "Clave INEGI del municipio o número de región."),
        F("LUGAR", "string", "Nombre del municipio o de la región."),
        F("RESULTADO", "number", "Resultado publicado."),
        F(
            "CALCULADO",
            "number",
            "Lo que dan los datos de la plataforma por el mismo método (el año al "
            "cierre del trimestre).",
        ),
        F("SEMAFORO", "string", "green, yellow, red o grey respecto de la línea base."),
        F("SEMAFORO_NOMBRE", "string", "El semáforo, en palabras (Avance, …)."),
        F("DEMOSTRACION", "boolean", "Dato de demostración."),
    ),
)

GRANTS = Dataset(
    slug="apoyos-resultados",
    title="Resultados de las convocatorias de apoyo a OSC",
    description=(
        "Cada solicitud de cada convocatoria publicada: organización, proyecto, "
        "puntaje, lugar, monto asignado y motivo. Sin datos personales."
    ),
    keywords=("apoyos", "organizaciones de la sociedad civil", "convocatorias"),
    primary_key=("CONVOCATORIA", "FOLIO"),
    rows=selectors.grant_result_rows,
    money_fields=frozenset({"SOLICITADO", "ASIGNADO"}),
    fields=(
        F("CONVOCATORIA", "string", "Clave de la convocatoria.", required=True),
        YEAR,
        F("FOLIO", "integer", "Folio de la solicitud.", required=True),
        F("ORGANIZACION", "string", "Organización solicitante."),
        F("RFC_ORGANIZACION", "string", "RFC de la organización (persona moral)."),
        F("PROYECTO", "string", "Título del proyecto."),
        F("ESQUEMA", "string", "Esquema de apoyo."),
        F("TEMATICA", "string", "Temática."),
        F("MUNICIPIO", "string", "Municipio del proyecto."),
        F("SOLICITADO", "number", f"Monto solicitado. {MONEY}"),
        F("PUNTAJE", "number", "Puntaje del dictamen."),
        F("LUGAR", "integer", "Lugar en la asignación."),
        F(
            "RESULTADO",
            "string",
            "Clave del resultado de la asignación: supported, "
            "eligible_not_supported o not_eligible.",
        ),
        F("RESULTADO_NOMBRE", "string", "El resultado, en palabras (Apoyada, …)."),
        F("ASIGNADO", "number", f"Monto asignado. {MONEY}"),
        F("ESTATUS", "string", "Clave del estatus de la solicitud (supported, …)."),
        F("ESTATUS_NOMBRE", "string", "Estatus de la solicitud, en palabras."),
        F("MOTIVO", "string", "Motivo del resultado."),
        F("DEMOSTRACION", "boolean", "Sí cuando es un dato de demostración."),
    ),
)

ORGANIZATIONS = Dataset(
    slug="apoyos-organizaciones",
    title="Directorio de organizaciones de la sociedad civil",
    description=(
        "Cada organización registrada y aprobada (Reglas de Operación §3.4 "
        "req. 12 y §3.7.2-11): nombre, RFC, CLUNI, folio del Registro Estatal, "
        "los municipios de sus proyectos y las convocatorias publicadas a las "
        "que solicitó apoyo (cada solicitud, en «apoyos-resultados»). Sin "
        "contactos ni personas."
    ),
    keywords=("apoyos", "organizaciones de la sociedad civil", "directorio", "CLUNI"),
    primary_key=("RFC",),
    rows=selectors.organization_rows,
    year_field="",
    fields=(
        F("RFC", "string", "RFC de la organización (persona moral).", required=True),
        F("ORGANIZACION", "string", "Nombre de la organización."),
        F("CLUNI", "string", "Clave Única de Inscripción al Registro Federal de OSC."),
        F("FOLIO_REGISTRO_ESTATAL", "string", "Folio del Registro Estatal de OSC."),
        F(
            "MUNICIPIOS",
            "string",
            "Municipios de sus proyectos, separados por «; ».",
        ),
        F(
            "CONVOCATORIAS",
            "string",
            "Claves de las convocatorias publicadas a las que solicitó apoyo, "
            "separadas por un espacio.",
        ),
        F("SOLICITUDES", "integer", "Solicitudes a convocatorias publicadas."),
        F(
            "APOYADAS",
            "integer",
            "De ellas, las que la asignación apoyó y siguen apoyadas (apoyada, "
            "convenio firmado, ministraciones suspendidas o concluida).",
        ),
        F("DEMOSTRACION", "boolean", "Sí cuando es un dato de demostración."),
    ),
)

CONTRACTING = Dataset(
    slug="contrataciones",
    title="Procesos de contratación y contratos",
    description=(
        "Cada contrato de cada proceso de contratación publicado en OCDS, con "
        "la obra a la que pertenece y lo pagado. Un proceso sin contrato ocupa "
        "un renglón con las columnas del contrato vacías."
    ),
    keywords=("contrataciones abiertas", "OCDS", "contratos", "licitación"),
    primary_key=("OCID", "RENGLON"),
    rows=selectors.contracting_rows,
    year_field="",
    money_fields=frozenset({"MONTO_PROCESO", "MONTO_CONTRATO", "PAGADO"}),
    fields=(
        F("OCID", "string", "Identificador OCDS del proceso.", required=True),
        F("RENGLON", "integer", "Número del contrato en el proceso (desde 1)."),
        F("FOLIO_OBRA", "string", "Obra a la que pertenece (ver «obras»)."),
        F("TITULO", "string", "Título del proceso."),
        F("COMPRADOR", "string", "Comprador."),
        F(
            "PROCEDIMIENTO",
            "string",
            "Procedimiento de contratación (OCDS: open, selective, limited, "
            "direct, o el texto del archivo).",
        ),
        F("PROCEDIMIENTO_NOMBRE", "string", "Procedimiento, en palabras."),
        F("INICIO_LICITACION", "date", "Inicio de la licitación."),
        F("FIN_LICITACION", "date", "Fin de la licitación."),
        F("MONTO_PROCESO", "number", "Monto del proceso."),
        F("MONEDA", "string", "Moneda (ISO 4217)."),
        F("CONTRATO", "string", "Identificador del contrato."),
        F("PROVEEDOR", "string", "Proveedor; vacío si es persona física."),
        F("MONTO_CONTRATO", "number", "Monto del contrato."),
        F("FIRMADO", "date", "Fecha de firma."),
        F("PAGOS", "integer", "Número de pagos registrados."),
        F("PAGADO", "number", "Suma de los pagos registrados."),
    ),
)

STATEMENTS = Dataset(
    slug="presupuesto-estados-analiticos",
    title="El presupuesto en cada momento contable (estados analíticos)",
    description=(
        "Cada renglón de los estados analíticos de la contabilidad de cada ente, "
        "el último de cada ejercicio: egresos por capítulo y concepto del "
        "Clasificador por Objeto del Gasto y por unidad administrativa, e "
        "ingresos por rubro, con lo aprobado (o estimado), las ampliaciones y "
        "reducciones, lo modificado, lo devengado y lo pagado (o recaudado), "
        "tal como los imprime el archivo leído."
    ),
    keywords=("presupuesto", "egresos", "ingresos", "contabilidad gubernamental"),
    primary_key=("DOCUMENTO_SHA256", "CLASIFICACION", "CLAVE"),
    rows=money_rows.statement_rows,
    money_fields=frozenset(accounting_selectors.MOMENT_COLUMNS.values()),
    fields=(
        YEAR,
        F("ENTE", "string", "Ente público del estado."),
        F("ESTADO", "string", "expenditure (egresos) o revenue (ingresos)."),
        F("ESTADO_NOMBRE", "string", "El estado analítico, por su nombre."),
        F("CIFRAS_AL", "date", "Fecha de corte de las cifras."),
        F(
            "CLASIFICACION",
            "string",
            "object (por objeto del gasto), administrative (por unidad "
            "administrativa) o revenue_item (por rubro de ingresos).",
            required=True,
        ),
        F("CLASIFICACION_NOMBRE", "string", "La clasificación, en palabras."),
        F(
            "NIVEL",
            "string",
            "total, group (capítulo o rubro) o item (concepto, tipo o unidad).",
        ),
        F("NIVEL_NOMBRE", "string", "El nivel, en palabras."),
        F(
            "CLAVE",
            "string",
            "Clave del renglón (TOTAL en los totales).",
            required=True,
        ),
        F("NOMBRE", "string", "Nombre del renglón."),
        F(
            "APROBADO_O_ESTIMADO",
            "number",
            f"Aprobado (egresos) o estimado (ingresos). {MONEY}",
        ),
        F("AMPLIACIONES_REDUCCIONES", "number", f"Ampliaciones y reducciones. {MONEY}"),
        F("MODIFICADO", "number", f"Modificado. {MONEY}"),
        F("DEVENGADO", "number", f"Devengado. {MONEY}"),
        F(
            "PAGADO_O_RECAUDADO",
            "number",
            f"Pagado (egresos) o recaudado (ingresos). {MONEY}",
        ),
        F(
            "SUBEJERCICIO_O_DIFERENCIA",
            "number",
            f"Subejercicio (egresos: "
            f"modificado − devengado) o diferencia (ingresos: recaudado − "
            f"estimado), como lo imprime el archivo. {MONEY}",
        ),
        F("DEMOSTRACION", "boolean", "Sí cuando es un dato de demostración."),
        F("DOCUMENTO_SHA256", "string", SHA, required=True),
        F("RENGLON", "integer", "Renglón del archivo."),
    ),
)

AIDS = Dataset(
    slug="ayudas-sociales",
    title="Ayudas sociales por concepto, municipio y sexo",
    description=(
        "Cuántas ayudas sociales se otorgaron y por cuánto, por concepto de gasto, "
        "por municipio y por grupo de edad, según el sexo de quien las recibió "
        "(o «No aplica» si "
        "las recibió una institución o un municipio). Solo cifras agregadas: un "
        "grupo de menos de cinco ayudas se reserva, y con él otro de su renglón o "
        "columna para que no se deduzca de los totales. Sin datos personales."
    ),
    keywords=("ayudas sociales", "perspectiva de género", "asistencia social"),
    primary_key=("EJERCICIO", "DIMENSION", "CLAVE", "GRUPO"),
    rows=aid_rows,
    money_fields=frozenset({"MONTO"}),
    fields=(
        YEAR,
        F(
            "DIMENSION",
            "string",
            "concepto, municipio o edad: la tabla a la que pertenece el renglón.",
            required=True,
        ),
        F(
            "CLAVE",
            "string",
            "Clave del concepto, clave INEGI del municipio (sin-municipio: "
            "ayudas estatales) o grupo de edad (0-17, 18-29, 30-59, 60+; "
            "no-aplica: instituciones y municipios).",
            required=True,
        ),
        F("VALOR", "string", "Nombre del concepto, del municipio o del grupo."),
        F(
            "GRUPO",
            "string",
            "El sexo de quienes recibieron las ayudas: Mujer, Hombre, Otro o no "
            "binario, o No aplica (instituciones y municipios).",
            required=True,
        ),
        F("AYUDAS", "integer", "Ayudas otorgadas (vacío si está reservado)."),
        F("MONTO", "number", f"Monto otorgado (vacío si está reservado). {MONEY}"),
        F("RESERVADO", "boolean", "Sí cuando la cifra se reserva por grupo pequeño."),
    ),
)

DOCUMENTS = Dataset(
    slug="documentos",
    title="Documentos publicados leídos por la plataforma",
    description=(
        "Cada documento importado (por su SHA-256): el origen de cada cifra "
        "publicada, con cuántos renglones se leyeron y cuántos hallazgos dejó."
    ),
    keywords=("documentos", "procedencia", "transparencia"),
    primary_key=("SHA256",),
    rows=selectors.document_rows,
    fields=(
        F("SHA256", "string", "SHA-256 del archivo.", required=True),
        F("NOMBRE", "string", "Nombre del archivo."),
        F("TIPO", "string", "Clave del tipo de documento."),
        F("TIPO_NOMBRE", "string", "Tipo de documento, en palabras."),
        YEAR,
        F("DEPENDENCIA", "string", "Dependencia que lo publicó."),
        F("IMPORTADO_EL", "datetime", "Cuándo se importó (UTC)."),
        F("RENGLONES", "integer", "Renglones publicados que se leyeron."),
        F("HALLAZGOS", "integer", "Hallazgos (contradicciones y dudas; sin notas)."),
    ),
)

FINDINGS = Dataset(
    slug="hallazgos",
    title="Hallazgos en los documentos publicados",
    description=(
        "Las contradicciones, dudas y notas que la lectura de cada documento "
        "encontró (sumas que no cuadran, cifras repetidas que difieren)."
    ),
    keywords=("hallazgos", "verificación", "documentos"),
    primary_key=("ID_HALLAZGO",),
    rows=selectors.finding_rows,
    fields=(
        F("ID_HALLAZGO", "integer", "Identificador del hallazgo.", required=True),
        F("DOCUMENTO_SHA256", "string", SHA),
        YEAR,
        F("CODIGO", "string", "Código estable del hallazgo."),
        F("SEVERIDAD", "string", "info, warning o error."),
        F("SEVERIDAD_NOMBRE", "string", "Severidad, en palabras (Nota, …)."),
        F("MENSAJE", "string", "Mensaje, en español."),
        F("UBICACION", "string", "Dónde está en el documento."),
    ),
)

BUDGET_KEY = (
    F("MUNICIPIO", "string", "Clave INEGI del municipio.", required=True),
    F(
        "PRESUPUESTO",
        "string",
        "Clave del presupuesto participativo (su dirección en el sitio).",
        required=True,
    ),
)
BUDGET_DEMO = F(
    "DEMOSTRACION",
    "boolean",
    "Sí cuando el presupuesto participativo es un dato de demostración.",
)
BUDGET_BALLOTS = Dataset(
    slug="presupuesto-participativo-boletas",
    title="Boletas del presupuesto participativo",
    description=(
        "Cada boleta de los presupuestos participativos con resultados "
        "publicados: su folio al azar y los números de las propuestas que "
        "eligió. Sin votante, sin contacto y sin hora: con ellas y las "
        "propuestas cualquiera repite el conteo (docs/budgeting.md)."
    ),
    keywords=("presupuesto participativo", "participación ciudadana", "votación"),
    primary_key=("PRESUPUESTO", "FOLIO"),
    rows=budgeting_selectors.ballot_rows,
    fields=(
        YEAR,
        *BUDGET_KEY,
        F("FOLIO", "string", "Folio de la boleta, al azar.", required=True),
        F(
            "PROPUESTAS",
            "string",
            "Números de las propuestas elegidas, separados por un espacio.",
        ),
        BUDGET_DEMO,
    ),
)
CONCERTATION = Dataset(
    slug="convenios-concertacion",
    title="Convenios de concertación con los municipios y el uso de su piso",
    description=(
        "El convenio de concertación de cada municipio por ejercicio: cuándo "
        "se firmó, su piso (el recurso estatal destinado a sus obras "
        "concertadas), las aportaciones comprometidas, lo liberado a sus obras "
        "concertadas, lo aprobado por liberar, lo disponible y cuántos "
        "lineamientos cumple (docs/concertation.md)."
    ),
    keywords=("concertación", "municipios", "obra pública"),
    primary_key=("EJERCICIO", "MUNICIPIO", "DEPENDENCIA"),
    rows=concertation_selectors.agreement_rows,
    money_fields=frozenset(
        {
            "PISO",
            "APORTACION_MUNICIPAL",
            "APORTACION_BENEFICIARIOS",
            "LIBERADO",
            "POR_LIBERAR",
            "DISPONIBLE",
        }
    ),
    fields=(
        YEAR,
        F("MUNICIPIO", "string", "Clave INEGI del municipio.", required=True),
        F(
            "DEPENDENCIA",
            "string",
            "Clave de la dependencia que concierta.",
            required=True,
        ),
        F("FIRMADO", "date", "Fecha de firma; vacía si no se ha firmado."),
        F("PISO", "number", f"Piso del convenio. {MONEY}"),
        F(
            "APORTACION_MUNICIPAL",
            "number",
            f"Aportación municipal comprometida. {MONEY}",
        ),
        F(
            "APORTACION_BENEFICIARIOS",
            "number",
            f"Aportación de los beneficiarios comprometida. {MONEY}",
        ),
        F(
            "LIBERADO",
            "number",
            f"Aportación estatal de las obras concertadas liberadas. {MONEY}",
        ),
        F(
            "POR_LIBERAR",
            "number",
            f"Aportación estatal de las obras concertadas por liberar. {MONEY}",
        ),
        F("DISPONIBLE", "number", f"Piso menos lo liberado. {MONEY}"),
        F("LINEAMIENTOS_CUMPLIDOS", "integer", "Lineamientos del convenio cumplidos."),
        F("LINEAMIENTOS", "integer", "Lineamientos que el convenio pide."),
        F(
            "DEMOSTRACION",
            "boolean",
            "Sí cuando el convenio es un dato de demostración.",
        ),
    ),
)
BUDGET_PROPOSALS = Dataset(
    slug="presupuesto-participativo-propuestas",
    title="Propuestas votadas del presupuesto participativo y su resultado",
    description=(
        "Las propuestas viables de cada presupuesto participativo con "
        "resultados publicados: costo evaluado, votos, si se financió por la "
        "regla de la plataforma (por votos mientras alcance el presupuesto "
        "total) y la obra que la ejecuta. Sin datos de quien propuso."
    ),
    keywords=("presupuesto participativo", "participación ciudadana", "obra pública"),
    primary_key=("PRESUPUESTO", "NUMERO"),
    rows=budgeting_selectors.proposal_rows,
    money_fields=frozenset({"PRESUPUESTO_TOTAL", "COSTO_EVALUADO"}),
    fields=(
        YEAR,
        *BUDGET_KEY,
        F("PRESUPUESTO_TOTAL", "number", f"Presupuesto total del ejercicio. {MONEY}"),
        F("NUMERO", "integer", "Número de la propuesta.", required=True),
        F("TITULO", "string", "Título de la propuesta."),
        F("COSTO_EVALUADO", "number", f"Costo evaluado por el municipio. {MONEY}"),
        F("VOTOS", "integer", "Boletas que la eligieron."),
        F("GANADORA", "boolean", "Sí cuando el conteo la financia."),
        F("OBRA", "string", "Folio de la obra que la ejecuta, si ya se ligó."),
        BUDGET_DEMO,
    ),
)

FLAGS = Dataset(
    slug="senales",
    title="Señales que merecen una mirada",
    description=(
        "Cada señal que las reglas declaradas levantaron en la última "
        "publicación (modificaciones sobre el límite de la ley, empresas de "
        "reciente creación, contratos fraccionados, pagos sobre el contrato o "
        "sin avance, obras atrasadas con pagos, un solo oferente, "
        "adjudicaciones directas sobre el promedio, contratistas en la lista "
        "69-B del SAT), con las cifras que la levantaron, su fuente y, cuando "
        "la dependencia la explicó, su respuesta. Una señal no es una "
        "acusación. Nunca incluye el RFC de una persona física."
    ),
    keywords=("señales de riesgo", "contrataciones", "obra pública", "integridad"),
    primary_key=("SENAL", "CLAVE"),
    rows=flags_selectors.flag_rows,
    fields=(
        YEAR,
        F("SENAL", "string", "Clave de la señal (ver /senales/).", required=True),
        F("SENAL_NOMBRE", "string", "Nombre de la señal."),
        F(
            "CLAVE",
            "string",
            "De qué es la señal dentro de su tipo: folio de obra, obra/contrato, "
            "RFC de empresa, dependencia u ocid.",
            required=True,
        ),
        F(
            "SOBRE",
            "string",
            "Sobre qué es: work (obra), contract (contrato), contractor "
            "(contratista), agency (dependencia) o process (proceso OCDS).",
        ),
        F("SOBRE_NOMBRE", "string", "Sobre qué es, en palabras (Obra, …)."),
        F("OBRA", "string", "Folio de la obra, si la señal es de una obra."),
        F("CONTRATO", "string", "Número del contrato, si es de un contrato."),
        F("OCID", "string", "ocid del proceso de contratación, si es de uno."),
        F("DEPENDENCIA", "string", "Dependencia ejecutora o contratante."),
        F("RFC_CONTRATISTA", "string", "RFC de la empresa (persona moral), si aplica."),
        F("MENSAJE", "string", "La señal en palabras, con sus cifras, en español."),
        F("CIFRAS", "string", "Las cifras que la levantaron, como objeto JSON."),
        F("FUENTE", "string", "La ley o el método de la regla."),
        F("DETECTADA", "date", "Primera publicación que la levantó."),
        F("DEMOSTRACION", "boolean", "Sí cuando viene de datos de demostración."),
        F(
            "RESPUESTA",
            "string",
            "La explicación que la dependencia dio a la señal (derecho de "
            "réplica), tal como se publica junto a ella; vacía si no respondió.",
        ),
        F(
            "RESPUESTA_A_NOMBRE_DE",
            "string",
            "A nombre de quién responde: agency (la dependencia) o contractor "
            "(el contratista, por medio de la dependencia).",
        ),
        F(
            "RESPUESTA_A_NOMBRE_DE_NOMBRE",
            "string",
            "A nombre de quién responde, en palabras.",
        ),
        F(
            "RESPUESTA_DEPENDENCIA",
            "string",
            "Dependencia que respondió (nunca el nombre de la persona que la "
            "escribió).",
        ),
        F("RESPUESTA_FECHA", "date", "Fecha de la respuesta (su última redacción)."),
    ),
)

OC4IDS = Dataset(
    slug="oc4ids",
    title="Obras públicas en OC4IDS",
    description=(
        "Las obras publicadas como paquete de proyectos OC4IDS 0.9: financiamiento "
        "por fuente, clasificación, ubicación con claves INEGI, beneficiarios, "
        "avance, contrataciones y pagos."
    ),
    keywords=("obras públicas", "infraestructura", "OC4IDS"),
    year_field="",
    kind=STANDARD,
    stream=oc4ids_package,
    standard="https://standard.open-contracting.org/infrastructure/0.9/",
)
OCDS = Dataset(
    slug="ocds",
    title="Contrataciones de obra en OCDS",
    description=(
        "Las contrataciones de las obras publicadas como paquete de entregas OCDS "
        "1.1, con contratos, montos y pagos."
    ),
    keywords=("contrataciones", "OCDS"),
    year_field="",
    kind=STANDARD,
    stream=ocds_package,
    standard="https://standard.open-contracting.org/1.1/",
)

PACKAGE_DATASET = Dataset(
    slug="paquete",
    title="Paquete de datos completo (Frictionless Data Package)",
    description=(
        "Todas las tablas en CSV con su Table Schema en un solo zip "
        "(datapackage.json y data/*.csv), listo para validar con frictionless."
    ),
    keywords=("paquete de datos", "frictionless", "datos abiertos"),
    year_field="",
    kind=PACKAGE,
)

DATASETS: dict[str, Dataset] = {
    dataset.slug: dataset
    for dataset in (
        WORKS,
        FUNDING,
        GOALS,
        QUARTERS,
        INDICATORS,
        INDICATOR_RESULTS,
        INDICATOR_PERIODS,
        GRANTS,
        ORGANIZATIONS,
        CONTRACTING,
        *money_datasets.MONEY_DATASETS,
        STATEMENTS,
        AIDS,
        DOCUMENTS,
        FINDINGS,
        BUDGET_BALLOTS,
        BUDGET_PROPOSALS,
        CONCERTATION,
        FLAGS,
        OC4IDS,
        OCDS,
        PACKAGE_DATASET,
    )
}


def dataset_register(dataset: Dataset) -> None:
    """Add ``dataset`` from an app above open data (idempotent per slug).

    The data package stays last, as the catalogue lists it after the tables.
    """
    package = DATASETS.pop(PACKAGE_DATASET.slug)
    DATASETS[dataset.slug] = dataset
    DATASETS[package.slug] = package


def dataset_get(slug: str) -> Dataset | None:
    """Return the dataset at ``slug``, or ``None``."""
    return DATASETS.get(slug)


def tables() -> list[Dataset]:
    """Return the tabular datasets, in the registry's order."""
    return [dataset for dataset in DATASETS.values() if dataset.kind == TABLE]


def standards() -> list[Dataset]:
    """Return the packages in the Open Contracting standards, in order."""
    return [dataset for dataset in DATASETS.values() if dataset.kind == STANDARD]


def datasets_search(words: Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the datasets whose title, description or keywords hold
    every word (the site search)."""
    matched = texts_matching(
        (
            (f"{d.title} {d.description} {' '.join(d.keywords)} {d.slug}", d)
            for d in DATASETS.values()
        ),
        words,
    )
    return Found(
        hits=tuple(
            Hit(
                title=dataset.title,
                url=reverse("opendata:dataset", args=[dataset.slug]),
                detail=dataset.description,
            )
            for dataset in matched[offset : offset + limit]
        ),
        total=len(matched),
    )


def datasets_search_words() -> set[str]:
    """Return the words of the datasets' titles, descriptions and keywords."""
    return words_of(
        f"{d.title} {d.description} {' '.join(d.keywords)}" for d in DATASETS.values()
    )
