"""The one view that sends an application's private files (``grants:file``).

Kept apart from the application's page: it only asks the selectors whether
the reader may open the file and hands it to ``private_file_response``.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ruta.common.files.privatefiles import private_file_response
from ruta.grants.models import Application
from ruta.grants.selectors.files import application_file_read


@require_safe
@never_cache
def application_file(
    request: HttpRequest, code: str, folio: int, kind: str, pk: int
) -> HttpResponseBase:
    """Send one file of an application to whoever may read it; 404 to anyone else."""
    application = get_object_or_404(
        Application.objects.select_related("call", "organization"),
        call__code=code,
        folio=folio,
    )
    found = application_file_read(application, kind, pk, request.user, request.path)
    if found is None:
        raise Http404("no such file")
    file, shown = found
    return private_file_response(file, name=shown)
