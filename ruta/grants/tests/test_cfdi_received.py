"""An invoice is received only when it proves itself, and the SAT says it is current.

Every CFDI the tests write is sealed for its emitter (``testkit.cfdi``), as a
real one is; a copy altered after sealing is an apocryphal invoice (§4.4.2)
and is refused on the site with nothing saved. The SAT's status service is
asked only when configured, here a local fake answering as the SAT does.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from ruta.grants import services
from ruta.grants.models import Cfdi
from ruta.grants.rules.cfdi import parse
from ruta.grants.sat_status import SOAP_ACTION, printed_expression, status_check
from testkit.cfdi import UUID, cfdi_xml
from testkit.grants import ADMINISTERING_RFC, PDF, funded_agreement

STATUS_ANSWER = """<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
<s:Body><ConsultaResponse xmlns="http://tempuri.org/"><ConsultaResult
 xmlns:a="http://schemas.datacontract.org/2004/07/Sat.Cfdi.Negocio.ConsultaCfdi.Servicio"
 xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
<a:CodigoEstatus>S - Comprobante obtenido satisfactoriamente.</a:CodigoEstatus>
<a:EsCancelable>Cancelable con aceptación</a:EsCancelable>
<a:Estado>{state}</a:Estado><a:EstatusCancelacion/>
</ConsultaResult></ConsultaResponse></s:Body></s:Envelope>"""


class FakeSat:
    """A local stand-in for the SAT's service: the state it answers, what it got."""

    def __init__(self) -> None:
        self.state = "Vigente"
        self.status = 200
        self.received: list[tuple[str, str]] = []  # (SOAPAction, body)


@pytest.fixture
def sat(settings) -> Iterator[FakeSat]:
    fake = FakeSat()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server API
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode()
            fake.received.append((self.headers.get("SOAPAction", ""), body))
            data = STATUS_ANSWER.format(state=fake.state).encode()
            self.send_response(fake.status)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    settings.RUTA_SAT_STATUS_URL = f"http://{host}:{port}/ConsultaCFDIService.svc"
    yield fake
    server.shutdown()
    server.server_close()


def _invoice(agreement, authority: str = "") -> bytes:
    return cfdi_xml(
        emitter=agreement.application.organization.rfc,
        receiver=ADMINISTERING_RFC,
        fecha="2021-06-02T10:00:00",
        authority=authority,
    )


def _submit(agreement, applicant, xml: bytes) -> Cfdi:
    return services.cfdi_submit(
        disbursement=agreement.disbursements.get(number=1),
        xml=ContentFile(xml, name="f.xml"),
        pdf=ContentFile(PDF, name="f.pdf"),
        actor=applicant,
    )


def _altered(xml: bytes, pattern: bytes, replacement: bytes) -> bytes:
    altered, count = re.subn(pattern, replacement, xml, count=1)
    assert count == 1
    return altered


@pytest.mark.parametrize(
    ("what", "pattern", "replacement", "said"),
    [
        (
            "a seal that is not the emitter's",
            rb'Sello="[A-Za-z0-9+/]{8}',
            b'Sello="ZGVtbw==',
            "El sello del emisor no corresponde",
        ),
        (
            "a subtotal changed after sealing",
            rb'SubTotal="[0-9.]+"',
            b'SubTotal="999.00"',
            "Los conceptos suman 50000.00, no el SubTotal",
        ),
    ],
)
def test_an_apocryphal_invoice_is_refused_and_nothing_is_saved(
    db, what, pattern, replacement, said
):
    agreement, _staff, applicant = funded_agreement()
    xml = _altered(_invoice(agreement), pattern, replacement)
    with pytest.raises(ValidationError) as refused:
        _submit(agreement, applicant, xml)
    assert said in " ".join(refused.value.messages), what
    assert Cfdi.objects.count() == 0


def test_an_invoice_sealed_by_another_certificate_is_refused(db):
    agreement, _staff, applicant = funded_agreement()
    genuine = _invoice(agreement)
    other = cfdi_xml(emitter="OTR1503127H1", receiver=ADMINISTERING_RFC)
    certificate = re.search(rb' Certificado="[^"]+"', other)
    assert certificate is not None
    xml = _altered(genuine, rb' Certificado="[^"]+"', certificate.group(0))
    with pytest.raises(ValidationError) as refused:
        _submit(agreement, applicant, xml)
    text = " ".join(refused.value.messages)
    assert "El certificado del CFDI es del RFC OTR1503127H1" in text
    assert "El sello del emisor no corresponde" in text


def test_an_invoice_sealed_under_the_sats_test_authority_is_refused(db, settings):
    settings.RUTA_CFDI_TEST_AUTHORITY = False
    agreement, _staff, applicant = funded_agreement()
    with pytest.raises(ValidationError) as refused:
        _submit(agreement, applicant, _invoice(agreement, authority="AC UAT"))
    assert "lo emitió «AC UAT», la autoridad de pruebas del SAT" in " ".join(
        refused.value.messages
    )
    assert Cfdi.objects.count() == 0


def test_a_test_instance_receives_invoices_of_the_sats_test_authority(db, settings):
    settings.RUTA_CFDI_TEST_AUTHORITY = True
    agreement, _staff, applicant = funded_agreement()
    xml = _invoice(agreement, authority="AC UAT")
    assert _submit(agreement, applicant, xml).uuid == UUID


def test_without_the_status_service_a_sound_invoice_is_received(db, settings):
    settings.RUTA_SAT_STATUS_URL = ""
    agreement, _staff, applicant = funded_agreement()
    assert _submit(agreement, applicant, _invoice(agreement)).uuid == UUID


def test_the_status_service_is_asked_with_the_invoices_printed_expression(db, sat):
    agreement, _staff, applicant = funded_agreement()
    xml = _invoice(agreement)
    _submit(agreement, applicant, xml)
    [(action, body)] = sat.received
    assert action == SOAP_ACTION
    expression = printed_expression(parse(xml)).replace("&", "&amp;")
    assert f"<tem:expresionImpresa>{expression}</tem:expresionImpresa>" in body
    assert expression.startswith(f"?re={agreement.application.organization.rfc}&amp;")


def test_an_invoice_the_sat_calls_cancelled_is_refused(db, sat):
    sat.state = "Cancelado"
    agreement, _staff, applicant = funded_agreement()
    with pytest.raises(ValidationError) as refused:
        _submit(agreement, applicant, _invoice(agreement))
    assert "El SAT informa que el CFDI está «Cancelado»" in refused.value.messages[0]
    assert Cfdi.objects.count() == 0


def test_a_status_service_that_fails_leaves_the_check_not_run(db, sat):
    sat.status = 500
    check = status_check(parse(cfdi_xml()))
    assert (check.ran, check.passed) == (False, False)
    assert "500" in check.found
    agreement, _staff, applicant = funded_agreement()
    assert _submit(agreement, applicant, _invoice(agreement)).uuid == UUID


def test_a_current_invoice_passes_the_status_check(sat):
    check = status_check(parse(cfdi_xml()))
    assert (check.code, check.ran, check.passed, check.found) == (
        "sat_status",
        True,
        True,
        "Vigente",
    )


def test_a_cfdi_3_3_is_refused_naming_its_version(db):
    agreement, _staff, applicant = funded_agreement()
    version_3 = (
        b'<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/3" Version="3.3"/>'
    )
    with pytest.raises(ValidationError) as refused:
        _submit(agreement, applicant, version_3)
    assert "Es un CFDI versión 3.3: desde el 1 de abril de 2023" in " ".join(
        refused.value.messages
    )
    assert Cfdi.objects.count() == 0
