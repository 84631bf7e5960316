"""The usage counts, published as one of the open-data datasets."""

from __future__ import annotations

from ruta.opendata.datasets import Dataset, F
from ruta.usage.selectors import usage_rows

USAGE = Dataset(
    slug="uso-del-sitio",
    title="Uso del sitio: visitas, descargas, API y preguntas por día",
    description=(
        "Cuántas páginas se vieron por sección, cuántas descargas tuvo cada "
        "conjunto de datos, cuántas llamadas recibió la API y cuántas "
        "preguntas se respondieron o se declinaron, por día; separa lo que "
        "respondió la aplicación de lo que respondió la caché de nginx. Sin "
        "cookies ni direcciones: sólo cuentas."
    ),
    keywords=("uso", "visitas", "descargas", "API", "gobierno abierto"),
    primary_key=("DIA", "TIPO", "NOMBRE", "ORIGEN", "DEMOSTRACION"),
    rows=usage_rows,
    year_field="",
    fields=(
        F("DIA", "date", "Día (zona horaria de la instancia).", required=True),
        F(
            "TIPO",
            "string",
            "page (páginas vistas), download (descargas), api (llamadas a la "
            "API) o question (preguntas).",
            required=True,
        ),
        F(
            "NOMBRE",
            "string",
            "La sección del sitio, el conjunto de datos, la parte de la API, o "
            "answered / declined para las preguntas.",
            required=True,
        ),
        F(
            "ORIGEN",
            "string",
            "app (respondió la aplicación) o cache (respondió la caché de nginx).",
            required=True,
        ),
        F("CUENTA", "integer", "Respuestas contadas ese día."),
        F(
            "DEMOSTRACION",
            "boolean",
            "Sí cuando la cuenta es un dato de demostración (la escribió la "
            "carga de datos de demostración, no la contó el sitio).",
            required=True,
        ),
    ),
)
