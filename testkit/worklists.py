"""Works lists the tests (and the benchmark) write themselves, OPA-shaped.

Rows in the two column sets SHCP publishes its Obra Pública Abierta lists
in (2015, and 2019 onwards) and in the platform's template, with the quirks
of the real files: a BOM or Windows-1252 bytes, keys behind an apostrophe,
descriptions with line breaks, ``0`` for "no coordinates", officials'
contact data. The figures are invented; each test states the defect it
plants.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable
from pathlib import Path

OPA_2019_HEADER = [
    "CVE_CARTERA",
    "NOMBRE_PPI",
    "ID_RAMO",
    "DESCRIPCION_RAMO",
    "ID_UR",
    "DESCRIPCION_UR",
    "DESCRIPCION_TIPO_PPI",
    "DESCRIPCION_PPI",
    "LOCALIZACION",
    "ID_ENTIDAD_FEDERATIVA",
    "ENTIDAD_FEDERATIVA",
    "LATITUD",
    "LONGITUD",
    "FECHA_INICIO_CAL_FF",
    "FECHA_FIN_CAL_FF",
    "ANIOS_HE",
    "NOMBRE_ADMIN",
    "APELLIDO_PATERNO_ADMIN",
    "APELLIDO_MATERNO_ADMIN",
    "CARGO_ADMIN",
    "MAIL_ADMIN",
    "MAIL_ALTERNO_ADMIN",
    "TELEFONO_ADMIN",
    "EXTENSION_ADMIN",
    "META_FISICA",
    "BENEFICIOS_ESPERADOS",
    "ID_PPI",
    "PPEF",
    "PEF",
    "APROBADO",
    "MODIFICADO",
    "EJERCIDO",
    "AVANCE_FISICO",
    "MONTO_TOTAL_INVERSION",
    "MONTO_OPERACION_MANTENIMIENTO",
    "OTROS_COSTOS",
    "COSTO_TOTAL_INVERSION",
    "ANIO",
    "FISCAL",
    "PROPIO",
    "ESTATAL",
    "MUNICIPAL",
    "PRIVADA",
    "FIDEICOMISO",
    "OTROS",
    "CICLO",
    "ESTATUS_OPERACION",
]

OPA_2015_HEADER = [
    "CVE_PPI",
    "NOMBRE",
    "RAMO",
    "DESC_RAMO",
    "UNIDAD",
    "DESC_UNIDAD",
    "TIPO_PPI",
    "DESCRIPCION",
    "LOCALIZACION",
    "CVE_ENTFED",
    "ENT_FED",
    "LATITUD_INICIAL",
    "LONGITUD_INICIAL",
    "FECHA_INI_CAL_FISCAL",
    "FECHA_FIN_CAL_FISCAL",
    "FECHA_INI_FF",
    "FECHA_FIN_FF",
    "ANIOS_HE",
    "NOMBRE_ADMIN",
    "AP_MATERNO_ADMIN",
    "AP_PATERNO_ADMIN",
    "CARGO_ADMIN",
    "MAIL_ADMIN",
    "TELEFONO_ADMIN",
    "META_FISICA",
    "META_BENEFICIOS",
    "ID_PPI",
    "APROBADO",
    "MODIFICADO",
    "EJERCIDO",
    "AVANCE_FISICO",
    "GRUPO_FUNCIONAL",
    "FUNCION",
    "MONTO_TOTAL_INVERSION",
    "TOTAL_GASTO_OPERACION_HE",
    "TOTAL_GASTO_NO_CONSID",
    "COSTO_TOTAL_PPI",
    "ANIO",
    "MONTO_ASIGAUTACT",
    "RECURSOS_ESTATALES",
    "RECURSOS_MUNICIPALES",
    "PRIVADOS",
    "FIDEICOMISO",
    "CICLO",
    "TIPO_PROYECTO",
]

# A contact planted in every row: tests look for it where it must not be.
OFFICIAL_EMAIL = "servidora.publica@ejemplo.gob.mx"
OFFICIAL_PHONE = "5512345678"


def opa_2019_row(number: int, **changes: str) -> dict[str, str]:
    """Return a coherent 2019-style row (Sonora, Hermosillo's coordinates)."""
    row = dict.fromkeys(OPA_2019_HEADER, "")
    row.update(
        CVE_CARTERA=f"'{number:04d}09J3E0005",
        NOMBRE_PPI=f"Modernización del tramo carretero {number}",
        ID_RAMO="9",
        DESCRIPCION_RAMO="Comunicaciones y Transportes",
        ID_UR="J3E",
        DESCRIPCION_UR="Caminos y Puentes Federales de Ingresos y Servicios Conexos",
        DESCRIPCION_TIPO_PPI="Proyecto de Inversión de Infraestructura Económica",
        DESCRIPCION_PPI="Ampliación a cuatro carriles.\nIncluye obras de drenaje.",
        LOCALIZACION="Hermosillo, Sonora",
        ID_ENTIDAD_FEDERATIVA="26",
        ENTIDAD_FEDERATIVA="SONORA",
        LATITUD="29.072967",
        LONGITUD="-110.955919",
        FECHA_INICIO_CAL_FF="01/01/2019",
        FECHA_FIN_CAL_FF="31/12/2021",
        NOMBRE_ADMIN="Ana",
        APELLIDO_PATERNO_ADMIN="Ejemplo",
        APELLIDO_MATERNO_ADMIN="Prueba",
        CARGO_ADMIN="Directora de Obras",
        MAIL_ADMIN=OFFICIAL_EMAIL,
        TELEFONO_ADMIN=OFFICIAL_PHONE,
        ID_PPI=str(50000 + number),
        APROBADO="1000000",
        MODIFICADO="900000",
        EJERCIDO="800000",
        AVANCE_FISICO="45.5",
        MONTO_TOTAL_INVERSION="3000000",
        ANIO="2019",
        FISCAL="2000000",
        PROPIO="1000000",
        ESTATAL="0",
        MUNICIPAL="0",
        PRIVADA="0",
        FIDEICOMISO="0",
        OTROS="0",
        CICLO="2019",
        ESTATUS_OPERACION="Vigente",
    )
    row.update(changes)
    return row


def opa_2015_row(number: int, **changes: str) -> dict[str, str]:
    """Return a coherent 2015-style row (Sonora, no coordinates: ``0``)."""
    row = dict.fromkeys(OPA_2015_HEADER, "")
    row.update(
        CVE_PPI=f"{number:04d}09J3E0005",
        NOMBRE=f"Modernización del tramo carretero {number}",
        RAMO="9",
        DESC_RAMO="Comunicaciones y Transportes",
        UNIDAD="J3E",
        DESC_UNIDAD="Caminos y Puentes Federales de Ingresos y Servicios Conexos",
        TIPO_PPI="Electricidad, hidrocarburos, comunicaciones y transportes, y agua.",
        DESCRIPCION="Ampliación a cuatro carriles.",
        CVE_ENTFED="26",
        ENT_FED="SONORA",
        LATITUD_INICIAL="0",
        LONGITUD_INICIAL="0",
        FECHA_INI_CAL_FISCAL="Enero/2015",
        FECHA_FIN_CAL_FISCAL="Diciembre/2016",
        NOMBRE_ADMIN="Ana",
        AP_PATERNO_ADMIN="Ejemplo",
        AP_MATERNO_ADMIN="Prueba",
        MAIL_ADMIN=OFFICIAL_EMAIL,
        TELEFONO_ADMIN=OFFICIAL_PHONE,
        ID_PPI=str(50000 + number),
        APROBADO="500000",
        MODIFICADO="500000",
        EJERCIDO="250000",
        AVANCE_FISICO="20",
        MONTO_TOTAL_INVERSION="3000000",
        ANIO="2015",
        CICLO="2015",
    )
    row.update(changes)
    return row


def template_row(number: int, **changes: str) -> dict[str, str]:
    """Return a row of the platform's template (Hermosillo)."""
    row = {
        "CLAVE": f"HMO-{number:04d}",
        "NOMBRE": f"Pavimentación de la calle {number}",
        "DESCRIPCION": "Pavimento hidráulico",
        "ESTADO": "26",
        "MUNICIPIO": "26030",
        "LOCALIDAD": "Hermosillo",
        "LATITUD": "29.072967",
        "LONGITUD": "-110.955919",
        "INICIO": "2024-02-01",
        "TERMINO": "2024-06-30",
        "EJERCICIO": "2024",
        "SUBPROGRAMA": "pavimentacion",
        "APROBADO": "100000",
        "MODIFICADO": "100000",
        "EJERCIDO": "50000",
        "AVANCE_FISICO": "50",
        "INVERSION_TOTAL": "100000",
        "FISCAL": "0",
        "PROPIO": "0",
        "ESTATAL": "60000",
        "MUNICIPAL": "40000",
        "PRIVADA": "0",
        "FIDEICOMISO": "0",
        "OTROS": "0",
        "ESTATUS": "En ejecución",
        "RESPONSABLE": "Ana Ejemplo",
        "CARGO": "Directora de Obras",
        "CORREO": OFFICIAL_EMAIL,
        "TELEFONO": OFFICIAL_PHONE,
    }
    row.update(changes)
    return row


def worklist_bytes(
    rows: Iterable[dict[str, str]],
    *,
    header: list[str] | None = None,
    encoding: str = "utf-8-sig",
    shuffle: int | None = None,
) -> bytes:
    """Return rows as CSV bytes, every cell quoted as SHCP does.

    ``shuffle`` (a seed) writes the columns in another order.
    """
    rows = list(rows)
    columns = list(header or rows[0])
    if shuffle is not None:
        random.Random(shuffle).shuffle(columns)  # noqa: S311 (a column order)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return buffer.getvalue().encode(encoding)


def worklist_write(
    path: Path, rows: Iterable[dict[str, str]], *, header: list[str]
) -> int:
    """Write rows to ``path`` as ``worklist_bytes`` would, one at a time.

    For files too large to build in memory (the benchmarks'); return the
    number of rows written.
    """
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])
            count += 1
    return count


def worklist_file(tmp_path: Path, name: str, rows, **options) -> Path:
    """Write a works list under ``tmp_path`` and return its path."""
    path = tmp_path / name
    path.write_bytes(worklist_bytes(rows, **options))
    return path
