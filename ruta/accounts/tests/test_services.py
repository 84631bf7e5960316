import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ruta.accounts.models import Role
from ruta.accounts.services import role_assign, user_create
from testkit.actors import TEST_ACTOR


def test_password_shorter_than_twelve_characters_is_refused(db):
    with pytest.raises(ValidationError, match="12"):
        user_create(email="corta@example.org", password="Ab3$efg9hij", actor=TEST_ACTOR)


def test_user_signs_in_with_email(client, db):
    user_create(
        email="Persona@Example.org", password="una-clave-larga-2024", actor=TEST_ACTOR
    )
    response = client.post(
        "/es-mx/cuentas/entrar/",
        {"username": "persona@example.org", "password": "una-clave-larga-2024"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_only_administrators_grant_roles(make_user, hermosillo):
    staff = make_user(Role.CAPTURE, municipality=hermosillo)
    with pytest.raises(PermissionDenied):
        role_assign(user=make_user(), role=Role.VALIDATOR, actor=staff)


def test_login_is_throttled_after_five_failures(client, db):
    user_create(
        email="intento@example.org", password="una-clave-larga-2024", actor=TEST_ACTOR
    )
    url = "/es-mx/cuentas/entrar/"
    for _ in range(5):
        client.post(url, {"username": "intento@example.org", "password": "mala"})
    response = client.post(
        url, {"username": "intento@example.org", "password": "una-clave-larga-2024"}
    )
    assert response.status_code == 429
