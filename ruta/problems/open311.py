"""Open311 GeoReport v2 under ``/open311/v2/``, in JSON, for civic apps.

``services.json`` lists the categories; ``services/{code}.json`` defines the
one attribute a request names its work with (``attribute[obra]``, the
work's folio); ``requests.json`` lists reports (GET) and files one (POST,
with an ``api_key`` staff issue); ``requests/{id}.json`` reads one. Field
names and the error format (a list of ``{code, description}``) are the
specification's. Only JSON is answered: XML gets a 400 that says so. The
reporter's contact is stored (private) and never returned.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ruta.accounts.actors import SystemActor
from ruta.problems import rules, selectors, services
from ruta.problems.models import Category, ProblemReport, ReportOrigin
from ruta.works.models import Work, published_condition

MAX_IDS = 100
MAX_RESULTS = 1000
DEFAULT_SPAN = timedelta(days=90)
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.get_fixed_timezone(0))
MAX_FIELD = 2000


class Open311Error(Exception):
    """A refusal in the specification's form: HTTP status and description."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


def _errors(status: int, description: str) -> JsonResponse:
    return JsonResponse(
        [{"code": status, "description": description}], status=status, safe=False
    )


def _json(data: Any, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, safe=False)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json_only(fmt: str) -> None:
    if fmt != "json":
        raise Open311Error(
            400, _("Formato no admitido: este servidor responde solo JSON (.json).")
        )


def answering(view):
    """Turn an ``Open311Error`` raised by ``view`` into the error list."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        try:
            _json_only(kwargs.pop("fmt"))
            return view(request, *args, **kwargs)
        except Open311Error as error:
            return _errors(error.status, error.description)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# ------------------------------------------------------------- services


def _service(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": _("Obras públicas"),
    }


@require_http_methods(["GET"])
@answering
def service_list(request: HttpRequest) -> JsonResponse:
    """Return the categories as GeoReport services."""
    return _json([_service(category) for category in selectors.categories_active()])


@require_http_methods(["GET"])
@answering
def service_definition(request: HttpRequest, code: str) -> JsonResponse:
    """Return the attribute a request names its work with."""
    category = selectors.categories_active().filter(code=code[:40]).first()
    if category is None:
        raise Open311Error(
            404, _("No existe el servicio «%(code)s».") % {"code": code[:40]}
        )
    return _json(
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
                        "lat y long eligen la obra publicada más cercana."
                    ),
                    "order": 1,
                    "description": _("Obra pública"),
                }
            ],
        }
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
    code = request.GET.get("service_code", "").strip()
    if code:
        if not Category.objects.filter(code=code[:40]).exists():
            raise Open311Error(
                400, _("service_code: no existe «%(code)s».") % {"code": code[:40]}
            )
        reports = reports.filter(category__code=code)
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
@require_http_methods(["GET", "POST"])
@answering
def requests_(request: HttpRequest) -> JsonResponse:
    """List reports (GET) or file one with an API key (POST)."""
    if request.method == "POST":
        return _file(request)
    reports = _filtered(request).order_by("-created", "-pk")[:MAX_RESULTS]
    return _json([request_record(request, report) for report in reports])


@require_http_methods(["GET"])
@answering
def request_detail(request: HttpRequest, request_id: str) -> JsonResponse:
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
    return _json([request_record(request, report)])


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


def _work(request: HttpRequest, lat: Decimal | None, lon: Decimal | None) -> Work:
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
    if lat is None or lon is None:
        raise Open311Error(
            400, _("Indique la obra: attribute[obra] con su folio, o lat y long.")
        )
    work = _nearest_work(works, lat, lon)
    if work is None:
        raise Open311Error(
            400,
            _(
                "No hay una obra publicada a menos de %(m)s m de ese punto: "
                "indique attribute[obra]."
            )
            % {"m": settings.RUTA_OPEN311_NEAREST_METERS},
        )
    return work


def _nearest_work(works, lat: Decimal, lon: Decimal) -> Work | None:
    meters = settings.RUTA_OPEN311_NEAREST_METERS
    margin = Decimal(meters) / rules.METERS_PER_DEGREE * 2
    near = works.filter(
        latitude__range=(lat - margin, lat + margin),
        longitude__range=(lon - margin, lon + margin),
    ).values_list("public_id", "latitude", "longitude")[:500]
    candidates = [(folio, float(a), float(b)) for folio, a, b in near]
    folio = rules.nearest((float(lat), float(lon)), candidates, meters)
    return works.filter(public_id=folio).first() if folio else None


def _file(request: HttpRequest) -> JsonResponse:
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
    work = _work(request, lat, lon)
    name = " ".join(
        part
        for part in (
            _field(request, "first_name", 60),
            _field(request, "last_name", 60),
        )
        if part
    )
    media = request.FILES.get("media")
    try:
        report = services.report_file(
            work=work,
            category=category,
            description=_field(request, "description", MAX_FIELD),
            place=services.Place(lat, lon, _field(request, "address_string")),
            contact=services.Contact(
                name, _field(request, "email", 254), _field(request, "phone", 30)
            ),
            photo=cast(BinaryIO | None, media),
            photo_size=(media.size or 0) if media else 0,
            origin=ReportOrigin.OPEN311,
            client=f"open311:{key.prefix}",
            api_key=key,
            actor=SystemActor(f"open311 key {key.prefix}"),
        )
    except ValidationError as refused:
        status = 429 if getattr(refused, "code", None) == "throttled" else 400
        raise Open311Error(status, " ".join(refused.messages)) from refused
    return _json(
        [
            {
                "service_request_id": str(report.pk),
                "service_notice": _(
                    "Reporte recibido; la dependencia responsable lo atenderá."
                ),
                "account_id": None,
            }
        ],
        status=201,
    )
