"""The staff desk's page of background imports: progress and result."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from ruta.accounts.permissions import Action, can_anywhere
from ruta.ingest.selectors import import_jobs_recent
from ruta.ingest.worklist.columns import TEMPLATE_HEADER
from ruta.ingest.worklist.decode import csv_bytes

# One example row of the template (docs/importing.md): a work of Hermosillo
# funded by the state and the municipality. The official's columns are left
# blank: they are personal data.
TEMPLATE_EXAMPLE = {
    "CLAVE": "HMO-2025-001",
    "NOMBRE": "Pavimentación de la calle Ejemplo",
    "DESCRIPCION": "Pavimento hidráulico de 1,200 m²",
    "ESTADO": "26",
    "MUNICIPIO": "26030",
    "LOCALIDAD": "Hermosillo",
    "LATITUD": "29.072967",
    "LONGITUD": "-110.955919",
    "INICIO": "2025-02-01",
    "TERMINO": "2025-06-30",
    "EJERCICIO": "2025",
    "SUBPROGRAMA": "pavimentacion",
    "APROBADO": "1000000.00",
    "MODIFICADO": "1000000.00",
    "EJERCIDO": "400000.00",
    "AVANCE_FISICO": "40",
    "INVERSION_TOTAL": "1000000.00",
    "ESTATAL": "600000.00",
    "MUNICIPAL": "400000.00",
    "ESTATUS": "En ejecución",
}


@never_cache
@login_required
def import_jobs(request: HttpRequest) -> HttpResponse:
    """List recent import jobs with rows read, findings so far and outcome."""
    if not can_anywhere(request.user, Action.CAPTURE):
        raise PermissionDenied
    return render(request, "ingest/jobs.html", {"jobs": import_jobs_recent()})


@login_required
def works_template(request: HttpRequest) -> HttpResponse:
    """Return the works-list template as CSV: its header and one example row."""
    if not can_anywhere(request.user, Action.CAPTURE):
        raise PermissionDenied
    rows = [
        list(TEMPLATE_HEADER),
        [TEMPLATE_EXAMPLE.get(c, "") for c in TEMPLATE_HEADER],
    ]
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plantilla_obras.csv"'
    return response
