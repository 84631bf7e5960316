"""The import tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskTask
from ruta.accounts.permissions import Action, can, can_anywhere


def _captures(user: Any) -> bool:
    return can_anywhere(user, Action.CAPTURE)


DESK_TASKS = (
    DeskTask(
        key="imports-works",
        area=DeskArea.DATA,
        order=10,
        title=_("Importar una lista de obras"),
        summary=_(
            "Un archivo CSV o Excel con la plantilla del sitio: se revisa, se "
            "importa en segundo plano y deja un informe de lo leído y lo hallado."
        ),
        url_name="ingest:jobs",
        may=_captures,
    ),
    DeskTask(
        key="imports-document",
        area=DeskArea.DATA,
        order=20,
        title=_("Importar un documento publicado"),
        summary=_(
            "Informe anual, programa operativo, indicadores o compromisos en PDF: "
            "el sitio lee sus cifras y muestra lo que encontró antes de guardar."
        ),
        url_name="ingest:document",
        may=_captures,
    ),
    DeskTask(
        key="imports-budget-statement",
        area=DeskArea.DATA,
        order=15,
        title=_("Importar un estado analítico del presupuesto"),
        summary=_(
            "Egresos por capítulo, concepto y unidad, o ingresos por rubro, desde "
            "el archivo contable (CSV o Excel con la plantilla): se revisan sus "
            "sumas y se muestra lo hallado antes de guardar."
        ),
        url_name="ingest:document",
        may=_captures,
    ),
    DeskTask(
        key="state-catalog",
        area=DeskArea.ADMINISTRATION,
        order=25,
        title=_("Catálogo del estado"),
        summary=_(
            "Dependencias, plan estatal, regiones y programas de obra desde los "
            "archivos CSV del equipo del estado."
        ),
        url_name="ingest:state",
        may=lambda user: can(user, Action.MANAGE_CATALOG),
    ),
)
