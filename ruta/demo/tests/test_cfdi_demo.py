"""The demonstration's invoices verify with the certificate they print."""

from __future__ import annotations

from ruta.demo.cfdi import demo_signer
from ruta.grants.rules.cfdi_seal import offline_checks
from testkit.cfdi import cfdi_xml


def test_an_emitters_certificate_is_one_however_it_is_asked_for():
    assert demo_signer("ASO1503127H4") is demo_signer("ASO1503127H4", "")
    assert demo_signer("ASO1503127H4") is not demo_signer("ASO1503127H4", "AC UAT")


def test_an_invoice_sealed_for_its_emitter_passes_its_seal_either_way():
    for authority in ("", "AC UAT"):
        checks = {
            c.code: c.passed for c in offline_checks(cfdi_xml(authority=authority))
        }
        assert checks["seal"], authority
