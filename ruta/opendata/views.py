"""The OC4IDS and OCDS packages as downloads, streamed as they are built.

They are the same for every reader, so shared caches may keep them a few
minutes (``public_page``): a package is built from every published work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from ruta.common.caching import public_page
from ruta.opendata.extension import FILES, extension_metadata, extension_text
from ruta.opendata.oc4ids import oc4ids_package
from ruta.opendata.ocds import ocds_package

JSON = "application/json"
# Bytes sent at a time: one write per project would be tens of thousands.
BUFFER = 64 * 1024


def _buffered(chunks: Iterator[str]) -> Iterator[bytes]:
    """Yield ``chunks`` encoded, joined into pieces of about ``BUFFER`` bytes."""
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        data = chunk.encode()
        pending.append(data)
        size += len(data)
        if size >= BUFFER:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)


def _package_response(
    request: HttpRequest, build: Callable[..., Iterator[str]], filename: str
) -> StreamingHttpResponse:
    """Return the package ``build`` writes, named by the address it is served at.

    A HEAD request gets the headers only: the package is not built for it.
    """
    chunks = build(uri=request.build_absolute_uri(request.path))
    body = iter(()) if request.method == "HEAD" else _buffered(chunks)
    response = StreamingHttpResponse(body, content_type=f"{JSON}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@public_page
def oc4ids_download(request: HttpRequest) -> StreamingHttpResponse:
    """Serve the OC4IDS project package of every published work."""
    return _package_response(request, oc4ids_package, "oc4ids.json")


@require_safe
@public_page
def ocds_download(request: HttpRequest) -> StreamingHttpResponse:
    """Serve the OCDS release package of the published works' contracts."""
    return _package_response(request, ocds_package, "ocds.json")


@require_safe
@public_page
def committee_extension(request: HttpRequest, name: str) -> HttpResponse:
    """Serve a file of the citizens' committee extension (``name`` in ``FILES``)."""
    if name == "extension.json":
        folder = request.build_absolute_uri(request.path).rsplit("/", 1)[0] + "/"
        return JsonResponse(
            extension_metadata(folder), json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(
        extension_text(name), content_type=f"{FILES[name]}; charset=utf-8"
    )
