"""RFC and CURP (python-stdnum) and the CLABE's check digit (§3.4 req. 11.2)."""

from __future__ import annotations

from ruta.grants.rules.identifiers import (
    clabe_check,
    clabe_check_digit,
    curp_check,
    rfc_check,
)


def test_a_company_rfc_with_its_check_digit_is_valid():
    assert rfc_check("ASO1503127H4", company=True).ok
    assert rfc_check("ASO1503127H4").warning == ""


def test_an_rfc_check_digit_failure_only_warns():
    check = rfc_check("ASO1503127H2", company=True)
    assert check.ok
    assert check.warning == "rfc_check_digit"


def test_a_malformed_rfc_and_a_persons_rfc_for_a_company_are_errors():
    assert rfc_check("ASO15031").error == "rfc_invalid"
    assert rfc_check("GODE561231GR8", company=True).error == "rfc_not_company"


def test_curp_is_checked_with_its_check_digit():
    assert curp_check("BOXW310820HNERXN09").ok
    assert curp_check("BOXW310820HNERXN08").error == "curp_invalid"


def test_section_3_4_req_11_2_a_clabe_has_18_digits_and_its_check_digit():
    body = "00218001234567890"
    clabe = body + clabe_check_digit(body)
    assert clabe_check(clabe).ok
    wrong = body + str((int(clabe[-1]) + 1) % 10)
    assert clabe_check(wrong).error == "clabe_check_digit"
    assert clabe_check("1234").error == "clabe_format"


def test_the_clabe_check_digit_of_banxicos_published_example():
    # Banco de México's example: 032 180 00011835971 → check digit 9.
    assert clabe_check_digit("03218000011835971") == "9"
