"""Refusals and errors answer the site's page, in the reader's language, saying why."""

from __future__ import annotations

import psycopg
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from ruta.accounts.models import Role
from ruta.accounts.permissions import Action, NotPermitted, Scope, require
from ruta.common.refusals import Refused, refusal_sentence, refused_text
from ruta.portal.errors import (
    bad_request,
    database_unreachable,
    permission_denied,
    server_error,
)
from testkit.factories.catalog import AgencyFactory

pytestmark = pytest.mark.django_db

STYLED = 'class="site-header"'


def _page(response) -> str:
    html = response.content.decode()
    assert STYLED in html
    return html


def test_a_refusal_of_the_rules_says_in_spanish_what_the_account_may_not_do(
    client, make_user
):
    client.force_login(make_user(Role.COMMITTEE))
    response = client.get(reverse("accounts:audit"))
    assert response.status_code == 403
    html = _page(response)
    assert '<html lang="es-mx">' in html
    assert "Sin permiso para esta página" in html
    assert 'href="/es-mx/cuentas/mesa/"' in html  # what the account may do
    assert "403 Forbidden" not in html


def test_a_refusal_names_the_action_in_the_readers_language(make_user):
    user = make_user(Role.COMMITTEE)
    with pytest.raises(NotPermitted) as refused:
        require(user, Action.CAPTURE, Scope(agency_id=AgencyFactory().pk))
    assert "may not data.capture here" in str(refused.value)  # for the logs
    with translation.override("es-mx"):
        assert refused.value.sentence == (
            "Su cuenta no tiene permiso para capturar datos en esta dependencia "
            "o municipio."
        )
    with translation.override("en"):
        assert "capture data" in refused.value.sentence
        assert "data.capture" not in refused.value.sentence


def test_a_refusal_kept_as_json_is_worded_again_in_the_readers_language(make_user):
    kept = NotPermitted(make_user(), Action.VALIDATE, anywhere=True).as_dict()
    with translation.override("es-mx"):
        assert refused_text(kept) == (
            "Su cuenta no tiene permiso para validar y aprobar datos."
        )
    with translation.override("en"):
        assert refused_text(kept) == (
            "Your account is not allowed to validate and approve data."
        )


def test_a_person_is_never_shown_a_refusals_internal_message():
    with translation.override("es-mx"):
        bare = refusal_sentence(PermissionDenied("user 3 may not data.capture here"))
        assert bare == "Su cuenta no tiene permiso para hacer esto."
        assert refusal_sentence(Refused("internal")) == bare
        worded = refusal_sentence(ValidationError("La consulta está cerrada."))
        assert worded == "La consulta está cerrada."


def test_an_anonymous_refusal_offers_to_sign_in():
    request = RequestFactory().get("/es-mx/algo/")
    request.user = AnonymousUser()
    with translation.override("es-mx"):
        html = _page(permission_denied(request, PermissionDenied()))
    assert "/es-mx/cuentas/entrar/?next=/es-mx/algo/" in html


def test_a_page_opened_that_only_takes_a_form_answers_405_in_the_layout(
    client, make_user
):
    client.force_login(make_user())
    for language, words in (("es-mx", "no se abre así"), ("en", "not opened")):
        response = client.get(f"/{language}/cuentas/salir/")
        assert response.status_code == 405
        assert response["Allow"] == "POST, OPTIONS"
        html = _page(response)
        assert f'<html lang="{language}">' in html
        assert words in html.lower()


def test_the_api_keeps_its_own_405():
    response = Client().post("/api/v1/works/")
    assert response.status_code == 405
    assert "site-header" not in response.content.decode()


def test_a_form_the_csrf_check_refuses_says_how_to_send_it_again(make_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    response = client.post("/es-mx/cuentas/salir/")
    assert response.status_code == 403
    html = _page(response)
    assert "No se aceptó el formulario" in html
    assert "CSRF" not in html


def test_a_bad_request_answers_in_the_sites_layout():
    request = RequestFactory().get("/es-mx/")
    request.user = AnonymousUser()
    with translation.override("es-mx"):
        response = bad_request(request, ValueError())
    assert response.status_code == 400
    assert "Solicitud no válida" in _page(response)


def test_a_database_out_of_reach_answers_503_with_a_retry():
    # Django calls the 500 handler while the view's exception is being handled.
    try:
        raise OperationalError("connection refused") from psycopg.OperationalError(
            "connection to server failed"
        )
    except OperationalError:
        answer = server_error(RequestFactory().get("/es-mx/"))
    assert answer.status_code == 503
    assert answer["Retry-After"] == "30"
    assert "Intente de nuevo en unos minutos" in answer.content.decode()


def test_a_query_that_ran_too_long_is_no_outage():
    timed_out = OperationalError("canceling statement due to statement timeout")
    timed_out.__cause__ = psycopg.errors.QueryCanceled("timeout")
    assert not database_unreachable(timed_out)
    assert database_unreachable(InterfaceError("connection already closed"))
