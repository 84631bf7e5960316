"""The SAT's public status service for CFDI: is an invoice current or cancelled.

An adapter for the interface the SAT publishes ("Servicio de consulta de
CFDI", ``ConsultaCFDIService.svc``): one SOAP call, ``Consulta``, whose only
argument is the printed expression of the invoice's QR code (``?re=`` the
emitter's RFC, ``&rr=`` the receiver's, ``&tt=`` the total as printed,
``&id=`` the UUID), answered with its ``Estado`` ("Vigente", "Cancelado",
"No Encontrado"). Off unless ``RUTA_SAT_STATUS_URL`` names the service
(its official address is ``OFFICIAL_URL``): nothing is fetched otherwise,
and a service that does not answer leaves the check not run, never passed.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ruta.grants.rules.cfdi import Cfdi
from ruta.grants.rules.cfdi_seal import Check

SAT_STATUS = "sat_status"
SAT_OFF = _("la consulta está desactivada en este sitio (RUTA_SAT_STATUS_URL)")

OFFICIAL_URL = (
    "https://consultaqr.facturaelectronica.sat.gob.mx/ConsultaCFDIService.svc"
)
SOAP_ACTION = "http://tempuri.org/IConsultaCFDIService/Consulta"
TIMEOUT_SECONDS = 10
MAX_ANSWER_BYTES = 64 * 1024
CURRENT = "Vigente"
_ENVELOPE = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
    'xmlns:tem="http://tempuri.org/"><s:Body><tem:Consulta>'
    "<tem:expresionImpresa>{expression}</tem:expresionImpresa>"
    "</tem:Consulta></s:Body></s:Envelope>"
)


class SatUnavailable(Exception):  # noqa: N818 - it is the outcome's name
    """The service did not answer, or not with a status: the check did not run."""


@dataclass(frozen=True)
class SatStatus:
    """What the SAT says of an invoice."""

    state: str  # Estado: Vigente, Cancelado, No Encontrado
    code: str  # CodigoEstatus, the service's own sentence
    cancellation: str = ""  # EstatusCancelacion, while one is under way

    @property
    def current(self) -> bool:
        return self.state == CURRENT


def printed_expression(cfdi: Cfdi) -> str:
    """Return the invoice's QR expression, as the service reads it."""
    total = "" if cfdi.total is None else str(cfdi.total)
    return (
        f"?re={quote(cfdi.emitter_rfc, safe='')}&rr={quote(cfdi.receiver_rfc, safe='')}"
        f"&tt={total}&id={cfdi.uuid}"
    )


def sat_status(cfdi: Cfdi, url: str, timeout: float = TIMEOUT_SECONDS) -> SatStatus:
    """Ask the service at ``url`` for ``cfdi``'s status; raise ``SatUnavailable``."""
    expression = printed_expression(cfdi).replace("&", "&amp;")
    request = urllib.request.Request(  # noqa: S310 - the URL comes from settings
        url,
        data=_ENVELOPE.format(expression=expression).encode(),
        method="POST",
        headers={
            "Content-Type": 'text/xml; charset="utf-8"',
            "SOAPAction": SOAP_ACTION,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            body = answer.read(MAX_ANSWER_BYTES + 1)
    except (urllib.error.URLError, OSError) as failure:
        raise SatUnavailable(str(failure)) from failure
    if len(body) > MAX_ANSWER_BYTES:
        raise SatUnavailable("answer too large")
    return _status_read(body)


def _status_read(body: bytes) -> SatStatus:
    """Return the status in a ``ConsultaResponse``, whatever its prefixes."""
    try:
        root = fromstring(body, forbid_dtd=True)
    except (DefusedXmlException, ParseError) as failure:
        raise SatUnavailable(f"not a SOAP answer: {failure}") from failure
    fields = {
        element.tag.rsplit("}", 1)[-1]: (element.text or "").strip()
        for element in root.iter()
    }
    if not fields.get("Estado"):
        raise SatUnavailable("the answer carries no Estado")
    return SatStatus(
        state=fields["Estado"],
        code=fields.get("CodigoEstatus", ""),
        cancellation=fields.get("EstatusCancelacion", ""),
    )


def status_check(cfdi: Cfdi) -> Check:
    """Return the SAT status as a check: run only when the service is configured.

    Passed when the SAT says "Vigente"; failed when it says anything else (a
    cancelled or unknown invoice); not run when off or when nobody answered.
    """
    url = settings.RUTA_SAT_STATUS_URL
    if not url:
        return Check(SAT_STATUS, ran=False, found=str(SAT_OFF))
    try:
        status = sat_status(cfdi, url)
    except SatUnavailable as unavailable:
        return Check(SAT_STATUS, ran=False, found=str(unavailable)[:200])
    return Check(SAT_STATUS, ran=True, passed=status.current, found=status.state)
