"""The subscription figures, published as one of the open-data datasets."""

from __future__ import annotations

from ruta.alerts.selectors import subscription_figure_rows
from ruta.opendata.datasets import Dataset, F

SUBSCRIPTIONS = Dataset(
    slug="avisos-suscripciones",
    title="Altas y bajas de suscripciones a avisos",
    description=(
        "Cuántas personas se suscribieron (confirmaron) y cuántas se dieron de "
        "baja cada mes, por canal (correo electrónico, WhatsApp): las cifras "
        "que informa Conéctate GTO. Sin datos personales."
    ),
    keywords=("participación ciudadana", "avisos", "suscripciones", "WhatsApp"),
    primary_key=("MES", "CANAL", "DEMOSTRACION"),
    rows=subscription_figure_rows,
    year_field="",
    fields=(
        F(
            "MES",
            "string",
            "Mes (AAAA-MM) de la confirmación o de la baja.",
            required=True,
        ),
        F("CANAL", "string", "Canal: email o whatsapp.", required=True),
        F("ALTAS", "integer", "Suscripciones confirmadas en el mes."),
        F("BAJAS", "integer", "Suscripciones confirmadas que terminaron en el mes."),
        F(
            "DEMOSTRACION",
            "boolean",
            "Sí cuando cuenta suscripciones de demostración (inventadas por la "
            "carga de datos de demostración), que nunca se suman a las reales.",
            required=True,
        ),
    ),
)
