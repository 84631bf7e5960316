"""Open311 GeoReport v2 under ``/open311/v2/``, in XML and JSON, for civic apps.

``discovery.{fmt}`` says where the endpoint is and what it speaks;
``services.{fmt}`` lists the categories; ``services/{code}.{fmt}`` defines
the one attribute a request names its work with (``attribute[obra]``, the
work's folio); ``requests.{fmt}`` lists reports (GET) and files one (POST,
with an ``api_key`` staff issue); ``requests/{id}.{fmt}`` reads one; a
request whose address names no single work is kept for staff to place and
answered with a token, which ``tokens/{token}.{fmt}`` turns into the
request's number once placed. Field
names, the XML elements and the error format (a list of ``{code,
description}``, ``<errors><error>`` in XML) are the specification's, in the
format the address asks for, everywhere under ``/open311/``. The reporter's
contact is stored (private) and never returned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO, cast
from xml.etree.ElementTree import Element, SubElement, tostring

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from ruta.accounts.actors import SystemActor
from ruta.catalog.instance import instance
from ruta.problems import rules, selectors, services
from ruta.problems.models import (
    Category,
    PendingReport,
    PendingStatus,
    ProblemReport,
    ReportOrigin,
)
from ruta.works.models import Work, published_condition

MAX_IDS = 100
MAX_RESULTS = 1000
DEFAULT_SPAN = timedelta(days=90)
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.get_fixed_timezone(0))
# GeoReport v2: "free form text limited to 4,000 characters".
MAX_FIELD = 4000
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this endpoint last changed what it speaks (discovery's changeset).
CHANGESET = "2026-11-28T00:00:00Z"
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}
# The XML element of each member of a list, by the list's element.
XML_ITEMS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


class Open311Error(Exception):
    """A refusal in the specification's form: HTTP status and description."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


@dataclass(frozen=True)
class Payload:
    """What an address answers, before it is written as XML or JSON."""

    data: Any
    root: str  # the XML document's element: "services", "service_requests" …
    status: int = 200


def _xml_value(parent: Element, tag: str, value: Any) -> None:
    """Add ``value`` under ``parent`` as element ``tag`` (lists as their items)."""
    element = SubElement(parent, tag)
    if isinstance(value, dict):
        for key, item in value.items():
            _xml_value(element, key, item)
    elif isinstance(value, list):
        for item in value:
            _xml_value(element, XML_ITEMS.get(tag, "item"), item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def _xml(payload: Payload) -> bytes:
    root = Element(payload.root)
    data = payload.data
    if isinstance(data, list):
        for item in data:
            _xml_value(root, XML_ITEMS.get(payload.root, "item"), item)
    else:
        for key, value in data.items():
            _xml_value(root, key, value)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, "utf-8")


def rendered(payload: Payload, fmt: str) -> HttpResponse:
    """Return ``payload`` in ``fmt`` (``xml`` or ``json``), readable from any site."""
    response: HttpResponse
    if fmt == "xml":
        response = HttpResponse(
            _xml(payload), status=payload.status, content_type=CONTENT_TYPES["xml"]
        )
    else:
        response = JsonResponse(payload.data, status=payload.status, safe=False)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _errors(status: int, description: str) -> Payload:
    return Payload([{"code": status, "description": description}], "errors", status)


def _format(fmt: str) -> str:
    """Return the format asked for; an unknown one is an error, in JSON."""
    if fmt not in CONTENT_TYPES:
        raise Open311Error(
            400,
            _("Formato no admitido: pida .xml o .json, no .%(fmt)s.")
            % {"fmt": fmt[:10]},
        )
    return fmt


View = Callable[..., Payload]


