from datetime import timedelta
from urllib.parse import quote, urlencode

import pytest
from defusedxml import ElementTree
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from georeport import GeoReport

from ruta.problems import services
from ruta.problems.models import PendingReport, ProblemReport
from ruta.problems.tests.conftest import jpeg_with_gps
from testkit.factories.problems import ProblemReportFactory
from testkit.factories.works import WorkFactory

BASE = "/open311/v2"


@pytest.fixture
def key(administrator):
    return services.api_key_issue(name="App Cívica", actor=administrator)[1]


def _post(client, **data):
    return client.post(f"{BASE}/requests.json", data)


def test_services_are_the_categories(client, db):
    services_ = client.get(f"{BASE}/services.json").json()
    codes = [service["service_code"] for service in services_]
    assert "obra-detenida" in codes
    assert set(services_[0]) >= {"service_code", "service_name", "metadata", "type"}
    definition = client.get(f"{BASE}/services/obra-detenida.json").json()
    assert definition["attributes"][0]["code"] == "obra"


def test_requests_list_in_the_specification_fields_without_contact(client, work, staff):
    report = ProblemReportFactory(
        work=work, latitude="29.072900", longitude="-110.955900"
    )
    services.report_status_change(
        report=report, status="resolved", response="Reparado.", actor=staff["capture"]
    )
    listed = client.get(f"{BASE}/requests.json").json()
    assert len(listed) == 1
    record = listed[0]
    assert record["service_request_id"] == str(report.pk)
    assert record["status"] == "closed"
    assert record["status_notes"] == "Reparado."
    assert record["service_code"] == "mala-calidad"
    assert record["agency_responsible"] == work.executing_agency.name
    assert record["lat"] == pytest.approx(29.0729)
    assert record["long"] == pytest.approx(-110.9559)
    assert {"requested_datetime", "updated_datetime", "media_url", "address"} <= set(
        record
    )
    body = client.get(f"{BASE}/requests.json").content.decode()
    for personal in (
        report.reporter_name,
        report.reporter_email,
        report.reporter_phone,
    ):
        assert personal not in body


def test_requests_filter_by_status_code_ids_and_dates(client, work):
    first = ProblemReportFactory(work=work)
    second = ProblemReportFactory(work=work, category=first.category)
    ProblemReport.objects.filter(pk=second.pk).update(
        created=timezone.now() - timedelta(days=40)
    )
    ids = lambda url: {r["service_request_id"] for r in client.get(url).json()}  # noqa: E731
    assert ids(f"{BASE}/requests.json?status=open") == {str(first.pk), str(second.pk)}
    assert ids(f"{BASE}/requests.json?status=closed") == set()
    assert ids(f"{BASE}/requests.json?service_request_id={second.pk}") == {
        str(second.pk)
    }
    start = (timezone.now() - timedelta(days=10)).isoformat()
    assert ids(f"{BASE}/requests.json?start_date={start.replace('+', '%2B')}") == {
        str(first.pk)
    }
    assert ids(f"{BASE}/requests.json?service_code=otro") == set()


@pytest.mark.parametrize(
    "query",
    [
        "start_date=2024-13-45",
        "end_date=mañana",
        "start_date=1999-01-01T00:00:00Z",
        "start_date=2024-06-01T00:00:00Z&end_date=2024-01-01T00:00:00Z",
        "start_date=2024-01-01T00:00:00Z&end_date=2024-12-01T00:00:00Z",
        "status=pending",
        "service_code=no-existe",
        "service_request_id=1,x",
        "service_request_id=" + ",".join(["1"] * 101),
    ],
)
def test_bad_parameters_are_a_400_in_the_specification_error_format(client, db, query):
    response = client.get(f"{BASE}/requests.json?{query}")
    assert response.status_code == 400
    errors = response.json()
    assert errors[0]["code"] == 400
    assert errors[0]["description"]


