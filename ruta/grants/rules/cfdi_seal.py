"""What a CFDI proves about itself offline: its seal, its certificate, its sums.

The emitter's seal (``Sello``) is checked against the invoice's original
string (the SAT's XSLT for the CFDI's version, as satcfdi ships it) with the
certificate the invoice carries, whose RFC and number must be the emitter's
and the ``NoCertificado`` printed. The sums are the invoice's own arithmetic
(concepts against ``SubTotal``; ``SubTotal`` less discounts, plus taxes
transferred, less taxes withheld, against ``Total``). The stamp's seal needs
the SAT certificate it names, which cannot be had offline: that check is
reported as not run. An altered copy of a real invoice (its seal, an amount,
the receiver's RFC) fails the seal. A certificate issued by the SAT's test
authority (the one its developer kits sign with) proves nothing about a real
taxpayer: it is refused unless the caller says the instance is a test one.
Pure: no database.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from OpenSSL import crypto
from satcfdi.cfdi import CFDI
from satcfdi.models import Certificate

# The checks, in the order they are reported.
READABLE = "readable"
SEAL = "seal"
CERTIFICATE_RFC = "certificate_rfc"
CERTIFICATE_NUMBER = "certificate_number"
AUTHORITY = "test_authority"
SUBTOTAL = "subtotal"
TOTAL = "total"
STAMP_SEAL = "stamp_seal"
# What every genuine CFDI 4.0 lets be checked offline: an invoice is received
# only when each of these ran and passed. The stamp's seal needs the SAT's
# certificate, which is not held offline.
REQUIRED_OFFLINE = frozenset(
    {READABLE, SEAL, CERTIFICATE_RFC, CERTIFICATE_NUMBER, AUTHORITY, SUBTOTAL, TOTAL}
)
# The common name of the SAT's test certificate authority, which signs the
# certificates of its developer kits (issuer "AC UAT"); production
# certificates name "A.C. del Servicio de Administración Tributaria".
TEST_AUTHORITY_NAMES = frozenset({"AC UAT"})
COMMON_NAME = "2.5.4.3"  # X.520's commonName
# Amounts are printed to the centavo; a sum may differ by rounding per line.
TOLERANCE = Decimal("0.01")


@dataclass(frozen=True)
class Check:
    """One check: whether it could run, whether it passed, and what was found."""

    code: str
    ran: bool
    passed: bool = False
    found: str = ""


def offline_checks(data: bytes, *, test_authority: bool = False) -> list[Check]:
    """Return the CFDI's checks in ``data``: those that ran and those that cannot.

    ``test_authority`` accepts certificates of the SAT's test authority (an
    instance that says it is a test one).
    """
    try:
        cfdi = CFDI.from_string(data)
        original = cfdi.cadena_original().encode()
    except Exception as error:  # noqa: BLE001 - satcfdi raises many kinds; reported
        # The SAT's own schema and XSLT cannot read it: nothing more runs.
        return [Check(READABLE, ran=True, passed=False, found=type(error).__name__)]
    return [
        Check(READABLE, ran=True, passed=True),
        *_certificate_checks(cfdi, original, test_authority=test_authority),
        _subtotal(cfdi),
        _total(cfdi),
        _stamp(cfdi),
    ]


def checks_refusing(checks: list[Check]) -> list[Check]:
    """Return the checks that refuse an invoice: required ones failed or not run."""
    return [
        check
        for check in checks
        if check.code in REQUIRED_OFFLINE and not (check.ran and check.passed)
    ]


def _certificate(cfdi: Any) -> Certificate | None:
    try:
        return Certificate.load_certificate(base64.b64decode(cfdi["Certificado"]))
    except (KeyError, ValueError, binascii.Error, crypto.Error):
        return None


def issuer_name(certificate: Certificate) -> str:
    """Return the common name of the authority that issued ``certificate``."""
    issuer = certificate.certificate.to_cryptography().issuer
    names = [item.value for item in issuer if item.oid.dotted_string == COMMON_NAME]
    return str(names[0]).strip() if names else ""


def _authority(certificate: Certificate, *, test_authority: bool) -> Check:
    """Return whether the certificate's authority may vouch for a real invoice."""
    issuer = issuer_name(certificate)
    from_test = issuer.upper() in TEST_AUTHORITY_NAMES
    return Check(
        AUTHORITY, ran=True, passed=test_authority or not from_test, found=issuer
    )


def _certificate_checks(
    cfdi: Any, original: bytes, *, test_authority: bool
) -> list[Check]:
    certificate = _certificate(cfdi)
    if certificate is None:
        found = "Certificado"
        return [
            Check(SEAL, ran=False, found=found),
            Check(CERTIFICATE_RFC, ran=False, found=found),
            Check(CERTIFICATE_NUMBER, ran=False, found=found),
            Check(AUTHORITY, ran=False, found=found),
        ]
    try:
        signature = base64.b64decode(cfdi["Sello"])
    except (KeyError, ValueError, binascii.Error):
        signature = b""
    emitter = str(cfdi["Emisor"]["Rfc"])
    printed = str(cfdi.get("NoCertificado", ""))
    return [
        Check(SEAL, ran=True, passed=certificate.verify_sha256(original, signature)),
        Check(
            CERTIFICATE_RFC,
            ran=True,
            passed=certificate.rfc == emitter,
            found=str(certificate.rfc),
        ),
        Check(
            CERTIFICATE_NUMBER,
            ran=True,
            passed=certificate.certificate_number == printed,
            found=str(certificate.certificate_number),
        ),
        _authority(certificate, test_authority=test_authority),
    ]


def _amount(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _subtotal(cfdi: Any) -> Check:
    """Return whether the concepts' amounts add up to ``SubTotal``."""
    concepts = cfdi.get("Conceptos") or []
    added = sum((_amount(concept.get("Importe")) for concept in concepts), Decimal(0))
    printed = _amount(cfdi.get("SubTotal"))
    return Check(
        SUBTOTAL, ran=True, passed=abs(added - printed) <= TOLERANCE, found=str(added)
    )


def _total(cfdi: Any) -> Check:
    """Return whether SubTotal − discounts + taxes transferred − withheld is Total."""
    taxes = cfdi.get("Impuestos") or {}
    expected = (
        _amount(cfdi.get("SubTotal"))
        - _amount(cfdi.get("Descuento"))
        + _amount(taxes.get("TotalImpuestosTrasladados"))
        - _amount(taxes.get("TotalImpuestosRetenidos"))
    )
    printed = _amount(cfdi.get("Total"))
    return Check(
        TOTAL,
        ran=True,
        passed=abs(expected - printed) <= TOLERANCE,
        found=str(expected),
    )


def _stamp(cfdi: Any) -> Check:
    """Report the stamp's seal as not run: the SAT's certificate is not held offline."""
    stamp = (cfdi.get("Complemento") or {}).get("TimbreFiscalDigital") or {}
    return Check(STAMP_SEAL, ran=False, found=str(stamp.get("NoCertificadoSAT", "")))
