"""Contacts as keys: every spelling of one mailbox or one phone is one key."""

from __future__ import annotations

import pytest

from ruta.common.text.contacts import PROVIDERS, email_clean, mailbox_key, phone_clean


@pytest.mark.parametrize(
    ("typed", "mailbox"),
    [
        ("  Vecina@Example.ORG ", "vecina@example.org"),
        ("voter+1@example.org", "voter@example.org"),
        ("Voter+2@Example.org", "voter@example.org"),
        ("voter+a+b@example.org", "voter@example.org"),
        ("ana.luz@gmail.com", "analuz@gmail.com"),
        ("A.n.A.l.u.z+voto@gmail.com", "analuz@gmail.com"),
        ("ana.luz@googlemail.com", "analuz@gmail.com"),
        # Dots matter everywhere but the providers declared to ignore them.
        ("ana.luz@empresa.gob.mx", "ana.luz@empresa.gob.mx"),
        ("ana.luz@outlook.com", "ana.luz@outlook.com"),
        # A "-" is part of real names, even where a provider tags with it.
        ("ana-luz@yahoo.com", "ana-luz@yahoo.com"),
    ],
)
def test_every_spelling_of_a_mailbox_is_one_key(typed, mailbox):
    assert mailbox_key(typed) == mailbox


@pytest.mark.parametrize("typed", ["sin-arroba.example.org", "+voto@example.org", ""])
def test_what_reaches_no_mailbox_has_no_key(typed):
    assert mailbox_key(typed) is None


def test_a_message_goes_to_the_address_as_typed_only_trimmed_and_lowered():
    assert email_clean(" Voter+2@Example.org ") == "voter+2@example.org"
    assert email_clean("a" * 250 + "@x.org") is None


def test_each_provider_folding_more_says_why():
    assert all(provider.reason for provider in PROVIDERS)
    assert {"gmail.com", "googlemail.com"} <= {
        name for provider in PROVIDERS for name in (provider.domain, *provider.aliases)
    }


@pytest.mark.parametrize(
    "typed",
    [
        "662 123 4567",
        "+52 662 123 4567",
        "5216621234567",
        "+52 1 662 123 4567",
        "(662)123-45-67",
        "0052 662 123 4567",
        "00 52 1 662 123 4567",
        "044 662 123 4567",
        "045 662 123 4567",
        "01 662 123 4567",
    ],
)
def test_one_phone_is_one_key_however_it_is_typed(typed):
    assert phone_clean(typed) == "526621234567"


@pytest.mark.parametrize("typed", ["12345", "+1 415 555 0100", "+1 415 555 0100 2"])
def test_a_number_that_is_not_mexican_has_no_key(typed):
    assert phone_clean(typed) is None