def test_a_request_is_read_alone_or_not_found(client, work):
    report = ProblemReportFactory(work=work)
    one = client.get(f"{BASE}/requests/{report.pk}.json").json()
    assert [r["service_request_id"] for r in one] == [str(report.pk)]
    missing = client.get(f"{BASE}/requests/999999.json")
    assert missing.status_code == 404
    assert missing.json()[0]["code"] == 404


def _xml(response):
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return ElementTree.fromstring(response.content)


def test_every_address_answers_xml_as_the_specification_writes_it(client, work):
    report = ProblemReportFactory(work=work)
    services_ = _xml(client.get(f"{BASE}/services.xml"))
    assert services_.tag == "services"
    codes = [service.findtext("service_code") for service in services_]
    assert "obra-detenida" in codes
    assert services_.find("service/metadata").text == "true"
    definition = _xml(client.get(f"{BASE}/services/obra-detenida.xml"))
    assert definition.tag == "service_definition"
    attribute = definition.find("attributes/attribute")
    assert (attribute.findtext("code"), attribute.findtext("variable")) == (
        "obra",
        "true",
    )
    listed = _xml(client.get(f"{BASE}/requests.xml"))
    assert listed.tag == "service_requests"
    assert [r.findtext("service_request_id") for r in listed] == [str(report.pk)]
    one = _xml(client.get(f"{BASE}/requests/{report.pk}.xml"))
    assert one.find("request/service_code").text == report.category.code
    # The same record in both formats.
    [as_json] = client.get(f"{BASE}/requests/{report.pk}.json").json()
    as_xml = {child.tag: child.text or "" for child in one.find("request")}
    assert set(as_xml) == set(as_json)
    assert as_xml["status"] == as_json["status"]


def test_errors_are_the_specifications_list_in_the_format_asked(client, db):
    missing = client.get(f"{BASE}/requests/999999.xml")
    assert missing.status_code == 404
    error = _xml(missing)
    assert error.tag == "errors"
    assert error.find("error/code").text == "404"
    unknown_format = client.get(f"{BASE}/services.csv")
    assert unknown_format.status_code == 400
    assert ".xml o .json" in unknown_format.json()[0]["description"]
    for address, parse in (
        ("/open311/v2/nada.xml", lambda r: _xml(r).find("error/code").text),
        ("/open311/v2/nada.json", lambda r: str(r.json()[0]["code"])),
        ("/open311/v3/services.json", lambda r: str(r.json()[0]["code"])),
    ):
        answer = client.get(address)
        assert answer.status_code == 404
        assert parse(answer) == "404"
    wrong_method = client.delete(f"{BASE}/requests.json")
    assert wrong_method.status_code == 405
    assert wrong_method.json()[0]["code"] == 405


def test_discovery_names_the_endpoint_and_its_formats(client, db):
    for address in ("/open311/discovery.json", f"{BASE}/discovery.json"):
        found = client.get(address).json()
        [endpoint] = found["endpoints"]
        assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert endpoint["url"] == "http://testserver/open311/v2"
        assert endpoint["formats"] == ["text/xml", "application/json"]
    discovery = _xml(client.get("/open311/discovery.xml"))
    assert discovery.tag == "discovery"
    assert [f.text for f in discovery.find("endpoints/endpoint/formats")] == [
        "text/xml",
        "application/json",
    ]


