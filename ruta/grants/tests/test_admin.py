"""The grants' admin screens list records read-only, with no personal data."""

from __future__ import annotations

import pytest
from django.test import Client

from ruta.accounts.models import Role
from testkit.grants import funded_agreement, user_with

SCREENS = ("call", "organization", "application", "allocationrun", "agreement")
MORE = ("disbursement", "report", "sanction", "refund")


@pytest.mark.parametrize("screen", SCREENS + MORE)
def test_an_administrator_reads_each_screen_without_personal_data(db, screen):
    agreement, _staff, _applicant = funded_agreement()
    admin_user = user_with(Role.ADMINISTRATOR)
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    page = client.get(f"/admin/grants/{screen}/")
    assert page.status_code == 200
    text = page.content.decode()
    for personal in ("Coordinación 1", "coord1@example.org", "Representante 1"):
        assert personal not in text
    assert f"/admin/grants/{screen}/add/" not in text
