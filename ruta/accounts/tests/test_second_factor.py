"""Staff who approve, score, audit or administer sign in with a second factor."""

from __future__ import annotations

import re

import pytest
import qrcode
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp.oath import TOTP
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import RECOVERY_CODE_USED, Role, SecondFactor
from ruta.accounts.rules import second_factor_required
from ruta.accounts.secondfactor import (
    RECOVERY_SERVICE,
    key_text,
    provisioning_uri,
    second_factor_reset,
)

LOGIN = "/es-mx/cuentas/entrar/"
PASSWORD = "clave-segura-123"  # testkit's UserFactory
SECOND = reverse("accounts:second-factor")


def _code(factor: SecondFactor, *, later: int = 0) -> str:
    totp = TOTP(bytes.fromhex(factor.key))
    totp.drift = later
    return f"{totp.token():06d}"


def _password(client, user):
    return client.post(LOGIN, {"username": user.email, "password": PASSWORD})


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("roles", "required"),
    [
        ({"validator"}, True),
        ({"reviewer"}, True),
        ({"auditor"}, True),
        ({"administrator"}, True),
        ({"capture"}, False),
        ({"committee"}, False),
        ({"applicant"}, False),
        (set(), False),
        ({"capture", "validator"}, True),
    ],
)
def test_the_roles_that_must_use_a_second_factor(roles, required):
    assert second_factor_required(roles, superuser=False) is required
    assert second_factor_required(set(), superuser=True)


def test_a_validator_cannot_sign_in_with_the_password_alone(client, validator):
    answer = _password(client, validator)
    assert answer.status_code == 302
    assert answer["Location"] == SECOND
    assert not _signed_in(client)
    # No factor yet: the page shows a new key to enrol, and signs in nobody.
    page = client.get(SECOND)
    assert "otpauth://totp/" in page.content.decode()
    assert not _signed_in(client)
    assert client.get(reverse("accounts:desk")).status_code == 302
    factor = SecondFactor.objects.get(user=validator)
    refused = client.post(SECOND, {"code": "000000"})
    assert refused.status_code == 400
    assert not _signed_in(client)
    enrolled = client.post(SECOND, {"code": _code(factor)})
    codes = enrolled.context["codes"]
    assert len(codes) == 8
    assert _signed_in(client)
    # The next time: the password, then a fresh code (the same one is refused).
    client.logout()
    _password(client, validator)
    assert not _signed_in(client)
    assert client.post(SECOND, {"code": _code(factor)}).status_code == 400
    client.post(SECOND, {"code": _code(factor, later=1)})
    assert _signed_in(client)


def test_a_recovery_code_signs_in_once(client, validator):
    _password(client, validator)
    client.get(SECOND)
    factor = SecondFactor.objects.get(user=validator)
    codes = client.post(SECOND, {"code": _code(factor)}).context["codes"]
    for expected in (True, False):
        client.logout()
        _password(client, validator)
        client.post(SECOND, {"code": codes[0]})
        assert _signed_in(client) is expected


def test_capture_staff_and_organisations_sign_in_as_before(client, make_user):
    for role in (Role.CAPTURE, Role.APPLICANT):
        client.logout()
        answer = _password(client, make_user(role))
        assert answer["Location"] != SECOND
        assert _signed_in(client)


def test_the_admins_own_sign_in_page_leads_to_the_sites(client):
    assert client.get("/admin/login/")["Location"].startswith(LOGIN)


def test_another_administrator_resets_a_factor_on_the_site_and_it_is_audited(
    client, validator, make_user
):
    _password(client, validator)
    client.get(SECOND)
    client.post(SECOND, {"code": _code(SecondFactor.objects.get(user=validator))})
    factor_pk = SecondFactor.objects.get(user=validator).pk
    client.logout()
    admin = make_user(Role.ADMINISTRATOR)
    client.force_login(admin)
    listed = client.get(reverse("accounts:second-factors"))
    assert validator.email in listed.content.decode()
    client.post(reverse("accounts:second-factor-reset", args=[validator.pk]))
    assert not SecondFactor.objects.filter(user=validator).exists()
    deleted = MiddlewareEvents.objects.filter(
        pgh_model="accounts.SecondFactorEvent", pgh_obj_id=str(factor_pk)
    ).get(pgh_label="delete")
    assert deleted.pgh_context["service"] == "second_factor_reset"
    assert deleted.pgh_context["user"] == admin.pk
    # Never their own, nor by anyone who does not administer accounts.
    with pytest.raises(PermissionDenied):
        second_factor_reset(user=admin, actor=admin)
    assert (
        client.post(
            reverse("accounts:second-factor-reset", args=[admin.pk])
        ).status_code
        == 403
    )
    client.force_login(validator)
    assert client.get(reverse("accounts:second-factors")).status_code == 403


def _qr_squares(page: str) -> set[tuple[int, int]]:
    """Return the dark squares the enrolment's inline SVG draws, by position."""
    svg = re.search(r'<svg class="qr-code".*?</svg>', page, re.S)
    assert svg is not None
    path = re.search(r'<path d="([^"]+)"', svg.group(0))
    assert path is not None
    return {(int(x), int(y)) for x, y in re.findall(r"M(\d+),(\d+)H", path.group(1))}


def test_enrolment_shows_the_key_as_a_qr_code_drawn_on_the_page(client, validator):
    _password(client, validator)
    page = client.get(SECOND).content.decode()
    factor = SecondFactor.objects.get(user=validator)
    # The squares are those of this factor's otpauth address, four squares of
    # quiet zone around them; nothing is loaded from elsewhere.
    code = qrcode.QRCode(border=0)
    code.add_data(provisioning_uri(factor))
    code.make(fit=True)
    expected = {
        (x + 4, y + 4)
        for y, row in enumerate(code.get_matrix())
        for x, dark in enumerate(row)
        if dark
    }
    assert _qr_squares(page) == expected
    assert "<img" not in page.split('<svg class="qr-code"')[1].split("</svg>")[0]
    # The key stays on the page as text, for typing it in.
    assert key_text(factor) in page


def test_each_use_of_a_recovery_code_is_an_audit_event_of_the_account(
    client, validator
):
    _password(client, validator)
    client.get(SECOND)
    factor = SecondFactor.objects.get(user=validator)
    codes = client.post(SECOND, {"code": _code(factor)}).context["codes"]
    for code in codes[:2]:
        client.logout()
        _password(client, validator)
        client.post(SECOND, {"code": code})
        assert _signed_in(client)
    used = MiddlewareEvents.objects.filter(
        pgh_model="accounts.SecondFactorEvent",
        pgh_obj_id=str(factor.pk),
        pgh_label=RECOVERY_CODE_USED,
    ).order_by("pgh_created_at")
    assert [event.pgh_context["user"] for event in used] == [validator.pk] * 2
    assert [event.pgh_context["recovery_codes_left"] for event in used] == [7, 6]
    assert {event.pgh_context["service"] for event in used} == {RECOVERY_SERVICE}
    # A code refused, or the app's own code, records no such event.
    client.logout()
    _password(client, validator)
    client.post(SECOND, {"code": codes[0]})
    client.post(SECOND, {"code": _code(factor, later=1)})
    assert used.count() == 2