def test_a_browser_may_post_from_another_site(client, db):
    preflight = client.options(
        f"{BASE}/requests.json",
        headers={
            "Origin": "https://app.example.org",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight["Access-Control-Allow-Methods"]


def test_requests_filter_by_several_service_codes(client, work):
    stopped = ProblemReportFactory(work=work, category__code="obra-detenida")
    ProblemReportFactory(work=work, category__code="mala-calidad")
    both = client.get(f"{BASE}/requests.json?service_code=obra-detenida,mala-calidad")
    assert len(both.json()) == 2
    one = client.get(f"{BASE}/requests.json?service_code=obra-detenida").json()
    assert [r["service_request_id"] for r in one] == [str(stopped.pk)]
    unknown = client.get(f"{BASE}/requests.json?service_code=obra-detenida,nada")
    assert unknown.status_code == 400


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_description_of_up_to_4000_characters_is_filed(client, work, key, fmt):
    text = "La obra tiene grietas en la banqueta. " * 105  # 3,990 characters
    answer = client.post(
        f"{BASE}/requests.{fmt}",
        {
            "api_key": key,
            "service_code": "mala-calidad",
            "attribute[obra]": work.public_id,
            "description": text.strip(),
        },
    )
    assert answer.status_code == 201, answer.content
    report = ProblemReport.objects.get()
    assert report.description == text.strip()
    too_long = client.post(
        f"{BASE}/requests.{fmt}",
        {
            "api_key": key,
            "service_code": "mala-calidad",
            "attribute[obra]": work.public_id,
            "description": "x" * 4001,
        },
    )
    assert too_long.status_code == 400
    assert ProblemReport.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", ["json", "xml"])
def test_a_georeport_client_reads_services_and_requests(
    live_server, agency, hermosillo, mode
):
    with transaction.atomic():  # the work and its funding commit together
        work = WorkFactory(
            executing_agency=agency, municipality=hermosillo, published=True
        )
    report = ProblemReportFactory(work=work)
    client = GeoReport(f"{live_server.url}/open311/v2", output_format=mode)
    services_ = client.get_service_list()
    assert "obra-detenida" in [service["service_code"] for service in services_]
    definition = client.get_service_definition("obra-detenida")
    attributes = definition["attributes"]
    if mode == "xml":
        attributes = [attributes["attribute"]]
    assert attributes[0]["code"] == "obra"
    listed = client.get_service_requests()
    if mode == "xml":
        listed = [listed]  # one request: xmltodict gives it alone
    assert [r["service_request_id"] for r in listed] == [str(report.pk)]
    one = client.get_service_request(str(report.pk))
    assert one["service_code"] == report.category.code


def test_filing_with_a_key_names_the_work_and_stores_the_contact_privately(
    client, work, key
):
    photo = SimpleUploadedFile("f.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "service_code": "riesgo-seguridad",
            "attribute[obra]": work.public_id,
            "description": "Zanja abierta sin señalamientos junto a la primaria.",
            "email": "vecina@example.org",
            "first_name": "Vecina",
            "last_name": "Ficticia",
            "media": photo,
        },
    )
    assert response.status_code == 201
    number = int(response.json()[0]["service_request_id"])
    report = ProblemReport.objects.get(pk=number)
    assert (report.work, report.origin) == (work, "open311")
    assert report.reporter_name == "Vecina Ficticia"
    record = client.get(f"{BASE}/requests/{number}.json").content.decode()
    assert "vecina@example.org" not in record
    assert "Vecina" not in record
    assert f"/problematicas/{number}/foto.jpg" in record


def test_filing_by_point_takes_the_nearest_published_work(client, work, key):
    response = _post(
        client,
        api_key=key,
        service_code="otro",
        lat="29.073000",
        long="-110.955900",
        description="Hay escombro tirado en la banqueta.",
    )
    assert response.status_code == 201
    assert ProblemReport.objects.get().work == work
    far = _post(
        client,
        api_key=key,
        service_code="otro",
        lat="25.0",
        long="-105.0",
        description="Hay escombro tirado en la banqueta.",
    )
    assert far.status_code == 400


def test_a_point_with_several_works_names_them_and_asks_for_one(client, work, key):
    for folio in ("GSE-2024-0002", "GSE-2024-0003"):
        WorkFactory(
            executing_agency=work.executing_agency,
            municipality=work.municipality,
            public_id=folio,
            latitude=work.latitude,
            longitude=work.longitude,
            published=True,
        )
    response = _post(
        client,
        api_key=key,
        service_code="otro",
        lat=str(work.latitude),
        long=str(work.longitude),
        description="Hay escombro tirado en la banqueta.",
    )
    assert response.status_code == 400
    said = response.json()[0]["description"]
    assert "Hay 3 obras publicadas en ese punto" in said
    assert "GSE-2024-0001, GSE-2024-0002, GSE-2024-0003" in said
    assert "attribute[obra]" in said
    assert not ProblemReport.objects.exists()


def test_an_address_naming_a_works_locality_and_municipality_files_on_it(
    client, work, key, cajeme
):
    WorkFactory(
        executing_agency=work.executing_agency,
        municipality=cajeme,
        locality="Pueblo Yaqui",
        public_id="GSE-2024-0009",
        published=True,
    )
    response = _post(
        client,
        api_key=key,
        service_code="otro",
        address_string="Calle Obregón 10, Pueblo Yaqui, Cajeme, Son.",
        description="Hay escombro tirado en la banqueta.",
    )
    assert response.status_code == 201
    report = ProblemReport.objects.get()
    assert report.work.public_id == "GSE-2024-0009"
    assert report.address == "Calle Obregón 10, Pueblo Yaqui, Cajeme, Son."


@pytest.mark.parametrize(
    ("address", "said", "candidates"),
    [
        (
            "Calle 5, Centro, Hermosillo",
            "nombra el lugar de 2 obras publicadas",
            ["GSE-2024-0001", "GSE-2024-0002"],
        ),
        ("Calle 5, Centro", "no nombra la localidad y el municipio", []),
        ("Calle 5, Hermosillo y Cajeme", "no nombra la localidad y el municipio", []),
    ],
)
def test_an_address_naming_no_single_work_is_kept_to_place_with_a_token(
    client, work, key, cajeme, address, said, candidates
):
    WorkFactory(
        executing_agency=work.executing_agency,
        municipality=work.municipality,
        public_id="GSE-2024-0002",
        published=True,
    )
    response = _post(
        client,
        api_key=key,
        service_code="otro",
        address_string=address,
        description="Hay escombro tirado en la banqueta.",
        email="vecina@example.org",
    )
    assert response.status_code == 201
    [answer] = response.json()
    assert said in answer["service_notice"]
    assert "service_request_id" not in answer
    assert not ProblemReport.objects.exists()
    pending = PendingReport.objects.get(token=answer["token"])
    assert (pending.address, pending.candidates) == (address, candidates)
    assert pending.reporter_email == "vecina@example.org"
    [waiting] = client.get(f"{BASE}/tokens/{answer['token']}.json").json()
    assert waiting["service_request_id"] is None
    assert waiting["service_notice"] == "Aún no se ubica en una obra."


def test_a_kept_report_placed_by_staff_gives_its_app_the_request_number(
    client, work, key, staff
):
    response = _post(
        client,
        api_key=key,
        service_code="otro",
        address_string="Calle 5, Centro",
        description="Hay escombro tirado en la banqueta.",
        first_name="Ana",
        email="vecina@example.org",
        media=SimpleUploadedFile("f.jpg", jpeg_with_gps(), "image/jpeg"),
    )
    token = response.json()[0]["token"]
    pending = PendingReport.objects.get(token=token)
    with transaction.atomic():
        report = services.pending_report_place(
            pending=pending, work=work, actor=staff["capture"]
        )
    assert (report.work, report.address) == (work, "Calle 5, Centro")
    assert (report.reporter_name, report.reporter_email) == (
        "Ana",
        "vecina@example.org",
    )
    assert report.photo
    assert report.created == pending.created
    pending.refresh_from_db()
    assert (pending.status, pending.report) == ("placed", report)
    # The contact and the photo live on in the report only.
    assert (pending.reporter_name, pending.reporter_email, pending.photo.name) == (
        "",
        "",
        "",
    )
    [placed] = client.get(f"{BASE}/tokens/{token}.json").json()
    assert placed["service_request_id"] == str(report.pk)
    xml = ElementTree.fromstring(client.get(f"{BASE}/tokens/{token}.xml").content)
    assert xml.findtext("request/service_request_id") == str(report.pk)


def test_a_token_unknown_is_a_404_in_the_specifications_form(client, db):
    response = client.get(f"{BASE}/tokens/no-existe.json")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404


@pytest.mark.parametrize("api_key", ["", "deadbeef.no-es-la-clave"])
def test_filing_without_or_with_a_bad_key_is_forbidden(client, work, api_key):
    response = _post(
        client,
        api_key=api_key,
        service_code="otro",
        **{"attribute[obra]": work.public_id},
        description="Sin clave válida no se registra.",
    )
    assert response.status_code == 403
    assert response.json()[0]["code"] == 403
    assert not ProblemReport.objects.exists()


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"service_code": "no-existe"}, 400),
        ({"attribute[obra]": "NO-EXISTE-1"}, 404),
        ({"lat": "abc", "long": "-110.9"}, 400),
        ({"lat": "40.7", "long": "-74.0"}, 400),
        ({"description": "corto"}, 400),
    ],
)
def test_filing_bad_values_is_refused_and_nothing_stored(
    client, work, key, fields, status
):
    data = {
        "api_key": key,
        "service_code": "otro",
        "attribute[obra]": work.public_id,
        "description": "Descripción suficientemente larga.",
        **fields,
    }
    response = _post(client, **data)
    assert response.status_code == status
    assert response.json()[0]["description"]
    assert not ProblemReport.objects.exists()


