"""Reading a CFDI 4.0 invoice safely, and checking it against a disbursement.

Parsed with defusedxml: a document type declaration, an entity (billion
laughs) or an external reference is refused as hostile (``CfdiRefused``),
never expanded or fetched. The structure is checked against what the SAT's
``cfdv40.xsd`` (Anexo 20, version 4.0) requires: the ``Comprobante`` with
its required attributes and ``Version="4.0"``, one ``Emisor``, one
``Receptor``, ``Conceptos`` with at least one ``Concepto`` (each with its
required attributes), and the stamp (``tfd:TimbreFiscalDigital`` 1.1 in
``Complemento``) with a UUID. The SAT's catalogues (``catCFDI.xsd``) and data
types (``tdCFDI.xsd``) are not read: they are published only on the SAT's
site and nothing is fetched at run time.

§4.4: every disbursement needs the CFDI's XML and PDF; the invoice is the
administering body's proof that the organisation received the money.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: S405 - only for the Element type
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ruta.common.text.rfc import rfc_check

CFDI_NS = "http://www.sat.gob.mx/cfd/4"
# CFDI 3.3's namespace: valid until 31 March 2023, when only 4.0 remained.
CFDI_33_NS = "http://www.sat.gob.mx/cfd/3"
TFD_NS = "http://www.sat.gob.mx/TimbreFiscalDigital"
PAGOS_NS = "http://www.sat.gob.mx/Pagos20"
MAX_BYTES = 2 * 1024 * 1024
UUID_PATTERN = re.compile(
    r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$", re.IGNORECASE
)
# Required attributes, from cfdv40.xsd (use="required").
REQUIRED = {
    "Comprobante": (
        "Version",
        "Fecha",
        "Sello",
        "NoCertificado",
        "Certificado",
        "SubTotal",
        "Moneda",
        "Total",
        "TipoDeComprobante",
        "Exportacion",
        "LugarExpedicion",
    ),
    "Emisor": ("Rfc", "Nombre", "RegimenFiscal"),
    "Receptor": (
        "Rfc",
        "Nombre",
        "DomicilioFiscalReceptor",
        "RegimenFiscalReceptor",
        "UsoCFDI",
    ),
    "Concepto": (
        "ClaveProdServ",
        "Cantidad",
        "ClaveUnidad",
        "Descripcion",
        "ValorUnitario",
        "Importe",
        "ObjetoImp",
    ),
    "TimbreFiscalDigital": (
        "Version",
        "UUID",
        "FechaTimbrado",
        "RfcProvCertif",
        "SelloCFD",
        "NoCertificadoSAT",
        "SelloSAT",
    ),
}
INVOICE, PAYMENT = "I", "P"


class CfdiRefused(Exception):  # noqa: N818 - it is the outcome's name
    """The file is hostile or not a CFDI at all; nothing of it was read."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Problem:
    """One check a CFDI fails: a stable code, the field and what was found."""

    code: str
    field: str = ""
    found: str = ""


@dataclass(frozen=True)
class Cfdi:
    """What the platform reads of a CFDI, and the problems of its structure."""

    uuid: str
    kind: str
    emitter_rfc: str
    receiver_rfc: str
    total: Decimal | None
    paid: Decimal | None
    issued_at: datetime | None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def amount(self) -> Decimal | None:
        """Return what the CFDI covers: its total, or a payment's amount."""
        return self.paid if self.kind == PAYMENT else self.total


def parse(data: bytes) -> Cfdi:
    """Read a CFDI 4.0 from ``data``; raise ``CfdiRefused`` if hostile or not one."""
    if len(data) > MAX_BYTES:
        raise CfdiRefused("too_large", f"{len(data)} bytes")
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise CfdiRefused("hostile_xml", type(error).__name__) from None
    except ET.ParseError as error:
        raise CfdiRefused("malformed_xml", str(error)) from None
    if root.tag == f"{{{CFDI_33_NS}}}Comprobante":
        raise CfdiRefused("version_3", root.get("Version", ""))
    if root.tag != f"{{{CFDI_NS}}}Comprobante":
        raise CfdiRefused("not_cfdi", root.tag)
    return _read(root)


def _read(root: ET.Element) -> Cfdi:
    problems: list[Problem] = []
    _require(root, "Comprobante", problems)
    if root.get("Version") not in (None, "4.0"):
        problems.append(Problem("version", "Version", root.get("Version", "")))
    emitter = _one(root, "Emisor", problems)
    receiver = _one(root, "Receptor", problems)
    _concepts(root, problems)
    stamp = _stamp(root, problems)
    uuid = (stamp.get("UUID", "") if stamp is not None else "").upper()
    if stamp is not None and not UUID_PATTERN.match(uuid):
        problems.append(Problem("uuid_format", "UUID", uuid))
    warnings = []
    rfcs = {}
    for name, node in (("Emisor", emitter), ("Receptor", receiver)):
        rfcs[name] = (node.get("Rfc", "") if node is not None else "").upper()
        if node is not None and rfcs[name]:
            check = rfc_check(rfcs[name])
            if check.error:
                problems.append(Problem(check.error, f"{name}/Rfc", rfcs[name]))
            elif check.warning:
                warnings.append(Problem(check.warning, f"{name}/Rfc", rfcs[name]))
    return Cfdi(
        uuid=uuid,
        kind=root.get("TipoDeComprobante", ""),
        emitter_rfc=rfcs["Emisor"],
        receiver_rfc=rfcs["Receptor"],
        total=_decimal(root, "Total", problems),
        paid=_paid(root, problems),
        issued_at=_datetime(root.get("Fecha"), "Fecha", problems),
        problems=tuple(problems),
        warnings=tuple(warnings),
    )


