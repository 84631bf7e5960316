"""The column sets a works list may come in, recognised from its header.

Three vocabularies: the federal Obra Pública Abierta (OPA) project lists as
SHCP published them in 2015 and from 2019 on (the portfolio key, the amounts
approved, modified and paid, the physical progress, the sources by kind, the
state), and the platform's own template (``docs/importing.md``). A header is
matched by its names, in any order; upper or lower case, accents and spaces
around a name do not matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ruta.common.text.folding import strip_accents

# The kinds of money a file may break a work's funding into, as OPA names them.
SOURCE_KINDS = (
    "FISCAL",
    "PROPIO",
    "ESTATAL",
    "MUNICIPAL",
    "PRIVADA",
    "FIDEICOMISO",
    "OTROS",
)

# Officials' contact data: personal, never kept as published values.
PERSONAL_FIELDS = frozenset(
    {
        "official_name",
        "official_surname1",
        "official_surname2",
        "official_email",
        "official_email2",
        "official_phone",
        "official_extension",
    }
)


@dataclass(frozen=True)
class ColumnSet:
    """One vocabulary: its name, the columns that identify it, and the mapping."""

    code: str
    label: str
    columns: dict[str, str]  # header name → field
    required: frozenset[str]
    sources: dict[str, str]  # header name → source kind
    # Whether the sources it prints are the whole structure (so they must add
    # up to the total), or only some of it (OPA 2015 prints no FISCAL column).
    sources_complete: bool
    # Whether, for a project whose fiscal calendar spans several years, the
    # sources are one year's share (OPA: the year ANIO of its calendar), so
    # they may fall short of the lifetime total but never exceed it.
    sources_of_one_year: bool
    date_style: str  # "month-year" (Octubre/2011) or "day-month-year" or "iso"

    def field_of(self, header: str) -> str | None:
        """Return the field a header name maps to, if any."""
        return self.columns.get(header)

    @cached_property
    def personal_headers(self) -> frozenset[str]:
        """Return the header names of officials' contact data, never published."""
        return frozenset(
            name for name, field in self.columns.items() if field in PERSONAL_FIELDS
        )


OPA_2015 = ColumnSet(
    code="opa-2015",
    label="Obra Pública Abierta, 2015",
    columns={
        "CVE_PPI": "key",
        "NOMBRE": "name",
        "RAMO": "ramo",
        "DESC_RAMO": "ramo_name",
        "UNIDAD": "unit",
        "DESC_UNIDAD": "unit_name",
        "TIPO_PPI": "kind",
        "DESCRIPCION": "description",
        "LOCALIZACION": "location",
        "CVE_ENTFED": "state_code",
        "ENT_FED": "state_name",
        "LATITUD_INICIAL": "latitude",
        "LONGITUD_INICIAL": "longitude",
        "FECHA_INI_CAL_FISCAL": "start",
        "FECHA_FIN_CAL_FISCAL": "end",
        "APROBADO": "approved",
        "MODIFICADO": "modified",
        "EJERCIDO": "paid",
        "AVANCE_FISICO": "physical_progress",
        "MONTO_TOTAL_INVERSION": "total",
        "ID_PPI": "ppi_id",
        "ANIO": "year",
        "CICLO": "cycle",
        "TIPO_PROYECTO": "sector",
        "NOMBRE_ADMIN": "official_name",
        "AP_PATERNO_ADMIN": "official_surname1",
        "AP_MATERNO_ADMIN": "official_surname2",
        "CARGO_ADMIN": "official_position",
        "MAIL_ADMIN": "official_email",
        "TELEFONO_ADMIN": "official_phone",
    },
    required=frozenset(
        {
            "CVE_PPI",
            "NOMBRE",
            "ENT_FED",
            "APROBADO",
            "MODIFICADO",
            "EJERCIDO",
            "LATITUD_INICIAL",
        }
    ),
    sources={
        "RECURSOS_ESTATALES": "ESTATAL",
        "RECURSOS_MUNICIPALES": "MUNICIPAL",
        "PRIVADOS": "PRIVADA",
        "FIDEICOMISO": "FIDEICOMISO",
    },
    sources_complete=False,
    sources_of_one_year=True,
    date_style="month-year",
)

