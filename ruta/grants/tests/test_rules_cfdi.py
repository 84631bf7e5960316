"""CFDI 4.0 invoices of §4.4: read safely, structure checked, compared with
the disbursement they are presented for."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from ruta.grants.reasons import cfdi_problem_text
from ruta.grants.rules.cfdi import CfdiRefused, Expected, against, parse
from testkit.cfdi import (
    BILLION_LAUGHS,
    EMITTER,
    EXTERNAL_ENTITY,
    RECEIVER,
    UUID,
    cfdi_xml,
)

EXPECTED = Expected(
    emitter_rfc=EMITTER,
    receiver_rfc=RECEIVER,
    amount=Decimal("50000.00"),
    period_start=date(2021, 6, 1),
    period_end=date(2021, 6, 30),
)


def codes(problems):
    return [problem.code for problem in problems]


def test_a_well_formed_stamped_cfdi_is_read_with_its_uuid_rfcs_total_and_date():
    cfdi = parse(cfdi_xml())
    assert cfdi.uuid == UUID
    assert (cfdi.emitter_rfc, cfdi.receiver_rfc) == (EMITTER, RECEIVER)
    assert cfdi.total == Decimal("50000.00")
    assert cfdi.issued_at.date() == date(2021, 6, 3)
    assert cfdi.problems == ()
    assert against(cfdi, EXPECTED) == []


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entities_and_document_types_are_refused_as_hostile(hostile):
    with pytest.raises(CfdiRefused) as refused:
        parse(hostile)
    assert refused.value.code == "hostile_xml"


def test_not_xml_and_not_a_cfdi_are_refused():
    with pytest.raises(CfdiRefused, match="malformed_xml"):
        parse(b"%PDF-1.4 not xml")
    with pytest.raises(CfdiRefused, match="not_cfdi"):
        parse(b"<factura/>")


def test_a_missing_required_attribute_of_cfdv40_is_a_problem_naming_it():
    cfdi = parse(cfdi_xml(drop="Sello"))
    assert ("missing_attribute", "Comprobante/Sello") in [
        (p.code, p.field) for p in cfdi.problems
    ]


def test_version_other_than_4_0_and_a_malformed_uuid_are_problems():
    cfdi = parse(cfdi_xml(version="3.3", uuid="not-a-uuid"))
    assert {"version", "uuid_format"} <= set(codes(cfdi.problems))


def test_section_4_4_emitter_receiver_and_total_must_match_the_disbursement():
    cfdi = parse(cfdi_xml(emitter="OTR1503127H1", total="49999.99"))
    found = codes(against(cfdi, EXPECTED))
    assert "emitter_rfc" in found
    assert "amount" in found
    wrong_receiver = parse(cfdi_xml(receiver="XAXX010101000"))
    assert "receiver_rfc" in codes(against(wrong_receiver, EXPECTED))


def test_section_4_4_date_must_fall_in_the_disbursements_period():
    cfdi = parse(cfdi_xml(fecha="2021-07-01T00:00:01"))
    assert "date_outside_period" in codes(against(cfdi, EXPECTED))


def test_a_uuid_already_used_by_another_disbursement_is_a_problem():
    expected = Expected(**{**EXPECTED.__dict__, "used_uuids": {UUID.lower()}})
    assert "uuid_reused" in codes(against(parse(cfdi_xml()), expected))


def test_an_rfc_check_digit_failure_warns_and_does_not_block():
    cfdi = parse(cfdi_xml(emitter="ASO1503127H2"))
    assert codes(cfdi.warnings) == ["rfc_check_digit"]
    assert cfdi.problems == ()


def test_a_payment_complement_is_compared_by_its_payments_amount():
    cfdi = parse(cfdi_xml(kind="P", uuid="0F1D2C3B-4A59-4E8F-9A1B-2C3D4E5F6A7B"))
    assert cfdi.amount == Decimal("50000.00")
    expected = Expected(**{**EXPECTED.__dict__, "kind": "P"})
    assert against(cfdi, expected) == []


def test_a_cfdi_3_3_is_refused_saying_only_4_0_is_valid_since_april_2023():
    version_3 = (
        b'<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/3" Version="3.3"/>'
    )
    with pytest.raises(CfdiRefused) as refused:
        parse(version_3)
    assert (refused.value.code, refused.value.detail) == ("version_3", "3.3")
    with translation.override("es-mx"):
        said = cfdi_problem_text("version_3", found="3.3")
    assert said == (
        "Es un CFDI versión 3.3: desde el 1 de abril de 2023 sólo vale la versión "
        "4.0, la única que se recibe."
    )


def test_a_payment_receipt_says_what_was_paid_in_pesos_its_total_being_zero():
    cfdi = parse(cfdi_xml(kind="P", total="12500.00"))
    assert (cfdi.total, cfdi.paid, cfdi.amount) == (
        Decimal("0"),
        Decimal("12500.00"),
        Decimal("12500.00"),
    )
    no_totals = re.sub(rb"<pago20:Totales[^>]*/>", b"", cfdi_xml(kind="P"))
    assert ("missing_node", "Complemento/Pagos/Totales") in [
        (p.code, p.field) for p in parse(no_totals).problems
    ]
