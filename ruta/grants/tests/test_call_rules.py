"""The rules of operation a call is run by: named by its staff, audited, linked
from the call's public page to the published document."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import Role
from ruta.demo.documents.demonstration import (
    DEMONSTRATIONS,
    PESO_POR_PESO_RULES_2021,
)
from ruta.demo.grants import CALL_CODE, grants_rules_link
from ruta.grants import services
from ruta.ingest.importers import IMPORTERS
from ruta.sources.models import DocumentKind, SourceDocument
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import AgencyFactory
from testkit.grants import make_call, user_with
from testkit.world import constraints_settled


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """A published call, its administering body's staff, the rules imported."""
    (demonstration,) = [d for d in DEMONSTRATIONS if d.seed == PESO_POR_PESO_RULES_2021]
    path = tmp_path_factory.mktemp("reglas") / demonstration.file_name
    path.write_text(demonstration.text(), encoding="utf-8")
    with django_db_blocker.unblock(), transaction.atomic():
        agency = AgencyFactory(code="pxp-administradora", name="Administradora")
        call = make_call(agency)
        rules = IMPORTERS["call-rules"].load(path=path, actor=TEST_ACTOR).document
        report = SourceDocument.objects.create(
            sha256="a" * 64, kind=DocumentKind.CECOP_ANNUAL_REPORT, name="informe.txt"
        )
        world = SimpleNamespace(
            call=call,
            rules=rules,
            report=report,
            staff=user_with(Role.VALIDATOR, agency),
            other_staff=user_with(Role.VALIDATOR, AgencyFactory(code="otra")),
            reviewer=user_with(Role.REVIEWER, agency),
            applicant=user_with(Role.APPLICANT),
        )
        constraints_settled()
        yield world
        transaction.set_rollback(True)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_calls_staff_name_its_rules_and_the_change_is_audited(world, db):
    call = services.call_rules_document_set(
        call=world.call, document=world.rules, actor=world.staff
    )
    call.refresh_from_db()
    assert call.rules_document == world.rules
    event = MiddlewareEvents.objects.tracks(call).order_by("pgh_created_at").last()
    assert event.pgh_data["rules_document_id"] == world.rules.pk
    assert event.user_id == world.staff.pk
    assert event.pgh_context["service"] == "call_rules_document_set"


@pytest.mark.parametrize("who", ["other_staff", "reviewer", "applicant"])
def test_only_staff_of_the_administering_body_name_a_calls_rules(world, db, who):
    with pytest.raises(PermissionDenied):
        services.call_rules_document_set(
            call=world.call, document=world.rules, actor=getattr(world, who)
        )
    world.call.refresh_from_db()
    assert world.call.rules_document is None


def test_a_document_that_is_not_rules_of_operation_is_refused(world, db):
    with pytest.raises(ValidationError) as refused:
        services.call_rules_document_set(
            call=world.call, document=world.report, actor=world.staff
        )
    assert refused.value.error_dict["document"][0].code == "not_call_rules"


def test_the_call_page_links_to_the_published_rules(world, db):
    services.call_rules_document_set(
        call=world.call, document=world.rules, actor=TEST_ACTOR
    )
    page = _client().get(world.call.get_absolute_url()).content.decode()
    assert f'href="/es-mx/documentos/{world.rules.sha256}/"' in page
    assert world.rules.name in page


def test_a_call_without_rules_shows_no_link_to_them(world, db):
    page = _client().get(world.call.get_absolute_url()).content.decode()
    assert world.rules.sha256 not in page
    assert "Reglas de operación</dt>" not in page


def test_the_call_page_counts_what_the_reading_of_its_rules_found(world, db):
    changed = SourceDocument.objects.create(
        sha256="b" * 64, kind=DocumentKind.CALL_RULES, name="reglas-2.txt"
    )
    changed.findings.create(code="rule_figure_differs", message="m", where="w")
    services.call_rules_document_set(
        call=world.call, document=changed, actor=TEST_ACTOR
    )
    page = _client().get(world.call.get_absolute_url()).content.decode()
    assert f'href="/es-mx/documentos/{changed.sha256}/#hallazgos"' in page
    assert "1 hallazgo de su lectura" in page


def test_the_call_page_says_when_the_rules_print_another_maximum(world, db):
    printing = SourceDocument.objects.create(
        sha256="c" * 64,
        kind=DocumentKind.CALL_RULES,
        name="reglas-con-tope.txt",
        summary={"max_per_project": "250000.00"},
    )
    services.call_rules_document_set(
        call=world.call, document=printing, actor=TEST_ACTOR
    )
    page = _client().get(world.call.get_absolute_url()).content.decode()
    assert "$200,000.00 (las reglas de operación imprimen $250,000.00)" in page


def test_staff_name_the_rules_on_the_calls_management_page(world, db):
    url = reverse("grants:rules", args=[world.call.code])
    manage = _client(world.staff).get(reverse("grants:manage", args=[world.call.code]))
    assert world.rules.name in manage.content.decode()  # offered in the form
    answer = _client(world.staff).post(url, {"document": world.rules.sha256})
    assert answer.status_code == 302
    world.call.refresh_from_db()
    assert world.call.rules_document == world.rules
    _client(world.staff).post(url, {"document": ""})
    world.call.refresh_from_db()
    assert world.call.rules_document is None


def test_a_reviewer_of_the_call_may_not_name_its_rules_on_the_site(world, db):
    url = reverse("grants:rules", args=[world.call.code])
    answer = _client(world.reviewer).post(url, {"document": world.rules.sha256})
    assert answer.status_code == 403
    world.call.refresh_from_db()
    assert world.call.rules_document is None


def test_the_demo_links_its_peso_por_peso_call_to_the_imported_rules(world, db):
    assert grants_rules_link(world.rules) is False  # the demo call is not loaded
    world.call.code = CALL_CODE
    world.call.save(update_fields=["code"])
    assert grants_rules_link(world.rules) is True
    assert grants_rules_link(world.rules) is False  # already linked
    world.call.refresh_from_db()
    assert world.call.rules_document == world.rules
