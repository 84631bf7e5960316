"""A password must be long, uncommon and made of varied characters."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from ruta.accounts.passwords import VariedCharactersValidator


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "abababababab", "AaAaBbBbCcCc1"])
def test_a_password_of_few_distinct_characters_is_refused(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert "password_too_repetitive" in [
        error.code for error in refused.value.error_list
    ]


def test_a_varied_password_passes():
    validate_password("río-Sonora 2024 obras")


def test_the_rule_says_how_many_characters_it_asks_for():
    assert VariedCharactersValidator(5).get_help_text() == (
        "Use al menos 5 caracteres distintos."
    )