def answering(view: View) -> Callable[..., HttpResponse]:
    """Write ``view``'s payload, or the ``Open311Error`` it raises, as asked."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = kwargs.pop("fmt")
        try:
            fmt = _format(fmt)
            if request.method == "OPTIONS":
                return preflight(request)
            if request.method not in view.methods:  # type: ignore[attr-defined]  # set by methods()
                raise Open311Error(
                    405,
                    _("Método %(method)s no admitido aquí.")
                    % {"method": request.method},
                )
            return rendered(view(request, *args, **kwargs), fmt)
        except Open311Error as error:
            return rendered(
                _errors(error.status, error.description),
                fmt if fmt in CONTENT_TYPES else "json",
            )

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def methods(
    *allowed: str,
) -> Callable[[Callable[..., Payload]], Callable[..., Payload]]:
    """Name the HTTP methods an address takes; others get the error list (405)."""

    def mark(view: View) -> View:
        view.methods = frozenset(allowed)  # type: ignore[attr-defined]  # read by answering()
        return view

    return mark


def preflight(request: HttpRequest) -> HttpResponse:
    """Answer a browser's CORS preflight: any site may GET and POST here."""
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Content-Type"
    response["Access-Control-Max-Age"] = "86400"
    return response


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Answer an unknown address under ``/open311/`` with the error list."""
    fmt = "xml" if request.path.endswith(".xml") else "json"
    return rendered(
        _errors(404, _("No existe esa dirección de Open311: vea discovery.xml.")),
        fmt,
    )


# ------------------------------------------------------------- discovery


@csrf_exempt
@answering
@methods("GET")
def discovery(request: HttpRequest) -> Payload:
    """Say where the GeoReport v2 endpoint is and what it speaks."""
    endpoint = request.build_absolute_uri(reverse("open311:services", args=["xml"]))
    return Payload(
        {
            "changeset": CHANGESET,
            "contact": settings.RUTA_DATA_CONTACT or settings.RUTA_SITE_URL,
            "key_service": _(
                "Las claves (api_key) para enviar reportes las emite el personal "
                "de la plataforma."
            ),
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": endpoint.removesuffix("services.xml").rstrip("/"),
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
        "discovery",
    )


# ------------------------------------------------------------- services


def _service(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": " ".join(
            part
            for part in (
                category.description,
                _("La descripción del reporte lleva de %(low)s a %(high)s caracteres.")
                % {"low": rules.DESCRIPTION_MIN, "high": f"{rules.DESCRIPTION_MAX:,}"},
            )
            if part
        ),
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": _("Obras públicas"),
    }


@csrf_exempt
@answering
@methods("GET")
def service_list(request: HttpRequest) -> Payload:
    """Return the categories as GeoReport services."""
    return Payload(
        [_service(category) for category in selectors.categories_active()], "services"
    )


@csrf_exempt
@answering
@methods("GET")
def service_definition(request: HttpRequest, code: str) -> Payload:
    """Return the attribute a request names its work with."""
    category = selectors.categories_active().filter(code=code[:40]).first()
    if category is None:
        raise Open311Error(
            404, _("No existe el servicio «%(code)s».") % {"code": code[:40]}
        )
    return Payload(
        {
            "service_code": category.code,
            "attributes": [
                {
                    "variable": True,
                    "code": "obra",
                    "datatype": "string",
                    "required": False,
                    "datatype_description": _(
                        "Folio de la obra pública (p. ej. GSE-2024-0001). Sin él, "
                        "lat y long eligen la obra publicada más cercana, o "
                        "address_string la de la localidad y el municipio que nombra; "
                        "si no nombra una sola, el personal ubica el reporte y la "
                        "respuesta da una ficha (token) para consultar su número."
                    ),
                    "order": 1,
                    "description": _("Obra pública"),
                    "values": [],
                }
            ],
        },
        "service_definition",
    )


# ------------------------------------------------------------- requests


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def request_record(request: HttpRequest, report: ProblemReport) -> dict[str, Any]:
    """Return a report as a GeoReport request: public fields only, never contact."""
    notes = ""
    if report.is_hidden:
        notes = _("Oculto por moderación: %(reason)s") % {
            "reason": report.hidden_reason
        }
    elif report.duplicate_of_id:
        notes = _("Se sumó al reporte %(n)s.") % {"n": report.duplicate_of_id}
    else:
        last = report.changes.order_by("-created", "-pk").first()
        notes = last.response if last else ""
    photo = (
        _absolute(request, f"{report.get_absolute_url()}foto.jpg")
        if report.photo and not report.is_hidden
        else None
    )
    agency = report.work.executing_agency
    return {
        "service_request_id": str(report.pk),
        "status": rules.open311_status(report.status),
        "status_notes": notes,
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": "" if report.is_hidden else report.description,
        "agency_responsible": agency.name if agency else "",
        "service_notice": "",
        "requested_datetime": report.created.isoformat(),
        "updated_datetime": report.updated.isoformat(),
        "expected_datetime": None,
        "address": report.address,
        "address_id": None,
        "zipcode": None,
        "lat": float(report.latitude) if report.latitude is not None else None,
        "long": float(report.longitude) if report.longitude is not None else None,
        "media_url": photo,
        "obra": report.work.public_id,
        "demostracion": report.is_demo,
    }


def _reports():
    return ProblemReport.objects.filter(published_condition("work__")).select_related(
        "work", "work__executing_agency", "category"
    )


def _ids(text: str) -> list[int]:
    parts = [part.strip() for part in text.split(",")]
    if len(parts) > MAX_IDS or not all(
        part.isdigit() and len(part) <= 10 for part in parts
    ):
        raise Open311Error(
            400,
            _("service_request_id: hasta %(n)s números separados por comas.")
            % {"n": MAX_IDS},
        )
    return [int(part) for part in parts]


def _date(request: HttpRequest, name: str) -> datetime | None:
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    try:
        moment = parse_datetime(text) if len(text) <= 40 else None
    except ValueError:
        moment = None
    if moment is None:
        raise Open311Error(
            400,
            _("%(name)s: use fecha y hora W3C, p. ej. 2024-05-01T00:00:00-06:00.")
            % {"name": name},
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if not EARLIEST <= moment <= timezone.now() + timedelta(days=1):
        raise Open311Error(
            400, _("%(name)s: fuera del intervalo de 2000 a hoy.") % {"name": name}
        )
    return moment


def _window(request: HttpRequest) -> tuple[datetime, datetime]:
    """Return the dates asked, bounded to 90 days as the specification's default."""
    start, end = _date(request, "start_date"), _date(request, "end_date")
    if start is None:
        end = end or timezone.now()
        start = end - DEFAULT_SPAN
    elif end is None:
        end = start + DEFAULT_SPAN
    if start > end:
        raise Open311Error(400, _("start_date es posterior a end_date."))
    if end - start > DEFAULT_SPAN:
        raise Open311Error(400, _("El intervalo de fechas pasa de 90 días."))
    return start, end