OPA_2019 = ColumnSet(
    code="opa-2019",
    label="Obra Pública Abierta, 2019 en adelante",
    columns={
        "CVE_CARTERA": "key",
        "NOMBRE_PPI": "name",
        "ID_RAMO": "ramo",
        "DESCRIPCION_RAMO": "ramo_name",
        "ID_UR": "unit",
        "DESCRIPCION_UR": "unit_name",
        "DESCRIPCION_TIPO_PPI": "kind",
        "DESCRIPCION_PPI": "description",
        "LOCALIZACION": "location",
        "ID_ENTIDAD_FEDERATIVA": "state_code",
        "ENTIDAD_FEDERATIVA": "state_name",
        "LATITUD": "latitude",
        "LONGITUD": "longitude",
        "FECHA_INICIO_CAL_FF": "start",
        "FECHA_FIN_CAL_FF": "end",
        "APROBADO": "approved",
        "MODIFICADO": "modified",
        "EJERCIDO": "paid",
        "AVANCE_FISICO": "physical_progress",
        "MONTO_TOTAL_INVERSION": "total",
        "ID_PPI": "ppi_id",
        "ANIO": "year",
        "CICLO": "cycle",
        "ESTATUS_OPERACION": "status",
        "NOMBRE_ADMIN": "official_name",
        "APELLIDO_PATERNO_ADMIN": "official_surname1",
        "APELLIDO_MATERNO_ADMIN": "official_surname2",
        "CARGO_ADMIN": "official_position",
        "MAIL_ADMIN": "official_email",
        "MAIL_ALTERNO_ADMIN": "official_email2",
        "TELEFONO_ADMIN": "official_phone",
        "EXTENSION_ADMIN": "official_extension",
    },
    required=frozenset(
        {
            "CVE_CARTERA",
            "NOMBRE_PPI",
            "ENTIDAD_FEDERATIVA",
            "APROBADO",
            "MODIFICADO",
            "EJERCIDO",
            "LATITUD",
        }
    ),
    sources={kind: kind for kind in SOURCE_KINDS},
    sources_complete=True,
    sources_of_one_year=True,
    date_style="day-month-year",
)

TEMPLATE = ColumnSet(
    code="template",
    label="Plantilla de obras de la plataforma",
    columns={
        "CLAVE": "key",
        "NOMBRE": "name",
        "DESCRIPCION": "description",
        "ESTADO": "state_code",
        "MUNICIPIO": "municipality_code",
        "LOCALIDAD": "location",
        "LATITUD": "latitude",
        "LONGITUD": "longitude",
        "INICIO": "start",
        "TERMINO": "end",
        "APROBADO": "approved",
        "MODIFICADO": "modified",
        "EJERCIDO": "paid",
        "AVANCE_FISICO": "physical_progress",
        "INVERSION_TOTAL": "total",
        "EJERCICIO": "year",
        "SUBPROGRAMA": "subprogram",
        "ESTATUS": "status",
        "RESPONSABLE": "official_name",
        "CARGO": "official_position",
        "CORREO": "official_email",
        "TELEFONO": "official_phone",
    },
    required=frozenset({"CLAVE", "NOMBRE", "MUNICIPIO", "INVERSION_TOTAL"}),
    sources={kind: kind for kind in SOURCE_KINDS},
    sources_complete=True,
    sources_of_one_year=False,
    date_style="iso",
)

COLUMN_SETS = (OPA_2019, OPA_2015, TEMPLATE)

# The template's columns in the order the downloadable template prints them.
TEMPLATE_HEADER = (
    "CLAVE",
    "NOMBRE",
    "DESCRIPCION",
    "ESTADO",
    "MUNICIPIO",
    "LOCALIDAD",
    "LATITUD",
    "LONGITUD",
    "INICIO",
    "TERMINO",
    "EJERCICIO",
    "SUBPROGRAMA",
    "APROBADO",
    "MODIFICADO",
    "EJERCIDO",
    "AVANCE_FISICO",
    "INVERSION_TOTAL",
    *SOURCE_KINDS,
    "ESTATUS",
    "RESPONSABLE",
    "CARGO",
    "CORREO",
    "TELEFONO",
)


def header_name(raw: str) -> str:
    """Return a header cell as compared: unaccented, upper case, trimmed."""
    return strip_accents(raw.strip().lstrip("\ufeff")).upper().replace(" ", "_")


def column_set_for(header: list[str]) -> ColumnSet | None:
    """Return the vocabulary whose identifying columns the header holds."""
    names = {header_name(cell) for cell in header}
    for column_set in COLUMN_SETS:
        if column_set.required <= names:
            return column_set
    return None
