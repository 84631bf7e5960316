"""Open-data pages and downloads: the index, each dataset's history, the files.

Every parameter is checked before any work: the slug against the registry,
the version as a bounded id (``<id:…>``), the format against the formats a
file can have; anything else is a 404. A version's file never changes, so
it is served with its SHA-256 as ETag and cached for a year; ``ultimo``
(the latest) may change at the next publish, so it is cached briefly.

The OC4IDS and OCDS packages are datasets of the registry, written by the
publish (``ruta.opendata.standards``): their own addresses
(``/datos/oc4ids.json``) are their latest JSON, cached briefly, and each
version stays at its own address.
"""

from __future__ import annotations

import base64
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
    JsonResponse,
)
from django.shortcuts import render
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import content_disposition_header, http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ruta.common.web.caching import PUBLIC_MAX_AGE, any_origin, public_page
from ruta.opendata import dcat
from ruta.opendata.datasets import PACKAGE, STANDARD, TABLE, dataset_get, tables
from ruta.opendata.extension import FILES, extension_metadata, extension_text
from ruta.opendata.files import (
    TABLE_FORMATS,
    package_descriptor,
    resource_descriptor,
)
from ruta.opendata.models import DatasetVersion, FileFormat, PublishedFile
from ruta.opendata.tasks import publish_defer
from ruta.opendata.versions import (
    dataset_history,
    datasets_listed,
    file_latest,
    file_of_version,
)

YEAR_SECONDS = 365 * 24 * 3600
# How long a reader is asked to wait for files not yet published: about a
# publish of every dataset at a state's size (docs/opendata.md).
PREPARING_MINUTES = 2
TURTLE, JSONLD = "text/turtle; charset=utf-8", "application/ld+json"


@require_safe
@public_page
def index(request: HttpRequest) -> HttpResponse:
    """List every dataset with its formats and its latest version."""
    listed = datasets_listed()
    context = {
        "listed": [entry for entry in listed if entry.dataset.kind != STANDARD],
        "standards": [entry for entry in listed if entry.dataset.kind == STANDARD],
        "license": settings.RUTA_DATA_LICENSE,
    }
    return render(request, "opendata/index.html", context)


@require_safe
@public_page
def dataset_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a dataset's columns and every version published, newest first."""
    dataset = dataset_get(slug)
    if dataset is None:
        raise Http404("unknown dataset")
    context = {"dataset": dataset, "versions": dataset_history(slug)}
    return render(request, "opendata/dataset.html", context)


def _checked(slug: str, fmt: str) -> None:
    if dataset_get(slug) is None or fmt not in FileFormat.values:
        raise Http404("unknown dataset or format")


@require_safe
@any_origin
def download(
    request: HttpRequest, slug: str, version: int, fmt: str
) -> HttpResponseBase:
    """Return one format of one version of a dataset, as it was published."""
    _checked(slug, fmt)
    published = file_of_version(slug, version, fmt)
    if published is None:
        raise Http404("no such version")
    return _file_response(request, published, max_age=YEAR_SECONDS)