def test_a_photo_that_is_not_an_image_is_refused(client, work, key):
    media = SimpleUploadedFile("x.jpg", b"texto", content_type="image/jpeg")
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "service_code": "otro",
            "attribute[obra]": work.public_id,
            "description": "Descripción suficientemente larga.",
            "media": media,
        },
    )
    assert response.status_code == 400
    assert not ProblemReport.objects.exists()


# Each a raw, already-encoded value, as tests/test_hostile_requests.py sends.
HOSTILE = {
    "nul": "%00",
    "surrogate": "%ED%A0%80",
    "long": "a" * 10_000,
    "huge": "9" * 25,
    "negative": "-1",
    "float": "1.5",
    "date": "2024-13-45",
    "sql": quote("' OR 1=1 --"),
    "unicode": quote("ñandú 𝄞 \u202e"),
}
LIST_PARAMETERS = (
    "service_request_id",
    "service_code",
    "status",
    "start_date",
    "end_date",
)
FILING_FIELDS = (
    "api_key",
    "service_code",
    "attribute[obra]",
    "lat",
    "long",
    "description",
    "email",
    "first_name",
    "phone",
    "address_string",
)


@pytest.mark.parametrize("value", list(HOSTILE))
def test_no_open311_parameter_answers_a_hostile_value_with_a_server_error(
    client, work, key, value
):
    raw, failures = HOSTILE[value], []
    for name in LIST_PARAMETERS:
        response = client.get(f"{BASE}/requests.json?{name}={raw}")
        if response.status_code >= 500:
            failures.append(("GET", name, response.status_code))
    for path in (f"requests/{raw[:60]}.json", f"services/{raw[:60]}.json"):
        response = client.get(f"{BASE}/{path}")
        if response.status_code >= 500:
            failures.append(("GET", path, response.status_code))
    good = urlencode(
        {
            "api_key": key,
            "service_code": "otro",
            "attribute[obra]": work.public_id,
            "description": "Descripción suficientemente larga.",
        }
    )
    for name in FILING_FIELDS:
        response = client.post(
            f"{BASE}/requests.json",
            f"{good}&{quote(name)}={raw}",
            content_type="application/x-www-form-urlencoded",
        )
        if response.status_code >= 500:
            failures.append(("POST", name, response.status_code))
    assert failures == []