def _filtered(request: HttpRequest):
    reports = _reports()
    ids = request.GET.get("service_request_id", "").strip()
    if ids:
        return reports.filter(pk__in=_ids(ids))
    codes = [
        code.strip()
        for code in request.GET.get("service_code", "").split(",")
        if code.strip()
    ]
    if codes:
        if len(codes) > MAX_IDS:
            raise Open311Error(
                400, _("service_code: hasta %(n)s códigos.") % {"n": MAX_IDS}
            )
        known = set(
            Category.objects.filter(code__in=[c[:40] for c in codes]).values_list(
                "code", flat=True
            )
        )
        for code in codes:
            if code not in known:
                raise Open311Error(
                    400, _("service_code: no existe «%(code)s».") % {"code": code[:40]}
                )
        reports = reports.filter(category__code__in=codes)
    status = request.GET.get("status", "").strip()
    if status:
        wanted: set[str] = set()
        for value in status.split(","):
            try:
                wanted |= rules.open311_statuses(value.strip())
            except ValueError as bad:
                raise Open311Error(400, _("status: use open o closed.")) from bad
        reports = reports.filter(status__in=wanted)
    start, end = _window(request)
    return reports.filter(created__gte=start, created__lte=end)


@csrf_exempt
@answering
@methods("GET", "POST")
def requests_(request: HttpRequest) -> Payload:
    """List reports (GET) or file one with an API key (POST)."""
    if request.method == "POST":
        return _file(request)
    reports = _filtered(request).order_by("-created", "-pk")[:MAX_RESULTS]
    return Payload(
        [request_record(request, report) for report in reports], "service_requests"
    )


@csrf_exempt
@answering
@methods("GET")
def request_detail(request: HttpRequest, request_id: str) -> Payload:
    """Return one report, as a list of one (the specification's form)."""
    if not request_id.isdigit() or len(request_id) > 10:
        raise Open311Error(
            404, _("No existe la solicitud «%(id)s».") % {"id": request_id[:20]}
        )
    report = _reports().filter(pk=int(request_id)).first()
    if report is None:
        raise Open311Error(
            404, _("No existe la solicitud «%(id)s».") % {"id": request_id}
        )
    return Payload([request_record(request, report)], "service_requests")


# ------------------------------------------------------------- filing


