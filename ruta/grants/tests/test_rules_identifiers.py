"""CURP (python-stdnum) and the CLABE's check digit (§3.4 req. 11.2)."""

from __future__ import annotations

from ruta.grants.rules.identifiers import (
    clabe_check,
    clabe_check_digit,
    cluni_check,
    curp_check,
)


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


def test_section_3_4_req_6_1_a_cluni_is_letters_incorporation_date_state_and_sequence():
    assert cluni_check("OAB150312 2601A", rfc="OAB150312AB1").ok
    assert cluni_check("OAB1503122601A").warning == ""


def test_a_cluni_with_an_impossible_date_or_state_is_refused():
    assert cluni_check("OAB1513122601A").error == "cluni_date"
    assert cluni_check("OAB1503124001A").error == "cluni_state"
    assert cluni_check("OAB15031226").error == "cluni_format"
    assert cluni_check("0AB1503122601A").error == "cluni_format"
    assert cluni_check("").error == "cluni_format"


def test_a_cluni_that_disagrees_with_the_rfc_only_warns():
    check = cluni_check("OAB1503122601A", rfc="OXY990101AB1")
    assert check.ok
    assert check.warning == "cluni_rfc"
