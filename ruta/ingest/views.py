"""The staff desk's page of background imports: progress and result."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can, require_anywhere
from ruta.catalog.instance import instance
from ruta.common.errors import InputError
from ruta.common.files.downloads import CONTENT_TYPES, csv_chunks, xlsx_bytes
from ruta.ingest.aids import COLUMNS as AID_COLUMNS
from ruta.ingest.aids import TEMPLATE_EXAMPLE as AID_EXAMPLE
from ruta.ingest.budget import TEMPLATES, template_rows
from ruta.ingest.forms import DocumentUploadForm, QueuedUploadForm, StateSetupForm
from ruta.ingest.importers import importers_previewed
from ruta.ingest.importfiles import import_upload_store
from ruta.ingest.jobs import (
    document_confirm,
    document_preview,
    import_job_queue,
    import_job_requeue,
    import_jobs_interrupted_close,
)
from ruta.ingest.models import ImportJob
from ruta.ingest.selectors import import_jobs_recent
from ruta.ingest.state_setup import StateSetupError, state_setup
from ruta.ingest.worklist.columns import TEMPLATE_HEADER
from ruta.ingest.worklist.decode import csv_bytes
from ruta.sources.display import finding_text, refusal_text

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


def _staff(request: HttpRequest) -> None:
    require_anywhere(request.user, Action.CAPTURE)


@never_cache
@login_required
def import_jobs(request: SignedInRequest) -> HttpResponse:
    """List recent import jobs with rows read, findings so far and outcome.

    Also the upload of a file for the queue (a works list, an action plan,
    OCDS: every importer the desk does not read first): a valid file is kept
    and queued, and the page shows the job; an invalid one is shown again
    with its errors.
    """
    _staff(request)
    if request.method == "POST":
        form = QueuedUploadForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            importer = form.importer
            path = import_upload_store(
                form.cleaned_data["file"], rule=importer.upload_rule
            )
            job = import_job_queue(
                kind=importer.name,
                path=path,
                options=form.options(),
                actor=request.user,
            )
            messages.success(
                request,
                _("%(name)s quedó en cola (importación %(number)s).")
                % {"name": form.cleaned_data["file"].name, "number": job.pk},
            )
            return redirect("ingest:jobs")
        status = 400
    else:
        form, status = QueuedUploadForm(user=request.user), 200
    # A job whose worker ended is not left "running" for ever.
    import_jobs_interrupted_close()
    jobs = list(import_jobs_recent())
    # While a job waits or runs, the page reloads itself to show its progress.
    refresh = any(job.active for job in jobs)
    return render(
        request,
        "ingest/jobs.html",
        {
            "jobs": jobs,
            "form": form,
            "refresh": refresh,
            "previewed": importers_previewed(),
        },
        status=status,
    )


@never_cache
@login_required
def document_upload(request: SignedInRequest) -> HttpResponse:
    """Read an uploaded report and show what was found; nothing is written yet."""
    _staff(request)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            preview = document_preview(
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except InputError as refusal:
            form.add_error("file", refusal_text(refusal.as_dict()))
    findings = [finding_text(f) for f in preview.result.findings] if preview else []
    return render(
        request,
        "ingest/document.html",
        {"form": form, "preview": preview, "findings": findings},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def document_import(request: SignedInRequest) -> HttpResponse:
    """Queue the import of a document whose preview the person read."""
    _staff(request)
    try:
        job = document_confirm(token=request.POST.get("token", ""), actor=request.user)
    except InputError as refusal:
        messages.error(request, _("No se importó: %(why)s.") % {"why": refusal})
        return redirect("ingest:document")
    messages.success(
        request,
        _("%(name)s quedó en cola (importación %(number)s).")
        % {"name": job.file_name, "number": job.pk},
    )
    return redirect("ingest:jobs")


@require_POST
@login_required
def import_job_again(request: SignedInRequest, pk: int) -> HttpResponse:
    """Queue again the file of a job that failed."""
    _staff(request)
    job = get_object_or_404(ImportJob, pk=pk)
    try:
        again = import_job_requeue(job=job, actor=request.user)
    except InputError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("%(name)s quedó en cola de nuevo (importación %(number)s).")
            % {"name": job.file_name, "number": again.pk},
        )
    return redirect("ingest:jobs")


@login_required
def works_template(request: HttpRequest) -> HttpResponse:
    """Return the works-list template as CSV: its header and one example row."""
    _staff(request)
    rows = [
        list(TEMPLATE_HEADER),
        [TEMPLATE_EXAMPLE.get(c, "") for c in TEMPLATE_HEADER],
    ]
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plantilla_obras.csv"'
    return response


@login_required
def statement_template(request: HttpRequest, word: str, fmt: str) -> HttpResponse:
    """Return a budget statement's template (egresos or ingresos), CSV or XLSX."""
    _staff(request)
    if word not in TEMPLATES or fmt not in ("csv", "xlsx"):
        raise Http404("no such template")
    columns, rows = template_rows(word)
    name = f"plantilla_estado_{word}.{fmt}"
    if fmt == "csv":
        body: bytes | str = "".join(csv_chunks(columns, rows))
    else:
        money = set(columns) - {"ENTE", "EJERCICIO", "CORTE", "CLASIFICACION"}
        money -= {"CLAVE", "CONCEPTO", "RUBRO"}
        body = xlsx_bytes(columns, rows, sheet_name=word, money_columns=money)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def aids_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """Return the aids file's template, CSV or XLSX: its header and two examples."""
    _staff(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404("no such template")
    columns = {name: name for name in AID_COLUMNS}
    if fmt == "csv":
        body: bytes | str = "".join(csv_chunks(columns, AID_EXAMPLE))
    else:
        body = xlsx_bytes(columns, AID_EXAMPLE, sheet_name="ayudas")
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="plantilla_ayudas.{fmt}"'
    return response


@never_cache
@login_required
def state_setup_page(request: SignedInRequest) -> HttpResponse:
    """Set up the instance's state from its team's CSV files (catalog staff).

    The same service as ``ruta setup-state``: every file checked first, one
    audited transaction, nothing written when a row is refused.
    """
    if not can(request.user, Action.MANAGE_CATALOG):
        raise PermissionDenied
    state = instance().state()
    form = StateSetupForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and state is not None and form.is_valid():
        with tempfile.TemporaryDirectory(prefix="estado-") as folder:
            form.files_write(Path(folder))
            try:
                result = state_setup(
                    folder=Path(folder), state=state.code, actor=request.user
                )
            except StateSetupError as error:
                # Name the file as uploaded, never the server's folder.
                form.add_error(None, str(error).replace(f"{folder}/", ""))
            else:
                catalog = result.catalog
                messages.success(
                    request,
                    _(
                        "%(state)s: %(agencies)s dependencias (%(new)s nuevas), "
                        "%(regions)s regiones con %(placed)s municipios y "
                        "%(programs)s programas de obra."
                    )
                    % {
                        "state": result.state_name,
                        "agencies": catalog.agencies,
                        "new": catalog.agencies_new,
                        "regions": catalog.regions,
                        "placed": catalog.municipalities_placed,
                        "programs": result.programs,
                    },
                )
                return redirect("ingest:state")
    if form.errors:
        status = 400
    return render(
        request, "ingest/state.html", {"form": form, "state": state}, status=status
    )
