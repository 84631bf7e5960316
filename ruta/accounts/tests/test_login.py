"""Signing in: e-mail in any case, three throttles, the real client address."""

import re
from datetime import datetime, timedelta

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection
from django.test import Client, RequestFactory, override_settings

from ruta.accounts.forms import UserCreationForm
from ruta.accounts.models import User
from ruta.accounts.services import user_create
from ruta.accounts.signin_links import LINK_MINUTES, TOKENS, sign_in_link_path
from ruta.common.models import MailKind
from ruta.common.ops.client import client_address
from ruta.common.web.middleware import AuditContextMiddleware
from testkit.actors import TEST_ACTOR

LOGIN = "/es-mx/cuentas/entrar/"
PASSWORD = "una-clave-larga-2024"


@pytest.fixture
def person(db):
    return user_create(email="persona@example.org", password=PASSWORD, actor=TEST_ACTOR)


def _try(client, email, password="equivocada", address="203.0.113.7", **extra):
    return client.post(
        LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address, **extra
    )


def test_an_email_typed_with_capitals_signs_in(client, person):
    assert _try(client, "Persona@EXAMPLE.org", PASSWORD).status_code == 302


def test_two_accounts_cannot_differ_only_in_case(person):
    with pytest.raises(IntegrityError):
        User.objects.create_user("PERSONA@example.org", PASSWORD)


def test_the_database_refuses_an_address_stored_in_capitals(person):
    with pytest.raises(IntegrityError), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_user SET email = 'Persona@example.org' WHERE id = %s",
            [person.pk],
        )


def test_the_admin_form_refuses_an_address_taken_in_another_case(person):
    form = UserCreationForm(
        data={
            "email": "PERSONA@example.org",
            "full_name": "Otra",
            "password1": PASSWORD,
            "password2": PASSWORD,
        }
    )
    assert not form.is_valid()
    assert "email" in form.errors


@override_settings(RUTA_LOGIN_ADDRESS_FAILURES=3)
def test_one_password_tried_on_many_accounts_is_throttled_per_address(client, person):
    for number in range(3):
        _try(client, f"otra{number}@example.org")
    response = _try(client, "persona@example.org", PASSWORD)
    assert response.status_code == 429
    assert "Demasiados intentos" in response.content.decode()
    assert _try(
        client, "persona@example.org", PASSWORD, "198.51.100.9"
    ).status_code == (302)


def _attacked(account: str) -> None:
    """Fail on ``account`` from as many addresses as its limit allows."""
    for number in range(3):
        _try(Client(), account, address=f"198.51.100.{number + 1}")


def _sign_in_links(outbox) -> list[str]:
    """Return the paths of the sign-in links mailed."""
    links = []
    for message in outbox:
        assert message.kind == MailKind.SIGN_IN
        links += re.findall(r"https?://[^/\s]+(/\S+/entrar/enlace/\S+/)", message.body)
    return links


@override_settings(RUTA_LOGIN_ACCOUNT_FAILURES=3)
def test_an_attacked_account_signs_in_by_a_mailed_link_not_the_password_alone(
    client, person, mailoutbox
):
    _attacked("PERSONA@example.org")
    answer = _try(client, "persona@example.org", PASSWORD, "192.0.2.50")
    assert answer.status_code == 429
    assert "Revise su correo" in answer.content.decode()
    assert "_auth_user_id" not in client.session
    (link,) = _sign_in_links(mailoutbox)
    assert "Oprima el botón" in client.get(link).content.decode()
    assert "_auth_user_id" not in client.session  # a scanner's GET signs no one in
    assert client.post(link)["Location"] == "/es-mx/cuentas/mesa/"
    assert int(client.session["_auth_user_id"]) == person.pk
    assert Client().post(link).status_code == 410  # once


@override_settings(RUTA_LOGIN_ACCOUNT_FAILURES=3)
def test_a_wrong_password_on_an_attacked_account_gets_the_same_page_and_no_mail(
    client, person, mailoutbox
):
    _attacked("persona@example.org")
    right = _try(Client(), "persona@example.org", PASSWORD, "192.0.2.50")
    wrong = _try(client, "persona@example.org", "otra-clave-larga", "192.0.2.51")
    assert wrong.status_code == right.status_code == 429
    assert _texts(wrong) == _texts(right)
    assert len(_sign_in_links(mailoutbox)) == 1


@override_settings(RUTA_LOGIN_ACCOUNT_FAILURES=3)
def test_the_page_is_the_same_for_an_account_that_does_not_exist(
    client, person, mailoutbox
):
    _attacked("nadie@example.org")
    _attacked("persona@example.org")
    nobody = _try(client, "nadie@example.org", address="192.0.2.50")
    someone = _try(Client(), "persona@example.org", address="192.0.2.51")
    assert nobody.status_code == someone.status_code == 429
    assert _texts(nobody) == _texts(someone)
    assert _sign_in_links(mailoutbox) == []


def _texts(answer) -> str:
    """Return a page without its per-request tokens."""
    return re.sub(r'value="[^"]*"|nonce="[^"]*"', "", answer.content.decode())


def test_a_link_is_good_for_fifteen_minutes(client, person, monkeypatch):
    link = sign_in_link_path(person)
    later = datetime.now() + timedelta(minutes=LINK_MINUTES, seconds=2)  # noqa: DTZ005 (Django's tokens count naive seconds)
    monkeypatch.setattr(TOKENS, "_now", lambda: later)
    assert client.post(link).status_code == 410
    assert "_auth_user_id" not in client.session


def test_a_forged_link_signs_no_one_in(client, person):
    link = sign_in_link_path(person).replace("/entrar/enlace/", "/entrar/enlace/x")
    assert client.post(link).status_code == 410


def test_five_failures_from_one_address_lock_that_account_there(client, person):
    for _ in range(5):
        _try(client, "persona@example.org")
    assert _try(client, "persona@example.org", PASSWORD).status_code == 429
    assert AccessAttempt.objects.get().username == "persona@example.org"


def _request(peer, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **extra)


def test_a_forwarded_address_from_an_untrusted_peer_is_ignored():
    assert client_address(_request("203.0.113.7", "10.9.9.9")) == "203.0.113.7"


@override_settings(RUTA_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_behind_trusted_proxies_the_first_untrusted_hop_is_the_client():
    request = _request("127.0.0.1", "1.2.3.4, 203.0.113.7, 10.0.0.5")
    assert client_address(request) == "203.0.113.7"
    assert client_address(_request("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_address(_request("127.0.0.1")) == "127.0.0.1"


@override_settings(RUTA_TRUSTED_PROXIES=["127.0.0.1"])
def test_the_audit_history_records_the_clients_address(person):
    request = _request("127.0.0.1", "203.0.113.7")
    request.user = person
    context = AuditContextMiddleware(lambda request: None).get_context(request)
    assert context["ip"] == "203.0.113.7"


def test_createsuperuser_without_input_keeps_the_password_policy(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "corta")
    with pytest.raises((CommandError, ValidationError)):
        call_command(
            "createsuperuser", "--noinput", "--email", "Jefa@example.org", verbosity=0
        )
    assert not User.objects.exists()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command(
        "createsuperuser", "--noinput", "--email", "Jefa@example.org", verbosity=0
    )
    assert User.objects.get().email == "jefa@example.org"


def test_set_password_through_the_manager_refuses_a_short_password(db):
    with pytest.raises(ValidationError):
        User.objects.create_user("breve@example.org", "Ab3$efg9hij")
