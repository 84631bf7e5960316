import pytest
from django.core.exceptions import ValidationError

from ruta.common.rfc import is_valid_rfc, validate_rfc


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
