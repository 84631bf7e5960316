"""CURP (python-stdnum) and the CLABE's check digit (§3.4 req. 11.2)."""

from __future__ import annotations

from ruta.grants.rules.identifiers import clabe_check, clabe_check_digit, curp_check


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
