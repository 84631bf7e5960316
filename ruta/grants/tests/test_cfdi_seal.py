"""A real stamped CFDI 4.0 passes every check that runs offline; altered copies fail.

The invoice is the real one in ``../shared/data/cfdi`` (``RUTA_DATA_DIR``):
its seal verifies with the certificate it carries, and changing its seal,
an amount or the receiver's RFC breaks the seal (the original string no
longer matches); the sums catch an amount changed on its own.
"""

from __future__ import annotations

import re

import pytest

from ruta.grants.cfdi_read import cfdi_file_read
from ruta.grants.rules.cfdi_seal import offline_checks
from testkit.seeds import data_path

pytestmark = pytest.mark.real_data
REAL = data_path("cfdi/cfdi40-real-2022-municipio.xml").read_bytes()


def _results(data: bytes) -> dict[str, bool | None]:
    return {
        check.code: (check.passed if check.ran else None)
        for check in offline_checks(data)
    }


def _altered(pattern: bytes, replacement: bytes) -> bytes:
    altered, count = re.subn(pattern, replacement, REAL, count=1)
    assert count == 1
    return altered


def test_the_real_invoice_passes_every_check_that_runs_offline():
    assert _results(REAL) == {
        "readable": True,
        "seal": True,
        "certificate_rfc": True,
        "certificate_number": True,
        "test_authority": True,  # the SAT's production authority issued it
        "subtotal": True,
        "total": True,
        "stamp_seal": None,  # the SAT's certificate is not held offline
    }


@pytest.mark.parametrize(
    ("what", "pattern", "replacement", "also_failing"),
    [
        ("its seal", rb'Sello="[A-Za-z0-9+/]{8}', b'Sello="ZGVtbw==', set()),
        (
            "its subtotal",
            rb'SubTotal="[0-9.]+"',
            b'SubTotal="999.00"',
            {"subtotal", "total"},
        ),
        (
            "the receiver's RFC",
            rb'(<cfdi:Receptor[^>]*Rfc=")[A-Z0-9&]+"',
            rb'\1XAXX010101000"',
            set(),
        ),
    ],
)
def test_a_copy_with_an_altered_field_fails_its_seal(
    what, pattern, replacement, also_failing
):
    results = _results(_altered(pattern, replacement))
    failing = {code for code, passed in results.items() if passed is False}
    assert failing == {"seal"} | also_failing, what


def test_the_command_refuses_an_altered_copy_and_says_which_checks_ran():
    summary = cfdi_file_read(_altered(rb'SubTotal="[0-9.]+"', b'SubTotal="999.00"'))
    assert summary["valid"] is False
    assert {error["code"] for error in summary["errors"]} >= {"seal", "subtotal"}
    stamp = next(c for c in summary["checks"] if c["check"] == "stamp_seal")
    assert (stamp["ran"], stamp["passed"]) == (False, None)
    assert "00001000000504465028" in stamp["why_not_run"]
    assert cfdi_file_read(REAL)["valid"] is True