@require_safe
@any_origin
def download_latest(request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    """Return one format of the latest version of a dataset.

    Before the first publish there is none: the regeneration is queued (one
    at most, however many ask) and the reader gets a page saying so.
    """
    _checked(slug, fmt)
    published = file_latest(slug, fmt)
    if published is not None:
        return _file_response(request, published, max_age=PUBLIC_MAX_AGE)
    dataset = dataset_get(slug)
    if dataset is not None and _will_be_published(slug, fmt):
        return _being_prepared(request, dataset.title, dataset.slug)
    raise Http404("no such file")


def _will_be_published(slug: str, fmt: str) -> bool:
    """Return whether a publish will write ``fmt`` of ``slug``, none having run."""
    dataset = dataset_get(slug)
    formats = {
        TABLE: TABLE_FORMATS,
        STANDARD: (FileFormat.JSON,),
        PACKAGE: (FileFormat.ZIP,),
    }
    return (
        dataset is not None
        and fmt in formats.get(dataset.kind, ())
        and not DatasetVersion.objects.of(slug).exists()
    )


def _being_prepared(
    request: HttpRequest, title: str, slug: str | None = None
) -> HttpResponse:
    """Queue the open-data files and answer 503: they are on their way.

    ``slug`` names the dataset page to link to, if there is one.
    """
    publish_defer()
    response = render(
        request,
        "opendata/being_prepared.html",
        {"title": title, "slug": slug, "minutes": PREPARING_MINUTES},
        status=503,
    )
    response["Retry-After"] = str(PREPARING_MINUTES * 60)
    add_never_cache_headers(response)
    return response


def _file_response(
    request: HttpRequest, published: PublishedFile, *, max_age: int
) -> HttpResponseBase:
    """Send a published file, or 304 when the reader's copy is it (by Django's rules).

    Its ETag is its digest and its date the version's: ``If-None-Match`` (a
    list, weak or ``*``) and ``If-Modified-Since`` are read as Django's
    ``condition`` reads them.
    """
    etag = quote_etag(published.sha256)
    version = published.version
    response: HttpResponseBase | None = get_conditional_response(
        request, etag=etag, last_modified=int(version.created_at.timestamp())
    )
    if response is None:
        name = f"{version.dataset}-{version.created_at:%Y%m%d}-{version.pk}"
        response = _file_sent(published, f"{name}.{published.format}")
        response["Repr-Digest"] = repr_digest(published.sha256)
        response["Last-Modified"] = http_date(version.created_at.timestamp())
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def repr_digest(sha256: str) -> str:
    """Return the file's SHA-256 as an RFC 9530 ``Repr-Digest`` field value.

    Of the representation, not of the bytes sent: a proxy that compresses
    the answer or sends a range of it leaves it true.
    """
    digest = base64.b64encode(bytes.fromhex(sha256)).decode()
    return f"sha-256=:{digest}:"


def _file_sent(published: PublishedFile, filename: str) -> HttpResponseBase:
    """Return the answer that sends ``published``'s bytes as ``filename``.

    Behind nginx (``RUTA_PUBLIC_FILES_ACCEL``) nginx sends them from the
    folder and the worker is free at once; otherwise they are streamed.
    """
    prefix = settings.RUTA_PUBLIC_FILES_ACCEL
    response: HttpResponseBase
    if prefix and isinstance(published.file.storage, FileSystemStorage):
        response = HttpResponse(content_type=published.content_type)
        response["X-Accel-Redirect"] = prefix + quote(str(published.file.name))
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(
            published.file.open("rb"),
            as_attachment=True,
            filename=filename,
            content_type=published.content_type,
        )
        response["Content-Length"] = str(published.size)
    return response


@require_safe
@any_origin
@public_page
def datapackage(request: HttpRequest) -> JsonResponse:
    """Return ``datapackage.json`` whose resources are the latest CSV files.

    Paths are absolute addresses of versioned files, so the descriptor
    stays valid for as long as the site serves them.
    """
    resources = []
    for dataset in tables():
        published = file_latest(dataset.slug, FileFormat.CSV)
        if published is None:
            continue
        url = request.build_absolute_uri(published.get_absolute_url())
        resources.append(
            resource_descriptor(
                dataset, url, size=published.size, digest=published.sha256
            )
        )
    return JsonResponse(
        package_descriptor(resources), json_dumps_params={"ensure_ascii": False}
    )


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@require_safe
@any_origin
@public_page(query=("perfil",))
def catalogue_turtle(request: HttpRequest) -> HttpResponse:
    """Return the DCAT catalogue of every dataset and file, as Turtle."""
    return _catalogue(request, turtle=True)


def _catalogue(request: HttpRequest, *, turtle: bool) -> HttpResponse:
    """Return the catalogue in the DCAT-AP version ``perfil`` names (3.0.0
    unless asked for 2.1.1); any other is a 400 that names both."""
    asked = request.GET.get("perfil", dcat.PROFILE_DEFAULT.name)
    profile = dcat.PROFILES.get(asked[:10])
    if profile is None:
        known = ", ".join(dcat.PROFILES)
        return HttpResponseBadRequest(
            _(
                "perfil: «%(asked)s» no es una versión de DCAT-AP publicada aquí "
                "(%(known)s)."
            )
            % {"asked": asked[:10], "known": known},
            content_type="text/plain; charset=utf-8",
        )
    text = dcat.catalogue_text(site=_site(request), turtle=turtle, profile=profile)
    return HttpResponse(text, content_type=TURTLE if turtle else JSONLD)


@require_safe
@any_origin
@public_page(query=("perfil",))
def catalogue_jsonld(request: HttpRequest) -> HttpResponse:
    """Return the DCAT catalogue of every dataset and file, as JSON-LD."""
    return _catalogue(request, turtle=False)


@require_safe
@any_origin
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