def _require(node: ET.Element, name: str, problems: list[Problem]) -> None:
    for attribute in REQUIRED[name]:
        if not node.get(attribute):
            problems.append(Problem("missing_attribute", f"{name}/{attribute}"))


def _one(root: ET.Element, name: str, problems: list[Problem]) -> ET.Element | None:
    nodes = root.findall(f"{{{CFDI_NS}}}{name}")
    if len(nodes) != 1:
        problems.append(Problem("missing_node", name, str(len(nodes))))
        return None
    _require(nodes[0], name, problems)
    return nodes[0]


def _concepts(root: ET.Element, problems: list[Problem]) -> None:
    concepts = root.findall(f"{{{CFDI_NS}}}Conceptos/{{{CFDI_NS}}}Concepto")
    if not concepts:
        problems.append(Problem("missing_node", "Conceptos/Concepto"))
    for concept in concepts:
        _require(concept, "Concepto", problems)


def _stamp(root: ET.Element, problems: list[Problem]) -> ET.Element | None:
    stamp = root.find(f"{{{CFDI_NS}}}Complemento/{{{TFD_NS}}}TimbreFiscalDigital")
    if stamp is None:
        problems.append(Problem("missing_node", "Complemento/TimbreFiscalDigital"))
        return None
    _require(stamp, "TimbreFiscalDigital", problems)
    return stamp


def _decimal(node: ET.Element, name: str, problems: list[Problem]) -> Decimal | None:
    text = node.get(name)
    if text is None:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        problems.append(Problem("not_a_number", name, text))
        return None
    if not value.is_finite() or value < 0:
        problems.append(Problem("not_a_number", name, text))
        return None
    return value


def _paid(root: ET.Element, problems: list[Problem]) -> Decimal | None:
    """Return what a payment receipt (type P) says was paid, in pesos.

    Its own ``Total`` is zero: Pagos 2.0 states the payments' total in pesos
    in ``Totales/@MontoTotalPagos`` (each ``Pago/@Monto`` is in its own
    currency, ``MonedaP``).
    """
    if root.get("TipoDeComprobante") != PAYMENT:
        return None
    pagos = f"{{{CFDI_NS}}}Complemento/{{{PAGOS_NS}}}Pagos"
    if not root.findall(f"{pagos}/{{{PAGOS_NS}}}Pago"):
        problems.append(Problem("missing_node", "Complemento/Pagos/Pago"))
        return None
    totals = root.find(f"{pagos}/{{{PAGOS_NS}}}Totales")
    if totals is None:
        problems.append(Problem("missing_node", "Complemento/Pagos/Totales"))
        return None
    if totals.get("MontoTotalPagos") is None:
        problems.append(Problem("missing_attribute", "Totales/MontoTotalPagos"))
    return _decimal(totals, "MontoTotalPagos", problems)


def _datetime(text: str | None, name: str, problems: list[Problem]) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        problems.append(Problem("not_a_date", name, text))
        return None


@dataclass(frozen=True)
class Expected:
    """What a disbursement expects of its invoice."""

    emitter_rfc: str
    receiver_rfc: str
    amount: Decimal
    period_start: date
    period_end: date
    kind: str = INVOICE
    used_uuids: Collection[str] = field(default_factory=frozenset)


def against(cfdi: Cfdi, expected: Expected) -> list[Problem]:
    """Return how a CFDI differs from what its disbursement expects (§4.4)."""
    problems = list(cfdi.problems)
    if cfdi.kind != expected.kind:
        problems.append(Problem("kind", "TipoDeComprobante", cfdi.kind))
    if cfdi.emitter_rfc != expected.emitter_rfc.upper():
        problems.append(Problem("emitter_rfc", "Emisor/Rfc", cfdi.emitter_rfc))
    if cfdi.receiver_rfc != expected.receiver_rfc.upper():
        problems.append(Problem("receiver_rfc", "Receptor/Rfc", cfdi.receiver_rfc))
    if cfdi.amount is not None and cfdi.amount != expected.amount:
        field_name = "Pago/Monto" if cfdi.kind == PAYMENT else "Total"
        problems.append(Problem("amount", field_name, f"{cfdi.amount:.2f}"))
    issued = cfdi.issued_at.date() if cfdi.issued_at else None
    if (
        issued is not None
        and not expected.period_start <= issued <= expected.period_end
    ):
        problems.append(Problem("date_outside_period", "Fecha", issued.isoformat()))
    if cfdi.uuid and cfdi.uuid in {u.upper() for u in expected.used_uuids}:
        problems.append(Problem("uuid_reused", "UUID", cfdi.uuid))
    return problems
