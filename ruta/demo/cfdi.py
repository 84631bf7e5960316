"""Demonstration invoices, sealed as the SAT's rules ask with a certificate of ours.

A CFDI's emitter seals its original string (the SAT's XSLT over the
document) with the key of its CSD, whose certificate names its RFC; the
platform checks that seal offline. The demonstration's invoices, and the
tests', are sealed with a certificate made here for each emitter's RFC: the
seal is real, the certificate is not the SAT's (a check of the certificate's
chain, which the platform does not make offline, would tell them apart).
"""

from __future__ import annotations

import datetime
from functools import cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from OpenSSL import crypto
from satcfdi.cfdi import CFDI
from satcfdi.models import Signer

# A CSD's number is its serial's digits, written as ASCII (the SAT's way).
CERTIFICATE_NUMBER = "30001000000500003416"
# Where a document cannot be read by the SAT's rules, nothing can be sealed.
UNSEALED = "c2VsbG8="


def demo_signer(rfc: str, authority: str = "") -> Signer:
    """Return a demonstration CSD for ``rfc``: a key, a certificate naming it,
    issued by itself or by a named ``authority`` (the SAT's test one, "AC
    UAT", for what must refuse it); the same one each time it is asked."""
    return _signer(rfc, authority)


@cache
def _signer(rfc: str, authority: str) -> Signer:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "CERTIFICADO DE DEMOSTRACION"),
            x509.NameAttribute(NameOID.X500_UNIQUE_IDENTIFIER, f"{rfc} / "),
        ]
    )
    issuer = (
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, authority)])
        if authority
        else name
    )
    start = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(int.from_bytes(CERTIFICATE_NUMBER.encode(), "big"))
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=4 * 365))
        .sign(key, hashes.SHA256())
    )
    return Signer(crypto.X509.from_cryptography(certificate), key)


def document_sealed(document: str, rfc: str, authority: str = "") -> bytes:
    """Return ``document`` with its ``{seal}`` marks replaced by the emitter's seal.

    The document names ``demo_signer(rfc)``'s number and certificate; one the
    SAT's XSLT cannot read (another version, a missing attribute) keeps a
    mark that seals nothing, for what refuses it first.
    """
    try:
        original = CFDI.from_string(document.encode()).cadena_original()
        seal = demo_signer(rfc, authority).sign_sha256(original.encode())
    except Exception:  # noqa: BLE001 - satcfdi raises many kinds
        seal = UNSEALED
    return document.replace("{seal}", seal).encode()
