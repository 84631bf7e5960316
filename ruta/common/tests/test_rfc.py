"""One RFC rule: what an RFC is, who holds it, and what is withheld for it."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruta.accounts.personal import personal_data_models
from ruta.common.text.rfc import (
    RFC_PATTERN,
    RfcHolder,
    is_company_rfc,
    is_person_rfc,
    is_valid_rfc,
    rfc_check,
    rfc_check_digit,
)
from ruta.common.text.validators import rfc_cleaned, validate_rfc
from ruta.works.contracting import Party

PERSON = "GODE561231GR8"
COMPANY = "ASO1503127H4"


@pytest.mark.parametrize(
    "rfc",
    ["CDD150312AB1", "GOMA800229HJ5", "ÑAB010101AAA", "A&B991231XYA"],
)
def test_well_formed_rfcs_are_accepted(rfc):
    assert is_valid_rfc(rfc)


@pytest.mark.parametrize(
    "rfc",
    [
        "CDD151312AB1",  # month 13
        "CDD150230AB1",  # 30 February
        "CD150312AB1",  # two letters
        "cdd150312ab1",  # lower case
        "CDD150312AB",  # homoclave too short
        "CDD150312ABZ",  # check character neither digit nor A
    ],
)
def test_malformed_rfcs_are_refused(rfc):
    assert not is_valid_rfc(rfc)


def test_validate_rfc_names_the_value():
    with pytest.raises(ValidationError) as error:
        validate_rfc("XXX")
    assert "XXX" in error.value.messages[0]


def test_a_thirteen_character_rfc_is_a_persons_and_twelve_a_companys():
    assert rfc_check(PERSON).holder == RfcHolder.PERSON
    assert rfc_check(COMPANY).holder == RfcHolder.COMPANY
    assert is_person_rfc(PERSON)
    assert not is_company_rfc(PERSON)
    assert is_company_rfc(COMPANY)
    assert not is_person_rfc(COMPANY)


@pytest.mark.parametrize(
    "value",
    [
        PERSON,
        COMPANY,
        "gode-561231-gr8",  # as typed
        "GODE561331GR8",  # a person's with a mistyped month
        "GODE561231",  # a person's without homoclave
        "CDD150312AB1",
        "XAXX010101000",  # the SAT's generic RFC for the public: a person's shape
        "MX-RFC-GODE561231GR8",  # with the open-contracting scheme
        "MX-RFC-ASO1503127H4",
        "26-030-0001",  # another identifier
        "",
    ],
)
def test_the_personal_data_declaration_and_the_ocds_reader_use_the_one_rule(value):
    contract = personal_data_models()["works.Contract"]
    party = Party(party_id="p", name="Alguien", identifier=value)
    withheld = is_person_rfc(value)
    assert contract.is_personal("contractor_rfc", value) == withheld
    assert party.is_person == withheld


@pytest.mark.parametrize(
    "value", ["GODE561331GR8", "GODE561231", "gode 561231 gr8", "XAXX010101000"]
)
def test_a_persons_rfc_is_withheld_even_when_malformed(value):
    assert is_person_rfc(value)


def test_a_company_rfc_with_its_check_digit_is_valid():
    assert rfc_check(COMPANY, holder=RfcHolder.COMPANY).ok
    assert rfc_check(COMPANY).warning == ""


def test_an_rfc_check_digit_failure_only_warns():
    check = rfc_check("ASO1503127H2", holder=RfcHolder.COMPANY)
    assert check.ok
    assert check.warning == "rfc_check_digit"


def test_a_malformed_rfc_and_a_persons_rfc_for_a_company_are_errors():
    assert rfc_check("ASO15031").error == "rfc_invalid"
    assert rfc_check(PERSON, holder=RfcHolder.COMPANY).error == "rfc_not_company"
    assert rfc_check(COMPANY, holder=RfcHolder.PERSON).error == "rfc_not_person"
    assert rfc_check("NOT-AN-RFC").error == "rfc_invalid"


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("CD150312AB1", "tiene 11 caracteres"),
        ("CDD150312ABZ", "termina en un dígito o «A»"),
        ("CDD151312AB1", "«151312» no es una fecha"),
        ("PUTO800101AB1", "las iniciales «PUTO»"),
    ],
)
def test_an_invalid_rfc_is_refused_saying_why(value, why):
    with pytest.raises(ValidationError) as refused:
        rfc_cleaned(value)
    [message] = refused.value.messages
    assert message.startswith(f"«{value}» no es un RFC válido: ")
    assert why in message
    assert refused.value.code == "rfc_invalid"


def test_a_persons_rfc_where_a_companys_is_asked_is_refused_saying_so():
    with pytest.raises(ValidationError, match="persona física") as refused:
        rfc_cleaned(PERSON, holder=RfcHolder.COMPANY)
    assert refused.value.code == "rfc_not_company"


def test_what_people_type_is_stored_upper_case_and_bare():
    assert rfc_cleaned(" aso-150312 7h4 ") == COMPANY
    with pytest.raises(ValidationError, match=COMPANY):
        validate_rfc("aso1503127h4")


def test_the_check_digit_is_the_sats():
    assert rfc_check_digit(COMPANY[:-1]) == COMPANY[-1]


@settings(derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_regex(r"[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}", fullmatch=True))
def test_every_rfc_the_rule_accepts_the_database_accepts(value):
    if rfc_check(value).ok:
        assert re.fullmatch(RFC_PATTERN, value)


def test_no_other_module_reads_an_rfc_by_itself():
    root = Path(__file__).resolve().parents[2]
    readers = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and path != root / "common" / "text" / "rfc.py"
        and re.search(
            r"stdnum\.mx import rfc|stdnum\.mx\.rfc|\[A-ZÑ&\]", path.read_text()
        )
    ]
    assert readers == []