def _field(request: HttpRequest, name: str, limit: int = 250) -> str:
    value = request.POST.get(name, "").strip()
    if len(value) > limit:
        raise Open311Error(
            400, _("%(name)s: pasa de %(n)s caracteres.") % {"name": name, "n": limit}
        )
    if "\x00" in value:
        raise Open311Error(
            400, _("%(name)s: contiene un carácter nulo.") % {"name": name}
        )
    return value


def _coordinate(request: HttpRequest, name: str) -> Decimal | None:
    text = _field(request, name, 30)
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as bad:
        raise Open311Error(
            400, _("%(name)s: no es un número.") % {"name": name}
        ) from bad
    if not value.is_finite() or abs(value) > 180:
        raise Open311Error(400, _("%(name)s: fuera de rango.") % {"name": name})
    return value.quantize(Decimal("0.000001"))


# Works named at most in an answer that asks the client to choose one.
NAMED_AT_MOST = 10
# Localities of one municipality compared with an address, at most.
LOCALITIES_AT_MOST = 5000


@dataclass(frozen=True)
class Unplaced:
    """An address that names no single work: the folios it names (maybe none)."""

    address: str
    candidates: tuple[str, ...]


def _work(
    request: HttpRequest, lat: Decimal | None, lon: Decimal | None
) -> Work | Unplaced:
    """Return the published work a request is about: by its folio, else the
    one nearest its point, else the one its address names; an address that
    names none or several is kept for staff to place (``Unplaced``)."""
    folio = _field(request, "attribute[obra]", 40)
    works = Work.objects.published()
    if folio:
        work = works.filter(public_id=folio).first()
        if work is None:
            raise Open311Error(
                404,
                _("attribute[obra]: no hay una obra publicada con folio «%(id)s».")
                % {"id": folio},
            )
        return work
    if lat is not None and lon is not None:
        return _chosen(_nearest_works(works, lat, lon))
    address = _field(request, "address_string")
    if address:
        folios = _addressed_works(works, address)
        if len(folios) == 1:
            return Work.objects.published().get(public_id=folios[0])
        return Unplaced(address, tuple(folios))
    raise Open311Error(
        400,
        _(
            "Indique la obra: attribute[obra] con su folio, lat y long, o "
            "address_string con la localidad y el municipio."
        ),
    )


def _chosen(folios: list[str]) -> Work:
    """Return the one work of ``folios`` near a point; none or several are a
    400 that says which works are there and asks for one."""
    if len(folios) == 1:
        return Work.objects.published().get(public_id=folios[0])
    if not folios:
        raise Open311Error(
            400,
            _(
                "No hay una obra publicada a menos de %(m)s m de ese punto: "
                "indique attribute[obra]."
            )
            % {"m": settings.RUTA_OPEN311_NEAREST_METERS},
        )
    named = ", ".join(sorted(folios)[:NAMED_AT_MOST])
    more = len(folios) - NAMED_AT_MOST
    said = _("Hay %(n)s obras publicadas en ese punto: %(folios)s") % {
        "n": len(folios),
        "folios": named,
    }
    if more > 0:
        said += " " + _("(y %(more)s más)") % {"more": more}
    raise Open311Error(
        400, said + ". " + _("Indique en attribute[obra] el folio de una.")
    )


def _nearest_works(works, lat: Decimal, lon: Decimal) -> list[str]:
    meters = settings.RUTA_OPEN311_NEAREST_METERS
    margin = Decimal(meters) / rules.METERS_PER_DEGREE * 2
    near = works.filter(
        latitude__range=(lat - margin, lat + margin),
        longitude__range=(lon - margin, lon + margin),
    ).values_list("public_id", "latitude", "longitude")[:500]
    candidates = [(folio, float(a), float(b)) for folio, a, b in near]
    return rules.nearest_tied((float(lat), float(lon)), candidates, meters)


def _addressed_works(works, address: str) -> list[str]:
    """Return the folios of the published works whose locality and
    municipality (of this instance) the address names."""
    places: dict[str, list[str]] = {}
    for municipality in instance().municipalities().only("pk", "name"):
        places.setdefault(municipality.name, []).append(municipality.pk)
    # A name two states' municipalities share is as ambiguous as two names.
    municipalities = [
        pk for name in rules.names_in(address, list(places)) for pk in places[name]
    ]
    if len(municipalities) != 1:
        return []
    in_it = works.filter(municipality_id=municipalities[0])
    localities = list(
        in_it.exclude(locality="")
        .order_by()
        .values_list("locality", flat=True)
        .distinct()[:LOCALITIES_AT_MOST]
    )
    named = rules.names_in(address, localities)
    if not named:
        return []
    return list(
        in_it.filter(locality__in=named)
        .order_by("public_id")
        .values_list("public_id", flat=True)[:LOCALITIES_AT_MOST]
    )


