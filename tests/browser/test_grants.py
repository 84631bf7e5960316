"""A grants call in the browser: staff review a document and decide
eligibility on the application's file, the reviewer scores with the rubric,
staff run the allocation and read its explanation, and the public reads the
result and the register's aggregates, with no personal data; axe-core on
every page."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from playwright.sync_api import expect

from ruta.accounts.models import Role
from tests.browser.conftest import axe_violations, sign_in


def _call_with_an_eligible_application() -> dict:
    from ruta.grants import services
    from testkit.grants import (
        apply,
        complete_documents,
        make_call,
        make_organization,
        user_with,
    )

    with transaction.atomic():
        call = make_call()
        staff = user_with(Role.VALIDATOR, call.agency)
        reviewer = user_with(Role.REVIEWER, call.agency)
        applicant = user_with(Role.APPLICANT)
        organization = make_organization(1, applicant)
        application = apply(call, organization, applicant, 1, day=2)
        complete_documents(application, applicant, staff)
        services.application_eligibility_decide(application=application, actor=staff)
    return {
        "call": call,
        "staff": staff,
        "reviewer": reviewer,
        "application": application,
        "organization": organization,
    }


def test_a_reviewer_scores_staff_allocate_and_the_public_reads_the_result(
    page, transactional_db
):
    from testkit.grants import marks_for

    world = _call_with_an_eligible_application()
    code, application = world["call"].code, world["application"]
    url = application.get_absolute_url()

    sign_in(page, world["reviewer"], then=url)
    assert axe_violations(page) == []
    for number, points in marks_for(Decimal("70")).items():
        page.locator(f"[name=mark_{number}]").fill(str(points))
    page.get_by_role("button", name="Guardar calificación").click()
    page.wait_for_load_state()
    assert application.scores.filter(reviewer=world["reviewer"]).exists()
    page.get_by_role("button", name="Salir").click()

    sign_in(page, world["staff"], then=f"/es-mx/apoyos/{code}/gestion/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ejecutar la asignación").click()
    page.wait_for_load_state()
    explanation = page.locator("body").inner_text()
    assert "Lugar 1 por calificación" in explanation
    assert axe_violations(page) == []
    page.get_by_role("button", name="Salir").click()

    page.goto(f"/es-mx/apoyos/{code}/fallo/")
    result = page.locator("main").inner_text()
    assert world["organization"].rfc in result
    assert "70.00" in result
    for personal in ("Coordinación 1", "coord1@example.org", "Representante 1"):
        assert personal not in page.content()
    assert axe_violations(page) == []
    page.goto(f"/es-mx/apoyos/{code}/padron/")
    assert axe_violations(page) == []


def test_staff_review_a_document_and_decide_eligibility_on_the_file(
    page, transactional_db
):
    from django.core.files.base import ContentFile

    from ruta.grants import services
    from ruta.grants.models import ApplicationStatus, DocumentStatus
    from testkit.grants import PDF, apply, make_call, make_organization, user_with

    with transaction.atomic():
        call = make_call()
        staff = user_with(Role.VALIDATOR, call.agency)
        applicant = user_with(Role.APPLICANT)
        application = apply(call, make_organization(1, applicant), applicant, 1)
        document = services.document_upload(
            application=application,
            requirement="7",
            file=ContentFile(PDF, name="acta.pdf"),
            actor=applicant,
        )

    sign_in(page, staff, then=application.get_absolute_url())
    assert axe_violations(page) == []
    page.get_by_label("Observación", exact=True).fill("El acta es ilegible.")
    page.get_by_role("button", name="Rechazar: 7").click()
    expect(page.get_by_role("status")).to_contain_text("Documento rechazado.")
    expect(page.locator("main")).to_contain_text("Rechazado: El acta es ilegible.")
    document.refresh_from_db()
    assert document.status == DocumentStatus.REJECTED
    page.get_by_role("button", name="Decidir elegibilidad (§3.4, §3.4.1)").click()
    expect(page.locator("main")).to_contain_text("No cumple:")
    application.refresh_from_db()
    assert application.status in (
        ApplicationStatus.OBSERVED,
        ApplicationStatus.NOT_ELIGIBLE,
    )
    assert axe_violations(page) == []