def _file(request: HttpRequest) -> Payload:
    key = selectors.api_key_active(request.POST.get("api_key", "").strip())
    if key is None:
        raise Open311Error(403, _("api_key ausente, revocada o no válida."))
    code = _field(request, "service_code", 40)
    category = selectors.categories_active().filter(code=code).first()
    if category is None:
        raise Open311Error(
            400, _("service_code: no existe «%(code)s».") % {"code": code}
        )
    lat, lon = _coordinate(request, "lat"), _coordinate(request, "long")
    target = _work(request, lat, lon)
    name = " ".join(
        part
        for part in (
            _field(request, "first_name", 60),
            _field(request, "last_name", 60),
        )
        if part
    )
    media = request.FILES.get("media")
    contact = services.Contact(
        name, _field(request, "email", 254), _field(request, "phone", 30)
    )
    actor = SystemActor(f"open311 key {key.prefix}")
    try:
        if isinstance(target, Unplaced):
            return _kept(
                services.pending_report_keep(
                    category=category,
                    description=_field(request, "description", MAX_FIELD),
                    address=target.address,
                    candidates=target.candidates,
                    contact=contact,
                    photo=cast(BinaryIO | None, media),
                    photo_size=(media.size or 0) if media else 0,
                    client=f"open311:{key.prefix}",
                    api_key=key,
                    actor=actor,
                )
            )
        report = services.report_file(
            work=target,
            category=category,
            description=_field(request, "description", MAX_FIELD),
            place=services.Place(lat, lon, _field(request, "address_string")),
            contact=contact,
            photo=cast(BinaryIO | None, media),
            photo_size=(media.size or 0) if media else 0,
            origin=ReportOrigin.OPEN311,
            client=f"open311:{key.prefix}",
            api_key=key,
            actor=actor,
        )
    except ValidationError as refused:
        status = 429 if getattr(refused, "code", None) == "throttled" else 400
        raise Open311Error(status, " ".join(refused.messages)) from refused
    return Payload(
        [
            {
                "service_request_id": str(report.pk),
                "service_notice": _(
                    "Reporte recibido; la dependencia responsable lo atenderá."
                ),
                "account_id": None,
            }
        ],
        "service_requests",
        status=201,
    )


def _kept(pending: PendingReport) -> Payload:
    """Answer a report kept to place: its token, as GeoReport v2 provides."""
    candidates = len(pending.candidates)
    notice = (
        _(
            "La dirección nombra el lugar de %(n)s obras publicadas; el personal "
            "ubicará el reporte en la que corresponda."
        )
        % {"n": candidates}
        if candidates
        else _(
            "La dirección no nombra la localidad y el municipio de una obra "
            "publicada; el personal ubicará el reporte en una obra o dirá por qué no."
        )
    )
    return Payload(
        [
            {
                "token": pending.token,
                "service_notice": notice
                + " "
                + _("Consulte su número con la ficha (tokens/FICHA)."),
                "account_id": None,
            }
        ],
        "service_requests",
        status=201,
    )


# ------------------------------------------------------------- tokens


TOKEN_MAX = 40


@csrf_exempt
@answering
@methods("GET")
def token_detail(request: HttpRequest, token: str) -> Payload:
    """Return the request number of a kept report once staff placed it.

    GeoReport v2's ``tokens/{token_id}``: the number is empty while the
    report waits; a declined one says why in ``service_notice``.
    """
    pending = (
        PendingReport.objects.filter(token=token).first()
        if len(token) <= TOKEN_MAX
        else None
    )
    if pending is None:
        raise Open311Error(
            404, _("No existe la ficha «%(token)s».") % {"token": token[:TOKEN_MAX]}
        )
    notice = ""
    if pending.status == PendingStatus.DECLINED:
        notice = _("Descartado: %(reason)s") % {"reason": pending.declined_reason}
    elif pending.is_waiting:
        notice = _("Aún no se ubica en una obra.")
    return Payload(
        [
            {
                "service_request_id": str(pending.report_id)
                if pending.report_id
                else None,
                "token": pending.token,
                "service_notice": notice,
            }
        ],
        "service_requests",
    )
